//! Maintenance requests, their timeline and comments, lists and reports, as four ports sized
//! for their callers: [`RequestStore`] (the request service's reads and writes),
//! [`RequestLists`] (the list, its CSV export and the overdue gauge), [`RequestReports`]
//! (report figures and the open-requests gauge) and [`EventReplay`] (the WebSocket resume).
//! One adapter may implement all four.
//!
//! Invariants an adapter keeps: a change and its event commit in one transaction; updates are
//! conditional on `version` (so of two concurrent changes exactly one wins); references are
//! unique and gap-free per year; the [`Visibility`] of a query is part of its SQL, so no
//! filter, page or count can widen what the viewer sees.

use super::{BusEvent, Page, RepoError};
use crate::model::{
    BuildingId, CategoryId, Comment, MaintenanceRequest, NewEvent, Priority, PropertyId,
    RequestEvent, RequestId, Status, UserId,
};
use async_trait::async_trait;
use chrono::{DateTime, Utc};

/// Which requests a viewer may see (SPEC §1). Everyone also sees requests they created;
/// drafts are seen by their requester only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Visibility {
    /// SUPER_ADMIN, MAINTENANCE_ADMIN: every submitted request.
    Everything { viewer: UserId },
    /// BASMA_ADMIN: requests in the properties they manage.
    Properties {
        viewer: UserId,
        property_ids: Vec<PropertyId>,
    },
    /// TECHNICIAN: assigned to them, or SUBMITTED and unassigned (available).
    Technician { viewer: UserId },
    /// CUSTOMER: their own.
    Own { viewer: UserId },
}

/// What a WebSocket `resume` reads: the events with `seq > after` of the requests in
/// `visibility`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplayQuery {
    pub visibility: Visibility,
    pub after: i64,
    /// Internal events too (staff); otherwise they are left out in the query.
    pub include_internal: bool,
    /// Also the events that took an available request (SUBMITTED → ASSIGNED), whichever
    /// request: technicians are told so (as a bare "taken" frame) to keep their lists right.
    pub taken: bool,
    pub limit: u32,
}

/// List filters (SPEC §5); all optional and combined with AND.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RequestFilter {
    pub statuses: Vec<Status>,
    pub priority: Option<Priority>,
    pub category_id: Option<CategoryId>,
    pub property_id: Option<PropertyId>,
    pub building_id: Option<BuildingId>,
    pub assignee_id: Option<UserId>,
    pub requester_id: Option<UserId>,
    /// Case-insensitive substring of title, description or reference.
    pub q: Option<String>,
    pub created_from: Option<DateTime<Utc>>,
    pub created_to: Option<DateTime<Utc>>,
    /// Open and past `due_at` at `now`.
    pub overdue: bool,
    /// SUBMITTED and unassigned only.
    pub available: bool,
}

/// List orders; each ends with the id so keyset pages are stable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RequestSort {
    #[default]
    CreatedDesc,
    CreatedAsc,
    PriorityDesc,
    DueAsc,
    UpdatedDesc,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestQuery {
    pub visibility: Visibility,
    pub filter: RequestFilter,
    pub sort: RequestSort,
    /// The opaque cursor from the previous page.
    pub cursor: Option<String>,
    /// 1..=100.
    pub limit: u16,
    pub include_total: bool,
    pub now: DateTime<Utc>,
}

/// A request before it is stored; the adapter allocates its reference.
#[derive(Debug, Clone, PartialEq)]
pub struct NewRequest {
    pub id: RequestId,
    pub title: String,
    pub description: String,
    pub category_id: CategoryId,
    pub priority: Priority,
    pub status: Status,
    pub building_id: BuildingId,
    pub property_id: PropertyId,
    pub location: Option<String>,
    pub requester_id: UserId,
    pub due_at: Option<DateTime<Utc>>,
    pub submitted_at: Option<DateTime<Utc>>,
    pub now: DateTime<Utc>,
}

/// Fields a change sets; `None` leaves a field alone, `Some(None)` clears it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RequestChange {
    pub title: Option<String>,
    pub description: Option<String>,
    pub category_id: Option<CategoryId>,
    pub priority: Option<Priority>,
    pub location: Option<Option<String>>,
    pub status: Option<Status>,
    pub assignee_id: Option<Option<UserId>>,
    pub due_at: Option<Option<DateTime<Utc>>>,
    pub submitted_at: Option<DateTime<Utc>>,
    pub assigned_at: Option<Option<DateTime<Utc>>>,
    pub started_at: Option<DateTime<Utc>>,
    pub completed_at: Option<Option<DateTime<Utc>>>,
    pub closed_at: Option<DateTime<Utc>>,
    pub reason: Option<Option<String>>,
    pub rating: Option<u8>,
    pub feedback: Option<Option<String>>,
}

/// Figures of `/reports/summary`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReportSummary {
    pub total: u64,
    pub by_status: Vec<(Status, u64)>,
    pub by_priority: Vec<(Priority, u64)>,
    pub by_category: Vec<(CategoryId, u64)>,
    pub open_backlog: u64,
    /// Age in seconds of the open backlog at `now`: mean and oldest.
    pub backlog_mean_age_seconds: Option<f64>,
    pub backlog_max_age_seconds: Option<f64>,
    pub overdue: u64,
    pub assign_mean_seconds: Option<f64>,
    pub assign_median_seconds: Option<f64>,
    pub resolve_mean_seconds: Option<f64>,
    pub resolve_median_seconds: Option<f64>,
    pub technicians: Vec<TechnicianFigures>,
    pub mean_rating: Option<f64>,
    pub ratings: u64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TechnicianFigures {
    pub technician_id: UserId,
    pub assigned: u64,
    pub completed: u64,
    pub resolve_mean_seconds: Option<f64>,
}

/// What the request service reads and writes: one request, its changes and its timeline.
#[async_trait]
pub trait RequestStore: Send + Sync {
    /// Stores a request and its CREATED event in one transaction, allocating the next
    /// reference of the year of `now`.
    ///
    /// # Errors
    /// `Conflict(Reference)` when the category, building or requester does not exist.
    async fn create(
        &self,
        request: NewRequest,
        event: NewEvent,
    ) -> Result<(MaintenanceRequest, RequestEvent), RepoError>;

    /// # Errors
    /// `NotFound` for an unknown id.
    async fn get(&self, id: RequestId) -> Result<MaintenanceRequest, RepoError>;

    /// Applies `change` and appends `event` in one transaction, only if the stored version
    /// is still `expected_version`; the version then goes up by one.
    ///
    /// # Errors
    /// `VersionConflict` when the version moved on; `NotFound` for an unknown id;
    /// `Conflict(Reference)` for unknown category or assignee ids.
    async fn update(
        &self,
        id: RequestId,
        expected_version: i32,
        change: RequestChange,
        event: NewEvent,
    ) -> Result<(MaintenanceRequest, RequestEvent), RepoError>;

    /// Deletes a DRAFT (with its events) if its version is still `expected_version`.
    ///
    /// # Errors
    /// `VersionConflict`, `NotFound`; `Conflict(Status)` when it is no longer a draft.
    async fn delete_draft(&self, id: RequestId, expected_version: i32) -> Result<(), RepoError>;

    /// Stores a comment and its COMMENTED event in one transaction.
    ///
    /// # Errors
    /// `NotFound` when the request does not exist.
    async fn add_comment(
        &self,
        comment: Comment,
        event: NewEvent,
    ) -> Result<(Comment, RequestEvent), RepoError>;

    /// The request's events in order; internal ones only when `include_internal`.
    ///
    /// # Errors
    /// `Unavailable` / `Internal` from the store.
    async fn events(
        &self,
        id: RequestId,
        include_internal: bool,
    ) -> Result<Vec<RequestEvent>, RepoError>;

    /// The request's comments, oldest first; internal ones only when `include_internal`.
    ///
    /// # Errors
    /// `Unavailable` / `Internal` from the store.
    async fn comments(
        &self,
        id: RequestId,
        include_internal: bool,
    ) -> Result<Vec<Comment>, RepoError>;
}

/// Pages of requests: `GET /requests`, the CSV export and the overdue gauge.
#[async_trait]
pub trait RequestLists: Send + Sync {
    /// One page of the requests the viewer may see.
    ///
    /// # Errors
    /// `Internal` for an undecodable cursor is never returned: callers validate cursors
    /// with the adapter-independent codec first.
    async fn list(&self, query: RequestQuery) -> Result<Page<MaintenanceRequest>, RepoError>;
}

/// Report figures and the open-requests gauge (the report service).
#[async_trait]
pub trait RequestReports: Send + Sync {
    /// Report figures over what the viewer may see, filtered like the list.
    ///
    /// # Errors
    /// `Unavailable` / `Internal` from the store.
    async fn summary(
        &self,
        visibility: Visibility,
        filter: RequestFilter,
        now: DateTime<Utc>,
    ) -> Result<ReportSummary, RepoError>;

    /// Count of requests per status (the open-requests gauge at start).
    ///
    /// # Errors
    /// `Unavailable` / `Internal` from the store.
    async fn count_by_status(&self) -> Result<Vec<(Status, u64)>, RepoError>;
}

/// The stored timeline as the WebSocket `resume` reads it (the realtime service).
#[async_trait]
pub trait EventReplay: Send + Sync {
    /// The stored events of a WebSocket `resume` ([`ReplayQuery`]), in `seq` order, with
    /// their request's current facts, at most `limit`. Reads only the events of requests the
    /// viewer may see (and, with `taken`, the events that took an available request), from
    /// the indexes that serve each part, never the whole history.
    ///
    /// # Errors
    /// `Unavailable` / `Internal` from the store.
    async fn replay_events(&self, query: &ReplayQuery) -> Result<Vec<BusEvent>, RepoError>;

    /// Where a replay after `after` must start so that no late-committed event is skipped:
    /// the highest `seq <= after` whose event was written at least `window` before the event
    /// at or just below `after` (0 when there is none).
    ///
    /// # Errors
    /// `Unavailable` / `Internal` from the store.
    async fn replay_floor(&self, after: i64, window: chrono::Duration) -> Result<i64, RepoError>;

    /// The highest stored event `seq` (0 when there is none).
    ///
    /// # Errors
    /// `Unavailable` / `Internal` from the store.
    async fn last_event_seq(&self) -> Result<i64, RepoError>;
}
