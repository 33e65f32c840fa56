//! The audit log: security events (logins, lockouts, resets, revocations) and administrative
//! changes (users, catalog, request edits) with their old and new values. Append and read
//! only: nothing edits an entry, and only the retention purge deletes.

use super::{Page, RepoError};
use crate::model::{AuditEntry, AuditFilter, AuditRecord};
use async_trait::async_trait;
use chrono::{DateTime, Utc};

#[cfg_attr(any(test, feature = "mocks"), mockall::automock)]
#[async_trait]
pub trait AuditLog: Send + Sync {
    /// Appends one entry; entries are never updated.
    ///
    /// # Errors
    /// `Unavailable` / `Internal` from the store.
    async fn record(&self, entry: AuditEntry) -> Result<(), RepoError>;

    /// One page of the entries `filter` matches, newest first (`at`, then id, descending).
    /// `cursor` is a `pagination.nextCursor` of this list, already checked with
    /// `Cursor::decode`; one of another list yields an empty page.
    ///
    /// # Errors
    /// `Unavailable` / `Internal` from the store.
    async fn list(
        &self,
        filter: AuditFilter,
        cursor: Option<String>,
        limit: u16,
    ) -> Result<Page<AuditRecord>, RepoError>;

    /// Deletes at most `batch` of the oldest entries written before `before`; returns how
    /// many went (fewer than `batch`: nothing older is left).
    ///
    /// # Errors
    /// `Unavailable` / `Internal` from the store.
    async fn purge(&self, before: DateTime<Utc>, batch: u32) -> Result<u64, RepoError>;
}
