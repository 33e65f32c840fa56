//! The one API error type. Every failure a client can see is an [`ApiError`]: a stable
//! UPPER_SNAKE_CASE code with a fixed HTTP status (the table is pinned by a unit test), a
//! message in the caller's language, and field details. 5xx bodies are generic; their cause
//! goes to the log only.

use crate::context::RequestContext;
use crate::i18n;
use actix_web::http::{StatusCode, header};
use actix_web::{HttpResponse, ResponseError};
use basma_domain::ports::RepoError;
use basma_domain::validation::{FieldError, ValidationErrors};
use serde::Serialize;

/// Declares [`ErrorCode`] from one table: variant, stable code, HTTP status.
macro_rules! error_codes {
    ($($variant:ident $code:literal $status:ident,)*) => {
        /// Every error code of SPEC §4 (plus `METHOD_NOT_ALLOWED`).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum ErrorCode {
            $($variant,)*
        }

        impl ErrorCode {
            pub const ALL: [ErrorCode; [$($code),*].len()] = [$(ErrorCode::$variant),*];

            pub fn as_str(self) -> &'static str {
                match self {
                    $(ErrorCode::$variant => $code,)*
                }
            }

            /// The explicit status table of SPEC §4.
            pub fn status(self) -> StatusCode {
                match self {
                    $(ErrorCode::$variant => StatusCode::$status,)*
                }
            }
        }
    };
}

error_codes! {
    ValidationError "VALIDATION_ERROR" BAD_REQUEST,
    MalformedJson "MALFORMED_JSON" BAD_REQUEST,
    Unauthenticated "UNAUTHENTICATED" UNAUTHORIZED,
    InvalidToken "INVALID_TOKEN" UNAUTHORIZED,
    TokenExpired "TOKEN_EXPIRED" UNAUTHORIZED,
    InvalidCredentials "INVALID_CREDENTIALS" UNAUTHORIZED,
    Forbidden "FORBIDDEN" FORBIDDEN,
    EmailNotVerified "EMAIL_NOT_VERIFIED" FORBIDDEN,
    AccountDisabled "ACCOUNT_DISABLED" FORBIDDEN,
    NotFound "NOT_FOUND" NOT_FOUND,
    MethodNotAllowed "METHOD_NOT_ALLOWED" METHOD_NOT_ALLOWED,
    Conflict "CONFLICT" CONFLICT,
    EmailTaken "EMAIL_TAKEN" CONFLICT,
    InvalidTransition "INVALID_TRANSITION" CONFLICT,
    VersionConflict "VERSION_CONFLICT" CONFLICT,
    PayloadTooLarge "PAYLOAD_TOO_LARGE" PAYLOAD_TOO_LARGE,
    UnsupportedMediaType "UNSUPPORTED_MEDIA_TYPE" UNSUPPORTED_MEDIA_TYPE,
    RateLimited "RATE_LIMITED" TOO_MANY_REQUESTS,
    ServiceUnavailable "SERVICE_UNAVAILABLE" SERVICE_UNAVAILABLE,
    InternalError "INTERNAL_ERROR" INTERNAL_SERVER_ERROR,
}

/// One entry of an error's `details`.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
#[schema(as = ErrorDetail)]
pub struct Detail {
    /// The field (or query parameter) at fault; `body` for the body as a whole.
    pub field: String,
    /// What is wrong, in the caller's language.
    pub message: String,
    /// For `INVALID_TRANSITION`: the statuses the request may move to next.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allowed: Option<Vec<String>>,
}

/// An error on its way to the client.
#[derive(Debug, thiserror::Error)]
#[error("{} {}", code.as_str(), cause.as_deref().unwrap_or(""))]
pub struct ApiError {
    pub code: ErrorCode,
    /// A specific message key overriding the code's default message.
    pub message: Option<i18n::Msg>,
    pub details: Vec<ErrorDetail>,
    pub retry_after_seconds: Option<u64>,
    /// Logged, never sent.
    pub cause: Option<String>,
}

/// A detail before localisation.
#[derive(Debug, Clone)]
pub enum ErrorDetail {
    Field(FieldError),
    AllowedStatuses(Vec<String>),
}

impl ApiError {
    pub fn new(code: ErrorCode) -> Self {
        Self {
            code,
            message: None,
            details: Vec::new(),
            retry_after_seconds: None,
            cause: None,
        }
    }

    pub fn with_message(mut self, message: i18n::Msg) -> Self {
        self.message = Some(message);
        self
    }

    pub fn with_cause(mut self, cause: impl std::fmt::Display) -> Self {
        self.cause = Some(cause.to_string());
        self
    }

    pub fn retry_after(mut self, seconds: u64) -> Self {
        self.retry_after_seconds = Some(seconds.max(1));
        self
    }

    pub fn not_found() -> Self {
        Self::new(ErrorCode::NotFound)
    }

    pub fn forbidden() -> Self {
        Self::new(ErrorCode::Forbidden)
    }

    pub fn internal(cause: impl std::fmt::Display) -> Self {
        Self::new(ErrorCode::InternalError).with_cause(cause)
    }

    pub fn validation(errors: ValidationErrors) -> Self {
        let mut err = Self::new(ErrorCode::ValidationError);
        err.details = errors.0.into_iter().map(ErrorDetail::Field).collect();
        err
    }

    pub fn invalid_transition(allowed: Vec<String>) -> Self {
        let mut err = Self::new(ErrorCode::InvalidTransition);
        err.details = vec![ErrorDetail::AllowedStatuses(allowed)];
        err
    }
}

impl From<ValidationErrors> for ApiError {
    fn from(errors: ValidationErrors) -> Self {
        Self::validation(errors)
    }
}

impl From<RepoError> for ApiError {
    fn from(err: RepoError) -> Self {
        match err {
            RepoError::NotFound => Self::not_found(),
            RepoError::VersionConflict => Self::new(ErrorCode::VersionConflict),
            RepoError::Conflict(what) => Self::new(ErrorCode::Conflict).with_cause(what),
            RepoError::Unavailable(cause) => Self::new(ErrorCode::ServiceUnavailable)
                .with_cause(cause)
                .retry_after(2),
            RepoError::Internal(cause) => Self::internal(cause),
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ErrorBody<'a> {
    success: bool,
    code: &'a str,
    message: &'a str,
    details: Vec<Detail>,
    request_id: &'a str,
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        self.code.status()
    }

    fn error_response(&self) -> HttpResponse {
        let ctx = RequestContext::current();
        if self.code.status().is_server_error() {
            tracing::error!(code = self.code.as_str(), cause = ?self.cause, "request failed");
        } else if let Some(cause) = &self.cause {
            tracing::debug!(code = self.code.as_str(), cause = %cause, "request refused");
        }
        let message = match self.message {
            Some(msg) => i18n::text(msg, ctx.locale),
            None => i18n::error_message(self.code, ctx.locale),
        };
        let details = self
            .details
            .iter()
            .map(|d| i18n::render_detail(d, ctx.locale))
            .collect();
        let body = ErrorBody {
            success: false,
            code: self.code.as_str(),
            message,
            details,
            request_id: &ctx.request_id,
        };
        let mut response = HttpResponse::build(self.code.status());
        if let Some(seconds) = self.retry_after_seconds {
            response.insert_header((header::RETRY_AFTER, seconds.to_string()));
        }
        response.json(body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_table_matches_the_spec() {
        let table: Vec<(&str, u16)> = ErrorCode::ALL
            .iter()
            .map(|c| (c.as_str(), c.status().as_u16()))
            .collect();
        assert_eq!(
            table,
            vec![
                ("VALIDATION_ERROR", 400),
                ("MALFORMED_JSON", 400),
                ("UNAUTHENTICATED", 401),
                ("INVALID_TOKEN", 401),
                ("TOKEN_EXPIRED", 401),
                ("INVALID_CREDENTIALS", 401),
                ("FORBIDDEN", 403),
                ("EMAIL_NOT_VERIFIED", 403),
                ("ACCOUNT_DISABLED", 403),
                ("NOT_FOUND", 404),
                ("METHOD_NOT_ALLOWED", 405),
                ("CONFLICT", 409),
                ("EMAIL_TAKEN", 409),
                ("INVALID_TRANSITION", 409),
                ("VERSION_CONFLICT", 409),
                ("PAYLOAD_TOO_LARGE", 413),
                ("UNSUPPORTED_MEDIA_TYPE", 415),
                ("RATE_LIMITED", 429),
                ("SERVICE_UNAVAILABLE", 503),
                ("INTERNAL_ERROR", 500),
            ]
        );
    }

    #[test]
    fn repo_errors_map_to_their_codes() {
        assert_eq!(
            ApiError::from(RepoError::NotFound).code,
            ErrorCode::NotFound
        );
        assert_eq!(
            ApiError::from(RepoError::VersionConflict).code,
            ErrorCode::VersionConflict
        );
        assert_eq!(
            ApiError::from(RepoError::Unavailable("x".into())).code,
            ErrorCode::ServiceUnavailable
        );
        assert_eq!(
            ApiError::from(RepoError::Internal("x".into())).code,
            ErrorCode::InternalError
        );
    }
}
