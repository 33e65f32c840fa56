//! Changing and deleting a request under optimistic concurrency.
//!
//! The race is decided by one conditional statement, `… WHERE id = ? AND version = ?`: on
//! MySQL a concurrent writer waits for the row lock and then re-reads the committed version,
//! on SQLite `BEGIN IMMEDIATE` lets one writer in at a time, so of two changes made from the
//! same version exactly one matches. Only when no row matched is the row read again, to tell
//! a stale version from an unknown id.

use super::rows::{event_row, stored_event, to_request};
use crate::entities::maintenance_requests::{self as mr, Column as C};
use crate::entities::request_events;
use crate::error::{delete_err, repo_err};
use crate::time::{micros, micros_opt};
use crate::tx::begin_write;
use basma_domain::model::{MaintenanceRequest, NewEvent, RequestEvent, RequestId, Status};
use basma_domain::ports::{ConflictOn, RepoError, RequestChange};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect, Value,
};

pub async fn get<D: ConnectionTrait>(
    db: &D,
    id: RequestId,
) -> Result<MaintenanceRequest, RepoError> {
    let row = mr::Entity::find_by_id(id.0)
        .one(db)
        .await
        .map_err(repo_err)?
        .ok_or(RepoError::NotFound)?;
    to_request(row)
}

/// Why a conditional statement on `id` touched nothing: the row is gone, or it moved on.
async fn miss<D: ConnectionTrait>(db: &D, id: RequestId) -> RepoError {
    let found = mr::Entity::find_by_id(id.0)
        .select_only()
        .column(C::Id)
        .into_tuple::<uuid::Uuid>()
        .one(db)
        .await;
    match found {
        Ok(Some(_)) => RepoError::VersionConflict,
        Ok(None) => RepoError::NotFound,
        Err(err) => repo_err(err),
    }
}

pub async fn update(
    db: &DatabaseConnection,
    id: RequestId,
    expected_version: i32,
    change: RequestChange,
    event: NewEvent,
) -> Result<(MaintenanceRequest, RequestEvent), RepoError> {
    let statement = assignments(change)
        .into_iter()
        .fold(mr::Entity::update_many(), |update, (column, value)| {
            update.col_expr(column, Expr::value(value))
        })
        .col_expr(C::Version, Expr::col(C::Version).add(1))
        .col_expr(C::UpdatedAt, Expr::value(micros(event.at)))
        .filter(C::Id.eq(id.0))
        .filter(C::Version.eq(expected_version));
    let txn = begin_write(db).await.map_err(repo_err)?;
    let result = statement.exec(&txn).await.map_err(repo_err)?;
    // The version always changes, so MySQL counts the row as affected even when every other
    // value stayed the same.
    if result.rows_affected == 0 {
        return Err(miss(&txn, id).await);
    }
    let seq = request_events::Entity::insert(event_row(id, &event, None))
        .exec(&txn)
        .await
        .map_err(repo_err)?
        .last_insert_id;
    let updated = get(&txn, id).await?;
    txn.commit().await.map_err(repo_err)?;
    Ok((updated, stored_event(seq, id, event, None)))
}

/// The columns `change` sets; `Some(None)` writes NULL.
fn assignments(change: RequestChange) -> Vec<(C, Value)> {
    let mut out: Vec<(C, Value)> = Vec::new();
    if let Some(title) = change.title {
        out.push((C::Title, title.into()));
    }
    if let Some(description) = change.description {
        out.push((C::Description, description.into()));
    }
    if let Some(category) = change.category_id {
        out.push((C::CategoryId, category.0.into()));
    }
    if let Some(priority) = change.priority {
        out.push((C::Priority, priority.as_str().into()));
        out.push((C::PriorityRank, priority.rank().into()));
    }
    if let Some(location) = change.location {
        out.push((C::Location, location.into()));
    }
    if let Some(status) = change.status {
        out.push((C::Status, status.as_str().into()));
    }
    if let Some(assignee) = change.assignee_id {
        out.push((C::AssigneeId, assignee.map(|a| a.0).into()));
    }
    if let Some(due) = change.due_at {
        out.push((C::DueAt, micros_opt(due).into()));
    }
    if let Some(at) = change.submitted_at {
        out.push((C::SubmittedAt, Some(micros(at)).into()));
    }
    if let Some(at) = change.assigned_at {
        out.push((C::AssignedAt, micros_opt(at).into()));
    }
    if let Some(at) = change.started_at {
        out.push((C::StartedAt, Some(micros(at)).into()));
    }
    if let Some(at) = change.completed_at {
        out.push((C::CompletedAt, micros_opt(at).into()));
    }
    if let Some(at) = change.closed_at {
        out.push((C::ClosedAt, Some(micros(at)).into()));
    }
    if let Some(reason) = change.reason {
        out.push((C::Reason, reason.into()));
    }
    if let Some(rating) = change.rating {
        out.push((C::Rating, Some(i16::from(rating)).into()));
    }
    if let Some(feedback) = change.feedback {
        out.push((C::Feedback, feedback.into()));
    }
    out
}

pub async fn delete_draft(
    db: &DatabaseConnection,
    id: RequestId,
    expected_version: i32,
) -> Result<(), RepoError> {
    let txn = begin_write(db).await.map_err(repo_err)?;
    // Events and comments go with it (ON DELETE CASCADE).
    let result = mr::Entity::delete_many()
        .filter(C::Id.eq(id.0))
        .filter(C::Version.eq(expected_version))
        .filter(C::Status.eq(Status::Draft.as_str()))
        .exec(&txn)
        .await
        .map_err(delete_err)?;
    if result.rows_affected == 0 {
        let current = mr::Entity::find_by_id(id.0)
            .select_only()
            .column(C::Version)
            .column(C::Status)
            .into_tuple::<(i32, String)>()
            .one(&txn)
            .await
            .map_err(repo_err)?;
        return Err(match current {
            None => RepoError::NotFound,
            Some((version, _)) if version != expected_version => RepoError::VersionConflict,
            // Same version but no longer (or never) a draft: the caller's precondition
            // failed; nothing was deleted.
            Some(_) => RepoError::Conflict(ConflictOn::Status),
        });
    }
    txn.commit().await.map_err(repo_err)?;
    Ok(())
}
