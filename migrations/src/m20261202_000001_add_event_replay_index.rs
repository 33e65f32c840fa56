//! The index a WebSocket `resume` needs beyond those it already joins through (issue 11
//! item 14). A replay reads each visible request's events from `ix_request_events_request_seq`;
//! what it could not read without a scan of every stored event is a technician's "taken"
//! notices: the SUBMITTED → ASSIGNED events of any request. `(kind, from_status, internal,
//! seq)` makes them one index range in `seq` order, so a replay stops after its limit.

use crate::columns::{drop_indexes, index};
use crate::idents::RequestEvents as Ev;
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const NAME: &str = "ix_request_events_taken";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(index(
                NAME,
                Ev::Table,
                vec![Ev::Kind, Ev::FromStatus, Ev::Internal, Ev::Seq],
            ))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_indexes(manager, Ev::Table, [NAME]).await
    }
}
