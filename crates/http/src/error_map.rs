//! How each domain error becomes an [`ApiError`]: one `From` per use-case error enum, so
//! handlers just use `?`.

use crate::error::{ApiError, ErrorCode};
use basma_domain::services::accounts::AuthError;
use basma_domain::services::users::UserAdminError;

impl From<AuthError> for ApiError {
    fn from(err: AuthError) -> Self {
        match err {
            AuthError::Validation(errors) => ApiError::validation(errors),
            AuthError::EmailTaken => ApiError::new(ErrorCode::EmailTaken),
            AuthError::PhoneTaken => ApiError::new(ErrorCode::Conflict).with_cause("phone taken"),
            AuthError::InvalidCredentials => ApiError::new(ErrorCode::InvalidCredentials),
            AuthError::Locked {
                retry_after_seconds,
            } => ApiError::new(ErrorCode::RateLimited).retry_after(retry_after_seconds),
            AuthError::EmailNotVerified => ApiError::new(ErrorCode::EmailNotVerified),
            AuthError::AccountDisabled => ApiError::new(ErrorCode::AccountDisabled),
            AuthError::InvalidToken => ApiError::new(ErrorCode::InvalidToken),
            AuthError::TokenExpired => ApiError::new(ErrorCode::TokenExpired),
            AuthError::NotFound => ApiError::not_found(),
            AuthError::Store(e) => e.into(),
        }
    }
}

impl From<UserAdminError> for ApiError {
    fn from(err: UserAdminError) -> Self {
        match err {
            UserAdminError::Validation(errors) => ApiError::validation(errors),
            UserAdminError::Forbidden => ApiError::forbidden(),
            UserAdminError::NotFound => ApiError::not_found(),
            UserAdminError::EmailTaken => ApiError::new(ErrorCode::EmailTaken),
            UserAdminError::Conflict(what) => ApiError::new(ErrorCode::Conflict).with_cause(what),
            UserAdminError::Store(e) => e.into(),
        }
    }
}

/// A path or query id that is not a UUID: the thing cannot exist, so 404.
pub fn parse_id<T: std::str::FromStr>(raw: &str) -> Result<T, ApiError> {
    raw.parse().map_err(|_| ApiError::not_found())
}
