//! The report summary on the wire.

use basma_domain::ports::{self, ReportSummary};
use uuid::Uuid;

wire_type! {
    /// A count per status, priority or category.
    KeyCount {
        /// The status, priority or category id.
        key: String,
        count: u64,
    }
}

wire_type! {
    Backlog { count: u64, mean_age_seconds: Option<f64>, max_age_seconds: Option<f64> }
}

wire_type! {
    Durations { mean_seconds: Option<f64>, median_seconds: Option<f64> }
}

wire_type! {
    TechnicianFigures from ports::TechnicianFigures as t {
        technician_id: Uuid = t.technician_id.0,
        assigned: u64 = t.assigned,
        completed: u64 = t.completed,
        mean_resolution_seconds: Option<f64> = t.resolve_mean_seconds,
    }
}

wire_type! {
    Ratings { mean: Option<f64>, count: u64 }
}

wire_type! {
    /// `GET /reports/summary`.
    Summary from ReportSummary as s {
        total: u64 = s.total,
        by_status: Vec<KeyCount> = counts(s.by_status, |k| k.as_str().to_owned()),
        by_priority: Vec<KeyCount> = counts(s.by_priority, |k| k.as_str().to_owned()),
        by_category: Vec<KeyCount> = counts(s.by_category, |k| k.to_string()),
        open_backlog: Backlog = Backlog {
            count: s.open_backlog,
            mean_age_seconds: s.backlog_mean_age_seconds,
            max_age_seconds: s.backlog_max_age_seconds,
        },
        overdue: u64 = s.overdue,
        /// Submitted → assigned.
        time_to_assign: Durations = Durations {
            mean_seconds: s.assign_mean_seconds,
            median_seconds: s.assign_median_seconds,
        },
        /// Submitted → completed.
        time_to_resolve: Durations = Durations {
            mean_seconds: s.resolve_mean_seconds,
            median_seconds: s.resolve_median_seconds,
        },
        technicians: Vec<TechnicianFigures> = s.technicians.into_iter().map(Into::into).collect(),
        rating: Ratings = Ratings { mean: s.mean_rating, count: s.ratings },
    }
}

fn counts<K>(rows: Vec<(K, u64)>, key: impl Fn(K) -> String) -> Vec<KeyCount> {
    rows.into_iter()
        .map(|(k, count)| KeyCount { key: key(k), count })
        .collect()
}
