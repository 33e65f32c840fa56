//! The shapes and parameters of `GET /audit` and `GET /audit.csv`. The action and target-type
//! enums are built from the domain's own lists, so the document cannot drift from what the
//! server accepts and writes.

// Schema-only types: they are never built, only described.
#![allow(dead_code)]

use basma_domain::model::{AuditAction, AuditTargetType};
use chrono::{DateTime, Utc};
use std::collections::BTreeMap;
use utoipa::openapi::RefOr;
use utoipa::openapi::schema::{ArrayBuilder, ObjectBuilder, OneOfBuilder, Schema, Type};
use utoipa::{IntoParams, PartialSchema, ToSchema};
use uuid::Uuid;

fn names(names: Vec<&'static str>, description: &str) -> RefOr<Schema> {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .enum_values(Some(names))
        .description(Some(description))
        .into()
}

/// What an audit entry records.
pub struct AuditActionName;

impl PartialSchema for AuditActionName {
    fn schema() -> RefOr<Schema> {
        names(
            AuditAction::ALL.iter().map(|a| a.as_str()).collect(),
            "What happened: a security event (logins, lockouts, resets, revocations) or an administrative change.",
        )
    }
}

impl ToSchema for AuditActionName {}

/// The kind of thing an entry concerns.
pub struct AuditTargetTypeName;

impl PartialSchema for AuditTargetTypeName {
    fn schema() -> RefOr<Schema> {
        names(
            AuditTargetType::ALL.iter().map(|t| t.as_str()).collect(),
            "The kind of thing the entry concerns; `targetId` is its id.",
        )
    }
}

impl ToSchema for AuditTargetTypeName {}

/// A value before or after a change.
pub struct AuditValue;

impl PartialSchema for AuditValue {
    fn schema() -> RefOr<Schema> {
        let of = |t| ObjectBuilder::new().schema_type(t);
        OneOfBuilder::new()
            .item(of(Type::Null))
            .item(of(Type::Boolean))
            .item(of(Type::Integer))
            .item(of(Type::String))
            .item(ArrayBuilder::new().items(of(Type::String)))
            .description(Some(
                "`null` (none), a flag, a number, a text, or a list of ids (links).",
            ))
            .into()
    }
}

impl ToSchema for AuditValue {}

/// Old and new value of one field.
#[derive(ToSchema)]
pub struct FieldChange {
    pub old: AuditValue,
    pub new: AuditValue,
}

/// One entry of the audit log (the names are those of the JSON the handler writes).
#[derive(ToSchema)]
#[schema(rename_all = "camelCase")]
pub struct AuditEntry {
    pub id: Uuid,
    pub action: AuditActionName,
    /// Who did it; `null` for a failed login of an unknown address.
    pub actor_id: Option<Uuid>,
    pub target_type: Option<AuditTargetTypeName>,
    pub target_id: Option<Uuid>,
    /// The client address, as resolved for the request (see `BASMA_TRUSTED_PROXIES`).
    pub ip: Option<String>,
    /// A short note, e.g. `SUPER_ADMIN -> TECHNICIAN` for a role change.
    pub detail: Option<String>,
    /// The fields a change touched, by their API names (`null` when none): old and new
    /// values. Secrets (password hashes, tokens) are never recorded.
    pub changes: Option<BTreeMap<String, FieldChange>>,
    pub at: DateTime<Utc>,
}

/// The filters of the audit log; every one narrows it.
#[derive(IntoParams)]
#[into_params(parameter_in = Query, rename_all = "camelCase")]
pub struct AuditListQuery {
    /// Entries by this user.
    pub actor_id: Option<Uuid>,
    /// Any of these actions: repeat it or separate with commas.
    #[param(explode = true, style = Form)]
    pub action: Option<Vec<AuditActionName>>,
    pub target_type: Option<AuditTargetTypeName>,
    pub target_id: Option<Uuid>,
    /// Entries at or after this time.
    pub from: Option<DateTime<Utc>>,
    /// Entries before this time.
    pub to: Option<DateTime<Utc>>,
    /// `pagination.nextCursor` of the previous page (opaque).
    #[param(min_length = 1)]
    pub cursor: Option<String>,
    /// Page size, default 20.
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<u16>,
}

/// The filters of the audit export: those of the list, without paging.
#[derive(IntoParams)]
#[into_params(parameter_in = Query, rename_all = "camelCase")]
pub struct AuditExportQuery {
    pub actor_id: Option<Uuid>,
    /// Repeat it or separate with commas.
    #[param(explode = true, style = Form)]
    pub action: Option<Vec<AuditActionName>>,
    pub target_type: Option<AuditTargetTypeName>,
    pub target_id: Option<Uuid>,
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
}
