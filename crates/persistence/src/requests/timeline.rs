//! Reading a request's timeline and comments, and the global event stream WebSocket clients
//! resume from. Internal entries are left out in SQL unless the caller may see them.

use super::rows::{status, to_comment, to_event};
use crate::entities::comments::{self, Column as Cm};
use crate::entities::request_events::{self, Column as Ev};
use crate::error::{corrupt, repo_err};
use basma_domain::model::{
    Comment, CommentId, EventKind, PropertyId, RequestEvent, RequestId, UserId,
};
use basma_domain::ports::{BusEvent, RepoError};
use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, FromQueryResult, QueryFilter, QueryOrder,
    Statement,
};
use uuid::Uuid;

pub async fn events(
    db: &DatabaseConnection,
    id: RequestId,
    include_internal: bool,
) -> Result<Vec<RequestEvent>, RepoError> {
    let mut query = request_events::Entity::find().filter(Ev::RequestId.eq(id.0));
    if !include_internal {
        query = query.filter(Ev::Internal.eq(false));
    }
    query
        .order_by_asc(Ev::Seq)
        .all(db)
        .await
        .map_err(repo_err)?
        .into_iter()
        .map(to_event)
        .collect()
}

pub async fn comments(
    db: &DatabaseConnection,
    id: RequestId,
    include_internal: bool,
) -> Result<Vec<Comment>, RepoError> {
    let mut query = comments::Entity::find().filter(Cm::RequestId.eq(id.0));
    if !include_internal {
        query = query.filter(Cm::Internal.eq(false));
    }
    let rows = query
        .order_by_asc(Cm::CreatedAt)
        .order_by_asc(Cm::Id)
        .all(db)
        .await
        .map_err(repo_err)?;
    Ok(rows.into_iter().map(to_comment).collect())
}

/// An event row joined with its request's current facts.
#[derive(Debug, FromQueryResult)]
struct EventFacts {
    seq: i64,
    request_id: Uuid,
    kind: String,
    actor_id: Uuid,
    from_status: Option<String>,
    to_status: Option<String>,
    technician_id: Option<Uuid>,
    note: Option<String>,
    comment_id: Option<Uuid>,
    internal: bool,
    at: DateTime<Utc>,
    reference: String,
    status: String,
    requester_id: Uuid,
    assignee_id: Option<Uuid>,
    property_id: Uuid,
}

impl EventFacts {
    fn into_bus_event(self) -> Result<BusEvent, RepoError> {
        let kind = EventKind::parse(&self.kind).ok_or_else(|| corrupt("event kind", &self.kind))?;
        Ok(BusEvent {
            event: RequestEvent {
                seq: self.seq,
                request_id: RequestId(self.request_id),
                kind,
                actor_id: UserId(self.actor_id),
                from_status: self.from_status.as_deref().map(status).transpose()?,
                to_status: self.to_status.as_deref().map(status).transpose()?,
                technician_id: self.technician_id.map(UserId),
                note: self.note,
                comment_id: self.comment_id.map(CommentId),
                internal: self.internal,
                at: self.at,
            },
            reference: self.reference,
            status: status(&self.status)?,
            requester_id: UserId(self.requester_id),
            assignee_id: self.assignee_id.map(UserId),
            property_id: PropertyId(self.property_id),
        })
    }
}

/// Events with `seq > after`, oldest first, read along the primary key.
pub async fn events_after(
    db: &DatabaseConnection,
    after: i64,
    limit: u32,
) -> Result<Vec<BusEvent>, RepoError> {
    let backend = db.get_database_backend();
    let sql = format!(
        "SELECT e.seq, e.request_id, e.kind, e.actor_id, e.from_status, e.to_status, \
         e.technician_id, e.note, e.comment_id, e.internal, e.at, r.reference, r.status, \
         r.requester_id, r.assignee_id, r.property_id \
         FROM request_events AS e JOIN maintenance_requests AS r ON r.id = e.request_id \
         WHERE e.seq > ? ORDER BY e.seq LIMIT {limit}"
    );
    let rows =
        EventFacts::find_by_statement(Statement::from_sql_and_values(backend, sql, [after.into()]))
            .all(db)
            .await
            .map_err(repo_err)?;
    rows.into_iter().map(EventFacts::into_bus_event).collect()
}
