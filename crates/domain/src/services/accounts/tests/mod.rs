//! `AuthService` unit tests over mockall mocks of its ports: each test says what a flow must
//! ask of the stores, mailer and hasher, and injects the failures that matter (the store
//! going down in the middle of a refresh rotation, a mail or hashing failure, a lost race).
//! A call no test expected fails the test.

mod login;
mod passwords;
mod refresh;
mod register;

use super::*;
use crate::fakes::FixedClock;
use crate::model::{Role, Session, SessionId, TokenFamilyId, UserCredentials};
use crate::ports::{
    MockAccessTokens, MockAuditLog, MockCredentialStore, MockMailer, MockOneTimeTokenStore,
    MockPasswordHasher, MockSecrets, MockSessionStore, MockUserStore,
};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The mocks behind one [`AuthService`]. Secrets, access tokens and the audit log answer
/// by default (tokens `token-0`, `token-1`… with digests `digest:<token>`; audited actions
/// are collected); the stores, hasher and mailer expect only what a test sets up.
pub(super) struct Mocks {
    pub users: MockUserStore,
    pub credentials: MockCredentialStore,
    pub sessions: MockSessionStore,
    pub one_time: MockOneTimeTokenStore,
    pub audit: MockAuditLog,
    pub hasher: MockPasswordHasher,
    pub mailer: MockMailer,
    pub secrets: MockSecrets,
    pub access: MockAccessTokens,
    audited: Arc<Mutex<Vec<AuditAction>>>,
}

impl Mocks {
    pub fn new() -> Self {
        let mut secrets = MockSecrets::new();
        let issued = AtomicUsize::new(0);
        secrets
            .expect_new_token()
            .returning(move || format!("token-{}", issued.fetch_add(1, Ordering::SeqCst)));
        secrets
            .expect_digest()
            .returning(|token| format!("digest:{token}"));
        let mut access = MockAccessTokens::new();
        access
            .expect_issue()
            .returning(|claims, _| format!("access:{}", claims.session_id));
        let audited = Arc::new(Mutex::new(Vec::new()));
        let mut audit = MockAuditLog::new();
        let log = audited.clone();
        audit.expect_record().returning(move |entry| {
            log.lock().unwrap().push(entry.action);
            Ok(())
        });
        Self {
            users: MockUserStore::new(),
            credentials: MockCredentialStore::new(),
            sessions: MockSessionStore::new(),
            one_time: MockOneTimeTokenStore::new(),
            audit,
            hasher: MockPasswordHasher::new(),
            mailer: MockMailer::new(),
            secrets,
            access,
            audited,
        }
    }

    /// What the audit log received, in order.
    pub fn audited(&self) -> Arc<Mutex<Vec<AuditAction>>> {
        self.audited.clone()
    }

    pub fn service(self) -> AuthService {
        AuthService::new(
            AuthPorts {
                users: Arc::new(self.users),
                credentials: Arc::new(self.credentials),
                sessions: Arc::new(self.sessions),
                one_time: Arc::new(self.one_time),
                audit: Arc::new(self.audit),
                hasher: Arc::new(self.hasher),
                access: Arc::new(self.access),
                secrets: Arc::new(self.secrets),
                mailer: Arc::new(self.mailer),
                clock: Arc::new(FixedClock::default()),
            },
            AuthConfig::default(),
        )
    }

    /// `find_credentials` answers `user` with the hash `stored-hash` for its email.
    pub fn account(&mut self, user: &User) {
        let credentials = UserCredentials {
            user: user.clone(),
            password_hash: "stored-hash".into(),
        };
        let email = user.email.clone();
        self.credentials
            .expect_find_credentials()
            .withf(move |e| e.as_str() == email)
            .returning(move |_| Ok(Some(credentials.clone())));
    }

    /// `users.get` answers `user`.
    pub fn stored(&mut self, user: &User) {
        let user = user.clone();
        self.users
            .expect_get()
            .withf({
                let id = user.id;
                move |asked| *asked == id
            })
            .returning(move |_| Ok(user.clone()));
    }
}

pub(super) fn now() -> DateTime<Utc> {
    FixedClock::default().0
}

pub(super) fn actions(audited: &Arc<Mutex<Vec<AuditAction>>>) -> Vec<AuditAction> {
    audited.lock().unwrap().clone()
}

/// An active, verified account.
pub(super) fn user(role: Role) -> User {
    User {
        id: UserId::new(),
        name: "Amal".into(),
        email: "amal@basma.test".into(),
        phone: None,
        role,
        active: true,
        locale: Locale::Ar,
        email_verified_at: Some(now() - Duration::days(3)),
        failed_logins: 0,
        first_failed_login_at: None,
        locked_until: None,
        property_ids: Vec::new(),
        category_ids: Vec::new(),
        created_at: now() - Duration::days(3),
        updated_at: now() - Duration::days(3),
    }
}

/// A live session of `user`.
pub(super) fn session(user: &User) -> Session {
    Session {
        id: SessionId::new(),
        user_id: user.id,
        family_id: TokenFamilyId::new(),
        user_agent: None,
        ip: None,
        created_at: now() - Duration::hours(1),
        last_used_at: now() - Duration::hours(1),
        expires_at: now() + Duration::days(29),
        revoked_at: None,
    }
}

pub(super) fn client() -> ClientInfo {
    ClientInfo {
        ip: Some("203.0.113.9".into()),
        user_agent: Some("tests".into()),
    }
}

pub(super) fn down() -> RepoError {
    RepoError::Unavailable("connection refused".into())
}

/// The signed-in `user` on `session`.
pub(super) fn principal(user: &User, session: &Session) -> Principal {
    Principal {
        user_id: user.id,
        session_id: session.id,
        role: user.role,
        property_ids: Vec::new(),
        category_ids: Vec::new(),
        token_expires_at: now() + Duration::minutes(15),
    }
}
