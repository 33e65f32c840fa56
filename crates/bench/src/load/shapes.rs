//! The list pages users ask for, per role: the same shapes drive the HTTP `list` operation
//! (as a query string) and the SQL ceiling (as the repository's own list statements), so the
//! two measure the same queries.

use crate::accounts::Role;
use basma_domain::model::{BuildingId, Priority, PropertyId, Status};
use basma_domain::ports::{RequestFilter, RequestSort};
use uuid::Uuid;

/// One list page shape (first page, 20 rows).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// A customer's own requests, or whatever the role sees, newest first.
    Visible,
    Available,
    Working,
    Property(Uuid),
    PropertyInProgress(Uuid),
    Submitted,
    SubmittedByPriority,
    UrgentInProgress,
    PropertyAssigned(Uuid),
    Building(Uuid),
    Overdue,
}

/// The shape a `role` user asks for on its `n`-th draw (`n` in 0..6), given its managed
/// properties and a random building.
pub fn pick(role: Role, n: usize, managed: &[Uuid], building: (Uuid, Uuid)) -> Shape {
    match role {
        Role::Customer => Shape::Visible,
        Role::Technician if n.is_multiple_of(2) => Shape::Available,
        Role::Technician => Shape::Working,
        Role::BasmaAdmin => match (n % 3, managed.first()) {
            (0, Some(p)) => Shape::Property(*p),
            (1, Some(p)) => Shape::PropertyInProgress(*p),
            _ => Shape::Visible,
        },
        Role::MaintenanceAdmin | Role::SuperAdmin => match n {
            0 => Shape::Submitted,
            1 => Shape::SubmittedByPriority,
            2 => Shape::UrgentInProgress,
            3 => Shape::PropertyAssigned(building.1),
            4 => Shape::Building(building.0),
            _ => Shape::Overdue,
        },
    }
}

impl Shape {
    /// The query string of `GET /api/v1/requests`.
    pub fn query(self) -> String {
        let rest = match self {
            Shape::Visible => String::new(),
            Shape::Available => "available=true&".into(),
            Shape::Working => "status=ASSIGNED&status=IN_PROGRESS&".into(),
            Shape::Property(p) => format!("propertyId={p}&"),
            Shape::PropertyInProgress(p) => format!("propertyId={p}&status=IN_PROGRESS&"),
            Shape::Submitted => "status=SUBMITTED&".into(),
            Shape::SubmittedByPriority => "status=SUBMITTED&sort=-priority&".into(),
            Shape::UrgentInProgress => "status=IN_PROGRESS&priority=URGENT&".into(),
            Shape::PropertyAssigned(p) => format!("propertyId={p}&status=ASSIGNED&"),
            Shape::Building(b) => format!("buildingId={b}&"),
            Shape::Overdue => "overdue=true&".into(),
        };
        format!("{rest}limit=20")
    }

    /// The repository filter and order the server builds from [`Shape::query`].
    pub fn filter(self) -> (RequestFilter, RequestSort) {
        let mut filter = RequestFilter::default();
        let mut sort = RequestSort::CreatedDesc;
        match self {
            Shape::Visible => {}
            Shape::Available => filter.available = true,
            Shape::Working => filter.statuses = vec![Status::Assigned, Status::InProgress],
            Shape::Property(p) => filter.property_id = Some(PropertyId(p)),
            Shape::PropertyInProgress(p) => {
                filter.property_id = Some(PropertyId(p));
                filter.statuses = vec![Status::InProgress];
            }
            Shape::Submitted => filter.statuses = vec![Status::Submitted],
            Shape::SubmittedByPriority => {
                filter.statuses = vec![Status::Submitted];
                sort = RequestSort::PriorityDesc;
            }
            Shape::UrgentInProgress => {
                filter.statuses = vec![Status::InProgress];
                filter.priority = Some(Priority::Urgent);
            }
            Shape::PropertyAssigned(p) => {
                filter.property_id = Some(PropertyId(p));
                filter.statuses = vec![Status::Assigned];
            }
            Shape::Building(b) => filter.building_id = Some(BuildingId(b)),
            Shape::Overdue => filter.overdue = true,
        }
        (filter, sort)
    }
}
