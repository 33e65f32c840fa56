//! The security audit log (logins, lockouts, resets, role changes, revocations).

use super::RepoError;
use crate::model::AuditEntry;
use async_trait::async_trait;

#[cfg_attr(feature = "mocks", mockall::automock)]
#[async_trait]
pub trait AuditLog: Send + Sync {
    /// Appends one entry; entries are never updated or deleted.
    ///
    /// # Errors
    /// `Unavailable` / `Internal` from the store.
    async fn record(&self, entry: AuditEntry) -> Result<(), RepoError>;
}
