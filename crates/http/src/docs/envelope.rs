//! The two envelopes of SPEC §4 as schemas. Success answers are `Envelope<T>` (or `Page<T>`
//! for lists), generic over the `data` shape. Error answers get one schema per HTTP status,
//! built from `ErrorCode::ALL` and its status table, so `code` is exactly the enum of the
//! stable codes that status can carry and cannot drift from `error.rs`.

// Schema-only types: they are never built, only described.
#![allow(dead_code)]

use crate::error::ErrorCode;
use serde::Serialize;
use utoipa::ToSchema;
use utoipa::openapi::schema::{ArrayBuilder, ObjectBuilder, Schema, Type};
use utoipa::openapi::{Ref, RefOr};

/// `{success: true, message, data, requestId}`.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Envelope<T> {
    /// Always `true` here.
    pub success: bool,
    /// What happened, in the caller's language (`Content-Language`).
    pub message: String,
    pub data: T,
    /// Also in the `X-Request-Id` header and every log line of this request.
    pub request_id: String,
}

/// A page of a list: the envelope plus `pagination` (and `total` when asked).
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Page<T> {
    pub success: bool,
    pub message: String,
    pub data: Vec<T>,
    pub pagination: Pagination,
    /// Only with `includeTotal=true`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total: Option<u64>,
    pub request_id: String,
}

/// Keyset pagination: pass `nextCursor` back as `cursor`; `null` on the last page.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Pagination {
    #[schema(minimum = 1, maximum = 100)]
    pub limit: u16,
    pub next_cursor: Option<String>,
}

/// One entry of an error's `details`.
#[derive(Serialize, ToSchema)]
pub struct ErrorDetail {
    /// The field (or query parameter) at fault; `body` for the body as a whole.
    pub field: String,
    /// What is wrong, in the caller's language.
    pub message: String,
    /// For `INVALID_TRANSITION`: the statuses the request may move to next.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allowed: Option<Vec<String>>,
}

/// The error statuses, each with its response component name and description.
pub const ERROR_STATUSES: [(u16, &str, &str); 11] = [
    (
        400,
        "BadRequest",
        "The request is malformed or fails validation (every field error at once).",
    ),
    (
        401,
        "Unauthorized",
        "No valid credentials: missing, invalid or expired token, or wrong email/password.",
    ),
    (
        403,
        "Forbidden",
        "Signed in but not allowed (role, unverified email, disabled account).",
    ),
    (
        404,
        "NotFound",
        "No such thing, or the caller may not see it (never 403, so nothing leaks).",
    ),
    (
        405,
        "MethodNotAllowed",
        "The path exists but not with this method.",
    ),
    (
        409,
        "Conflict",
        "The change conflicts with the current state (in use, taken, invalid transition, stale version).",
    ),
    (413, "PayloadTooLarge", "The JSON body is over 64 KiB."),
    (
        415,
        "UnsupportedMediaType",
        "The body is not `application/json`.",
    ),
    (
        429,
        "TooManyRequests",
        "Rate limited, or the account is locked after failed logins; see `Retry-After`.",
    ),
    (
        500,
        "InternalError",
        "Something broke on our side; the message is generic and the cause is in the logs.",
    ),
    (
        503,
        "ServiceUnavailable",
        "A dependency (the database) does not answer; retry after `Retry-After`.",
    ),
];

/// The error envelope for `status`, `code` limited to the codes of that status.
pub fn error_schema(status: u16) -> Schema {
    let codes: Vec<&str> = ErrorCode::ALL
        .iter()
        .filter(|c| c.status().as_u16() == status)
        .map(|c| c.as_str())
        .collect();
    let string = || ObjectBuilder::new().schema_type(Type::String);
    ObjectBuilder::new()
        .description(Some(format!("The error envelope of a {status} answer.")))
        .property(
            "success",
            ObjectBuilder::new()
                .schema_type(Type::Boolean)
                .enum_values(Some([false])),
        )
        .property(
            "code",
            string()
                .enum_values(Some(codes))
                .description(Some("Stable UPPER_SNAKE_CASE code; never localized.")),
        )
        .property(
            "message",
            string().description(Some("In the caller's language.")),
        )
        .property(
            "details",
            ArrayBuilder::new().items(RefOr::Ref(Ref::from_schema_name("ErrorDetail"))),
        )
        .property("requestId", string())
        .required("success")
        .required("code")
        .required("message")
        .required("details")
        .required("requestId")
        .into()
}
