//! Row of `audit_log`: one security-relevant action or administrative change.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_log")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub action: String,
    pub actor_id: Option<Uuid>,
    /// `USER`, `REQUEST`, `PROPERTY`, `BUILDING` or `CATEGORY`; with `target_id`.
    pub target_type: Option<String>,
    pub target_id: Option<Uuid>,
    pub ip: Option<String>,
    pub detail: Option<String>,
    /// `{"field": {"old": …, "new": …}}` as JSON text.
    pub changes: Option<String>,
    pub at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
