//! Accounts: registration and email verification, login with rotating refresh tokens and
//! revocable sessions, password reset and change, and authentication of access tokens.
//!
//! Invariants: secrets (refresh and one-time tokens) are stored only as digests; a refresh
//! token works once, and presenting a spent one kills its whole family; the role and active
//! flag come from the store (cached for at most [`AuthConfig::principal_cache`]), never from
//! the token; responses never reveal whether an email is registered, except `EmailTaken` on
//! registration, nor to an anonymous caller whether a phone is.

mod authenticate;
mod inputs;
mod login;
mod password;
mod profile;
mod register;

pub use authenticate::Principal;
pub use profile::ProfileInput;
pub(crate) use profile::phone_change;
pub use register::RegisterInput;

use crate::model::{AuditAction, AuditEntry, Locale, User, UserId};
use crate::ports::{
    AccessTokens, AuditLog, Clock, ConflictOn, CredentialStore, HashError, Mail, Mailer,
    OneTimeTokenStore, PasswordHasher, RepoError, Secrets, SessionStore, UserStore,
};
use crate::validation::ValidationErrors;
use chrono::{DateTime, Duration, Utc};
use std::sync::Arc;

/// Lifetimes and limits of the account flows.
#[derive(Debug, Clone)]
pub struct AuthConfig {
    pub access_ttl: Duration,
    pub refresh_ttl: Duration,
    pub verify_ttl: Duration,
    pub reset_ttl: Duration,
    /// Base of the links in mails, without a trailing slash.
    pub frontend_url: String,
    pub max_failed_logins: u32,
    pub failure_window: Duration,
    pub lockout: Duration,
    /// How long a checked session/user may be trusted without asking the store again.
    pub principal_cache: Duration,
    /// Link mails (verification, reset) one address may receive per hour; beyond that they
    /// are silently not sent, and the caller gets the same answer.
    pub mails_per_hour: u64,
}

impl Default for AuthConfig {
    fn default() -> Self {
        Self {
            access_ttl: Duration::minutes(15),
            refresh_ttl: Duration::days(30),
            verify_ttl: Duration::hours(24),
            reset_ttl: Duration::hours(1),
            frontend_url: "http://localhost:3000".into(),
            max_failed_logins: 5,
            failure_window: Duration::minutes(15),
            lockout: Duration::minutes(15),
            principal_cache: Duration::seconds(5),
            mails_per_hour: 3,
        }
    }
}

/// Everything an account flow can answer besides success.
#[derive(Debug, thiserror::Error)]
pub enum AuthError {
    #[error("invalid input")]
    Validation(ValidationErrors),
    #[error("email taken")]
    EmailTaken,
    #[error("phone taken")]
    PhoneTaken,
    #[error("invalid credentials")]
    InvalidCredentials,
    #[error("account locked")]
    Locked { retry_after_seconds: u64 },
    #[error("email not verified")]
    EmailNotVerified,
    #[error("account disabled")]
    AccountDisabled,
    #[error("invalid token")]
    InvalidToken,
    #[error("token expired")]
    TokenExpired,
    #[error("not found")]
    NotFound,
    #[error(transparent)]
    Hashing(HashError),
    #[error(transparent)]
    Store(RepoError),
}

impl From<HashError> for AuthError {
    fn from(err: HashError) -> Self {
        AuthError::Hashing(err)
    }
}

impl From<RepoError> for AuthError {
    fn from(err: RepoError) -> Self {
        match err {
            RepoError::Conflict(ConflictOn::Email) => AuthError::EmailTaken,
            RepoError::Conflict(ConflictOn::Phone) => AuthError::PhoneTaken,
            RepoError::NotFound => AuthError::NotFound,
            other => AuthError::Store(other),
        }
    }
}

impl From<ValidationErrors> for AuthError {
    fn from(errors: ValidationErrors) -> Self {
        AuthError::Validation(errors)
    }
}

/// Where a request came from, for sessions and the audit log.
#[derive(Debug, Clone, Default)]
pub struct ClientInfo {
    pub ip: Option<String>,
    pub user_agent: Option<String>,
}

/// The ports the account flows use.
#[derive(Clone)]
pub struct AuthPorts {
    pub users: Arc<dyn UserStore>,
    pub credentials: Arc<dyn CredentialStore>,
    pub sessions: Arc<dyn SessionStore>,
    pub one_time: Arc<dyn OneTimeTokenStore>,
    pub audit: Arc<dyn AuditLog>,
    pub hasher: Arc<dyn PasswordHasher>,
    pub access: Arc<dyn AccessTokens>,
    pub secrets: Arc<dyn Secrets>,
    pub mailer: Arc<dyn Mailer>,
    pub clock: Arc<dyn Clock>,
}

pub struct AuthService {
    ports: AuthPorts,
    config: AuthConfig,
    cache: authenticate::PrincipalCache,
}

impl AuthService {
    pub fn new(ports: AuthPorts, config: AuthConfig) -> Self {
        Self {
            ports,
            config,
            cache: authenticate::PrincipalCache::default(),
        }
    }

    pub fn config(&self) -> &AuthConfig {
        &self.config
    }

    fn now(&self) -> DateTime<Utc> {
        self.ports.clock.now()
    }

    /// Audit failures must not fail the action they describe; the caller gets on.
    async fn audit(
        &self,
        action: AuditAction,
        actor: Option<UserId>,
        subject: Option<UserId>,
        client: &ClientInfo,
    ) {
        let entry = AuditEntry {
            action,
            actor_id: actor,
            subject_id: subject,
            ip: client.ip.clone(),
            detail: None,
            at: self.now(),
            target: None,
            changes: None,
        };
        let _ = self.ports.audit.record(entry).await;
    }

    /// A failed send never loses the account or token: the user can ask again.
    async fn send_link(
        &self,
        user: &User,
        kind: LinkKind,
        token: &str,
    ) -> Result<(), crate::ports::MailError> {
        let link = format!("{}/{}?token={token}", self.config.frontend_url, kind.path());
        let (to, name, locale) = (user.email.clone(), user.name.clone(), user.locale);
        let mail = match kind {
            LinkKind::Verify => Mail::VerifyEmail {
                to,
                name,
                locale,
                link,
            },
            LinkKind::Reset => Mail::ResetPassword {
                to,
                name,
                locale,
                link,
            },
        };
        self.ports.mailer.send(mail).await
    }
}

#[derive(Debug, Clone, Copy)]
enum LinkKind {
    Verify,
    Reset,
}

impl LinkKind {
    fn path(self) -> &'static str {
        match self {
            LinkKind::Verify => "verify-email",
            LinkKind::Reset => "reset-password",
        }
    }
}

/// The answer to a successful login or refresh.
#[derive(Debug, Clone)]
pub struct TokenPair {
    pub access_token: String,
    pub refresh_token: String,
    pub expires_in_seconds: i64,
    pub user: User,
}

/// Locale chosen at registration, e.g. from `Accept-Language`.
pub type PreferredLocale = Locale;

/// Outcome of an operation that mails the user; the HTTP layer logs `mail_error` with the
/// request id and still answers success.
#[derive(Debug)]
pub struct Mailed<T> {
    pub value: T,
    pub mail_error: Option<crate::ports::MailError>,
}

#[cfg(test)]
mod tests;
