//! Service tests against the in-memory ports: one `World` per test, with actors of each
//! role and requests staged directly in the store.

use super::*;
use crate::fakes::{FakeAudit, FakeBus, FakeCatalog, FakeRequests, FakeUsers, FixedClock, request};
use crate::model::{PropertyId, Role, UserId};

mod content;
mod detail;
mod observers;
mod reading;
mod transitions;

struct World {
    repo: Arc<FakeRequests>,
    catalog: Arc<FakeCatalog>,
    users: Arc<FakeUsers>,
    bus: Arc<FakeBus>,
    observed: Arc<observers::Observed>,
    service: RequestService,
}

impl World {
    fn new() -> Self {
        let repo = Arc::new(FakeRequests::default());
        let catalog = Arc::new(FakeCatalog::default());
        let users = Arc::new(FakeUsers::default());
        let bus = Arc::new(FakeBus::default());
        let observed = Arc::new(observers::Observed::default());
        let service = RequestService::new(
            RequestPorts {
                requests: repo.clone(),
                lists: repo.clone(),
                catalog: catalog.clone(),
                users: users.clone(),
                bus: bus.clone(),
                audit: Arc::new(FakeAudit::default()),
                clock: Arc::new(FixedClock::default()),
            },
            DueTimes::default(),
        )
        .observed_by(observed.clone());
        Self {
            repo,
            catalog,
            users,
            bus,
            observed,
            service,
        }
    }

    /// A stored, active user of `role`, as the policy sees them.
    fn actor(&self, role: Role) -> Actor {
        Actor {
            id: self.users.add(role, true),
            role,
            property_ids: Vec::new(),
        }
    }

    /// A BASMA_ADMIN managing `property`.
    fn property_admin(&self, property: PropertyId) -> Actor {
        Actor {
            property_ids: vec![property],
            ..self.actor(Role::BasmaAdmin)
        }
    }

    /// A request by `requester` in `status`, held by `assignee`.
    fn stage(&self, requester: &Actor, status: Status, assignee: Option<UserId>) -> RequestId {
        let mut staged = request(requester.id, status);
        staged.assignee_id = assignee;
        self.repo.insert(staged)
    }

    fn now(&self) -> chrono::DateTime<chrono::Utc> {
        FixedClock::default().0
    }
}

/// The fields named in a validation error, in order.
fn fields(err: RequestError) -> Vec<(String, crate::validation::Rule)> {
    match err {
        RequestError::Validation(errors) => {
            errors.0.into_iter().map(|e| (e.field, e.rule)).collect()
        }
        other => panic!("expected a validation error, got {other:?}"),
    }
}
