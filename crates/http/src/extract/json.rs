//! A JSON body extractor that speaks the API's error contract: a body that is not
//! `application/json` is 415, one over the limit is 413, broken JSON is `MALFORMED_JSON`, and a
//! value of the wrong type is a `VALIDATION_ERROR` naming the field.

use crate::error::{ApiError, ErrorCode};
use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpMessage, HttpRequest, mime, web};
use basma_domain::validation::{Rule, ValidationErrors};
use futures_util::StreamExt;
use futures_util::future::LocalBoxFuture;
use serde::de::DeserializeOwned;

/// The largest JSON body accepted (an Arabic 5000-character description fits easily).
pub const BODY_LIMIT: usize = 64 * 1024;

/// A JSON request body.
#[derive(Debug)]
pub struct Json<T>(pub T);

impl<T: DeserializeOwned + 'static> FromRequest for Json<T> {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let content_type_ok = is_json(req);
        let declared_length = req
            .headers()
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<usize>().ok());
        let mut payload = payload.take();
        Box::pin(async move {
            if !content_type_ok {
                return Err(ApiError::new(ErrorCode::UnsupportedMediaType));
            }
            if declared_length.is_some_and(|n| n > BODY_LIMIT) {
                return Err(ApiError::new(ErrorCode::PayloadTooLarge));
            }
            let mut body = web::BytesMut::new();
            while let Some(chunk) = payload.next().await {
                let chunk =
                    chunk.map_err(|e| ApiError::new(ErrorCode::MalformedJson).with_cause(e))?;
                if body.len() + chunk.len() > BODY_LIMIT {
                    return Err(ApiError::new(ErrorCode::PayloadTooLarge));
                }
                body.extend_from_slice(&chunk);
            }
            parse(&body).map(Json)
        })
    }
}

fn is_json(req: &HttpRequest) -> bool {
    matches!(req.mime_type(), Ok(Some(m)) if m.type_() == mime::APPLICATION
        && (m.subtype() == mime::JSON || m.suffix() == Some(mime::JSON)))
}

/// Parses a body, telling broken JSON apart from well-formed JSON of the wrong shape.
pub fn parse<T: DeserializeOwned>(body: &[u8]) -> Result<T, ApiError> {
    let mut de = serde_json::Deserializer::from_slice(body);
    let value: T = serde_path_to_error::deserialize(&mut de).map_err(|err| {
        let path = err.path().to_string();
        let inner = err.into_inner();
        if inner.is_data() {
            let field = if path == "." { "body".to_owned() } else { path };
            let expected = expected_type(&inner.to_string());
            ApiError::validation(ValidationErrors::single(
                &field,
                Rule::WrongType { expected },
            ))
        } else {
            ApiError::new(ErrorCode::MalformedJson).with_cause(inner)
        }
    })?;
    de.end()
        .map_err(|e| ApiError::new(ErrorCode::MalformedJson).with_cause(e))?;
    Ok(value)
}

/// Pulls "a string" out of serde's "invalid type: integer `5`, expected a string".
fn expected_type(message: &str) -> String {
    message
        .split("expected ")
        .nth(1)
        .map(|rest| {
            rest.split(" at line")
                .next()
                .unwrap_or(rest)
                .trim()
                .to_owned()
        })
        .unwrap_or_else(|| "another type".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct Body {
        title: Option<String>,
    }

    #[test]
    fn broken_json_is_malformed() {
        assert_eq!(
            parse::<Body>(b"{\"title\":").unwrap_err().code,
            ErrorCode::MalformedJson
        );
        assert_eq!(
            parse::<Body>(b"{} trailing").unwrap_err().code,
            ErrorCode::MalformedJson
        );
        assert_eq!(
            parse::<Body>(b"").unwrap_err().code,
            ErrorCode::MalformedJson
        );
    }

    #[test]
    fn wrong_type_names_the_field() {
        let err = parse::<Body>(b"{\"title\":5}").unwrap_err();
        assert_eq!(err.code, ErrorCode::ValidationError);
        assert!(format!("{:?}", err.details).contains("title"));
    }
}
