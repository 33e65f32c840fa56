//! The report summary on the wire.

use basma_domain::ports::{self, ReportSummary};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

/// A count per status, priority or category.
#[derive(Serialize, ToSchema)]
pub struct KeyCount {
    /// The status, priority or category id.
    pub key: String,
    pub count: u64,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Backlog {
    pub count: u64,
    pub mean_age_seconds: Option<f64>,
    pub max_age_seconds: Option<f64>,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Durations {
    pub mean_seconds: Option<f64>,
    pub median_seconds: Option<f64>,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct TechnicianFigures {
    pub technician_id: Uuid,
    pub assigned: u64,
    pub completed: u64,
    pub mean_resolution_seconds: Option<f64>,
}

#[derive(Serialize, ToSchema)]
pub struct Ratings {
    pub mean: Option<f64>,
    pub count: u64,
}

/// `GET /reports/summary`.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Summary {
    pub total: u64,
    pub by_status: Vec<KeyCount>,
    pub by_priority: Vec<KeyCount>,
    pub by_category: Vec<KeyCount>,
    pub open_backlog: Backlog,
    pub overdue: u64,
    /// Submitted → assigned.
    pub time_to_assign: Durations,
    /// Submitted → completed.
    pub time_to_resolve: Durations,
    pub technicians: Vec<TechnicianFigures>,
    pub rating: Ratings,
}

fn counts<K>(rows: Vec<(K, u64)>, key: impl Fn(K) -> String) -> Vec<KeyCount> {
    rows.into_iter()
        .map(|(k, count)| KeyCount { key: key(k), count })
        .collect()
}

impl From<ports::TechnicianFigures> for TechnicianFigures {
    fn from(t: ports::TechnicianFigures) -> Self {
        Self {
            technician_id: t.technician_id.0,
            assigned: t.assigned,
            completed: t.completed,
            mean_resolution_seconds: t.resolve_mean_seconds,
        }
    }
}

impl From<ReportSummary> for Summary {
    fn from(s: ReportSummary) -> Self {
        Self {
            total: s.total,
            by_status: counts(s.by_status, |k| k.as_str().to_owned()),
            by_priority: counts(s.by_priority, |k| k.as_str().to_owned()),
            by_category: counts(s.by_category, |k| k.to_string()),
            open_backlog: Backlog {
                count: s.open_backlog,
                mean_age_seconds: s.backlog_mean_age_seconds,
                max_age_seconds: s.backlog_max_age_seconds,
            },
            overdue: s.overdue,
            time_to_assign: Durations {
                mean_seconds: s.assign_mean_seconds,
                median_seconds: s.assign_median_seconds,
            },
            time_to_resolve: Durations {
                mean_seconds: s.resolve_mean_seconds,
                median_seconds: s.resolve_median_seconds,
            },
            technicians: s.technicians.into_iter().map(Into::into).collect(),
            rating: Ratings {
                mean: s.mean_rating,
                count: s.ratings,
            },
        }
    }
}
