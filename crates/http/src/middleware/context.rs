//! The outermost middleware: gives each request its id and language, runs the rest of the
//! chain inside that context and a tracing span, resolves the client's IP address (see
//! `client_ip`), turns actix's bare 404/405 answers into the API's error envelope, adds the
//! request id and security headers, and writes one access-log line and the HTTP metrics per
//! request.

use crate::client_ip::ClientIp;
use crate::context::{RequestContext, accept_request_id, negotiate_locale};
use crate::error::{ApiError, ErrorCode};
use crate::extract::auth::Client;
use crate::settings::HttpSettings;
use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::error::InternalError;
use actix_web::http::header::{self, HeaderMap, HeaderName, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{Error, FromRequest, HttpMessage, ResponseError, web};
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
    let settings = req.app_data::<web::Data<HttpSettings>>();
    let default_locale = settings.map(|s| s.default_locale).unwrap_or_default();
    let hsts = settings.is_some_and(|s| s.hsts);
    // Resolved once here, read everywhere through `client_ip::client_ip`.
    let client = settings.and_then(|s| {
        s.trusted_proxies
            .resolve(req.peer_addr().map(|a| a.ip()), req.headers())
    });
    if let Some(ip) = client {
        req.extensions_mut().insert(ClientIp(ip));
    }
    let header_str = |name| {
        req.headers()
            .get(name)
            .and_then(|v: &HeaderValue| v.to_str().ok())
    };
    let request_id = accept_request_id(header_str(X_REQUEST_ID));
    let locale = negotiate_locale(header_str(header::ACCEPT_LANGUAGE), default_locale);
    let method = req.method().to_string();
    // The one resolution of the client address (`Client`), so the audit log records the
    // address sessions record.
    let client_ip = Client::extract(req.request())
        .into_inner()
        .ok()
        .and_then(|c| c.0.ip)
        .map(Into::into);
    let ctx = RequestContext {
        request_id: request_id.clone().into(),
        locale,
        client_ip,
    };
    let span = tracing::info_span!("request", request_id = %request_id);

    // Errors raised by middleware (not handlers) are rendered here, inside the context, so
    // they get the envelope in the caller's language too.
    let outcome = ctx
        .scope(async move {
            match next.call(req).await {
                Ok(res) => Ok(envelope_bare_errors(res.map_into_boxed_body())),
                Err(err) => Err((err.to_string(), err.error_response())),
            }
        })
        .instrument(span.clone())
        .await;

    let (status, route, user_id, result) = match outcome {
        Ok(mut response) => {
            decorate(response.headers_mut(), &request_id, locale, hsts);
            let route = response
                .request()
                .match_pattern()
                .unwrap_or_else(|| "unmatched".to_owned());
            let user_id = response
                .request()
                .extensions()
                .get::<CallerId>()
                .map(|c| c.0.to_string());
            (response.status().as_u16(), route, user_id, Ok(response))
        }
        Err((cause, mut response)) => {
            decorate(response.headers_mut(), &request_id, locale, hsts);
            let status = response.status().as_u16();
            (
                status,
                "unmatched".to_owned(),
                None,
                Err(InternalError::from_response(cause, response).into()),
            )
        }
    };
    let latency = started.elapsed();
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
    result
}

/// Request id, language and the security headers of SPEC §4 on every response.
fn decorate(
    headers: &mut HeaderMap,
    request_id: &str,
    locale: basma_domain::model::Locale,
    hsts: bool,
) {
    if let Ok(value) = HeaderValue::from_str(request_id) {
        headers.insert(X_REQUEST_ID, value);
    }
    headers.insert(
        header::CONTENT_LANGUAGE,
        HeaderValue::from_static(locale.as_str()),
    );
    super::headers::apply_security_headers(headers, hsts);
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
