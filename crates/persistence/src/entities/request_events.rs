//! Row of `request_events`: one timeline entry; never updated or deleted (except with its draft).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "request_events")]
pub struct Model {
    /// The global event sequence WebSocket clients resume from (auto-increment).
    #[sea_orm(primary_key)]
    pub seq: i64,
    pub request_id: Uuid,
    pub kind: String,
    pub actor_id: Uuid,
    pub from_status: Option<String>,
    pub to_status: Option<String>,
    pub technician_id: Option<Uuid>,
    pub note: Option<String>,
    pub comment_id: Option<Uuid>,
    pub internal: bool,
    pub at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
