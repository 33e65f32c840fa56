//! The success envelope of SPEC §4: `{success, message, data, requestId}` plus `pagination`
//! (and `total` when asked) on lists, `201` with `Location` on create. [`Envelope`] and
//! [`Page`] are both what handlers serialise and what the document describes, generic over
//! the `data` shape, so the two cannot differ.

use crate::context::RequestContext;
use crate::i18n::{self, Msg};
use actix_web::HttpResponse;
use actix_web::http::{StatusCode, header};
use serde::Serialize;
use utoipa::ToSchema;

/// `{success: true, message, data, requestId}`.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Envelope<T> {
    /// Always `true` here.
    pub success: bool,
    /// What happened, in the caller's language (`Content-Language`).
    pub message: &'static str,
    pub data: T,
    /// Also in the `X-Request-Id` header and every log line of this request.
    pub request_id: String,
}

/// A page of a list: the envelope plus `pagination` (and `total` when asked).
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Page<T> {
    pub success: bool,
    pub message: &'static str,
    pub data: Vec<T>,
    pub pagination: Pagination,
    /// Only with `includeTotal=true`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total: Option<u64>,
    pub request_id: String,
}

/// Keyset pagination: pass `nextCursor` back as `cursor`; `null` on the last page.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Pagination {
    #[schema(minimum = 1, maximum = 100)]
    pub limit: u16,
    pub next_cursor: Option<String>,
}

/// The localised message and the request id of the current request.
fn context(msg: Msg) -> (&'static str, String) {
    let ctx = RequestContext::current();
    (i18n::text(msg, ctx.locale), ctx.request_id.to_string())
}

/// Any status with a specific message (readiness answers 503 in the success shape).
pub fn with_status<T: Serialize>(status: StatusCode, msg: Msg, data: T) -> HttpResponse {
    let (message, request_id) = context(msg);
    HttpResponse::build(status).json(Envelope {
        success: true,
        message,
        data,
        request_id,
    })
}

/// `200` with `data`.
pub fn ok<T: Serialize>(data: T) -> HttpResponse {
    with_status(StatusCode::OK, Msg::Ok, data)
}

/// `200` with a specific message.
pub fn ok_with<T: Serialize>(msg: Msg, data: T) -> HttpResponse {
    with_status(StatusCode::OK, msg, data)
}

/// `201` with `Location`.
pub fn created<T: Serialize>(location: &str, data: T) -> HttpResponse {
    let mut response = with_status(StatusCode::CREATED, Msg::Created, data);
    if let Ok(value) = header::HeaderValue::from_str(location) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    response
}

/// A page of a list.
pub fn page<T: Serialize>(
    data: Vec<T>,
    pagination: Pagination,
    total: Option<u64>,
) -> HttpResponse {
    let (message, request_id) = context(Msg::Ok);
    HttpResponse::Ok().json(Page {
        success: true,
        message,
        data,
        pagination,
        total,
        request_id,
    })
}
