//! How each domain error becomes an [`ApiError`]: one `From` per use-case error enum, so
//! handlers just use `?`.

use crate::error::{ApiError, ErrorCode};
use basma_domain::services::accounts::AuthError;
use basma_domain::services::audit::AuditError;
use basma_domain::services::catalog::CatalogError;
use basma_domain::services::reports::ReportError;
use basma_domain::services::requests::RequestError;
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
            AuthError::Hashing(e) => ApiError::internal(e),
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
            UserAdminError::Hashing(e) => ApiError::internal(e),
            UserAdminError::Store(e) => e.into(),
        }
    }
}

impl From<RequestError> for ApiError {
    fn from(err: RequestError) -> Self {
        match err {
            RequestError::Validation(errors) => ApiError::validation(errors),
            RequestError::NotFound => ApiError::not_found(),
            RequestError::Forbidden => ApiError::forbidden(),
            RequestError::InvalidTransition { allowed } => ApiError::invalid_transition(
                allowed.iter().map(|s| s.as_str().to_owned()).collect(),
            ),
            RequestError::VersionConflict => ApiError::new(ErrorCode::VersionConflict),
            RequestError::AlreadyAssigned => {
                ApiError::new(ErrorCode::Conflict).with_cause("already_assigned")
            }
            RequestError::AlreadyRated => {
                ApiError::new(ErrorCode::Conflict).with_cause("already_rated")
            }
            RequestError::Conflict(what) => ApiError::new(ErrorCode::Conflict).with_cause(what),
            RequestError::Store(e) => e.into(),
        }
    }
}

impl From<CatalogError> for ApiError {
    fn from(err: CatalogError) -> Self {
        match err {
            CatalogError::Validation(errors) => ApiError::validation(errors),
            CatalogError::Forbidden => ApiError::forbidden(),
            CatalogError::NotFound => ApiError::not_found(),
            CatalogError::Conflict(what) => ApiError::new(ErrorCode::Conflict).with_cause(what),
            CatalogError::Store(e) => e.into(),
        }
    }
}

impl From<ReportError> for ApiError {
    fn from(err: ReportError) -> Self {
        match err {
            ReportError::Validation(errors) => ApiError::validation(errors),
            ReportError::Forbidden => ApiError::forbidden(),
            ReportError::Store(e) => e.into(),
        }
    }
}

impl From<AuditError> for ApiError {
    fn from(err: AuditError) -> Self {
        match err {
            AuditError::Forbidden => ApiError::forbidden(),
            AuditError::Store(e) => e.into(),
        }
    }
}
