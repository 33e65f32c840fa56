//! Requests, their timeline and comments on the wire, and the detail of `GET /requests/{id}`.

use crate::dto::catalog::{Building, Category};
use crate::dto::wire;
use basma_domain::lifecycle::Action;
use basma_domain::model::{self as domain, EventKind, Priority, Status};
use basma_domain::services::requests::{PersonRef, RequestDetail as Detail};
use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa::openapi::RefOr;
use utoipa::openapi::schema::{ObjectBuilder, Schema, Type};
use uuid::Uuid;

/// A maintenance request.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct MaintenanceRequest {
    pub id: Uuid,
    /// `MR-<year>-<6 digits>`, gap-free per year.
    #[schema(pattern = r"^MR-[0-9]{4}-[0-9]{6,}$")]
    pub reference: String,
    pub title: String,
    pub description: String,
    pub category_id: Uuid,
    pub priority: Priority,
    pub status: Status,
    pub building_id: Uuid,
    pub property_id: Uuid,
    pub location: Option<String>,
    pub requester_id: Uuid,
    pub assignee_id: Option<Uuid>,
    pub due_at: Option<DateTime<Utc>>,
    pub submitted_at: Option<DateTime<Utc>>,
    pub assigned_at: Option<DateTime<Utc>>,
    pub started_at: Option<DateTime<Utc>>,
    pub completed_at: Option<DateTime<Utc>>,
    pub closed_at: Option<DateTime<Utc>>,
    /// Why it was rejected, cancelled or reopened.
    pub reason: Option<String>,
    #[schema(minimum = 1, maximum = 5)]
    pub rating: Option<u8>,
    pub feedback: Option<String>,
    /// Optimistic-concurrency version: send it back to refuse stale changes.
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<domain::MaintenanceRequest> for MaintenanceRequest {
    fn from(r: domain::MaintenanceRequest) -> Self {
        Self {
            id: r.id.0,
            reference: r.reference,
            title: r.title,
            description: r.description,
            category_id: r.category_id.0,
            priority: r.priority,
            status: r.status,
            building_id: r.building_id.0,
            property_id: r.property_id.0,
            location: r.location,
            requester_id: r.requester_id.0,
            assignee_id: r.assignee_id.map(|a| a.0),
            due_at: r.due_at,
            submitted_at: r.submitted_at,
            assigned_at: r.assigned_at,
            started_at: r.started_at,
            completed_at: r.completed_at,
            closed_at: r.closed_at,
            reason: r.reason,
            rating: r.rating,
            feedback: r.feedback,
            version: r.version,
            created_at: r.created_at,
            updated_at: r.updated_at,
        }
    }
}

/// One entry of a request's timeline (also the WebSocket `id` to resume from).
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct RequestEvent {
    pub seq: i64,
    pub request_id: Uuid,
    pub kind: EventKind,
    pub actor_id: Uuid,
    pub from_status: Option<Status>,
    pub to_status: Option<Status>,
    pub technician_id: Option<Uuid>,
    pub note: Option<String>,
    pub comment_id: Option<Uuid>,
    pub internal: bool,
    pub at: DateTime<Utc>,
}

impl From<domain::RequestEvent> for RequestEvent {
    fn from(e: domain::RequestEvent) -> Self {
        Self {
            seq: e.seq,
            request_id: e.request_id.0,
            kind: e.kind,
            actor_id: e.actor_id.0,
            from_status: e.from_status,
            to_status: e.to_status,
            technician_id: e.technician_id.map(|t| t.0),
            note: e.note,
            comment_id: e.comment_id.map(|c| c.0),
            internal: e.internal,
            at: e.at,
        }
    }
}

/// A comment; `internal` ones are staff-only.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Comment {
    pub id: Uuid,
    pub request_id: Uuid,
    pub author_id: Uuid,
    pub body: String,
    pub internal: bool,
    pub created_at: DateTime<Utc>,
}

impl From<domain::Comment> for Comment {
    fn from(c: domain::Comment) -> Self {
        Self {
            id: c.id.0,
            request_id: c.request_id.0,
            author_id: c.author_id.0,
            body: c.body,
            internal: c.internal,
            created_at: c.created_at,
        }
    }
}

/// A user named on a request.
#[derive(Serialize, ToSchema)]
pub struct Person {
    pub id: Uuid,
    pub name: String,
}

impl From<PersonRef> for Person {
    fn from(p: PersonRef) -> Self {
        Self {
            id: p.id.0,
            name: p.name,
        }
    }
}

/// The events and comments the caller may see.
#[derive(Serialize, ToSchema)]
pub struct Timeline {
    pub events: Vec<RequestEvent>,
    pub comments: Vec<Comment>,
}

/// `GET /requests/{id}`: the request with its people, place, category, the caller's next
/// actions and the visible timeline.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct RequestDetail {
    #[serde(flatten)]
    pub request: MaintenanceRequest,
    pub requester: Option<Person>,
    pub assignee: Option<Person>,
    pub building: Option<Building>,
    pub category: Option<Category>,
    pub allowed_actions: Vec<Action>,
    pub timeline: Timeline,
}

impl From<Detail> for RequestDetail {
    fn from(d: Detail) -> Self {
        Self {
            request: d.request.into(),
            requester: d.requester.map(Person::from),
            assignee: d.assignee.map(Person::from),
            building: d.building.map(Building::from),
            category: d.category.map(Category::from),
            allowed_actions: d.allowed_actions,
            timeline: Timeline {
                events: wire(d.events),
                comments: wire(d.comments),
            },
        }
    }
}

/// The statuses `PATCH /requests/{id}/status` can move a request to (assignment has its
/// own endpoints): the domain's own list, so the document cannot drift from what it accepts.
pub struct TargetStatus;

impl utoipa::PartialSchema for TargetStatus {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .enum_values(Some(Status::TARGETS.iter().map(|s| s.as_str())))
            .description(Some(
                "The statuses `PATCH /requests/{id}/status` can move a request to (assignment has its\nown endpoints).",
            ))
            .into()
    }
}

impl ToSchema for TargetStatus {}
