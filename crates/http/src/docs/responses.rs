//! Reusable responses: one component per error status (the error envelope for that status
//! plus its headers), the markers handlers name in `#[utoipa::path(responses(...))]`, and the
//! headers every answer carries.

use super::envelope::{ERROR_STATUSES, error_schema};
use utoipa::openapi::header::{Header, HeaderBuilder};
use utoipa::openapi::schema::{ObjectBuilder, Type};
use utoipa::openapi::{Components, ContentBuilder, RefOr, Response, ResponseBuilder};

/// Defines a marker type per error response so annotations can write
/// `(status = 404, response = NotFound)`; the component itself is added by [`add_components`].
macro_rules! error_responses {
    ($($name:ident),* $(,)?) => {$(
        #[doc = concat!("The `", stringify!($name), "` error response.")]
        pub struct $name;

        impl<'s> utoipa::ToResponse<'s> for $name {
            fn response() -> (&'s str, RefOr<Response>) {
                (stringify!($name), error_response(stringify!($name)).into())
            }
        }
    )*};
}

error_responses!(
    BadRequest,
    Unauthorized,
    Forbidden,
    NotFound,
    MethodNotAllowed,
    Conflict,
    PayloadTooLarge,
    UnsupportedMediaType,
    TooManyRequests,
    InternalError,
    ServiceUnavailable,
);

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
