//! Maintenance requests, their timeline and comments: the adapter of [`RequestStore`],
//! [`RequestLists`], [`RequestReports`] and [`EventReplay`].
//!
//! Invariants: a change and its event commit in one transaction; updates and draft deletes
//! are conditional on `version`, so of two concurrent changes exactly one wins; references
//! are gap-free per year (see `create`); the viewer's visibility is part of every list, count
//! and report statement, so no filter, page or total can widen it.
//!
//! Lists use keyset cursors (see `keyset`): a cursor is only valid for the order it was
//! written for; one from another order or list yields an empty page (never an error), so the
//! HTTP layer only has to check that a cursor decodes. Pages are stable under concurrent
//! inserts: a row is returned at most once, and every row that existed when paging started
//! and still matches is returned exactly once, as long as its sort key does not change.

mod create;
mod keyset;
mod list;
mod replay;
mod rows;
mod scope;
mod summary;
mod summary_cache;
mod timeline;
mod update;

use async_trait::async_trait;
use basma_domain::model::{Comment, MaintenanceRequest, NewEvent, RequestEvent, RequestId, Status};
use basma_domain::ports::{
    BusEvent, EventReplay, NewRequest, Page, ReplayQuery, RepoError, ReportSummary, RequestChange,
    RequestFilter, RequestLists, RequestQuery, RequestReports, RequestStore, Visibility,
};
use chrono::{DateTime, Utc};
use sea_orm::{DatabaseConnection, Statement};
use std::sync::Arc;
use std::time::Duration;
use summary_cache::SummaryCache;
use tokio::sync::Semaphore;

#[derive(Debug, Clone)]
pub struct SqlRequestRepository {
    db: DatabaseConnection,
    summaries: Arc<SummaryCache>,
    /// Summaries computed at once (see [`REPORTS_AT_ONCE`]).
    report_permits: Arc<Semaphore>,
}

/// At most this many summaries are computed at once per instance; more wait their turn
/// without holding a pool connection. A summary scans a whole window (~100,000 index entries
/// for a month at a million requests): on a small machine more of them at once only share
/// the same cores, and left unbounded they took every pooled connection and starved the
/// lists and writes behind them (docs/PERFORMANCE.md).
pub const REPORTS_AT_ONCE: usize = 2;

impl SqlRequestRepository {
    /// Report summaries are computed on every call.
    pub fn new(db: DatabaseConnection) -> Self {
        Self::with_report_cache(db, Duration::ZERO)
    }

    /// Identical report summaries asked for within `ttl` share one computation (see
    /// `summary_cache`); figures are then at most `ttl` old.
    pub fn with_report_cache(db: DatabaseConnection, ttl: Duration) -> Self {
        Self {
            db,
            summaries: Arc::new(SummaryCache::new(ttl)),
            report_permits: Arc::new(Semaphore::new(REPORTS_AT_ONCE)),
        }
    }

    /// The statements [`RequestLists::list`] runs for `query` (one per phase; two for
    /// "due soonest"), without the optional count — for `EXPLAIN` in tests and benchmarks.
    pub fn list_statements(&self, query: &RequestQuery) -> Vec<Statement> {
        list::statements(self.db.get_database_backend(), query)
    }
}

#[async_trait]
impl RequestStore for SqlRequestRepository {
    async fn create(
        &self,
        request: NewRequest,
        event: NewEvent,
    ) -> Result<(MaintenanceRequest, RequestEvent), RepoError> {
        create::create(&self.db, request, event).await
    }

    async fn get(&self, id: RequestId) -> Result<MaintenanceRequest, RepoError> {
        update::get(&self.db, id).await
    }

    async fn update(
        &self,
        id: RequestId,
        expected_version: i32,
        change: RequestChange,
        event: NewEvent,
    ) -> Result<(MaintenanceRequest, RequestEvent), RepoError> {
        update::update(&self.db, id, expected_version, change, event).await
    }

    async fn delete_draft(&self, id: RequestId, expected_version: i32) -> Result<(), RepoError> {
        update::delete_draft(&self.db, id, expected_version).await
    }

    async fn add_comment(
        &self,
        comment: Comment,
        event: NewEvent,
    ) -> Result<(Comment, RequestEvent), RepoError> {
        create::add_comment(&self.db, comment, event).await
    }

    async fn events(
        &self,
        id: RequestId,
        include_internal: bool,
    ) -> Result<Vec<RequestEvent>, RepoError> {
        timeline::events(&self.db, id, include_internal).await
    }

    async fn comments(
        &self,
        id: RequestId,
        include_internal: bool,
    ) -> Result<Vec<Comment>, RepoError> {
        timeline::comments(&self.db, id, include_internal).await
    }
}

#[async_trait]
impl RequestLists for SqlRequestRepository {
    async fn list(&self, query: RequestQuery) -> Result<Page<MaintenanceRequest>, RepoError> {
        list::list(&self.db, query).await
    }
}

#[async_trait]
impl RequestReports for SqlRequestRepository {
    async fn summary(
        &self,
        visibility: Visibility,
        filter: RequestFilter,
        now: DateTime<Utc>,
    ) -> Result<ReportSummary, RepoError> {
        let key = self.summaries.key(&visibility, &filter, now);
        let scope = summary::scope(&visibility, &filter, now);
        let db = self.db.clone();
        let permits = Arc::clone(&self.report_permits);
        self.summaries
            .get_or_compute(key, move || {
                Box::pin(async move {
                    let _permit = permits
                        .acquire_owned()
                        .await
                        .map_err(|_| RepoError::Unavailable("the report queue is closed".into()))?;
                    summary::summary(&db, &scope, now).await
                })
            })
            .await
    }

    async fn count_by_status(&self) -> Result<Vec<(Status, u64)>, RepoError> {
        summary::count_by_status(&self.db).await
    }
}

#[async_trait]
impl EventReplay for SqlRequestRepository {
    async fn replay_events(&self, query: &ReplayQuery) -> Result<Vec<BusEvent>, RepoError> {
        replay::events(&self.db, query).await
    }

    async fn replay_floor(&self, after: i64, window: chrono::Duration) -> Result<i64, RepoError> {
        replay::floor(&self.db, after, window).await
    }

    async fn last_event_seq(&self) -> Result<i64, RepoError> {
        replay::last_seq(&self.db).await
    }
}
