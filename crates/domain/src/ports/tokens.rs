//! Single-use tokens for email verification and password reset (SHA-256 hash at rest).

use super::RepoError;
use crate::model::{TokenPurpose, UserId};
use async_trait::async_trait;
use chrono::{DateTime, Utc};

#[cfg_attr(feature = "mocks", mockall::automock)]
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
}
