//! The success envelope of SPEC §4: `{success, message, data, requestId}` plus `pagination`
//! (and `total` when asked) on lists, `201` with `Location` on create.

use crate::context::RequestContext;
use crate::i18n::{self, Msg};
use actix_web::HttpResponse;
use actix_web::http::{StatusCode, header};
use serde::Serialize;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Envelope<'a, T: Serialize> {
    success: bool,
    message: &'a str,
    data: T,
    #[serde(skip_serializing_if = "Option::is_none")]
    pagination: Option<Pagination>,
    #[serde(skip_serializing_if = "Option::is_none")]
    total: Option<u64>,
    request_id: &'a str,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Pagination {
    pub limit: u16,
    pub next_cursor: Option<String>,
}

fn respond<T: Serialize>(
    status: StatusCode,
    msg: Msg,
    data: T,
    pagination: Option<Pagination>,
    total: Option<u64>,
) -> HttpResponse {
    let ctx = RequestContext::current();
    HttpResponse::build(status).json(Envelope {
        success: true,
        message: i18n::text(msg, ctx.locale),
        data,
        pagination,
        total,
        request_id: &ctx.request_id,
    })
}

/// `200` with `data`.
pub fn ok<T: Serialize>(data: T) -> HttpResponse {
    respond(StatusCode::OK, Msg::Ok, data, None, None)
}

/// `200` with a specific message.
pub fn ok_with<T: Serialize>(msg: Msg, data: T) -> HttpResponse {
    respond(StatusCode::OK, msg, data, None, None)
}

/// Any status with a specific message (readiness answers 503 in the success shape).
pub fn with_status<T: Serialize>(status: StatusCode, msg: Msg, data: T) -> HttpResponse {
    respond(status, msg, data, None, None)
}

/// `201` with `Location`.
pub fn created<T: Serialize>(location: &str, data: T) -> HttpResponse {
    let mut response = respond(StatusCode::CREATED, Msg::Created, data, None, None);
    if let Ok(value) = header::HeaderValue::from_str(location) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    response
}

/// A page of a list.
pub fn page<T: Serialize>(
    items: Vec<T>,
    pagination: Pagination,
    total: Option<u64>,
) -> HttpResponse {
    respond(StatusCode::OK, Msg::Ok, items, Some(pagination), total)
}
