//! Maintenance requests, their statuses and priorities, and the timeline they leave behind.

use super::{BuildingId, CategoryId, CommentId, PropertyId, RequestId, UserId};
use chrono::{DateTime, Datelike, Duration, Utc};
use serde::{Deserialize, Serialize};

/// Where a request stands in its lifecycle (SPEC §3).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
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

impl Status {
    pub const ALL: [Status; 8] = [
        Status::Draft,
        Status::Submitted,
        Status::Assigned,
        Status::InProgress,
        Status::Completed,
        Status::Closed,
        Status::Rejected,
        Status::Cancelled,
    ];

    /// Statuses `PATCH /requests/{id}/status` accepts; DRAFT and ASSIGNED are never set there
    /// (an assignment needs a technician, and nothing goes back to being a draft).
    pub const TARGETS: [Status; 6] = [
        Status::Submitted,
        Status::InProgress,
        Status::Completed,
        Status::Closed,
        Status::Rejected,
        Status::Cancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "DRAFT",
            Status::Submitted => "SUBMITTED",
            Status::Assigned => "ASSIGNED",
            Status::InProgress => "IN_PROGRESS",
            Status::Completed => "COMPLETED",
            Status::Closed => "CLOSED",
            Status::Rejected => "REJECTED",
            Status::Cancelled => "CANCELLED",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }

    /// CLOSED, REJECTED and CANCELLED never change again.
    pub fn is_final(self) -> bool {
        matches!(self, Status::Closed | Status::Rejected | Status::Cancelled)
    }

    /// Submitted and not yet final: what the open backlog counts.
    pub fn is_open(self) -> bool {
        !self.is_final() && self != Status::Draft
    }
}

/// How urgent a request is; it sets the due time.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Priority {
    Low,
    Medium,
    High,
    Urgent,
}

impl Priority {
    pub const ALL: [Priority; 4] = [
        Priority::Low,
        Priority::Medium,
        Priority::High,
        Priority::Urgent,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Priority::Low => "LOW",
            Priority::Medium => "MEDIUM",
            Priority::High => "HIGH",
            Priority::Urgent => "URGENT",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }

    /// Sort rank, higher is more urgent (stored so `-priority` can use an index).
    pub fn rank(self) -> i16 {
        match self {
            Priority::Low => 1,
            Priority::Medium => 2,
            Priority::High => 3,
            Priority::Urgent => 4,
        }
    }

    pub fn from_rank(rank: i16) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.rank() == rank)
    }
}

/// How long each priority may take before a request is overdue (configurable).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DueTimes {
    pub urgent: Duration,
    pub high: Duration,
    pub medium: Duration,
    pub low: Duration,
}

impl Default for DueTimes {
    fn default() -> Self {
        Self {
            urgent: Duration::hours(4),
            high: Duration::hours(24),
            medium: Duration::hours(72),
            low: Duration::days(7),
        }
    }
}

impl DueTimes {
    pub fn due_at(&self, priority: Priority, from: DateTime<Utc>) -> DateTime<Utc> {
        from + match priority {
            Priority::Urgent => self.urgent,
            Priority::High => self.high,
            Priority::Medium => self.medium,
            Priority::Low => self.low,
        }
    }
}

/// The human reference `MR-<year>-<6 digits>`; numbers are gap-free per year.
pub fn format_reference(at: DateTime<Utc>, number: u64) -> String {
    format!("MR-{}-{number:06}", at.year())
}

/// A stored maintenance request.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MaintenanceRequest {
    pub id: RequestId,
    pub reference: String,
    pub title: String,
    pub description: String,
    pub category_id: CategoryId,
    pub priority: Priority,
    pub status: Status,
    pub building_id: BuildingId,
    /// Denormalised from the building so visibility and reports filter without a join.
    pub property_id: PropertyId,
    pub location: Option<String>,
    pub requester_id: UserId,
    pub assignee_id: Option<UserId>,
    pub due_at: Option<DateTime<Utc>>,
    pub submitted_at: Option<DateTime<Utc>>,
    pub assigned_at: Option<DateTime<Utc>>,
    pub started_at: Option<DateTime<Utc>>,
    pub completed_at: Option<DateTime<Utc>>,
    pub closed_at: Option<DateTime<Utc>>,
    pub reason: Option<String>,
    pub rating: Option<u8>,
    pub feedback: Option<String>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// What a timeline entry records.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
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

impl EventKind {
    pub const ALL: [EventKind; 7] = [
        EventKind::Created,
        EventKind::StatusChanged,
        EventKind::Assigned,
        EventKind::Unassigned,
        EventKind::Edited,
        EventKind::Commented,
        EventKind::Rated,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::Created => "CREATED",
            EventKind::StatusChanged => "STATUS_CHANGED",
            EventKind::Assigned => "ASSIGNED",
            EventKind::Unassigned => "UNASSIGNED",
            EventKind::Edited => "EDITED",
            EventKind::Commented => "COMMENTED",
            EventKind::Rated => "RATED",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// One entry of a request's timeline and audit trail; written in the same transaction as the
/// change it records and never updated or deleted. `seq` is the global, increasing sequence
/// number WebSocket clients resume from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RequestEvent {
    pub seq: i64,
    pub request_id: RequestId,
    pub kind: EventKind,
    pub actor_id: UserId,
    pub from_status: Option<Status>,
    pub to_status: Option<Status>,
    /// The technician for ASSIGNED / UNASSIGNED.
    pub technician_id: Option<UserId>,
    pub note: Option<String>,
    /// Set for COMMENTED: the comment it records.
    pub comment_id: Option<CommentId>,
    /// Internal comments are staff-only, and so is their event.
    pub internal: bool,
    pub at: DateTime<Utc>,
}

/// A timeline entry before it is stored.
#[derive(Debug, Clone, PartialEq)]
pub struct NewEvent {
    pub kind: EventKind,
    pub actor_id: UserId,
    pub from_status: Option<Status>,
    pub to_status: Option<Status>,
    pub technician_id: Option<UserId>,
    pub note: Option<String>,
    pub internal: bool,
    pub at: DateTime<Utc>,
}

/// A comment on a request.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Comment {
    pub id: CommentId,
    pub request_id: RequestId,
    pub author_id: UserId,
    pub body: String,
    pub internal: bool,
    pub created_at: DateTime<Utc>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn reference_pads_to_six_digits() {
        let at = Utc.with_ymd_and_hms(2026, 3, 1, 0, 0, 0).unwrap();
        assert_eq!(format_reference(at, 123), "MR-2026-000123");
    }

    #[test]
    fn due_times_follow_priority() {
        let now = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        let due = DueTimes::default();
        assert_eq!(due.due_at(Priority::Urgent, now) - now, Duration::hours(4));
        assert_eq!(due.due_at(Priority::Low, now) - now, Duration::days(7));
    }

    #[test]
    fn final_statuses_are_exactly_three() {
        let finals: Vec<_> = Status::ALL.into_iter().filter(|s| s.is_final()).collect();
        assert_eq!(
            finals,
            vec![Status::Closed, Status::Rejected, Status::Cancelled]
        );
    }
}
