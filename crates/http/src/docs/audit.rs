//! The schemas and parameters of `GET /audit` and `GET /audit.csv` that no wire type derives:
//! the action and target-type names (built from the domain's own lists, so the document
//! cannot drift from what the server accepts and writes), a recorded value (an untagged
//! union, described as such), and the query strings the handlers parse by hand.

// Schema-only types: they are never built, only described.
#![allow(dead_code)]

use basma_domain::model::{AuditAction, AuditTargetType};
use chrono::{DateTime, Utc};
use utoipa::openapi::RefOr;
use utoipa::openapi::path::{Parameter, ParameterIn};
use utoipa::openapi::schema::{ArrayBuilder, ObjectBuilder, OneOfBuilder, Schema, Type};
use utoipa::{IntoParams, PartialSchema, ToSchema};
use uuid::Uuid;

listed_enum! {
    /// What an audit entry records.
    AuditActionName = AuditAction::ALL.iter().map(|a| a.as_str()),
    "What happened: a security event (logins, lockouts, resets, revocations) or an administrative change."
}

listed_enum! {
    /// The kind of thing an entry concerns.
    AuditTargetTypeName = AuditTargetType::ALL.iter().map(|t| t.as_str()),
    "The kind of thing the entry concerns; `targetId` is its id."
}

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
pub struct AuditExportQuery;

impl IntoParams for AuditExportQuery {
    fn into_params(parameter_in: impl Fn() -> Option<ParameterIn>) -> Vec<Parameter> {
        super::params::without_paging(AuditListQuery::into_params(parameter_in))
    }
}
