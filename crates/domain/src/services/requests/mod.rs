//! Maintenance requests (SPEC §3, §5 Requests): create, read, list, edit, move through the
//! lifecycle, assign, comment and rate.
//!
//! Every write follows one recipe: re-read the request (404 if the caller may not see it),
//! check the client's `version` (a stale one is always `VersionConflict`, whatever else the
//! write would have run into), ask `policy::authorize`, finish validating the input (look-ups
//! of referenced ids included), then commit the change and its timeline event together with
//! a conditional update on the version that was read, so of two concurrent writers exactly
//! one wins. Only after the commit is the event published on the bus.

mod comments;
mod create;
mod detail;
mod fields;
mod read;
mod transitions;

pub use detail::{PersonRef, RequestDetail};
pub(crate) use read::list_query;

#[cfg(test)]
pub(crate) mod fakes;
#[cfg(test)]
mod tests;

use crate::lifecycle::Action;
use crate::model::{
    Comment, DueTimes, MaintenanceRequest, NewEvent, RequestEvent, RequestId, Status,
};
use crate::policy::{self, Actor, Denied, RequestFacts};
use crate::ports::{
    AuditLog, BusEvent, CatalogRepository, Clock, EventBus, RepoError, RequestChange,
    RequestFilter, RequestRepository, RequestSort, UserRepository,
};
use crate::validation::ValidationErrors;
use std::sync::Arc;

#[derive(Debug, thiserror::Error)]
pub enum RequestError {
    #[error("invalid input")]
    Validation(ValidationErrors),
    /// Unknown, or not visible to the caller (never 403, so existence does not leak).
    #[error("request not found")]
    NotFound,
    #[error("forbidden")]
    Forbidden,
    /// `allowed`: the statuses this caller could move the request to now.
    #[error("invalid transition")]
    InvalidTransition { allowed: Vec<Status> },
    /// The client's `version` is stale, or another write committed between read and update.
    #[error("version conflict")]
    VersionConflict,
    /// `"already_assigned"` (lost a self-assignment), `"already_rated"`, or a store rule.
    #[error("conflict: {0}")]
    Conflict(String),
    #[error(transparent)]
    Store(RepoError),
}

impl From<RepoError> for RequestError {
    fn from(err: RepoError) -> Self {
        match err {
            RepoError::NotFound => Self::NotFound,
            RepoError::VersionConflict => Self::VersionConflict,
            RepoError::Conflict(rule) => Self::Conflict(rule),
            other => Self::Store(other),
        }
    }
}

impl From<ValidationErrors> for RequestError {
    fn from(errors: ValidationErrors) -> Self {
        Self::Validation(errors)
    }
}

/// `POST /requests`. `priority` defaults to MEDIUM.
#[derive(Debug, Clone, Default)]
pub struct CreateRequestInput {
    pub title: Option<String>,
    pub description: Option<String>,
    /// UUID text.
    pub category_id: Option<String>,
    pub priority: Option<String>,
    /// UUID text.
    pub building_id: Option<String>,
    pub location: Option<String>,
    pub draft: bool,
}

/// `PATCH /requests/{id}`; absent fields stay as they are, `location: Some(None)` clears it.
#[derive(Debug, Clone, Default)]
pub struct EditInput {
    pub title: Option<String>,
    pub description: Option<String>,
    pub category_id: Option<String>,
    pub priority: Option<String>,
    pub location: Option<Option<String>>,
    pub version: Option<i32>,
}

/// `PATCH /requests/{id}/status`.
#[derive(Debug, Clone, Default)]
pub struct StatusInput {
    pub status: String,
    pub note: Option<String>,
    pub reason: Option<String>,
    pub version: Option<i32>,
}

/// `POST /requests/{id}/assign`.
#[derive(Debug, Clone, Default)]
pub struct AssignInput {
    /// UUID text.
    pub technician_id: Option<String>,
    pub note: Option<String>,
}

/// `POST /requests/{id}/comments`.
#[derive(Debug, Clone, Default)]
pub struct CommentInput {
    pub body: Option<String>,
    pub internal: bool,
}

/// `POST /requests/{id}/rating`.
#[derive(Debug, Clone, Default)]
pub struct RatingInput {
    pub score: Option<i64>,
    pub feedback: Option<String>,
}

/// `GET /requests` paging and order; the caller's visibility is added by the service.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListParams {
    pub filter: RequestFilter,
    pub sort: RequestSort,
    /// A cursor the HTTP layer has already checked with `ports::Cursor::decode`.
    pub cursor: Option<String>,
    /// 1..=100.
    pub limit: u16,
    pub include_total: bool,
}

impl Default for ListParams {
    fn default() -> Self {
        Self {
            filter: RequestFilter::default(),
            sort: RequestSort::default(),
            cursor: None,
            limit: 20,
            include_total: false,
        }
    }
}

/// A committed change: the request as it now stands and the timeline entry recording it.
#[derive(Debug, Clone, PartialEq)]
pub struct Recorded {
    pub request: MaintenanceRequest,
    pub event: RequestEvent,
}

/// A stored comment and its COMMENTED event.
#[derive(Debug, Clone, PartialEq)]
pub struct CommentAdded {
    pub comment: Comment,
    pub event: RequestEvent,
}

/// `GET /requests/{id}`: the request, what the caller may do next, and the part of the
/// timeline they may see.
#[derive(Debug, Clone, PartialEq)]
pub struct RequestView {
    pub request: MaintenanceRequest,
    pub allowed_actions: Vec<Action>,
    pub events: Vec<RequestEvent>,
    pub comments: Vec<Comment>,
}

pub struct RequestService {
    requests: Arc<dyn RequestRepository>,
    catalog: Arc<dyn CatalogRepository>,
    users: Arc<dyn UserRepository>,
    bus: Arc<dyn EventBus>,
    /// Edits are audited with their old and new values.
    audit: Arc<dyn AuditLog>,
    clock: Arc<dyn Clock>,
    due: DueTimes,
}

/// The stores and outlets a [`RequestService`] works with.
pub struct RequestPorts {
    pub requests: Arc<dyn RequestRepository>,
    pub catalog: Arc<dyn CatalogRepository>,
    pub users: Arc<dyn UserRepository>,
    pub bus: Arc<dyn EventBus>,
    pub audit: Arc<dyn AuditLog>,
    pub clock: Arc<dyn Clock>,
}

impl RequestService {
    pub fn new(ports: RequestPorts, due: DueTimes) -> Self {
        let RequestPorts {
            requests,
            catalog,
            users,
            bus,
            audit,
            clock,
        } = ports;
        Self {
            requests,
            catalog,
            users,
            bus,
            audit,
            clock,
            due,
        }
    }

    /// The stored request if the actor may see it; `NotFound` otherwise, exactly as for an
    /// unknown id.
    async fn load(
        &self,
        actor: &Actor,
        id: RequestId,
    ) -> Result<(MaintenanceRequest, RequestFacts), RequestError> {
        let request = self.requests.get(id).await?;
        let facts = RequestFacts::from(&request);
        if policy::can_view(actor, &facts) {
            Ok((request, facts))
        } else {
            Err(RequestError::NotFound)
        }
    }

    /// Loads the request and asks the policy whether `action` is the actor's to take now;
    /// returns the stored request and the status the action leads to.
    async fn authorized(
        &self,
        actor: &Actor,
        id: RequestId,
        action: Action,
    ) -> Result<(MaintenanceRequest, Status), RequestError> {
        let request = self.requests.get(id).await?;
        let next = authorize(actor, &request, action)?;
        Ok((request, next))
    }

    /// [`RequestService::authorized`] for a write that carries the client's `version`: once
    /// the request is known to be visible, a stale version is `VersionConflict` before the
    /// policy is asked, so the client learns first that it must re-read.
    async fn authorized_at(
        &self,
        actor: &Actor,
        id: RequestId,
        action: Action,
        version: Option<i32>,
    ) -> Result<(MaintenanceRequest, Status), RequestError> {
        let (request, _) = self.load(actor, id).await?;
        check_version(&request, version)?;
        let next = authorize(actor, &request, action)?;
        Ok((request, next))
    }

    /// Commits `change` and `event` only if nobody changed the request since it was read,
    /// then publishes the stored event.
    async fn commit(
        &self,
        stored: &MaintenanceRequest,
        change: RequestChange,
        event: NewEvent,
    ) -> Result<Recorded, RequestError> {
        let (request, event) = self
            .requests
            .update(stored.id, stored.version, change, event)
            .await?;
        self.publish(&request, &event).await;
        Ok(Recorded { request, event })
    }

    async fn publish(&self, request: &MaintenanceRequest, event: &RequestEvent) {
        let message = BusEvent {
            event: event.clone(),
            reference: request.reference.clone(),
            status: request.status,
            requester_id: request.requester_id,
            assignee_id: request.assignee_id,
            property_id: request.property_id,
        };
        // The change has committed and the stored timeline is the source of truth: a lost
        // publication is recovered by clients through `resume`, so it must not turn a
        // successful write into an error. The bus adapter logs its own failures.
        let _ = self.bus.publish(message).await;
    }
}

/// A stale client version is refused before anything is written.
fn check_version(stored: &MaintenanceRequest, expected: Option<i32>) -> Result<(), RequestError> {
    match expected {
        Some(version) if version != stored.version => Err(RequestError::VersionConflict),
        _ => Ok(()),
    }
}

/// The policy's answer for `action` on `stored`, as a service error.
fn authorize(
    actor: &Actor,
    stored: &MaintenanceRequest,
    action: Action,
) -> Result<Status, RequestError> {
    let facts = RequestFacts::from(stored);
    policy::authorize(actor, action, &facts).map_err(|denied| denial(actor, &facts, action, denied))
}

/// Turns the policy's refusal into the service error, with the details HTTP needs.
fn denial(actor: &Actor, facts: &RequestFacts, action: Action, denied: Denied) -> RequestError {
    match denied {
        Denied::NotFound => RequestError::NotFound,
        Denied::Forbidden => RequestError::Forbidden,
        Denied::InvalidTransition => RequestError::InvalidTransition {
            allowed: policy::allowed_targets(actor, facts),
        },
        Denied::Conflict => RequestError::Conflict(
            match action {
                Action::SelfAssign | Action::Assign | Action::Reassign => "already_assigned",
                Action::Rate => "already_rated",
                _ => "conflict",
            }
            .to_owned(),
        ),
    }
}
