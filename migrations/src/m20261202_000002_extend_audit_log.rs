//! The audit log becomes readable (`GET /audit`): an entry names what it concerns by type and
//! id (`subject_id`, until now always a user, becomes `target_id` with `target_type` `USER`),
//! and keeps the old and new values of a change as JSON (`changes`). Every filter of the list
//! gets an index that continues with `(at, id)`, so a filtered page is an index range read in
//! order, and the retention purge reads the oldest rows off `(at, id)`.

use crate::columns::{drop_indexes, index, string_null, text_null};
use crate::idents::AuditLog as A;
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const INDEXES: [(&str, &[A]); 5] = [
    ("ix_audit_log_at_id", &[A::At, A::Id]),
    ("ix_audit_log_actor_at", &[A::ActorId, A::At, A::Id]),
    ("ix_audit_log_action_at", &[A::Action, A::At, A::Id]),
    ("ix_audit_log_target_at", &[A::TargetId, A::At, A::Id]),
    (
        "ix_audit_log_target_type_at",
        &[A::TargetType, A::At, A::Id],
    ),
];

/// The first migration's indexes, which the new ones replace.
const OLD_INDEXES: [(&str, &[A]); 2] = [
    ("ix_audit_log_at", &[A::At]),
    ("ix_audit_log_subject_at", &[A::SubjectId, A::At]),
];

/// SQLite alters one thing per statement, so each change is its own `ALTER TABLE`.
async fn alter(
    manager: &SchemaManager<'_>,
    change: impl FnOnce(&mut TableAlterStatement),
) -> Result<(), DbErr> {
    let mut statement = Table::alter();
    statement.table(A::Table);
    change(&mut statement);
    manager.alter_table(statement).await
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_indexes(manager, A::Table, OLD_INDEXES.map(|(name, _)| name)).await?;
        alter(manager, |t| {
            t.rename_column(A::SubjectId, A::TargetId);
        })
        .await?;
        alter(manager, |t| {
            t.add_column(string_null(A::TargetType, 16));
        })
        .await?;
        alter(manager, |t| {
            t.add_column(text_null(A::Changes));
        })
        .await?;
        let backfill = Query::update()
            .table(A::Table)
            .value(A::TargetType, "USER")
            .and_where(Expr::col(A::TargetId).is_not_null())
            .to_owned();
        manager.get_connection().execute(&backfill).await?;
        for (name, columns) in INDEXES {
            manager
                .create_index(index(name, A::Table, columns.to_vec()))
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_indexes(manager, A::Table, INDEXES.map(|(name, _)| name)).await?;
        alter(manager, |t| {
            t.drop_column(A::Changes);
        })
        .await?;
        alter(manager, |t| {
            t.drop_column(A::TargetType);
        })
        .await?;
        alter(manager, |t| {
            t.rename_column(A::TargetId, A::SubjectId);
        })
        .await?;
        for (name, columns) in OLD_INDEXES {
            manager
                .create_index(index(name, A::Table, columns.to_vec()))
                .await?;
        }
        Ok(())
    }
}
