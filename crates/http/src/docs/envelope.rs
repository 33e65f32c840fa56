//! The error envelope of SPEC §4 as schemas (the success envelopes are `crate::envelope`'s
//! own types). Error answers get one schema per HTTP status, built from `ErrorCode::ALL` and
//! its status table, so `code` is exactly the enum of the stable codes that status can carry
//! and cannot drift from `error.rs`.

use crate::error::ErrorCode;
use utoipa::openapi::schema::{ArrayBuilder, ObjectBuilder, Schema, Type};
use utoipa::openapi::{Ref, RefOr};

/// The error statuses, each with its response component name and description.
#[rustfmt::skip]
pub const ERROR_STATUSES: [(u16, &str, &str); 11] = [
    (400, "BadRequest", "The request is malformed or fails validation (every field error at once)."),
    (401, "Unauthorized", "No valid credentials: missing, invalid or expired token, or wrong email/password."),
    (403, "Forbidden", "Signed in but not allowed (role, unverified email, disabled account)."),
    (404, "NotFound", "No such thing, or the caller may not see it (never 403, so nothing leaks)."),
    (405, "MethodNotAllowed", "The path exists but not with this method."),
    (409, "Conflict", "The change conflicts with the current state (in use, taken, invalid transition, stale version)."),
    (413, "PayloadTooLarge", "The JSON body is over 64 KiB."),
    (415, "UnsupportedMediaType", "The body is not `application/json`."),
    (429, "TooManyRequests", "Rate limited, or the account is locked after failed logins; see `Retry-After`."),
    (500, "InternalError", "Something broke on our side; the message is generic and the cause is in the logs."),
    (503, "ServiceUnavailable", "A dependency (the database) does not answer; retry after `Retry-After`."),
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
