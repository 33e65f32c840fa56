//! In-memory ports for the request, catalog and report service tests. The request store
//! honours the version condition like the real adapters, and can serve frozen reads so a
//! test can stage two writers who both read the same version.

mod audit;
mod catalog;
mod store;

pub(crate) use audit::FakeAudit;
pub(crate) use catalog::FakeCatalog;
pub(crate) use store::FakeRequests;

use crate::model::{
    BuildingId, CategoryId, Email, Locale, MaintenanceRequest, NewUser, Phone, Priority,
    PropertyId, RequestId, Role, Status, User, UserChanges, UserCredentials, UserFilter, UserId,
    format_reference,
};
use crate::ports::{BusError, BusEvent, Clock, EventBus, Page, RepoError, UserRepository};
use async_trait::async_trait;
use chrono::{DateTime, TimeZone, Utc};
use std::collections::HashMap;
use std::sync::Mutex;

pub(crate) struct FixedClock(pub DateTime<Utc>);

impl Default for FixedClock {
    fn default() -> Self {
        Self(Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).unwrap())
    }
}

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        self.0
    }
}

/// A stored request of `status` by `requester`, in a fresh property and building.
pub(crate) fn request(requester: UserId, status: Status) -> MaintenanceRequest {
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
pub(crate) struct FakeBus(Mutex<Vec<BusEvent>>);

impl FakeBus {
    pub(crate) fn published(&self) -> Vec<BusEvent> {
        self.0.lock().unwrap().clone()
    }
}

#[async_trait]
impl EventBus for FakeBus {
    async fn publish(&self, event: BusEvent) -> Result<(), BusError> {
        self.0.lock().unwrap().push(event);
        Ok(())
    }
}

/// Accounts by id; only `get` is used by the services under test.
#[derive(Default)]
pub(crate) struct FakeUsers(Mutex<HashMap<UserId, User>>);

impl FakeUsers {
    pub(crate) fn add(&self, role: Role, active: bool) -> UserId {
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
        self.0.lock().unwrap().insert(id, user);
        id
    }
}

fn not_faked<T>() -> Result<T, RepoError> {
    Err(RepoError::Internal("not faked".into()))
}

#[async_trait]
impl UserRepository for FakeUsers {
    async fn create(&self, _user: NewUser) -> Result<User, RepoError> {
        not_faked()
    }
    async fn get(&self, id: UserId) -> Result<User, RepoError> {
        let users = self.0.lock().unwrap();
        users.get(&id).cloned().ok_or(RepoError::NotFound)
    }
    async fn names(&self, ids: &[UserId]) -> Result<Vec<(UserId, String)>, RepoError> {
        let users = self.0.lock().unwrap();
        Ok(ids
            .iter()
            .filter_map(|id| users.get(id).map(|u| (u.id, u.name.clone())))
            .collect())
    }
    async fn find_credentials(&self, _: &Email) -> Result<Option<UserCredentials>, RepoError> {
        not_faked()
    }
    async fn phone_taken(&self, _: &Phone) -> Result<bool, RepoError> {
        not_faked()
    }
    async fn update(&self, _: UserId, _: UserChanges, _: DateTime<Utc>) -> Result<User, RepoError> {
        not_faked()
    }
    async fn set_password_hash(
        &self,
        _: UserId,
        _: &str,
        _: DateTime<Utc>,
    ) -> Result<(), RepoError> {
        not_faked()
    }
    async fn mark_email_verified(&self, _: UserId, _: DateTime<Utc>) -> Result<(), RepoError> {
        not_faked()
    }
    async fn record_failed_login(
        &self,
        _: UserId,
        _: DateTime<Utc>,
        _: DateTime<Utc>,
        _: u32,
        _: DateTime<Utc>,
    ) -> Result<User, RepoError> {
        not_faked()
    }
    async fn reset_failed_logins(&self, _: UserId) -> Result<(), RepoError> {
        not_faked()
    }
    async fn count_active_super_admins(&self) -> Result<u64, RepoError> {
        not_faked()
    }
    async fn list(
        &self,
        _: UserFilter,
        _: Option<String>,
        _: u16,
    ) -> Result<Page<User>, RepoError> {
        not_faked()
    }
}
