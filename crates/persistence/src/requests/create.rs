//! New rows: a request with its reference and CREATED event, and a comment with its event.
//!
//! References are gap-free per year because the counter is bumped in the same transaction as
//! the request insert: a rolled-back insert rolls its number back too, and the counter row's
//! lock (MySQL) or the write lock of `BEGIN IMMEDIATE` (SQLite) makes concurrent creates take
//! consecutive numbers one after the other.

use super::rows::{event_row, stored_event, to_comment, to_request};
use crate::entities::{comments, maintenance_requests as mr, request_events};
use crate::error::repo_err;
use crate::time::{micros, micros_opt};
use crate::tx::begin_write;
use basma_domain::model::{
    Comment, CommentId, MaintenanceRequest, NewEvent, RequestEvent, format_reference,
};
use basma_domain::ports::{ConflictOn, NewRequest, RepoError};
use chrono::Datelike;
use sea_orm::{
    ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbBackend, DbErr, EntityTrait,
    IntoActiveModel, Statement,
};

pub async fn create(
    db: &DatabaseConnection,
    request: NewRequest,
    event: NewEvent,
) -> Result<(MaintenanceRequest, RequestEvent), RepoError> {
    let now = micros(request.now);
    let txn = begin_write(db).await.map_err(repo_err)?;
    let number = next_number(&txn, now.year()).await.map_err(repo_err)?;
    let row = mr::Model {
        id: request.id.0,
        reference: format_reference(now, number),
        title: request.title,
        description: request.description,
        category_id: request.category_id.0,
        priority: request.priority.as_str().to_owned(),
        priority_rank: request.priority.rank(),
        status: request.status.as_str().to_owned(),
        building_id: request.building_id.0,
        property_id: request.property_id.0,
        location: request.location,
        requester_id: request.requester_id.0,
        assignee_id: None,
        due_at: micros_opt(request.due_at),
        submitted_at: micros_opt(request.submitted_at),
        assigned_at: None,
        started_at: None,
        completed_at: None,
        closed_at: None,
        reason: None,
        rating: None,
        feedback: None,
        version: 1,
        created_at: now,
        updated_at: now,
    };
    mr::Entity::insert(row.clone().into_active_model())
        .exec_without_returning(&txn)
        .await
        .map_err(repo_err)?;
    let seq = request_events::Entity::insert(event_row(request.id, &event, None))
        .exec(&txn)
        .await
        .map_err(repo_err)?
        .last_insert_id;
    txn.commit().await.map_err(repo_err)?;
    Ok((to_request(row)?, stored_event(seq, request.id, event, None)))
}

/// Takes the next number of `year`, creating the year's counter at 1.
async fn next_number(txn: &DatabaseTransaction, year: i32) -> Result<u64, DbErr> {
    let backend = txn.get_database_backend();
    if backend == DbBackend::MySql {
        // `LAST_INSERT_ID(expr)` hands the new value back in the statement's OK packet, so
        // the upsert (which holds the row's lock until commit) is the only round trip.
        let sql = "INSERT INTO reference_counters (year, last_number) VALUES (?, LAST_INSERT_ID(1)) \
                   ON DUPLICATE KEY UPDATE last_number = LAST_INSERT_ID(last_number + 1)";
        let result = txn
            .execute_raw(Statement::from_sql_and_values(backend, sql, [year.into()]))
            .await?;
        return Ok(result.last_insert_id());
    }
    let sql = "INSERT INTO reference_counters (year, last_number) VALUES (?, 1) \
               ON CONFLICT (year) DO UPDATE SET last_number = last_number + 1 \
               RETURNING last_number";
    let row = txn
        .query_one_raw(Statement::from_sql_and_values(backend, sql, [year.into()]))
        .await?
        .ok_or_else(|| DbErr::RecordNotInserted)?;
    let number: i64 = row.try_get("", "last_number")?;
    u64::try_from(number).map_err(|_| DbErr::Custom(format!("reference counter at {number}")))
}

pub async fn add_comment(
    db: &DatabaseConnection,
    comment: Comment,
    event: NewEvent,
) -> Result<(Comment, RequestEvent), RepoError> {
    let row = comments::Model {
        id: comment.id.0,
        request_id: comment.request_id.0,
        author_id: comment.author_id.0,
        body: comment.body,
        internal: comment.internal,
        created_at: micros(comment.created_at),
    };
    // The event of an internal comment is as staff-only as the comment, whatever the caller
    // set, so the timeline can never leak it.
    let event = NewEvent {
        internal: event.internal || comment.internal,
        ..event
    };
    let txn = begin_write(db).await.map_err(repo_err)?;
    let inserted = comments::Entity::insert(row.clone().into_active_model())
        .exec_without_returning(&txn)
        .await;
    if let Err(err) = inserted {
        let err = repo_err(err);
        // The foreign keys name no column in their error; a missing request is `NotFound`,
        // a missing author stays `Conflict(Reference)`.
        if err == RepoError::Conflict(ConflictOn::Reference)
            && mr::Entity::find_by_id(comment.request_id.0)
                .one(&txn)
                .await
                .map_err(repo_err)?
                .is_none()
        {
            return Err(RepoError::NotFound);
        }
        return Err(err);
    }
    let comment_id = Some(CommentId(row.id));
    let seq = request_events::Entity::insert(event_row(comment.request_id, &event, comment_id))
        .exec(&txn)
        .await
        .map_err(repo_err)?
        .last_insert_id;
    txn.commit().await.map_err(repo_err)?;
    let request_id = comment.request_id;
    Ok((
        to_comment(row),
        stored_event(seq, request_id, event, comment_id),
    ))
}
