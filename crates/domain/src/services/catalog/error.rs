//! What a catalogue use case answers besides success.

use crate::ports::{ConflictOn, RepoError};
use crate::validation::ValidationErrors;

#[derive(Debug, thiserror::Error)]
pub enum CatalogError {
    #[error("invalid input")]
    Validation(ValidationErrors),
    #[error("forbidden")]
    Forbidden,
    #[error("not found")]
    NotFound,
    /// `Code` when the code is taken, `InUse` when something still refers to it.
    #[error("conflict: {0}")]
    Conflict(ConflictOn),
    #[error(transparent)]
    Store(RepoError),
}

impl From<RepoError> for CatalogError {
    fn from(err: RepoError) -> Self {
        match err {
            RepoError::NotFound => Self::NotFound,
            RepoError::Conflict(rule) => Self::Conflict(rule),
            other => Self::Store(other),
        }
    }
}

impl From<ValidationErrors> for CatalogError {
    fn from(errors: ValidationErrors) -> Self {
        Self::Validation(errors)
    }
}
