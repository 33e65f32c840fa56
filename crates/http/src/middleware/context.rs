//! The outermost middleware: gives each request its id and language, runs the rest of the
//! chain inside that context and a tracing span, turns actix's bare 404/405 answers into the
//! API's error envelope, and writes one access-log line and the HTTP metrics per request.

use crate::context::{RequestContext, accept_request_id, negotiate_locale};
use crate::error::{ApiError, ErrorCode};
use crate::state::AppState;
use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{Error, HttpMessage, ResponseError, web};
use basma_domain::model::UserId;
use std::time::Instant;
use tracing::Instrument;

const X_REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// The id of the signed-in caller, left in the request extensions by the auth extractor so
/// the access log can name them.
#[derive(Debug, Clone, Copy)]
pub struct CallerId(pub UserId);

pub async fn request_context(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    let started = Instant::now();
    let default_locale = req
        .app_data::<web::Data<AppState>>()
        .map(|s| s.settings.default_locale)
        .unwrap_or_default();
    let header_str = |name| req.headers().get(name).and_then(|v: &HeaderValue| v.to_str().ok());
    let request_id = accept_request_id(header_str(X_REQUEST_ID));
    let locale = negotiate_locale(header_str(header::ACCEPT_LANGUAGE), default_locale);
    let method = req.method().to_string();
    let http_req = req.request().clone();
    let ctx = RequestContext { request_id: request_id.clone().into(), locale };
    let span = tracing::info_span!("request", request_id = %request_id);

    let response = ctx
        .scope(async move {
            let response = match next.call(req).await {
                Ok(res) => res.map_into_boxed_body(),
                Err(err) => ServiceResponse::new(http_req, err.error_response()),
            };
            envelope_bare_errors(response)
        })
        .instrument(span.clone())
        .await;

    let mut response = response;
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(&request_id) {
        headers.insert(X_REQUEST_ID, value);
    }
    headers.insert(header::CONTENT_LANGUAGE, HeaderValue::from_static(locale.as_str()));

    let route = response.request().match_pattern().unwrap_or_else(|| "unmatched".to_owned());
    let status = response.status().as_u16();
    let latency = started.elapsed();
    let user_id = response.request().extensions().get::<CallerId>().map(|c| c.0.to_string());
    span.in_scope(|| {
        tracing::info!(
            target: "basma::access",
            method = %method,
            route = %route,
            status,
            latency_ms = latency.as_secs_f64() * 1000.0,
            user_id = user_id.as_deref().unwrap_or("-"),
            "request served"
        );
    });
    crate::metrics::observe_http(&method, &route, status, latency);
    Ok(response)
}

/// actix answers unknown routes (404) and wrong methods (405) itself, with an empty body;
/// those become the error envelope. Our own JSON errors carry a content type and pass.
fn envelope_bare_errors(response: ServiceResponse<BoxBody>) -> ServiceResponse<BoxBody> {
    let bare = !response.headers().contains_key(header::CONTENT_TYPE);
    let code = match response.status().as_u16() {
        404 if bare => ErrorCode::NotFound,
        405 if bare => ErrorCode::MethodNotAllowed,
        _ => return response,
    };
    let (req, _) = response.into_parts();
    ServiceResponse::new(req, ApiError::new(code).error_response())
}
