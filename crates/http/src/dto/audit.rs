//! Audit-log entries on the wire.

use crate::docs::audit::{AuditActionName, AuditTargetTypeName, FieldChange};
use basma_domain::model::{AuditRecord, ChangeSet};
use chrono::{DateTime, Utc};
use uuid::Uuid;

wire_type! {
    /// One entry of the audit log.
    AuditEntry from AuditRecord as r {
        id: Uuid = r.id,
        #[schema(value_type = AuditActionName)]
        action: String = r.action,
        /// Who did it; `null` for a failed login of an unknown address.
        actor_id: Option<Uuid> = r.actor_id.map(|a| a.0),
        #[schema(value_type = Option<AuditTargetTypeName>)]
        target_type: Option<&'static str> = r.target.map(|t| t.kind.as_str()),
        target_id: Option<Uuid> = r.target.map(|t| t.id),
        /// The client address, as resolved for the request (see `BASMA_TRUSTED_PROXIES`).
        ip: Option<String> = r.ip,
        /// A short note, e.g. `SUPER_ADMIN -> TECHNICIAN` for a role change.
        detail: Option<String> = r.detail,
        /// The fields a change touched, by their API names (`null` when none): old and new
        /// values. Secrets (password hashes, tokens) are never recorded.
        #[schema(value_type = Option<BTreeMap<String, FieldChange>>)]
        changes: Option<ChangeSet> = r.changes,
        at: DateTime<Utc> = r.at,
    }
}
