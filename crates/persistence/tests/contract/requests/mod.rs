//! The request ports. The fixtures build a small world of users, properties and buildings.
//! The `RequestStore` scenarios (creating, numbering, conditional updates, draft deletes,
//! comments and the timeline) run on every backend, the in-memory fake included. Lists,
//! reports and the replay stay SQL-only: the fake store serves those to service tests as a
//! recorder (it notes the query and pages in id order) rather than an implementation, so
//! there is nothing to hold to the contract; `oracle` recomputes in plain Rust what each
//! list, filter, order and report should contain, and those scenarios compare.

mod create;
mod explain;
mod list;
mod oracle;
mod pagination;
mod summary;
mod timeline;
mod update;
mod visibility;

use crate::support::{Adapters, Catalog, TestDb, new_user, now};
use basma_domain::model::{
    Building, BuildingId, CategoryId, EventKind, MaintenanceRequest, NewEvent, Priority, Property,
    PropertyId, RequestEvent, RequestId, Role, Status, UserId,
};
use basma_domain::ports::{
    NewRequest, RequestChange, RequestFilter, RequestLists, RequestQuery, RequestSort,
    RequestStore, UserStore, Visibility,
};
use basma_persistence::{SqlCatalog, SqlRequestRepository, SqlUserRepository};
use chrono::{DateTime, Duration, TimeZone, Utc};
use std::sync::Arc;

/// Users, two properties with a building each, and two categories, around a request store:
/// the SQL adapter itself (`World::new`, for the SQL-only scenarios) or whichever backend's
/// `RequestStore` port (`World::on`, for the scenarios every backend runs).
pub struct World<R: ?Sized = SqlRequestRepository> {
    pub repo: Arc<R>,
    pub admin: UserId,
    pub basma: UserId,
    pub tech: UserId,
    pub tech2: UserId,
    pub alice: UserId,
    pub bob: UserId,
    pub p1: PropertyId,
    pub p2: PropertyId,
    pub b1: BuildingId,
    pub b2: BuildingId,
    pub cat: CategoryId,
    pub cat2: CategoryId,
}

/// A fixed instant in 2026 plus `seconds`, so tests control every timestamp.
pub fn t(seconds: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 1, 8, 0, 0).unwrap() + Duration::seconds(seconds)
}

const PEOPLE: [(&str, Role); 6] = [
    ("admin@basma.test", Role::MaintenanceAdmin),
    ("basma@basma.test", Role::BasmaAdmin),
    ("tech@basma.test", Role::Technician),
    ("tech2@basma.test", Role::Technician),
    ("alice@basma.test", Role::Customer),
    ("bob@basma.test", Role::Customer),
];

impl World<SqlRequestRepository> {
    pub async fn new(db: &TestDb) -> Self {
        let conn = db.store.connection().clone();
        let users = SqlUserRepository::new(conn.clone());
        let mut people = Vec::new();
        for (email, role) in PEOPLE {
            people.push(users.create(new_user(email, role)).await.unwrap().id);
        }
        let repo = Arc::new(SqlRequestRepository::new(conn.clone()));
        World::furnish(repo, &people, &SqlCatalog::new(conn)).await
    }
}

impl World<dyn RequestStore> {
    pub async fn on(ports: &Adapters) -> Self {
        let mut people = Vec::new();
        for (email, role) in PEOPLE {
            people.push(ports.person(email, role).await);
        }
        let world = World::furnish(ports.requests.clone(), &people, ports.catalog.as_ref()).await;
        ports.refer_to(&[world.b1.0, world.b2.0, world.cat.0, world.cat2.0]);
        world
    }
}

impl<R: RequestStore + ?Sized> World<R> {
    async fn furnish(repo: Arc<R>, people: &[UserId], catalog: &dyn Catalog) -> Self {
        let mut places = Vec::new();
        for code in ["P1", "P2"] {
            let property = catalog
                .create_property(Property {
                    id: PropertyId::new(),
                    name: format!("برج {code}"),
                    code: code.into(),
                    city: "Riyadh".into(),
                    address: None,
                    created_at: now(),
                    updated_at: now(),
                })
                .await
                .unwrap();
            let building = catalog
                .create_building(Building {
                    id: BuildingId::new(),
                    property_id: property.id,
                    name: "A".into(),
                    code: "A".into(),
                    created_at: now(),
                    updated_at: now(),
                })
                .await
                .unwrap();
            places.push((property.id, building.id));
        }
        let categories = catalog.list_categories().await.unwrap();
        World {
            repo,
            admin: people[0],
            basma: people[1],
            tech: people[2],
            tech2: people[3],
            alice: people[4],
            bob: people[5],
            p1: places[0].0,
            b1: places[0].1,
            p2: places[1].0,
            b2: places[1].1,
            cat: categories[0].id,
            cat2: categories[1].id,
        }
    }

    /// A submitted request in property 1, created (and submitted) at `at`, due a day later.
    pub fn submitted(&self, requester: UserId, title: &str, at: DateTime<Utc>) -> NewRequest {
        NewRequest {
            id: RequestId::new(),
            title: title.into(),
            description: format!("{title}: the description of the problem"),
            category_id: self.cat,
            priority: Priority::Medium,
            status: Status::Submitted,
            building_id: self.b1,
            property_id: self.p1,
            location: Some("Flat 3".into()),
            requester_id: requester,
            due_at: Some(at + Duration::days(1)),
            submitted_at: Some(at),
            now: at,
        }
    }

    pub fn draft(&self, requester: UserId, title: &str, at: DateTime<Utc>) -> NewRequest {
        NewRequest {
            status: Status::Draft,
            due_at: None,
            submitted_at: None,
            ..self.submitted(requester, title, at)
        }
    }

    /// Moves a request into property 2.
    pub fn in_p2(&self, request: NewRequest) -> NewRequest {
        NewRequest {
            building_id: self.b2,
            property_id: self.p2,
            ..request
        }
    }

    pub async fn create(&self, request: NewRequest) -> MaintenanceRequest {
        let event = event(EventKind::Created, request.requester_id, request.now);
        let event = NewEvent {
            to_status: Some(request.status),
            ..event
        };
        self.repo.create(request, event).await.unwrap().0
    }

    /// Applies `change` at `at` on top of the stored version.
    pub async fn change(
        &self,
        request: &MaintenanceRequest,
        change: RequestChange,
        at: DateTime<Utc>,
    ) -> (MaintenanceRequest, RequestEvent) {
        let current = self.repo.get(request.id).await.unwrap();
        let event = NewEvent {
            from_status: Some(current.status),
            to_status: change.status,
            ..event(EventKind::StatusChanged, self.admin, at)
        };
        self.repo
            .update(request.id, current.version, change, event)
            .await
            .unwrap()
    }

    /// Assigns to `technician` at `at`.
    pub async fn assign(
        &self,
        request: &MaintenanceRequest,
        technician: UserId,
        at: DateTime<Utc>,
    ) -> MaintenanceRequest {
        let change = RequestChange {
            status: Some(Status::Assigned),
            assignee_id: Some(Some(technician)),
            assigned_at: Some(Some(at)),
            ..RequestChange::default()
        };
        self.change(request, change, at).await.0
    }
}

pub fn event(kind: EventKind, actor: UserId, at: DateTime<Utc>) -> NewEvent {
    NewEvent {
        kind,
        actor_id: actor,
        from_status: None,
        to_status: None,
        technician_id: None,
        note: None,
        internal: false,
        at,
    }
}

/// A first-page query of up to 100 rows, newest first, at `now`.
pub fn query(visibility: Visibility, filter: RequestFilter, now: DateTime<Utc>) -> RequestQuery {
    RequestQuery {
        visibility,
        filter,
        sort: RequestSort::CreatedDesc,
        cursor: None,
        limit: 100,
        include_total: true,
        now,
    }
}

/// Every page of `query`, following the cursors.
pub async fn all_pages(
    repo: &SqlRequestRepository,
    mut query: RequestQuery,
) -> Vec<MaintenanceRequest> {
    let mut out = Vec::new();
    loop {
        let page = repo.list(query.clone()).await.unwrap();
        assert!(page.items.len() <= usize::from(query.limit));
        out.extend(page.items);
        match page.next_cursor {
            Some(cursor) => query.cursor = Some(cursor),
            None => return out,
        }
    }
}

pub fn ids(requests: &[MaintenanceRequest]) -> Vec<RequestId> {
    requests.iter().map(|r| r.id).collect()
}
