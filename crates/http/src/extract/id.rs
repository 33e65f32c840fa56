//! The `{id}` of a path, parsed into the domain's id type. A value that is not a UUID cannot
//! name anything, so it is 404, as for an unknown id. Put it last among a handler's
//! arguments: extractors run in order, and a bad id then answers after the caller's token and
//! body were checked, as it always has.

use crate::error::ApiError;
use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest};
use std::future::{Ready, ready};
use std::str::FromStr;

/// `{id}` as a `T` (`RequestId`, `PropertyId`, …).
#[derive(Debug, Clone, Copy)]
pub struct Id<T>(pub T);

impl<T: FromStr> FromRequest for Id<T> {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let id = req.match_info().get("id").and_then(|raw| raw.parse().ok());
        ready(id.map(Id).ok_or_else(ApiError::not_found))
    }
}
