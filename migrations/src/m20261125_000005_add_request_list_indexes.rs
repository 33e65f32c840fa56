//! Indexes for list shapes the first request migration left to a filesort: every request
//! newest (or oldest) first with no filter (`(created_at, id)`), a technician's assigned
//! requests in any status (`(assignee_id, created_at, id)`), and a managed property's
//! requests in any status (`(property_id, created_at, id)`). Each lets a page be read in index
//! order and stop after `limit + 1` rows, however many rows match.

use crate::columns::{drop_indexes, index};
use crate::idents::MaintenanceRequests as Mr;
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const INDEXES: [(&str, &[Mr]); 3] = [
    ("ix_mr_created", &[Mr::CreatedAt, Mr::Id]),
    (
        "ix_mr_assignee_created",
        &[Mr::AssigneeId, Mr::CreatedAt, Mr::Id],
    ),
    (
        "ix_mr_property_created",
        &[Mr::PropertyId, Mr::CreatedAt, Mr::Id],
    ),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, cols) in INDEXES {
            manager
                .create_index(index(name, Mr::Table, cols.to_vec()))
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_indexes(manager, Mr::Table, INDEXES.map(|(name, _)| name)).await
    }
}
