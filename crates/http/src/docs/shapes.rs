//! Wire shapes of the catalog, requests and reports as the document describes them. The
//! domain types serialise themselves (the domain crate knows nothing of OpenAPI), so these
//! mirror their JSON field by field; the e2e docs test and the schemathesis run check real
//! responses against them, which is what keeps the two in step.

// Schema-only types: they are never built, only described.
#![allow(dead_code)]

use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

/// A request's status (SPEC §3).
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Status {
    Draft,
    Submitted,
    Assigned,
    InProgress,
    Completed,
    Closed,
    Rejected,
    Cancelled,
}

/// The statuses `PATCH /requests/{id}/status` can move a request to (assignment has its
/// own endpoints).
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum TargetStatus {
    Submitted,
    InProgress,
    Completed,
    Closed,
    Rejected,
    Cancelled,
}

/// How urgent a request is; it sets the due time.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Priority {
    Low,
    Medium,
    High,
    Urgent,
}

/// A user's role, highest first.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Role {
    SuperAdmin,
    MaintenanceAdmin,
    BasmaAdmin,
    Technician,
    Customer,
}

/// A message language.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Locale {
    Ar,
    En,
}

/// What a timeline entry records.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum EventKind {
    Created,
    StatusChanged,
    Assigned,
    Unassigned,
    Edited,
    Commented,
    Rated,
}

/// Something the caller may do to a request next.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Action {
    Submit,
    DeleteDraft,
    Edit,
    Assign,
    Reassign,
    SelfAssign,
    Unassign,
    Start,
    Complete,
    Close,
    Reopen,
    Cancel,
    Reject,
    Comment,
    CommentInternal,
    Rate,
}

/// A property (a compound or tower block).
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Property {
    pub id: Uuid,
    pub name: String,
    pub code: String,
    pub city: String,
    pub address: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A property with its buildings.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct PropertyDetail {
    #[serde(flatten)]
    pub property: Property,
    pub buildings: Vec<Building>,
}

/// A building inside a property; its code is unique within the property.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Building {
    pub id: Uuid,
    pub property_id: Uuid,
    pub name: String,
    pub code: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A request category with its Arabic and English names.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Category {
    pub id: Uuid,
    pub code: String,
    pub name_ar: String,
    pub name_en: String,
    pub active: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// The id of what was deleted.
#[derive(Serialize, ToSchema)]
pub struct Deleted {
    pub id: Uuid,
}

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

/// A user named on a request.
#[derive(Serialize, ToSchema)]
pub struct Person {
    pub id: Uuid,
    pub name: String,
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
