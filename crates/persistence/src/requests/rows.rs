//! Conversions between the request, event and comment rows and the domain model. A stored
//! value the domain cannot represent (an unknown status, a rating of 9) is corrupt data and
//! surfaces as `Internal`, never as a silently defaulted field.

use crate::entities::{comments, maintenance_requests as mr, request_events};
use crate::error::corrupt;
use crate::time::micros;
use basma_domain::model::{
    BuildingId, CategoryId, Comment, CommentId, EventKind, MaintenanceRequest, NewEvent, Priority,
    PropertyId, RequestEvent, RequestId, Status, UserId,
};
use basma_domain::ports::RepoError;
use sea_orm::ActiveValue::{NotSet, Set};

pub fn status(raw: &str) -> Result<Status, RepoError> {
    Status::parse(raw).ok_or_else(|| corrupt("status", raw))
}

fn status_opt(raw: Option<&str>) -> Result<Option<Status>, RepoError> {
    raw.map(status).transpose()
}

pub fn to_request(row: mr::Model) -> Result<MaintenanceRequest, RepoError> {
    let priority =
        Priority::parse(&row.priority).ok_or_else(|| corrupt("priority", &row.priority))?;
    let rating = row
        .rating
        .map(|r| u8::try_from(r).map_err(|_| corrupt("rating", r)))
        .transpose()?;
    Ok(MaintenanceRequest {
        id: RequestId(row.id),
        reference: row.reference,
        title: row.title,
        description: row.description,
        category_id: CategoryId(row.category_id),
        priority,
        status: status(&row.status)?,
        building_id: BuildingId(row.building_id),
        property_id: PropertyId(row.property_id),
        location: row.location,
        requester_id: UserId(row.requester_id),
        assignee_id: row.assignee_id.map(UserId),
        due_at: row.due_at,
        submitted_at: row.submitted_at,
        assigned_at: row.assigned_at,
        started_at: row.started_at,
        completed_at: row.completed_at,
        closed_at: row.closed_at,
        reason: row.reason,
        rating,
        feedback: row.feedback,
        version: row.version,
        created_at: row.created_at,
        updated_at: row.updated_at,
    })
}

pub fn to_event(row: request_events::Model) -> Result<RequestEvent, RepoError> {
    let kind = EventKind::parse(&row.kind).ok_or_else(|| corrupt("event kind", &row.kind))?;
    Ok(RequestEvent {
        seq: row.seq,
        request_id: RequestId(row.request_id),
        kind,
        actor_id: UserId(row.actor_id),
        from_status: status_opt(row.from_status.as_deref())?,
        to_status: status_opt(row.to_status.as_deref())?,
        technician_id: row.technician_id.map(UserId),
        note: row.note,
        comment_id: row.comment_id.map(CommentId),
        internal: row.internal,
        at: row.at,
    })
}

pub fn to_comment(row: comments::Model) -> Comment {
    Comment {
        id: CommentId(row.id),
        request_id: RequestId(row.request_id),
        author_id: UserId(row.author_id),
        body: row.body,
        internal: row.internal,
        created_at: row.created_at,
    }
}

/// The row to insert for `event`; `seq` is left to the database's auto-increment.
pub fn event_row(
    request_id: RequestId,
    event: &NewEvent,
    comment_id: Option<CommentId>,
) -> request_events::ActiveModel {
    request_events::ActiveModel {
        seq: NotSet,
        request_id: Set(request_id.0),
        kind: Set(event.kind.as_str().to_owned()),
        actor_id: Set(event.actor_id.0),
        from_status: Set(event.from_status.map(|s| s.as_str().to_owned())),
        to_status: Set(event.to_status.map(|s| s.as_str().to_owned())),
        technician_id: Set(event.technician_id.map(|t| t.0)),
        note: Set(event.note.clone()),
        comment_id: Set(comment_id.map(|c| c.0)),
        internal: Set(event.internal),
        at: Set(micros(event.at)),
    }
}

/// The stored event as the domain sees it, once the database has assigned its `seq`.
pub fn stored_event(
    seq: i64,
    request_id: RequestId,
    event: NewEvent,
    comment_id: Option<CommentId>,
) -> RequestEvent {
    RequestEvent {
        seq,
        request_id,
        kind: event.kind,
        actor_id: event.actor_id,
        from_status: event.from_status,
        to_status: event.to_status,
        technician_id: event.technician_id,
        note: event.note,
        comment_id,
        internal: event.internal,
        at: micros(event.at),
    }
}
