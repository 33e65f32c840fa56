//! The business metrics of SPEC §8 (`maintenance_requests_created_total`, transitions, the
//! open and overdue gauges, resolution times): kept by one observer of the request service's
//! committed changes, not by the handlers, and re-read from the store on a timer.

use async_trait::async_trait;
use basma_domain::model::{
    CategoryId, EventKind, MaintenanceRequest, Priority, RequestEvent, Status,
};
use basma_domain::ports::ChangeObserver;
use basma_domain::services::catalog::CatalogService;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// The business metrics, kept by observing every request change this instance
/// commits (one observer, rather than a call in each handler): created requests per category
/// and priority, transitions, the open gauge, and resolution times.
pub struct BusinessMetrics {
    catalog: Arc<CatalogService>,
    open: Arc<OpenRequests>,
}

impl BusinessMetrics {
    pub fn new(catalog: Arc<CatalogService>, open: Arc<OpenRequests>) -> Self {
        Self { catalog, open }
    }

    /// The category's code for metric labels (bounded: categories are few), `unknown` if gone.
    async fn category_code(&self, id: CategoryId) -> String {
        match self.catalog.list_categories().await {
            Ok(categories) => categories
                .into_iter()
                .find(|c| c.id == id)
                .map_or_else(|| "unknown".into(), |c| c.code),
            Err(_) => "unknown".into(),
        }
    }

    /// A request was created: count it and, if it was submitted, open it.
    async fn created(&self, r: &MaintenanceRequest) {
        let category = self.category_code(r.category_id).await;
        metrics::counter!(
            "maintenance_requests_created_total",
            "category" => category,
            "priority" => r.priority.as_str()
        )
        .increment(1);
        self.open.moved(None, Some(r.status));
    }

    /// A request changed status (or hands): count the transition, move the open gauge, and
    /// observe the resolution time when it was completed.
    async fn transition(&self, r: &MaintenanceRequest, event: &RequestEvent) {
        let (from, to) = (event.from_status, event.to_status);
        if let (Some(from), Some(to)) = (from, to) {
            metrics::counter!("maintenance_request_transitions_total", "from" => from.as_str(), "to" => to.as_str())
                .increment(1);
        }
        if from != to {
            self.open.moved(from, to);
        }
        if to == Some(Status::Completed)
            && let (Some(submitted), Some(completed)) = (r.submitted_at, r.completed_at)
        {
            let seconds = (completed - submitted).num_milliseconds() as f64 / 1000.0;
            let category = self.category_code(r.category_id).await;
            metrics::histogram!(
                "maintenance_request_resolution_seconds",
                "category" => category,
                "priority" => r.priority.as_str()
            )
            .record(seconds.max(0.0));
        }
    }
}

#[async_trait]
impl ChangeObserver for BusinessMetrics {
    async fn committed(&self, request: &MaintenanceRequest, event: &RequestEvent) {
        match event.kind {
            EventKind::Created => self.created(request).await,
            EventKind::StatusChanged | EventKind::Assigned | EventKind::Unassigned => {
                self.transition(request, event).await;
            }
            EventKind::Edited | EventKind::Commented | EventKind::Rated => {}
        }
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
