//! Reusable responses: one component per error status (the error envelope for that status
//! plus its headers), the error sets handlers name in `#[utoipa::path(responses(...))]`, and
//! the headers every answer carries.

use super::envelope::{ERROR_STATUSES, error_schema};
use std::collections::BTreeMap;
use utoipa::openapi::header::{Header, HeaderBuilder};
use utoipa::openapi::schema::{ObjectBuilder, Type};
use utoipa::openapi::{Components, ContentBuilder, RefOr, Response, ResponseBuilder};

/// Declares sets of error responses for `#[utoipa::path(responses(...))]`: each names the
/// statuses an operation adds to those every operation has (see `modify`), each a `$ref` to
/// the shared component of that status.
macro_rules! error_sets {
    ($($(#[$doc:meta])* $name:ident = [$($status:literal),*];)*) => {$(
        $(#[$doc])*
        pub struct $name;

        impl utoipa::IntoResponses for $name {
            fn responses() -> BTreeMap<String, RefOr<Response>> {
                [$($status),*]
                    .into_iter()
                    .filter_map(|status| Some((status.to_string(), error_ref(status)?)))
                    .collect()
            }
        }
    )*};
}

error_sets! {
    /// 400: a refused body or query.
    Invalid = [400];
    /// 401: a bad token or password.
    Unauthorized = [401];
    /// 403: the caller's role may not.
    Forbidden = [403];
    /// 404: nothing the caller may see has this id.
    NotFound = [404];
    /// 409: taken or in use.
    Conflict = [409];
    /// 400, 401: a bad value or a bad token.
    InvalidOrUnauthorized = [400, 401];
    /// 400, 403: a filtered read only some roles may make.
    Filtered = [400, 403];
    /// 401, 403: signing in (wrong credentials; unverified or disabled account).
    SignIn = [401, 403];
    /// 403, 404: a read of one thing only some roles may make.
    Guarded = [403, 404];
    /// 403, 409: a create only some roles may make.
    Create = [403, 409];
    /// 403, 404, 409: a change to something that exists.
    Write = [403, 404, 409];
    /// 400, 403, 404, 409: a change that also reads a query.
    WriteWithQuery = [400, 403, 404, 409];
}

/// `X-Request-Id`, on every response.
pub fn request_id_header() -> Header {
    string_header(
        "The request's id: the client's if it sent a valid one (1–64 of `[A-Za-z0-9._-]`), else a new one. Also in the body and the logs.",
    )
}

/// `Content-Language`, on every response.
pub fn content_language_header() -> Header {
    string_header("`ar` or `en`: the language of `message` (from `Accept-Language`).")
}

/// `Retry-After`, on 429 and 503.
pub fn retry_after_header() -> Header {
    HeaderBuilder::new()
        .schema(
            ObjectBuilder::new()
                .schema_type(Type::Integer)
                .minimum(Some(1)),
        )
        .description(Some("Seconds to wait before trying again."))
        .build()
}

/// `Location`, on 201.
pub fn location_header() -> Header {
    string_header("The path of what was created.")
}

fn string_header(description: &str) -> Header {
    HeaderBuilder::new()
        .schema(ObjectBuilder::new().schema_type(Type::String))
        .description(Some(description))
        .build()
}

/// The error response component called `name`.
fn error_response(name: &str) -> Response {
    let Some((status, _, description)) = ERROR_STATUSES.iter().find(|(_, n, _)| *n == name) else {
        return ResponseBuilder::new().description(name).build();
    };
    let content = ContentBuilder::new()
        .schema(Some(RefOr::Ref(utoipa::openapi::Ref::from_schema_name(
            format!("Error{status}"),
        ))))
        .build();
    let mut response = ResponseBuilder::new()
        .description(*description)
        .content("application/json", content)
        .header("X-Request-Id", request_id_header())
        .header("Content-Language", content_language_header());
    if matches!(status, 429 | 503) {
        response = response.header("Retry-After", retry_after_header());
    }
    if *status == 405 {
        response = response.header(
            "Allow",
            string_header("The methods this path serves, e.g. `GET, PATCH`."),
        );
    }
    response.build()
}

/// Adds the error schemas (`Error400` …) and responses (`BadRequest` …) to `components`.
pub fn add_components(components: &mut Components) {
    for (status, name, _) in ERROR_STATUSES {
        components
            .schemas
            .insert(format!("Error{status}"), error_schema(status).into());
        components
            .responses
            .insert(name.to_owned(), error_response(name).into());
    }
}

/// The `$ref` to the error response for `status`, if it is one of ours.
pub fn error_ref(status: u16) -> Option<RefOr<Response>> {
    ERROR_STATUSES
        .iter()
        .find(|(s, _, _)| *s == status)
        .map(|(_, name, _)| RefOr::Ref(utoipa::openapi::Ref::from_response_name(*name)))
}
