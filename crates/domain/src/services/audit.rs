//! The audit log as a reader sees it (SUPER_ADMIN only: list, CSV export) and its retention
//! purge; plus the one way the other services append a change to it.

use crate::model::{AuditAction, AuditEntry, AuditFilter, AuditRecord, AuditTarget, ChangeSet};
use crate::policy::{self, Actor};
use crate::ports::{AuditLog, Clock, Page, RepoError};
use chrono::{DateTime, Utc};
use std::sync::Arc;

/// Rows fetched per round trip of an export: the list's largest page.
const EXPORT_PAGE: u16 = 100;

/// Entries deleted per statement of the purge, so no delete holds locks for long.
pub const PURGE_BATCH: u32 = 1000;

#[derive(Debug, thiserror::Error)]
pub enum AuditError {
    #[error("forbidden")]
    Forbidden,
    #[error(transparent)]
    Store(#[from] RepoError),
}

/// Appends a change made by `actor` to `target`. The log must not undo what already
/// happened, so a failure to write it is not the caller's failure.
pub(crate) async fn record_change(
    log: &dyn AuditLog,
    action: AuditAction,
    actor: &Actor,
    target: AuditTarget,
    changes: ChangeSet,
    at: DateTime<Utc>,
) {
    let entry = AuditEntry {
        action,
        actor_id: Some(actor.id),
        subject_id: None,
        ip: None,
        detail: None,
        at,
        target: Some(target),
        changes: changes.non_empty(),
    };
    let _ = log.record(entry).await;
}

pub struct AuditService {
    log: Arc<dyn AuditLog>,
    clock: Arc<dyn Clock>,
}

impl AuditService {
    pub fn new(log: Arc<dyn AuditLog>, clock: Arc<dyn Clock>) -> Self {
        Self { log, clock }
    }

    fn guard(actor: &Actor) -> Result<(), AuditError> {
        if policy::may_read_audit(actor) {
            Ok(())
        } else {
            Err(AuditError::Forbidden)
        }
    }

    /// `GET /audit`: newest first, keyset-paged.
    ///
    /// # Errors
    /// `Forbidden` for every role but SUPER_ADMIN, `Store`.
    pub async fn list(
        &self,
        actor: &Actor,
        filter: AuditFilter,
        cursor: Option<String>,
        limit: u16,
    ) -> Result<Page<AuditRecord>, AuditError> {
        Self::guard(actor)?;
        Ok(self.log.list(filter, cursor, limit).await?)
    }

    /// `GET /audit.csv`: the same entries, fetched page by page for streaming.
    ///
    /// # Errors
    /// `Forbidden`.
    pub fn export(&self, actor: &Actor, filter: AuditFilter) -> Result<AuditPages, AuditError> {
        Self::guard(actor)?;
        Ok(AuditPages {
            log: Arc::clone(&self.log),
            filter,
            cursor: None,
            done: false,
        })
    }

    /// Deletes every entry older than `retention`, in batches of [`PURGE_BATCH`]; returns
    /// how many went.
    ///
    /// # Errors
    /// `Store` (what was deleted before stays deleted; the next run continues).
    pub async fn purge_expired(&self, retention: chrono::Duration) -> Result<u64, AuditError> {
        let before = self.clock.now() - retention;
        let mut total = 0;
        loop {
            let deleted = self.log.purge(before, PURGE_BATCH).await?;
            total += deleted;
            if deleted < u64::from(PURGE_BATCH) {
                return Ok(total);
            }
        }
    }
}

/// The pages of one export; owns what it needs to outlive the handler in a response stream.
pub struct AuditPages {
    log: Arc<dyn AuditLog>,
    filter: AuditFilter,
    cursor: Option<String>,
    done: bool,
}

impl AuditPages {
    /// The next page; `None` once the export is complete.
    ///
    /// # Errors
    /// `Store`; the export must then be cut short visibly.
    pub async fn next_page(&mut self) -> Result<Option<Vec<AuditRecord>>, AuditError> {
        if self.done {
            return Ok(None);
        }
        let page = self
            .log
            .list(self.filter.clone(), self.cursor.take(), EXPORT_PAGE)
            .await?;
        match page.next_cursor {
            Some(cursor) => self.cursor = Some(cursor),
            None => self.done = true,
        }
        if page.items.is_empty() {
            self.done = true;
            return Ok(None);
        }
        Ok(Some(page.items))
    }
}

#[cfg(test)]
mod tests;
