//! What lists and reports should contain, recomputed in plain Rust from the stored requests
//! (read back one by one with `get`), independently of the adapter's SQL.

use basma_domain::model::{MaintenanceRequest, Status};
use basma_domain::ports::{RequestFilter, RequestSort, Visibility};
use chrono::{DateTime, Utc};
use std::cmp::Ordering;

pub fn visible(visibility: &Visibility, r: &MaintenanceRequest) -> bool {
    let submitted = r.status != Status::Draft;
    match visibility {
        Visibility::Everything { viewer } => submitted || r.requester_id == *viewer,
        Visibility::Properties {
            viewer,
            property_ids,
        } => (submitted && property_ids.contains(&r.property_id)) || r.requester_id == *viewer,
        Visibility::Technician { viewer } => {
            r.assignee_id == Some(*viewer)
                || (r.status == Status::Submitted && r.assignee_id.is_none())
                || r.requester_id == *viewer
        }
        Visibility::Own { viewer } => r.requester_id == *viewer,
    }
}

pub fn matches(filter: &RequestFilter, r: &MaintenanceRequest, now: DateTime<Utc>) -> bool {
    let q_ok = filter.q.as_deref().is_none_or(|q| {
        let q = q.trim().to_lowercase();
        [&r.title, &r.description, &r.reference]
            .iter()
            .any(|text| text.to_lowercase().contains(&q))
    });
    (filter.statuses.is_empty() || filter.statuses.contains(&r.status))
        && filter.priority.is_none_or(|p| r.priority == p)
        && filter.category_id.is_none_or(|c| r.category_id == c)
        && filter.property_id.is_none_or(|p| r.property_id == p)
        && filter.building_id.is_none_or(|b| r.building_id == b)
        && filter.assignee_id.is_none_or(|a| r.assignee_id == Some(a))
        && filter.requester_id.is_none_or(|u| r.requester_id == u)
        && q_ok
        && filter.created_from.is_none_or(|from| r.created_at >= from)
        && filter.created_to.is_none_or(|to| r.created_at < to)
        && (!filter.overdue || (r.status.is_open() && r.due_at.is_some_and(|d| d < now)))
        && (!filter.available || (r.status == Status::Submitted && r.assignee_id.is_none()))
}

pub fn compare(sort: RequestSort, a: &MaintenanceRequest, b: &MaintenanceRequest) -> Ordering {
    match sort {
        RequestSort::CreatedDesc => (b.created_at, b.id).cmp(&(a.created_at, a.id)),
        RequestSort::CreatedAsc => (a.created_at, a.id).cmp(&(b.created_at, b.id)),
        RequestSort::PriorityDesc => {
            (b.priority, b.created_at, b.id).cmp(&(a.priority, a.created_at, a.id))
        }
        RequestSort::DueAsc => match (a.due_at, b.due_at) {
            (Some(x), Some(y)) => (x, a.id).cmp(&(y, b.id)),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => a.id.cmp(&b.id),
        },
        RequestSort::UpdatedDesc => (b.updated_at, b.id).cmp(&(a.updated_at, a.id)),
    }
}

/// The requests `visibility` and `filter` select, in `sort` order.
pub fn expected(
    all: &[MaintenanceRequest],
    visibility: &Visibility,
    filter: &RequestFilter,
    sort: RequestSort,
    now: DateTime<Utc>,
) -> Vec<MaintenanceRequest> {
    let mut out: Vec<_> = all
        .iter()
        .filter(|r| visible(visibility, r) && matches(filter, r, now))
        .cloned()
        .collect();
    out.sort_by(|a, b| compare(sort, a, b));
    out
}

pub fn seconds(from: DateTime<Utc>, to: DateTime<Utc>) -> f64 {
    (to - from).num_microseconds().unwrap() as f64 / 1e6
}

pub fn mean(values: &[f64]) -> Option<f64> {
    (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64)
}

pub fn median(values: &[f64]) -> Option<f64> {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(sorted[n / 2]),
        _ => Some((sorted[n / 2 - 1] + sorted[n / 2]) / 2.0),
    }
}

/// Floats from the database agree to the millisecond (SQLite's date functions stop there).
pub fn close(actual: Option<f64>, expected: Option<f64>) -> bool {
    match (actual, expected) {
        (Some(a), Some(e)) => (a - e).abs() < 1e-3,
        (None, None) => true,
        _ => false,
    }
}
