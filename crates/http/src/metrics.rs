//! Prometheus metrics (SPEC §8). The recorder is process-wide by the `metrics` crate's design,
//! so it is installed once and every server in the process shares its handle.

use crate::state::AppState;
use basma_domain::model::{CategoryId, Priority, Status};
use basma_domain::services::requests::Recorded;
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};
use std::time::Duration;

static HANDLE: OnceLock<Option<PrometheusHandle>> = OnceLock::new();

const LATENCY_BUCKETS: [f64; 14] = [
    0.001, 0.0025, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0, 30.0,
];
const RESOLUTION_BUCKETS: [f64; 10] = [
    900.0,
    3600.0,
    4.0 * 3600.0,
    8.0 * 3600.0,
    86400.0,
    2.0 * 86400.0,
    3.0 * 86400.0,
    7.0 * 86400.0,
    14.0 * 86400.0,
    30.0 * 86400.0,
];

/// The shared Prometheus handle, installing the recorder on first use. `None` only if another
/// recorder was installed by someone else first.
pub fn handle() -> Option<PrometheusHandle> {
    HANDLE
        .get_or_init(|| {
            PrometheusBuilder::new()
                .set_buckets_for_metric(
                    Matcher::Full("http_request_duration_seconds".into()),
                    &LATENCY_BUCKETS,
                )
                .and_then(|b| {
                    b.set_buckets_for_metric(
                        Matcher::Full("maintenance_request_resolution_seconds".into()),
                        &RESOLUTION_BUCKETS,
                    )
                })
                .and_then(|b| b.install_recorder())
                .map_err(|e| tracing::warn!(error = %e, "metrics recorder not installed"))
                .ok()
        })
        .clone()
}

/// Counts a served request and observes its latency under its matched route pattern.
pub fn observe_http(method: &str, route: &str, status: u16, latency: Duration) {
    metrics::counter!(
        "http_requests_total",
        "method" => method.to_owned(),
        "route" => route.to_owned(),
        "status" => status.to_string()
    )
    .increment(1);
    metrics::histogram!(
        "http_request_duration_seconds",
        "method" => method.to_owned(),
        "route" => route.to_owned()
    )
    .record(latency.as_secs_f64());
}

/// The category's code for metric labels (bounded: categories are few), `unknown` if gone.
async fn category_code(state: &AppState, id: CategoryId) -> String {
    match state.services.catalog.list_categories().await {
        Ok(categories) => categories
            .into_iter()
            .find(|c| c.id == id)
            .map_or_else(|| "unknown".into(), |c| c.code),
        Err(_) => "unknown".into(),
    }
}

/// A request was created: count it and, if it was submitted, open it.
pub async fn observe_created(state: &AppState, recorded: &Recorded) {
    let r = &recorded.request;
    let category = category_code(state, r.category_id).await;
    metrics::counter!(
        "maintenance_requests_created_total",
        "category" => category,
        "priority" => r.priority.as_str()
    )
    .increment(1);
    state.open_requests.moved(None, Some(r.status));
}

/// A request changed status: count the transition, move the open gauge, and observe the
/// resolution time when it was completed.
pub async fn observe_transition(state: &AppState, recorded: &Recorded) {
    let (from, to) = (recorded.event.from_status, recorded.event.to_status);
    if let (Some(from), Some(to)) = (from, to) {
        metrics::counter!("maintenance_request_transitions_total", "from" => from.as_str(), "to" => to.as_str())
            .increment(1);
    }
    if from != to {
        state.open_requests.moved(from, to);
    }
    let r = &recorded.request;
    if to == Some(Status::Completed)
        && let (Some(submitted), Some(completed)) = (r.submitted_at, r.completed_at)
    {
        let seconds = (completed - submitted).num_milliseconds() as f64 / 1000.0;
        let category = category_code(state, r.category_id).await;
        metrics::histogram!(
            "maintenance_request_resolution_seconds",
            "category" => category,
            "priority" => r.priority.as_str()
        )
        .record(seconds.max(0.0));
    }
}

/// `maintenance_requests_open{status}` and `maintenance_requests_overdue{priority}`: loaded
/// from the store at start and on a timer, the open counts moved by every change this
/// instance makes in between.
#[derive(Default)]
pub struct OpenRequests {
    inner: Mutex<OpenInner>,
}

#[derive(Default)]
struct OpenInner {
    counts: HashMap<Status, i64>,
    open: Share,
    overdue: Share,
}

impl OpenRequests {
    /// Replaces every count with what the store says.
    pub fn reset(&self, counts: &[(Status, u64)]) {
        if let Ok(mut inner) = self.inner.lock() {
            inner.counts.clear();
            for (status, n) in counts {
                inner
                    .counts
                    .insert(*status, i64::try_from(*n).unwrap_or(i64::MAX));
            }
            inner.publish();
        }
    }

    pub fn moved(&self, from: Option<Status>, to: Option<Status>) {
        if let Ok(mut inner) = self.inner.lock() {
            if let Some(from) = from {
                *inner.counts.entry(from).or_default() -= 1;
            }
            if let Some(to) = to {
                *inner.counts.entry(to).or_default() += 1;
            }
            inner.publish();
        }
    }

    /// Sets the overdue counts (open and past their due time) per priority.
    pub fn reset_overdue(&self, counts: &[(Priority, u64)]) {
        if let Ok(mut inner) = self.inner.lock() {
            for priority in Priority::ALL {
                let n = counts
                    .iter()
                    .find(|(p, _)| *p == priority)
                    .map_or(0, |(_, n)| *n);
                inner.overdue.publish(
                    "maintenance_requests_overdue",
                    "priority",
                    priority.as_str(),
                    n as f64,
                );
            }
        }
    }
}

impl OpenInner {
    /// Open means submitted and not final; drafts and final statuses are not exported.
    fn publish(&mut self) {
        for status in Status::ALL.into_iter().filter(|s| s.is_open()) {
            let n = self.counts.get(&status).copied().unwrap_or(0).max(0);
            self.open.publish(
                "maintenance_requests_open",
                "status",
                status.as_str(),
                n as f64,
            );
        }
    }
}

/// This instance's share of a process-wide gauge: the gauge is moved by the change of this
/// instance's value, so servers sharing one process (the black-box tests) add up instead of
/// overwriting each other. With one server per process it is simply that server's value.
#[derive(Default)]
struct Share {
    published: HashMap<&'static str, f64>,
}

impl Share {
    fn publish(&mut self, name: &'static str, label: &'static str, value: &'static str, now: f64) {
        let before = self.published.insert(value, now).unwrap_or(0.0);
        metrics::gauge!(name, label => value).increment(now - before);
    }
}
