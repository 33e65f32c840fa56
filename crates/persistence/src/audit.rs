//! The append-only security audit log.

use crate::entities::audit_log;
use crate::error::repo_err;
use crate::time::micros;
use async_trait::async_trait;
use basma_domain::model::AuditEntry;
use basma_domain::ports::{AuditLog, RepoError};
use sea_orm::{DatabaseConnection, EntityTrait, IntoActiveModel};
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

#[async_trait]
impl AuditLog for SqlAuditLog {
    async fn record(&self, entry: AuditEntry) -> Result<(), RepoError> {
        let row = audit_log::Model {
            id: Uuid::now_v7(),
            action: entry.action.as_str().to_owned(),
            actor_id: entry.actor_id.map(|id| id.0),
            subject_id: entry.subject_id.map(|id| id.0),
            ip: entry.ip,
            detail: entry.detail,
            at: micros(entry.at),
        };
        audit_log::Entity::insert(row.into_active_model())
            .exec_without_returning(&self.db)
            .await
            .map(|_| ())
            .map_err(repo_err)
    }
}
