//! Requests, their timeline and comments on the wire, and the detail of `GET /requests/{id}`.

use crate::dto::catalog::{Building, Category};
use crate::dto::wire;
use basma_domain::lifecycle::Action;
use basma_domain::model::{self as domain, EventKind, Priority, Status};
use basma_domain::services::requests::{PersonRef, RequestDetail as Detail};
use chrono::{DateTime, Utc};
use uuid::Uuid;

wire_type! {
    /// A maintenance request.
    MaintenanceRequest from domain::MaintenanceRequest as r {
        id: Uuid = r.id.0,
        /// `MR-<year>-<6 digits>`, gap-free per year.
        #[schema(pattern = r"^MR-[0-9]{4}-[0-9]{6,}$")]
        reference: String = r.reference,
        title: String = r.title,
        description: String = r.description,
        category_id: Uuid = r.category_id.0,
        priority: Priority = r.priority,
        status: Status = r.status,
        building_id: Uuid = r.building_id.0,
        property_id: Uuid = r.property_id.0,
        location: Option<String> = r.location,
        requester_id: Uuid = r.requester_id.0,
        assignee_id: Option<Uuid> = r.assignee_id.map(|a| a.0),
        due_at: Option<DateTime<Utc>> = r.due_at,
        submitted_at: Option<DateTime<Utc>> = r.submitted_at,
        assigned_at: Option<DateTime<Utc>> = r.assigned_at,
        started_at: Option<DateTime<Utc>> = r.started_at,
        completed_at: Option<DateTime<Utc>> = r.completed_at,
        closed_at: Option<DateTime<Utc>> = r.closed_at,
        /// Why it was rejected, cancelled or reopened.
        reason: Option<String> = r.reason,
        #[schema(minimum = 1, maximum = 5)]
        rating: Option<u8> = r.rating,
        feedback: Option<String> = r.feedback,
        /// Optimistic-concurrency version: send it back to refuse stale changes.
        version: i32 = r.version,
        created_at: DateTime<Utc> = r.created_at,
        updated_at: DateTime<Utc> = r.updated_at,
    }
}

wire_type! {
    /// One entry of a request's timeline (also the WebSocket `id` to resume from).
    RequestEvent from domain::RequestEvent as e {
        seq: i64 = e.seq,
        request_id: Uuid = e.request_id.0,
        kind: EventKind = e.kind,
        actor_id: Uuid = e.actor_id.0,
        from_status: Option<Status> = e.from_status,
        to_status: Option<Status> = e.to_status,
        technician_id: Option<Uuid> = e.technician_id.map(|t| t.0),
        note: Option<String> = e.note,
        comment_id: Option<Uuid> = e.comment_id.map(|c| c.0),
        internal: bool = e.internal,
        at: DateTime<Utc> = e.at,
    }
}

wire_type! {
    /// A comment; `internal` ones are staff-only.
    Comment from domain::Comment as c {
        id: Uuid = c.id.0,
        request_id: Uuid = c.request_id.0,
        author_id: Uuid = c.author_id.0,
        body: String = c.body,
        internal: bool = c.internal,
        created_at: DateTime<Utc> = c.created_at,
    }
}

wire_type! {
    /// A user named on a request.
    Person from PersonRef as p { id: Uuid = p.id.0, name: String = p.name }
}

wire_type! {
    /// The events and comments the caller may see.
    Timeline { events: Vec<RequestEvent>, comments: Vec<Comment> }
}

wire_type! {
    /// `GET /requests/{id}`: the request with its people, place, category, the caller's next
    /// actions and the visible timeline.
    RequestDetail from Detail as d {
        #[serde(flatten)]
        request: MaintenanceRequest = d.view.request.into(),
        requester: Option<Person> = d.requester.map(Person::from),
        assignee: Option<Person> = d.assignee.map(Person::from),
        building: Option<Building> = d.building.map(Building::from),
        category: Option<Category> = d.category.map(Category::from),
        allowed_actions: Vec<Action> = d.view.allowed_actions,
        timeline: Timeline = Timeline {
            events: wire(d.view.events),
            comments: wire(d.view.comments),
        },
    }
}

listed_enum! {
    /// The statuses `PATCH /requests/{id}/status` can move a request to: the domain's own
    /// list.
    TargetStatus = Status::TARGETS.iter().map(|s| s.as_str()),
    "The statuses `PATCH /requests/{id}/status` can move a request to (assignment has its\nown endpoints)."
}
