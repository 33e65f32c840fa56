//! The audit log: appended by the services, read newest first by SUPER_ADMIN, trimmed by the
//! retention purge. Nothing else updates or deletes a row.
//!
//! The list is keyset-paginated on `(at, id)` descending ([`crate::newest_first`]). Each
//! filter has an index that starts with it and continues with `at` (migration
//! `m20261202_000002`), so a filtered page reads an index range in order.

use crate::entities::audit_log::{self, Column as A};
use crate::error::repo_err;
use crate::newest_first::{Keys, page};
use crate::time::micros;
use async_trait::async_trait;
use basma_domain::model::{
    AuditEntry, AuditFilter, AuditRecord, AuditTarget, AuditTargetType, ChangeSet, UserId,
};
use basma_domain::ports::{AuditLog, Page, RepoError};
use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, Condition, DatabaseConnection, EntityTrait, IntoActiveModel, QueryFilter,
    QueryOrder, QuerySelect,
};
use uuid::Uuid;

#[derive(Debug, Clone)]
pub struct SqlAuditLog {
    db: DatabaseConnection,
}

impl SqlAuditLog {
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db }
    }
}

fn to_row(entry: AuditEntry) -> Result<audit_log::Model, RepoError> {
    let target = entry.target.or(entry
        .subject_id
        .map(|s| AuditTarget::new(AuditTargetType::User, s.0)));
    let changes = entry
        .changes
        .map(|c| serde_json::to_string(&c))
        .transpose()
        .map_err(|e| RepoError::Internal(format!("audit changes: {e}")))?;
    Ok(audit_log::Model {
        id: Uuid::now_v7(),
        action: entry.action.as_str().to_owned(),
        actor_id: entry.actor_id.map(|id| id.0),
        target_type: target.map(|t| t.kind.as_str().to_owned()),
        target_id: target.map(|t| t.id),
        ip: entry.ip,
        detail: entry.detail,
        changes,
        at: micros(entry.at),
    })
}

fn to_record(row: audit_log::Model) -> AuditRecord {
    let target = row
        .target_type
        .as_deref()
        .and_then(AuditTargetType::parse)
        .zip(row.target_id)
        .map(|(kind, id)| AuditTarget::new(kind, id));
    AuditRecord {
        id: row.id,
        action: row.action,
        actor_id: row.actor_id.map(UserId),
        target,
        ip: row.ip,
        detail: row.detail,
        // Written by `to_row` only; a row that does not read back is shown without changes.
        changes: row
            .changes
            .as_deref()
            .and_then(|c| serde_json::from_str::<ChangeSet>(c).ok()),
        at: row.at,
    }
}

fn condition(filter: &AuditFilter) -> Condition {
    let mut all = Condition::all();
    if let Some(actor) = filter.actor_id {
        all = all.add(A::ActorId.eq(actor.0));
    }
    if !filter.actions.is_empty() {
        all = all.add(A::Action.is_in(filter.actions.iter().map(|a| a.as_str())));
    }
    if let Some(kind) = filter.target_type {
        all = all.add(A::TargetType.eq(kind.as_str()));
    }
    if let Some(id) = filter.target_id {
        all = all.add(A::TargetId.eq(id));
    }
    if let Some(from) = filter.from {
        all = all.add(A::At.gte(micros(from)));
    }
    if let Some(to) = filter.to {
        // Half-open, like the reports: consecutive ranges neither overlap nor leave a gap.
        all = all.add(A::At.lt(micros(to)));
    }
    all
}

#[async_trait]
impl AuditLog for SqlAuditLog {
    async fn record(&self, entry: AuditEntry) -> Result<(), RepoError> {
        audit_log::Entity::insert(to_row(entry)?.into_active_model())
            .exec_without_returning(&self.db)
            .await
            .map(|_| ())
            .map_err(repo_err)
    }

    async fn list(
        &self,
        filter: AuditFilter,
        cursor: Option<String>,
        limit: u16,
    ) -> Result<Page<AuditRecord>, RepoError> {
        let query = audit_log::Entity::find().filter(condition(&filter));
        let keys = Keys {
            time: A::At,
            id: A::Id,
        };
        let (rows, next_cursor) = page(&self.db, query, keys, cursor, limit, |r| (r.at, r.id))
            .await
            .map_err(repo_err)?;
        Ok(Page {
            items: rows.into_iter().map(to_record).collect(),
            next_cursor,
            total: None,
        })
    }

    async fn purge(&self, before: DateTime<Utc>, batch: u32) -> Result<u64, RepoError> {
        // SQLite has no `DELETE … LIMIT` and MariaDB no `LIMIT` in an `IN` subquery, so the
        // batch is chosen first (oldest first, off the `at` index), then deleted by id.
        let ids: Vec<Uuid> = audit_log::Entity::find()
            .select_only()
            .column(A::Id)
            .filter(A::At.lt(micros(before)))
            .order_by_asc(A::At)
            .limit(u64::from(batch))
            .into_tuple()
            .all(&self.db)
            .await
            .map_err(repo_err)?;
        if ids.is_empty() {
            return Ok(0);
        }
        audit_log::Entity::delete_many()
            .filter(A::Id.is_in(ids))
            .exec(&self.db)
            .await
            .map(|r| r.rows_affected)
            .map_err(repo_err)
    }
}
