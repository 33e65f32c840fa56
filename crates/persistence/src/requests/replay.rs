//! The stored events a WebSocket `resume` replays (issue 11 item 14), read through the
//! viewer's visible requests rather than along the whole history.
//!
//! Each visibility branch of `scope` (a customer's own requests, a technician's assigned /
//! available / own, a property's, everything) picks its requests from the index that serves
//! it and their events from `ix_request_events_request_seq`, `seq > after`, in `seq` order,
//! `LIMIT n`; the events that took an available request (technicians' "taken" notices) come
//! from `ix_request_events_taken`. The branches' few `seq`s are merged by a `UNION … ORDER BY
//! seq LIMIT n` (exact: the first n of a union are among the first n of its parts), then the
//! rows are read by primary key. A resume from an old id thus costs what the viewer may see
//! after it, at most `n` rows for the broad branches, never a scan of every stored event.
//!
//! `EXPLAIN` on MariaDB 10.11 (10,000 events of 1,000 requests; see the README's "Resume"):
//!
//! | branch | access |
//! |---|---|
//! | customer's own | `r` ref `ix_mr_requester_created`, `e` range `ix_request_events_request_seq` |
//! | technician assigned / available | `r` ref `ix_mr_assignee_status_created` / `ix_mr_status_created`, `e` as above |
//! | taken notices | `e` ref/range `ix_request_events_taken` (no filesort) |
//! | everything (managers) | `e` range `PRIMARY` in `seq` order, `r` eq_ref `PRIMARY`, stops at `n` |

use super::rows::status;
use super::scope::{Scope, Sql};
use crate::error::{corrupt, repo_err};
use crate::time::micros;
use basma_domain::model::{
    CommentId, EventKind, PropertyId, RequestEvent, RequestId, Status, UserId,
};
use basma_domain::ports::{BusEvent, ReplayQuery, RepoError, RequestFilter};
use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, DatabaseConnection, FromQueryResult, Statement};
use uuid::Uuid;

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

/// The events of `query`, oldest first, at most `query.limit`.
pub async fn events(
    db: &DatabaseConnection,
    query: &ReplayQuery,
) -> Result<Vec<BusEvent>, RepoError> {
    let rows = EventFacts::find_by_statement(statement(db.get_database_backend(), query))
        .all(db)
        .await
        .map_err(repo_err)?;
    rows.into_iter().map(EventFacts::into_bus_event).collect()
}

/// The statement [`events`] runs (for `EXPLAIN`).
pub fn statement(backend: sea_orm::DbBackend, query: &ReplayQuery) -> Statement {
    let n = query.limit.max(1);
    let scope = Scope::new(&query.visibility, &RequestFilter::default(), Utc::now());
    let mut parts = Vec::new();
    for condition in &scope.branches {
        let mut sql = Sql::new(
            "SELECT e.seq AS seq FROM maintenance_requests AS r \
             JOIN request_events AS e ON e.request_id = r.id WHERE (",
        );
        sql.append(condition)
            .push(") AND e.seq > ")
            .bind(query.after);
        if !query.include_internal {
            sql.push(" AND e.internal = ").bind(false);
        }
        parts.push(sql);
    }
    if query.taken {
        let mut sql = Sql::new(&format!(
            "SELECT e.seq AS seq FROM request_events AS e WHERE e.kind = '{}' \
             AND e.from_status = '{}' AND e.internal = ",
            EventKind::Assigned.as_str(),
            Status::Submitted.as_str(),
        ));
        sql.bind(false).push(" AND e.seq > ").bind(query.after);
        parts.push(sql);
    }
    // SQLite allows no ORDER BY / LIMIT on the members of a compound select, hence each
    // part in a derived table of its own.
    let mut seqs = Sql::default();
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            seqs.push(" UNION ");
        }
        seqs.push("SELECT seq FROM (")
            .append(part)
            .push(&format!(" ORDER BY e.seq LIMIT {n}) AS b{i}"));
    }
    seqs.push(&format!(" ORDER BY seq LIMIT {n}"));
    let mut sql = Sql::new(
        "SELECT e.seq, e.request_id, e.kind, e.actor_id, e.from_status, e.to_status, \
         e.technician_id, e.note, e.comment_id, e.internal, e.at, r.reference, r.status, \
         r.requester_id, r.assignee_id, r.property_id FROM (",
    );
    sql.append(&seqs).push(
        ") AS p JOIN request_events AS e ON e.seq = p.seq \
         JOIN maintenance_requests AS r ON r.id = e.request_id ORDER BY e.seq",
    );
    sql.statement(backend)
}

/// The highest `seq <= after` written at least `window` before the event at or just below
/// `after`; 0 when there is none. Both reads walk the primary key down from `after` and stop
/// at the first row that qualifies: at most the events of `window`.
pub async fn floor(
    db: &DatabaseConnection,
    after: i64,
    window: chrono::Duration,
) -> Result<i64, RepoError> {
    if after <= 0 {
        return Ok(0);
    }
    let backend = db.get_database_backend();
    let newest = db
        .query_one_raw(Statement::from_sql_and_values(
            backend,
            "SELECT at FROM request_events WHERE seq <= ? ORDER BY seq DESC LIMIT 1",
            [after.into()],
        ))
        .await
        .map_err(repo_err)?;
    let Some(newest) = newest else {
        return Ok(0);
    };
    let at: DateTime<Utc> = newest.try_get("", "at").map_err(repo_err)?;
    let older = db
        .query_one_raw(Statement::from_sql_and_values(
            backend,
            "SELECT seq FROM request_events WHERE seq <= ? AND at <= ? \
             ORDER BY seq DESC LIMIT 1",
            [after.into(), micros(at - window).into()],
        ))
        .await
        .map_err(repo_err)?;
    match older {
        Some(row) => row.try_get::<i64>("", "seq").map_err(repo_err),
        None => Ok(0),
    }
}

/// The highest stored `seq`, 0 when there is none.
pub async fn last_seq(db: &DatabaseConnection) -> Result<i64, RepoError> {
    let row = db
        .query_one_raw(Statement::from_sql_and_values(
            db.get_database_backend(),
            "SELECT MAX(seq) AS n FROM request_events",
            [],
        ))
        .await
        .map_err(repo_err)?;
    match row {
        Some(row) => Ok(row
            .try_get::<Option<i64>>("", "n")
            .map_err(repo_err)?
            .unwrap_or(0)),
        None => Ok(0),
    }
}
