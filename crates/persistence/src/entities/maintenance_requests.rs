//! Row of `maintenance_requests`.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "maintenance_requests")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// `MR-<year>-<6 digits>`, gap-free per year through `reference_counters`.
    pub reference: String,
    pub title: String,
    pub description: String,
    pub category_id: Uuid,
    pub priority: String,
    /// `Priority::rank`, so `-priority` sorts on an index.
    pub priority_rank: i16,
    pub status: String,
    pub building_id: Uuid,
    /// Copied from the building so visibility and reports need no join.
    pub property_id: Uuid,
    pub location: Option<String>,
    pub requester_id: Uuid,
    pub assignee_id: Option<Uuid>,
    pub due_at: Option<DateTimeUtc>,
    pub submitted_at: Option<DateTimeUtc>,
    pub assigned_at: Option<DateTimeUtc>,
    pub started_at: Option<DateTimeUtc>,
    pub completed_at: Option<DateTimeUtc>,
    pub closed_at: Option<DateTimeUtc>,
    pub reason: Option<String>,
    pub rating: Option<i16>,
    pub feedback: Option<String>,
    /// Optimistic concurrency: every update is conditional on it and bumps it.
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
