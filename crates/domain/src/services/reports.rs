//! Reports (SPEC §5 Reports): the summary figures and the CSV export, for whoever
//! `policy::may_read_reports` allows, always over what `policy::visibility` lets them see
//! (a BASMA_ADMIN's figures cover only the properties they manage).

use super::requests::{ListParams, list_query};
use crate::model::{MaintenanceRequest, Priority, Status, UserId};
use crate::policy::{self, Actor};
use crate::ports::{
    Clock, RepoError, ReportSummary, RequestFilter, RequestLists, RequestQuery, RequestReports,
    RequestSort, Visibility,
};
use crate::validation::ValidationErrors;
use std::sync::Arc;

/// Rows fetched per round trip of an export: the list's largest page.
pub const EXPORT_PAGE: u16 = 100;

#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("invalid input")]
    Validation(ValidationErrors),
    #[error("forbidden")]
    Forbidden,
    #[error(transparent)]
    Store(RepoError),
}

impl From<RepoError> for ReportError {
    fn from(err: RepoError) -> Self {
        Self::Store(err)
    }
}

impl From<ValidationErrors> for ReportError {
    fn from(errors: ValidationErrors) -> Self {
        Self::Validation(errors)
    }
}

pub struct ReportService {
    lists: Arc<dyn RequestLists>,
    reports: Arc<dyn RequestReports>,
    clock: Arc<dyn Clock>,
}

impl ReportService {
    pub fn new(
        lists: Arc<dyn RequestLists>,
        reports: Arc<dyn RequestReports>,
        clock: Arc<dyn Clock>,
    ) -> Self {
        Self {
            lists,
            reports,
            clock,
        }
    }

    fn guard(actor: &Actor) -> Result<(), ReportError> {
        if policy::may_read_reports(actor) {
            Ok(())
        } else {
            Err(ReportError::Forbidden)
        }
    }

    /// `GET /reports/summary`: `filter` carries from/to (as `created_from`/`created_to`),
    /// property and building. The figures cover submitted work only: a draft is its author's
    /// private note, not yet a request anyone acts on, so it is never counted (which also
    /// makes every SUPER/MAINTENANCE_ADMIN's figures the same, and shareable).
    ///
    /// # Errors
    /// `Forbidden`, `Store`.
    pub async fn summary(
        &self,
        actor: &Actor,
        filter: RequestFilter,
    ) -> Result<ReportSummary, ReportError> {
        Self::guard(actor)?;
        let visibility = policy::visibility(actor);
        let filter = RequestFilter {
            statuses: Status::ALL
                .into_iter()
                .filter(|s| *s != Status::Draft)
                .collect(),
            ..filter
        };
        Ok(self
            .reports
            .summary(visibility, filter, self.clock.now())
            .await?)
    }

    /// `GET /reports/requests.csv`: the list's filters and order, fetched page by page so
    /// the HTTP layer can stream rows without holding the whole export in memory.
    ///
    /// # Errors
    /// `Forbidden`.
    pub fn export(
        &self,
        actor: &Actor,
        filter: RequestFilter,
        sort: RequestSort,
    ) -> Result<ExportPages, ReportError> {
        Self::guard(actor)?;
        let params = ListParams {
            filter,
            sort,
            cursor: None,
            limit: EXPORT_PAGE,
            include_total: false,
        };
        let query = list_query(actor, params, self.clock.now())?;
        Ok(ExportPages {
            requests: Arc::clone(&self.lists),
            query,
            done: false,
        })
    }

    /// Requests per status, for the open-requests gauge (no viewer: operators' figures).
    ///
    /// # Errors
    /// `Store`.
    pub async fn count_by_status(&self) -> Result<Vec<(Status, u64)>, ReportError> {
        Ok(self.reports.count_by_status().await?)
    }

    /// Open requests past their due time now, per priority, for the overdue gauge: the list's
    /// `overdue` filter over every submitted request (overdue ones are never drafts), counted
    /// with a one-row page each, so one indexed `COUNT` per priority.
    ///
    /// # Errors
    /// `Store`.
    pub async fn count_overdue(&self) -> Result<Vec<(Priority, u64)>, ReportError> {
        let now = self.clock.now();
        let mut counts = Vec::with_capacity(Priority::ALL.len());
        for priority in Priority::ALL {
            let page = self
                .lists
                .list(RequestQuery {
                    // Nobody's own drafts: the nil viewer owns nothing, and an overdue
                    // request is submitted anyway.
                    visibility: Visibility::Everything {
                        viewer: UserId(uuid::Uuid::nil()),
                    },
                    filter: RequestFilter {
                        overdue: true,
                        priority: Some(priority),
                        ..RequestFilter::default()
                    },
                    sort: RequestSort::default(),
                    cursor: None,
                    limit: 1,
                    include_total: true,
                    now,
                })
                .await?;
            counts.push((priority, page.total.unwrap_or(0)));
        }
        Ok(counts)
    }
}

/// The pages of one export. It owns what it needs, so it can outlive the HTTP handler
/// inside a response stream; every page uses the same "now" (for `overdue`) and visibility.
pub struct ExportPages {
    requests: Arc<dyn RequestLists>,
    query: RequestQuery,
    done: bool,
}

impl ExportPages {
    /// The next page of rows; `None` once the export is complete.
    ///
    /// # Errors
    /// `Store`; the export should then be cut short (the rows sent so far stand).
    pub async fn next_page(&mut self) -> Result<Option<Vec<MaintenanceRequest>>, ReportError> {
        if self.done {
            return Ok(None);
        }
        let page = self.requests.list(self.query.clone()).await?;
        match page.next_cursor {
            Some(cursor) => self.query.cursor = Some(cursor),
            None => self.done = true,
        }
        if page.items.is_empty() {
            self.done = true;
            return Ok(None);
        }
        Ok(Some(page.items))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fakes::{FakeRequests, FixedClock, request};
    use crate::model::{PropertyId, Status};
    use crate::model::{Role, UserId};
    use crate::ports::Visibility;

    fn actor(role: Role, property_ids: Vec<PropertyId>) -> Actor {
        Actor {
            id: UserId::new(),
            role,
            property_ids,
        }
    }

    fn service(repo: &Arc<FakeRequests>) -> ReportService {
        ReportService::new(repo.clone(), repo.clone(), Arc::new(FixedClock::default()))
    }

    #[tokio::test]
    async fn technicians_and_customers_may_not_read_reports() {
        let repo = Arc::new(FakeRequests::default());
        for role in [Role::Technician, Role::Customer] {
            let got = service(&repo)
                .summary(&actor(role, vec![]), RequestFilter::default())
                .await;
            assert!(matches!(got, Err(ReportError::Forbidden)), "{role:?}");
            let export = service(&repo).export(
                &actor(role, vec![]),
                RequestFilter::default(),
                RequestSort::default(),
            );
            assert!(matches!(export, Err(ReportError::Forbidden)), "{role:?}");
        }
    }

    #[tokio::test]
    async fn a_basma_admin_summary_is_scoped_to_their_properties() {
        let repo = Arc::new(FakeRequests::default());
        let property = PropertyId::new();
        let admin = actor(Role::BasmaAdmin, vec![property]);
        service(&repo)
            .summary(&admin, RequestFilter::default())
            .await
            .unwrap();
        assert_eq!(
            repo.last_summary().map(|(visibility, _)| visibility),
            Some(Visibility::Properties {
                viewer: admin.id,
                property_ids: vec![property]
            })
        );
    }

    #[tokio::test]
    async fn a_summary_counts_every_status_but_draft_and_keeps_the_caller_filter() {
        let repo = Arc::new(FakeRequests::default());
        let property = PropertyId::new();
        let filter = RequestFilter {
            property_id: Some(property),
            ..RequestFilter::default()
        };
        let admin = actor(Role::MaintenanceAdmin, vec![]);
        service(&repo).summary(&admin, filter).await.unwrap();
        let (_, asked) = repo.last_summary().unwrap();
        assert_eq!(asked.property_id, Some(property));
        assert_eq!(asked.statuses.len(), Status::ALL.len() - 1);
        assert!(!asked.statuses.contains(&Status::Draft));
    }

    #[tokio::test]
    async fn an_export_walks_every_page_until_the_last() {
        let repo = Arc::new(FakeRequests::default());
        let requester = UserId::new();
        for _ in 0..(usize::from(EXPORT_PAGE) * 2 + 5) {
            repo.insert(request(requester, Status::Submitted));
        }
        let admin = actor(Role::MaintenanceAdmin, vec![]);
        let mut pages = service(&repo)
            .export(&admin, RequestFilter::default(), RequestSort::default())
            .unwrap();
        let mut sizes = Vec::new();
        while let Some(rows) = pages.next_page().await.unwrap() {
            sizes.push(rows.len());
        }
        assert_eq!(sizes, vec![100, 100, 5]);
    }

    /// Answers each list with a total of ten per rank of its priority, and keeps the queries.
    #[derive(Default)]
    struct CountingLists(std::sync::Mutex<Vec<RequestQuery>>);

    #[async_trait::async_trait]
    impl RequestLists for CountingLists {
        async fn list(
            &self,
            query: RequestQuery,
        ) -> Result<crate::ports::Page<MaintenanceRequest>, RepoError> {
            let rank = Priority::ALL
                .iter()
                .position(|p| Some(*p) == query.filter.priority);
            self.0.lock().unwrap().push(query);
            Ok(crate::ports::Page {
                items: Vec::new(),
                next_cursor: None,
                total: rank.map(|r| r as u64 * 10),
            })
        }
    }

    #[tokio::test]
    async fn overdue_counts_are_one_counted_overdue_page_per_priority_over_everything() {
        let lists = Arc::new(CountingLists::default());
        let service = ReportService::new(
            lists.clone(),
            Arc::new(FakeRequests::default()),
            Arc::new(FixedClock::default()),
        );
        let counts = service.count_overdue().await.unwrap();
        let expected: Vec<_> = Priority::ALL
            .iter()
            .enumerate()
            .map(|(rank, p)| (*p, rank as u64 * 10))
            .collect();
        assert_eq!(counts, expected);
        let asked = lists.0.lock().unwrap();
        assert_eq!(asked.len(), Priority::ALL.len());
        for query in asked.iter() {
            assert!(query.filter.overdue && query.include_total, "{query:?}");
            assert_eq!((query.limit, query.cursor.as_deref()), (1, None));
            assert_eq!(query.now, FixedClock::default().0);
            assert!(query.filter.statuses.is_empty());
            assert!(matches!(query.visibility, Visibility::Everything { .. }));
        }
    }
}
