//! Single-use tokens for email verification and password reset (SHA-256 hash at rest).

use super::RepoError;
use crate::model::{TokenPurpose, UserId};
use async_trait::async_trait;
use chrono::{DateTime, Utc};

#[cfg_attr(any(test, feature = "mocks"), mockall::automock)]
#[async_trait]
pub trait OneTimeTokenStore: Send + Sync {
    /// Stores a token hash for a user and purpose.
    ///
    /// # Errors
    /// `Unavailable` / `Internal` from the store.
    async fn issue(
        &self,
        user_id: UserId,
        purpose: TokenPurpose,
        token_hash: &str,
        expires_at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<(), RepoError>;

    /// Marks the token used and returns its user, atomically, only if it exists for this
    /// purpose, is unused and has not expired; `Ok(None)` otherwise. Two concurrent calls
    /// never both succeed.
    ///
    /// # Errors
    /// `Unavailable` / `Internal` from the store.
    async fn consume(
        &self,
        purpose: TokenPurpose,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<UserId>, RepoError>;

    /// The user of a live token (right purpose, unused, not expired), without spending it:
    /// a reset checks the new password against the account before the token is gone.
    ///
    /// # Errors
    /// `Unavailable` / `Internal` from the store.
    async fn find_live(
        &self,
        purpose: TokenPurpose,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<UserId>, RepoError>;

    /// Spends every unused token of the user for `purpose`; returns how many.
    ///
    /// # Errors
    /// `Unavailable` / `Internal` from the store.
    async fn spend_all(
        &self,
        user_id: UserId,
        purpose: TokenPurpose,
        now: DateTime<Utc>,
    ) -> Result<u64, RepoError>;

    /// How many tokens were issued to the user for `purpose` since `since` (the per-address
    /// mail throttle; the store is shared, so it holds across instances).
    ///
    /// # Errors
    /// `Unavailable` / `Internal` from the store.
    async fn count_issued_since(
        &self,
        user_id: UserId,
        purpose: TokenPurpose,
        since: DateTime<Utc>,
    ) -> Result<u64, RepoError>;
}
