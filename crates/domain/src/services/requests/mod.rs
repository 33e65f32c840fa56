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
mod inputs;
mod read;
mod transitions;

pub use detail::{PersonRef, RequestDetail};
pub use inputs::{
    AssignInput, CommentInput, CreateRequestInput, EditInput, RatingInput, StatusInput,
};
pub(crate) use read::list_query;

#[cfg(test)]
mod tests;

use crate::lifecycle::Action;
use crate::model::{
    Comment, DueTimes, MaintenanceRequest, NewEvent, RequestEvent, RequestId, Status,
};
use crate::policy::{self, Actor, Denied, RequestFacts};
use crate::ports::{
    AuditLog, BusEvent, CatalogLookup, ChangeObserver, Clock, ConflictOn, EventBus, RepoError,
    RequestChange, RequestFilter, RequestLists, RequestSort, RequestStore, UserDirectory,
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
    /// Someone else holds the request now (a lost self-assignment, or the policy's
    /// "no longer available").
    #[error("conflict: already_assigned")]
    AlreadyAssigned,
    #[error("conflict: already_rated")]
    AlreadyRated,
    /// A store rule refused the write.
    #[error("conflict: {0}")]
    Conflict(ConflictOn),
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
    requests: Arc<dyn RequestStore>,
    lists: Arc<dyn RequestLists>,
    catalog: Arc<dyn CatalogLookup>,
    users: Arc<dyn UserDirectory>,
    bus: Arc<dyn EventBus>,
    /// Edits are audited with their old and new values.
    audit: Arc<dyn AuditLog>,
    clock: Arc<dyn Clock>,
    due: DueTimes,
    /// Told of every committed change (the business metrics).
    observers: Vec<Arc<dyn ChangeObserver>>,
}

/// The stores and outlets a [`RequestService`] works with.
pub struct RequestPorts {
    pub requests: Arc<dyn RequestStore>,
    pub lists: Arc<dyn RequestLists>,
    pub catalog: Arc<dyn CatalogLookup>,
    pub users: Arc<dyn UserDirectory>,
    pub bus: Arc<dyn EventBus>,
    pub audit: Arc<dyn AuditLog>,
    pub clock: Arc<dyn Clock>,
}

impl RequestService {
    pub fn new(ports: RequestPorts, due: DueTimes) -> Self {
        let RequestPorts {
            requests,
            lists,
            catalog,
            users,
            bus,
            audit,
            clock,
        } = ports;
        Self {
            requests,
            lists,
            catalog,
            users,
            bus,
            audit,
            clock,
            due,
            observers: Vec::new(),
        }
    }

    /// Adds an observer of every change this service commits.
    #[must_use]
    pub fn observed_by(mut self, observer: Arc<dyn ChangeObserver>) -> Self {
        self.observers.push(observer);
        self
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
        for observer in &self.observers {
            observer.committed(request, event).await;
        }
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
        // The policy's only conflicts: already rated, or no longer available to take.
        Denied::Conflict if action == Action::Rate => RequestError::AlreadyRated,
        Denied::Conflict => RequestError::AlreadyAssigned,
    }
}
