//! Audit-log entries on the wire.

use crate::docs::audit::{AuditActionName, AuditTargetTypeName, FieldChange};
use basma_domain::model::{AuditRecord, ChangeSet};
use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

/// One entry of the audit log.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AuditEntry {
    pub id: Uuid,
    #[schema(value_type = AuditActionName)]
    pub action: String,
    /// Who did it; `null` for a failed login of an unknown address.
    pub actor_id: Option<Uuid>,
    #[schema(value_type = Option<AuditTargetTypeName>)]
    pub target_type: Option<&'static str>,
    pub target_id: Option<Uuid>,
    /// The client address, as resolved for the request (see `BASMA_TRUSTED_PROXIES`).
    pub ip: Option<String>,
    /// A short note, e.g. `SUPER_ADMIN -> TECHNICIAN` for a role change.
    pub detail: Option<String>,
    /// The fields a change touched, by their API names (`null` when none): old and new
    /// values. Secrets (password hashes, tokens) are never recorded.
    #[schema(value_type = Option<BTreeMap<String, FieldChange>>)]
    pub changes: Option<ChangeSet>,
    pub at: DateTime<Utc>,
}

impl From<AuditRecord> for AuditEntry {
    fn from(r: AuditRecord) -> Self {
        Self {
            id: r.id,
            action: r.action,
            actor_id: r.actor_id.map(|a| a.0),
            target_type: r.target.map(|t| t.kind.as_str()),
            target_id: r.target.map(|t| t.id),
            ip: r.ip,
            detail: r.detail,
            changes: r.changes,
            at: r.at,
        }
    }
}
