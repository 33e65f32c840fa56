//! In-memory adapters of the storage ports, for the service tests here and (behind the
//! `fakes` feature) the persistence contract suite, which runs its scenarios against them
//! as well as SQLite and MariaDB, so a fake that disagrees with SQL fails a test. The request
//! store honours the version condition like the real adapters, and can serve frozen reads so
//! a test can stage two writers who both read the same version.

mod audit;
mod catalog;
mod store;

pub use audit::FakeAudit;
pub use catalog::FakeCatalog;
pub use store::FakeRequests;

use crate::model::{
    BuildingId, CategoryId, Locale, MaintenanceRequest, Priority, PropertyId, RequestId, Role,
    Status, User, UserId, format_reference,
};
use crate::ports::{BusError, BusEvent, Clock, EventBus, RepoError, UserDirectory};
use async_trait::async_trait;
use chrono::{DateTime, TimeZone, Utc};
use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard, PoisonError};

pub struct FixedClock(pub DateTime<Utc>);

impl Default for FixedClock {
    fn default() -> Self {
        Self(
            Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0)
                .single()
                .unwrap_or(DateTime::UNIX_EPOCH),
        )
    }
}

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        self.0
    }
}

/// A stored request of `status` by `requester`, in a fresh property and building.
pub fn request(requester: UserId, status: Status) -> MaintenanceRequest {
    let now = FixedClock::default().0;
    let submitted = (status != Status::Draft).then_some(now);
    MaintenanceRequest {
        id: RequestId::new(),
        reference: format_reference(now, 1),
        title: "Leaking kitchen tap".into(),
        description: "Water drips under the sink all night.".into(),
        category_id: CategoryId::new(),
        priority: Priority::Medium,
        status,
        building_id: BuildingId::new(),
        property_id: PropertyId::new(),
        location: None,
        requester_id: requester,
        assignee_id: None,
        due_at: submitted.map(|s| s + chrono::Duration::hours(72)),
        submitted_at: submitted,
        assigned_at: None,
        started_at: None,
        completed_at: None,
        closed_at: None,
        reason: None,
        rating: None,
        feedback: None,
        version: 1,
        created_at: now,
        updated_at: now,
    }
}

#[derive(Default)]
pub struct FakeBus(Mutex<Vec<BusEvent>>);

impl FakeBus {
    pub fn published(&self) -> Vec<BusEvent> {
        lock(&self.0).clone()
    }
}

#[async_trait]
impl EventBus for FakeBus {
    async fn publish(&self, event: BusEvent) -> Result<(), BusError> {
        lock(&self.0).push(event);
        Ok(())
    }
}

/// Accounts by id, as the request service looks them up.
#[derive(Default)]
pub struct FakeUsers(Mutex<HashMap<UserId, User>>);

impl FakeUsers {
    pub fn add(&self, role: Role, active: bool) -> UserId {
        let now = FixedClock::default().0;
        let id = UserId::new();
        let user = User {
            id,
            name: "Technician".into(),
            email: format!("{id}@basma.test"),
            phone: None,
            role,
            active,
            locale: Locale::Ar,
            email_verified_at: Some(now),
            failed_logins: 0,
            first_failed_login_at: None,
            locked_until: None,
            property_ids: Vec::new(),
            category_ids: Vec::new(),
            created_at: now,
            updated_at: now,
        };
        lock(&self.0).insert(id, user);
        id
    }
}

#[async_trait]
impl UserDirectory for FakeUsers {
    async fn display_names(&self, ids: &[UserId]) -> Result<Vec<(UserId, String)>, RepoError> {
        let users = lock(&self.0);
        Ok(ids
            .iter()
            .filter_map(|id| users.get(id).map(|u| (u.id, u.name.clone())))
            .collect())
    }
    async fn find_user(&self, id: UserId) -> Result<User, RepoError> {
        lock(&self.0).get(&id).cloned().ok_or(RepoError::NotFound)
    }
}

/// The guarded value even if a panicking test thread poisoned the lock.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}
