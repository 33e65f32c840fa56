//! Maintenance requests, their timeline (request events) and comments, and the yearly
//! counters that make references gap-free.
//!
//! The secondary indexes are the ones the list queries seek at a million rows: every list
//! order ends with `id`, so each index ends with `(created_at, id)` or its sort key and `id`,
//! and a page is read straight off the index (see PERFORMANCE-FACTS.md).

use crate::columns::*;
use crate::idents::{
    Buildings, Categories, Comments, MaintenanceRequests as Mr, Properties, ReferenceCounters,
    RequestEvents, Users,
};
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// `(index name, columns)` of the request list indexes.
const REQUEST_INDEXES: [(&str, &[Mr]); 9] = [
    ("ix_mr_status_created", &[Mr::Status, Mr::CreatedAt, Mr::Id]),
    (
        "ix_mr_requester_created",
        &[Mr::RequesterId, Mr::CreatedAt, Mr::Id],
    ),
    (
        "ix_mr_assignee_status_created",
        &[Mr::AssigneeId, Mr::Status, Mr::CreatedAt, Mr::Id],
    ),
    (
        "ix_mr_property_status_created",
        &[Mr::PropertyId, Mr::Status, Mr::CreatedAt, Mr::Id],
    ),
    (
        "ix_mr_category_created",
        &[Mr::CategoryId, Mr::CreatedAt, Mr::Id],
    ),
    (
        "ix_mr_priority_created",
        &[Mr::PriorityRank, Mr::CreatedAt, Mr::Id],
    ),
    ("ix_mr_due", &[Mr::DueAt, Mr::Id]),
    ("ix_mr_updated", &[Mr::UpdatedAt, Mr::Id]),
    (
        "ix_mr_building_created",
        &[Mr::BuildingId, Mr::CreatedAt, Mr::Id],
    ),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_database_backend();
        let restrict = ForeignKeyAction::Restrict;

        manager
            .create_table(
                Table::create()
                    .table(Mr::Table)
                    .col(uuid_pk(Mr::Id))
                    .col(string_col(Mr::Reference, 20))
                    .col(string_col(Mr::Title, 200))
                    .col(text_col(Mr::Description))
                    .col(uuid_col(Mr::CategoryId))
                    .col(string_col(Mr::Priority, 16))
                    // The priority as a number, so `-priority` sorts on an index.
                    .col(ColumnDef::new(Mr::PriorityRank).small_integer().not_null())
                    .col(string_col(Mr::Status, 16))
                    .col(uuid_col(Mr::BuildingId))
                    // Copied from the building so visibility and reports filter without a join.
                    .col(uuid_col(Mr::PropertyId))
                    .col(string_null(Mr::Location, 200))
                    .col(uuid_col(Mr::RequesterId))
                    .col(uuid_null(Mr::AssigneeId))
                    .col(ts_null(db, Mr::DueAt))
                    .col(ts_null(db, Mr::SubmittedAt))
                    .col(ts_null(db, Mr::AssignedAt))
                    .col(ts_null(db, Mr::StartedAt))
                    .col(ts_null(db, Mr::CompletedAt))
                    .col(ts_null(db, Mr::ClosedAt))
                    .col(text_null(Mr::Reason))
                    .col(ColumnDef::new(Mr::Rating).small_integer().null())
                    .col(text_null(Mr::Feedback))
                    .col(ColumnDef::new(Mr::Version).integer().not_null().default(1))
                    .col(ts(db, Mr::CreatedAt))
                    .col(ts(db, Mr::UpdatedAt))
                    .foreign_key(&mut fk(
                        "fk_mr_category",
                        (Mr::Table, Mr::CategoryId),
                        (Categories::Table, Categories::Id),
                        restrict,
                    ))
                    .foreign_key(&mut fk(
                        "fk_mr_building",
                        (Mr::Table, Mr::BuildingId),
                        (Buildings::Table, Buildings::Id),
                        restrict,
                    ))
                    .foreign_key(&mut fk(
                        "fk_mr_property",
                        (Mr::Table, Mr::PropertyId),
                        (Properties::Table, Properties::Id),
                        restrict,
                    ))
                    .foreign_key(&mut fk(
                        "fk_mr_requester",
                        (Mr::Table, Mr::RequesterId),
                        (Users::Table, Users::Id),
                        restrict,
                    ))
                    .foreign_key(&mut fk(
                        "fk_mr_assignee",
                        (Mr::Table, Mr::AssigneeId),
                        (Users::Table, Users::Id),
                        restrict,
                    ))
                    .take(),
            )
            .await?;
        manager
            .create_index(unique("ux_mr_reference", Mr::Table, vec![Mr::Reference]))
            .await?;
        for (name, cols) in REQUEST_INDEXES {
            manager
                .create_index(index(name, Mr::Table, cols.to_vec()))
                .await?;
        }

        // `seq` is the global, monotonic event number WebSocket clients resume from, hence an
        // auto-increment key rather than a UUID.
        manager
            .create_table(
                Table::create()
                    .table(RequestEvents::Table)
                    .col(
                        ColumnDef::new(RequestEvents::Seq)
                            .big_integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(uuid_col(RequestEvents::RequestId))
                    .col(string_col(RequestEvents::Kind, 32))
                    .col(uuid_col(RequestEvents::ActorId))
                    .col(string_null(RequestEvents::FromStatus, 16))
                    .col(string_null(RequestEvents::ToStatus, 16))
                    .col(uuid_null(RequestEvents::TechnicianId))
                    .col(text_null(RequestEvents::Note))
                    // No foreign key: the comment and its event are written together and both
                    // go with their request, so the link can never dangle.
                    .col(uuid_null(RequestEvents::CommentId))
                    .col(bool_col(RequestEvents::Internal))
                    .col(ts(db, RequestEvents::At))
                    .foreign_key(&mut fk(
                        "fk_request_events_request",
                        (RequestEvents::Table, RequestEvents::RequestId),
                        (Mr::Table, Mr::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "fk_request_events_actor",
                        (RequestEvents::Table, RequestEvents::ActorId),
                        (Users::Table, Users::Id),
                        restrict,
                    ))
                    .foreign_key(&mut fk(
                        "fk_request_events_technician",
                        (RequestEvents::Table, RequestEvents::TechnicianId),
                        (Users::Table, Users::Id),
                        restrict,
                    ))
                    .take(),
            )
            .await?;
        manager
            .create_index(index(
                "ix_request_events_request_seq",
                RequestEvents::Table,
                vec![RequestEvents::RequestId, RequestEvents::Seq],
            ))
            .await?;
        manager
            .create_index(index(
                "ix_request_events_actor",
                RequestEvents::Table,
                vec![RequestEvents::ActorId],
            ))
            .await?;
        manager
            .create_index(index(
                "ix_request_events_technician",
                RequestEvents::Table,
                vec![RequestEvents::TechnicianId],
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Comments::Table)
                    .col(uuid_pk(Comments::Id))
                    .col(uuid_col(Comments::RequestId))
                    .col(uuid_col(Comments::AuthorId))
                    .col(text_col(Comments::Body))
                    .col(bool_col(Comments::Internal))
                    .col(ts(db, Comments::CreatedAt))
                    .foreign_key(&mut fk(
                        "fk_comments_request",
                        (Comments::Table, Comments::RequestId),
                        (Mr::Table, Mr::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "fk_comments_author",
                        (Comments::Table, Comments::AuthorId),
                        (Users::Table, Users::Id),
                        restrict,
                    ))
                    .take(),
            )
            .await?;
        manager
            .create_index(index(
                "ix_comments_request_created",
                Comments::Table,
                vec![Comments::RequestId, Comments::CreatedAt],
            ))
            .await?;
        manager
            .create_index(index(
                "ix_comments_author",
                Comments::Table,
                vec![Comments::AuthorId],
            ))
            .await?;

        // One row per year; the request insert bumps it in the same transaction, so a
        // rolled-back insert also rolls back its number and references stay gap-free.
        manager
            .create_table(
                Table::create()
                    .table(ReferenceCounters::Table)
                    .col(
                        ColumnDef::new(ReferenceCounters::Year)
                            .integer()
                            .not_null()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(ReferenceCounters::LastNumber)
                            .big_integer()
                            .not_null(),
                    )
                    .take(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ReferenceCounters::Table).take())
            .await?;
        manager
            .drop_table(Table::drop().table(Comments::Table).take())
            .await?;
        manager
            .drop_table(Table::drop().table(RequestEvents::Table).take())
            .await?;
        manager
            .drop_table(Table::drop().table(Mr::Table).take())
            .await
    }
}
