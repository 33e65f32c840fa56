//! An in-memory audit log: keeps what services record, lists it newest first with the
//! real adapters' cursor shape, and purges like them.

use super::lock;
use crate::model::{AuditEntry, AuditFilter, AuditRecord, AuditTarget, AuditTargetType};
use crate::ports::{AuditLog, Cursor, Page, RepoError};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use std::sync::Mutex;
use uuid::Uuid;

#[derive(Default)]
pub struct FakeAudit(Mutex<Vec<AuditRecord>>);

impl FakeAudit {
    /// Everything recorded, oldest first.
    pub fn entries(&self) -> Vec<AuditRecord> {
        lock(&self.0).clone()
    }
}

fn matches(filter: &AuditFilter, r: &AuditRecord) -> bool {
    filter.actor_id.is_none_or(|a| r.actor_id == Some(a))
        && (filter.actions.is_empty() || filter.actions.iter().any(|a| a.as_str() == r.action))
        && filter
            .target_type
            .is_none_or(|t| r.target.is_some_and(|x| x.kind == t))
        && filter
            .target_id
            .is_none_or(|id| r.target.is_some_and(|x| x.id == id))
        && filter.from.is_none_or(|from| r.at >= from)
        && filter.to.is_none_or(|to| r.at < to)
}

#[async_trait]
impl AuditLog for FakeAudit {
    async fn record(&self, entry: AuditEntry) -> Result<(), RepoError> {
        let target = entry.target.or(entry
            .subject_id
            .map(|s| AuditTarget::new(AuditTargetType::User, s.0)));
        lock(&self.0).push(AuditRecord {
            id: Uuid::now_v7(),
            action: entry.action.as_str().to_owned(),
            actor_id: entry.actor_id,
            target,
            ip: entry.ip,
            detail: entry.detail,
            changes: entry.changes,
            at: entry.at,
        });
        Ok(())
    }

    async fn list(
        &self,
        filter: AuditFilter,
        cursor: Option<String>,
        limit: u16,
    ) -> Result<Page<AuditRecord>, RepoError> {
        let mut rows: Vec<AuditRecord> = self
            .entries()
            .into_iter()
            .filter(|r| matches(&filter, r))
            .collect();
        rows.sort_by_key(|r| std::cmp::Reverse((r.at, r.id)));
        if let Some(c) = cursor.as_deref().and_then(Cursor::decode) {
            let at = c
                .key
                .parse()
                .ok()
                .and_then(DateTime::<Utc>::from_timestamp_micros);
            rows.retain(|r| at.is_some_and(|at| (r.at, r.id) < (at, c.id)));
        }
        let more = rows.len() > usize::from(limit);
        rows.truncate(usize::from(limit));
        let next_cursor = rows
            .last()
            .filter(|_| more)
            .map(|r| Cursor::new(r.at.timestamp_micros().to_string(), r.id).encode());
        Ok(Page {
            items: rows,
            next_cursor,
            total: None,
        })
    }

    async fn purge(&self, before: DateTime<Utc>, batch: u32) -> Result<u64, RepoError> {
        let mut rows = lock(&self.0);
        // Oldest first, like the adapters' `ORDER BY at, id LIMIT batch`.
        let mut old: Vec<_> = rows
            .iter()
            .filter(|r| r.at < before)
            .map(|r| (r.at, r.id))
            .collect();
        old.sort();
        old.truncate(usize::try_from(batch).unwrap_or(usize::MAX));
        rows.retain(|r| !old.contains(&(r.at, r.id)));
        Ok(old.len() as u64)
    }
}
