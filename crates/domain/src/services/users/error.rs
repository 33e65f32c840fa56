//! What a user-administration use case answers besides success.

use crate::ports::{ConflictOn, HashError, RepoError};
use crate::services::accounts::AuthError;
use crate::validation::{Rule, ValidationErrors};

#[derive(Debug, thiserror::Error)]
pub enum UserAdminError {
    #[error("invalid input")]
    Validation(ValidationErrors),
    #[error("forbidden")]
    Forbidden,
    #[error("not found")]
    NotFound,
    #[error("email taken")]
    EmailTaken,
    /// `Phone` when taken, `LastSuperAdmin` when the change would leave none.
    #[error("conflict: {0}")]
    Conflict(ConflictOn),
    #[error(transparent)]
    Hashing(HashError),
    #[error(transparent)]
    Store(RepoError),
}

impl From<RepoError> for UserAdminError {
    fn from(err: RepoError) -> Self {
        match err {
            RepoError::NotFound => Self::NotFound,
            RepoError::Conflict(ConflictOn::Email) => Self::EmailTaken,
            RepoError::Conflict(ConflictOn::Reference) => {
                Self::Validation(ValidationErrors::single("propertyIds", Rule::Unknown))
            }
            RepoError::Conflict(rule) => Self::Conflict(rule),
            other => Self::Store(other),
        }
    }
}

impl From<ValidationErrors> for UserAdminError {
    fn from(errors: ValidationErrors) -> Self {
        Self::Validation(errors)
    }
}

impl From<HashError> for UserAdminError {
    fn from(err: HashError) -> Self {
        Self::Hashing(err)
    }
}

/// Revoking sessions on deactivation is the only account flow user administration runs; it
/// can fail only in the store.
impl From<AuthError> for UserAdminError {
    fn from(err: AuthError) -> Self {
        match err {
            AuthError::Store(e) => Self::Store(e),
            AuthError::NotFound => Self::NotFound,
            AuthError::EmailTaken => Self::EmailTaken,
            AuthError::PhoneTaken => Self::Conflict(ConflictOn::Phone),
            AuthError::Hashing(e) => Self::Hashing(e),
            other => Self::Store(RepoError::Internal(other.to_string())),
        }
    }
}
