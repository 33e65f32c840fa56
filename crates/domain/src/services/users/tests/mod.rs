//! `UserAdminService` unit tests over mockall mocks: who may do what, validation, the store's
//! refusals (taken e-mail, unknown property, the last SUPER_ADMIN), hashing failures, and
//! deactivation revoking every session of the account.

use super::*;
use crate::fakes::FixedClock;
use crate::model::{Locale, PropertyId};
use crate::ports::{
    ConflictOn, HashError, MockAccessTokens, MockAuditLog, MockCredentialStore, MockMailer,
    MockOneTimeTokenStore, MockPasswordHasher, MockSecrets, MockSessionStore, MockUserDirectory,
    MockUserStore, RepoError,
};
use crate::services::accounts::{AuthConfig, AuthPorts};
use crate::validation::Rule;
use chrono::{DateTime, Utc};
use std::sync::Mutex;

mod reading;

struct Mocks {
    users: MockUserStore,
    directory: MockUserDirectory,
    hasher: MockPasswordHasher,
    /// The account flows' session store: deactivation revokes through it.
    sessions: MockSessionStore,
    audited: Arc<Mutex<Vec<AuditAction>>>,
}

impl Mocks {
    fn new() -> Self {
        Self {
            users: MockUserStore::new(),
            directory: MockUserDirectory::new(),
            hasher: MockPasswordHasher::new(),
            sessions: MockSessionStore::new(),
            audited: Arc::default(),
        }
    }

    fn service(self) -> UserAdminService {
        let users: Arc<MockUserStore> = Arc::new(self.users);
        let mut audit = MockAuditLog::new();
        let log = self.audited.clone();
        audit.expect_record().returning(move |entry| {
            log.lock().unwrap().push(entry.action);
            Ok(())
        });
        let audit = Arc::new(audit);
        let clock = Arc::new(FixedClock::default());
        let auth = AuthService::new(
            AuthPorts {
                users: users.clone(),
                credentials: Arc::new(MockCredentialStore::new()),
                sessions: Arc::new(self.sessions),
                one_time: Arc::new(MockOneTimeTokenStore::new()),
                audit: audit.clone(),
                hasher: Arc::new(MockPasswordHasher::new()),
                access: Arc::new(MockAccessTokens::new()),
                secrets: Arc::new(MockSecrets::new()),
                mailer: Arc::new(MockMailer::new()),
                clock: clock.clone(),
            },
            AuthConfig::default(),
        );
        UserAdminService::new(
            UserAdminPorts {
                users,
                directory: Arc::new(self.directory),
                hasher: Arc::new(self.hasher),
                audit,
                clock,
            },
            Arc::new(auth),
        )
    }
}

fn now() -> DateTime<Utc> {
    FixedClock::default().0
}

fn actor(role: Role) -> Actor {
    Actor {
        id: UserId::new(),
        role,
        property_ids: Vec::new(),
    }
}

fn account(role: Role) -> User {
    User {
        id: UserId::new(),
        name: "Sami".into(),
        email: "sami@basma.test".into(),
        phone: None,
        role,
        active: true,
        locale: Locale::Ar,
        email_verified_at: Some(now()),
        failed_logins: 0,
        first_failed_login_at: None,
        locked_until: None,
        property_ids: Vec::new(),
        category_ids: Vec::new(),
        created_at: now(),
        updated_at: now(),
    }
}

fn stored(new: &NewUser) -> User {
    User {
        id: new.id,
        email: new.email.as_str().to_owned(),
        role: new.role,
        email_verified_at: new.email_verified_at,
        property_ids: new.property_ids.clone(),
        ..account(new.role)
    }
}

fn technician_input() -> CreateUserInput {
    CreateUserInput {
        name: Some("Sami".into()),
        email: Some("sami@basma.test".into()),
        role: Some("TECHNICIAN".into()),
        password: Some("Secret123".into()),
        phone: None,
        property_ids: None,
        category_ids: None,
    }
}

#[tokio::test]
async fn only_a_super_admin_creates_or_changes_accounts() {
    for role in [
        Role::MaintenanceAdmin,
        Role::BasmaAdmin,
        Role::Technician,
        Role::Customer,
    ] {
        let service = Mocks::new().service();
        let created = service.create(&actor(role), technician_input()).await;
        assert!(
            matches!(created, Err(UserAdminError::Forbidden)),
            "{role:?}"
        );
        let changed = service
            .update(&actor(role), UserId::new(), UpdateUserInput::default())
            .await;
        assert!(
            matches!(changed, Err(UserAdminError::Forbidden)),
            "{role:?}"
        );
    }
}

#[tokio::test]
async fn a_created_account_is_verified_hashed_and_audited() {
    let mut m = Mocks::new();
    m.hasher
        .expect_hash()
        .withf(|p| p == "Secret123")
        .times(1)
        .returning(|_| Ok("hashed".into()));
    m.users
        .expect_create()
        .withf(|new| {
            new.role == Role::Technician
                && new.password_hash == "hashed"
                && new.email_verified_at == Some(now())
        })
        .times(1)
        .returning(|new| Ok(stored(&new)));
    let audited = m.audited.clone();
    let user = m
        .service()
        .create(&actor(Role::SuperAdmin), technician_input())
        .await
        .unwrap();
    assert_eq!(user.role, Role::Technician);
    assert_eq!(*audited.lock().unwrap(), vec![AuditAction::UserCreated]);
}

#[tokio::test]
async fn every_broken_field_is_reported_and_nothing_is_hashed() {
    let mut m = Mocks::new();
    m.hasher.expect_hash().times(0);
    let input = CreateUserInput {
        role: Some("JANITOR".into()),
        property_ids: Some(vec!["not-a-uuid".into()]),
        ..CreateUserInput::default()
    };
    let err = m
        .service()
        .create(&actor(Role::SuperAdmin), input)
        .await
        .unwrap_err();
    let UserAdminError::Validation(errors) = err else {
        panic!("expected a validation error, got {err:?}");
    };
    let fields: Vec<_> = errors.0.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(
        fields,
        vec!["name", "email", "role", "password", "propertyIds"]
    );
}

#[tokio::test]
async fn the_stores_refusals_become_the_services_answers() {
    for (refusal, expect_email_taken) in [
        (RepoError::Conflict(ConflictOn::Email), true),
        (RepoError::Conflict(ConflictOn::Reference), false),
    ] {
        let mut m = Mocks::new();
        m.hasher.expect_hash().returning(|_| Ok("hashed".into()));
        m.users
            .expect_create()
            .returning(move |_| Err(refusal.clone()));
        let input = CreateUserInput {
            property_ids: Some(vec![PropertyId::new().to_string()]),
            ..technician_input()
        };
        let err = m
            .service()
            .create(&actor(Role::SuperAdmin), input)
            .await
            .unwrap_err();
        match err {
            UserAdminError::EmailTaken => assert!(expect_email_taken),
            UserAdminError::Validation(errors) => {
                assert!(!expect_email_taken);
                assert_eq!(errors.0[0].field, "propertyIds");
                assert_eq!(errors.0[0].rule, Rule::Unknown);
            }
            other => panic!("unexpected {other:?}"),
        }
    }
}

#[tokio::test]
async fn a_hashing_failure_creates_nothing() {
    let mut m = Mocks::new();
    m.hasher
        .expect_hash()
        .returning(|_| Err(HashError("no worker".into())));
    m.users.expect_create().times(0);
    let err = m
        .service()
        .create(&actor(Role::SuperAdmin), technician_input())
        .await
        .unwrap_err();
    assert!(matches!(err, UserAdminError::Hashing(_)), "{err:?}");
}

#[tokio::test]
async fn the_last_super_admin_guard_is_a_conflict_and_revokes_nothing() {
    let mut m = Mocks::new();
    let admin = account(Role::SuperAdmin);
    let current = admin.clone();
    m.users.expect_get().returning(move |_| Ok(current.clone()));
    m.users
        .expect_update()
        .returning(|_, _, _| Err(RepoError::Conflict(ConflictOn::LastSuperAdmin)));
    m.sessions.expect_revoke_all().times(0);
    let audited = m.audited.clone();
    let err = m
        .service()
        .deactivate(&actor(Role::SuperAdmin), admin.id)
        .await
        .unwrap_err();
    assert!(
        matches!(err, UserAdminError::Conflict(ConflictOn::LastSuperAdmin)),
        "{err:?}"
    );
    assert!(audited.lock().unwrap().is_empty());
}

#[tokio::test]
async fn deactivation_revokes_every_session_and_is_audited() {
    let mut m = Mocks::new();
    let tech = account(Role::Technician);
    let current = tech.clone();
    m.users.expect_get().returning(move |_| Ok(current.clone()));
    let off = User {
        active: false,
        ..tech.clone()
    };
    m.users
        .expect_update()
        .withf(|_, changes, _| changes.active == Some(false))
        .times(1)
        .returning(move |_, _, _| Ok(off.clone()));
    let id = tech.id;
    m.sessions
        .expect_revoke_all()
        .withf(move |u, keep, _| *u == id && keep.is_none())
        .times(1)
        .returning(|_, _, _| Ok(3));
    let audited = m.audited.clone();
    let user = m
        .service()
        .deactivate(&actor(Role::SuperAdmin), tech.id)
        .await
        .unwrap();
    assert!(!user.active);
    assert_eq!(*audited.lock().unwrap(), vec![AuditAction::UserDeactivated]);
}

#[tokio::test]
async fn a_session_store_outage_during_deactivation_is_reported() {
    let mut m = Mocks::new();
    let tech = account(Role::Technician);
    let current = tech.clone();
    m.users.expect_get().returning(move |_| Ok(current.clone()));
    let off = User {
        active: false,
        ..tech.clone()
    };
    m.users
        .expect_update()
        .returning(move |_, _, _| Ok(off.clone()));
    m.sessions
        .expect_revoke_all()
        .returning(|_, _, _| Err(RepoError::Unavailable("down".into())));
    let err = m
        .service()
        .deactivate(&actor(Role::SuperAdmin), tech.id)
        .await
        .unwrap_err();
    assert!(
        matches!(err, UserAdminError::Store(RepoError::Unavailable(_))),
        "{err:?}"
    );
}

#[tokio::test]
async fn a_role_change_is_audited_with_old_and_new_role() {
    let mut m = Mocks::new();
    let tech = account(Role::Technician);
    let current = tech.clone();
    m.users.expect_get().returning(move |_| Ok(current.clone()));
    let promoted = User {
        role: Role::MaintenanceAdmin,
        ..tech.clone()
    };
    m.users
        .expect_update()
        .withf(|_, changes, _| changes.role == Some(Role::MaintenanceAdmin))
        .returning(move |_, _, _| Ok(promoted.clone()));
    m.sessions.expect_revoke_all().times(0);
    let audited = m.audited.clone();
    let input = UpdateUserInput {
        role: Some("MAINTENANCE_ADMIN".into()),
        ..UpdateUserInput::default()
    };
    let user = m
        .service()
        .update(&actor(Role::SuperAdmin), tech.id, input)
        .await
        .unwrap();
    assert_eq!(user.role, Role::MaintenanceAdmin);
    assert_eq!(*audited.lock().unwrap(), vec![AuditAction::RoleChanged]);
}
