//! Covering indexes for `/reports/summary`. A summary aggregates every request created in its
//! window, in five scans: a month of a busy company is ~100,000 rows at a million stored.
//! Through the list indexes each scan looked every row up in the table; with every column
//! the aggregates read in the index, a scan reads an index range alone. One index serves the
//! company-wide window (SUPER/MAINTENANCE_ADMIN), one a property's (BASMA_ADMIN, or the
//! `propertyId` filter). Measured on MariaDB at 1,000,000 requests, see docs/PERFORMANCE.md.

use crate::columns::{drop_indexes, index};
use crate::idents::MaintenanceRequests as Mr;
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// What a summary reads of a row, after the columns its window is sought on.
const FIGURES: [Mr; 10] = [
    Mr::Status,
    Mr::PriorityRank,
    Mr::CategoryId,
    Mr::AssigneeId,
    Mr::SubmittedAt,
    Mr::AssignedAt,
    Mr::CompletedAt,
    Mr::DueAt,
    Mr::Rating,
    Mr::RequesterId,
];

const INDEXES: [(&str, &[Mr]); 2] = [
    ("ix_mr_report", &[Mr::CreatedAt]),
    ("ix_mr_property_report", &[Mr::PropertyId, Mr::CreatedAt]),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, window) in INDEXES {
            let columns = window.iter().copied().chain(FIGURES).collect();
            manager
                .create_index(index(name, Mr::Table, columns))
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_indexes(manager, Mr::Table, INDEXES.map(|(name, _)| name)).await
    }
}
