//! Accounts, as three ports sized for their callers: [`UserDirectory`] (who people on a
//! request are: the request service), [`UserStore`] (creating, reading, changing and listing
//! accounts: user administration, registration, the first admin) and [`CredentialStore`]
//! (password hashes, verification and login failures: the account flows only). One adapter
//! may implement all three.

use super::{Page, RepoError};
use crate::model::{Email, NewUser, Phone, User, UserChanges, UserCredentials, UserFilter, UserId};
use async_trait::async_trait;
use chrono::{DateTime, Utc};

/// The people a request names (requester, assignee), read by the request service.
#[cfg_attr(any(test, feature = "mocks"), mockall::automock)]
#[async_trait]
pub trait UserDirectory: Send + Sync {
    /// The display names of `ids`, in one read; unknown ids are left out.
    ///
    /// # Errors
    /// `Unavailable` / `Internal` from the store.
    async fn display_names(&self, ids: &[UserId]) -> Result<Vec<(UserId, String)>, RepoError>;

    /// One account, e.g. to check that an assignee is an active technician.
    ///
    /// # Errors
    /// `NotFound` when no such user exists.
    async fn find_user(&self, id: UserId) -> Result<User, RepoError>;
}

/// Accounts as user administration and the account flows manage them.
#[cfg_attr(any(test, feature = "mocks"), mockall::automock)]
#[async_trait]
pub trait UserStore: Send + Sync {
    /// Stores a new account with its managed properties and skill categories.
    ///
    /// # Errors
    /// `Conflict(Email)` / `Conflict(Phone)` when taken (email compared case-insensitively);
    /// `Conflict(Reference)` when a property or category id does not exist.
    async fn create(&self, user: NewUser) -> Result<User, RepoError>;

    /// # Errors
    /// `NotFound` when no such user exists.
    async fn get(&self, id: UserId) -> Result<User, RepoError>;

    /// Whether another account already uses `phone`.
    ///
    /// # Errors
    /// `Unavailable` / `Internal` from the store.
    async fn phone_taken(&self, phone: &Phone) -> Result<bool, RepoError>;

    /// Applies `changes`. A change that demotes or deactivates the last active SUPER_ADMIN is
    /// refused with `Conflict(LastSuperAdmin)`; the check and the change are one
    /// transaction serialised with every other such change, so concurrent ones cannot
    /// together remove them all.
    ///
    /// # Errors
    /// `NotFound` for an unknown id; `Conflict(Phone)` when the phone is taken;
    /// `Conflict(Reference)` for unknown property or category ids;
    /// `Conflict(LastSuperAdmin)`.
    async fn update(
        &self,
        id: UserId,
        changes: UserChanges,
        now: DateTime<Utc>,
    ) -> Result<User, RepoError>;

    /// How many active SUPER_ADMIN accounts exist.
    ///
    /// # Errors
    /// `Unavailable` / `Internal` from the store.
    async fn count_active_super_admins(&self) -> Result<u64, RepoError>;

    /// Users ordered by creation (newest first), keyset-paginated.
    ///
    /// # Errors
    /// `Internal("cursor")` never: an undecodable cursor is rejected by the caller first.
    async fn list(
        &self,
        filter: UserFilter,
        cursor: Option<String>,
        limit: u16,
    ) -> Result<Page<User>, RepoError>;
}

/// What login, verification and password flows read and write besides the profile.
#[cfg_attr(any(test, feature = "mocks"), mockall::automock)]
#[async_trait]
pub trait CredentialStore: Send + Sync {
    /// The account and its password hash, for login. `Ok(None)` when unknown.
    ///
    /// # Errors
    /// `Unavailable` / `Internal` from the store.
    async fn find_credentials(&self, email: &Email) -> Result<Option<UserCredentials>, RepoError>;

    /// # Errors
    /// `NotFound` for an unknown id.
    async fn set_password_hash(
        &self,
        id: UserId,
        hash: &str,
        now: DateTime<Utc>,
    ) -> Result<(), RepoError>;

    /// # Errors
    /// `NotFound` for an unknown id.
    async fn mark_email_verified(&self, id: UserId, at: DateTime<Utc>) -> Result<(), RepoError>;

    /// Records a failed login: the counter restarts when the previous failure is older than
    /// `window_start`; reaching `max_failures` sets `locked_until`. Returns the updated user.
    ///
    /// # Errors
    /// `NotFound` for an unknown id.
    async fn record_failed_login(
        &self,
        id: UserId,
        now: DateTime<Utc>,
        window_start: DateTime<Utc>,
        max_failures: u32,
        locked_until: DateTime<Utc>,
    ) -> Result<User, RepoError>;

    /// Clears the failure counter and lock after a successful login.
    ///
    /// # Errors
    /// `NotFound` for an unknown id.
    async fn reset_failed_logins(&self, id: UserId) -> Result<(), RepoError>;
}
