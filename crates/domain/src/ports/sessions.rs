//! Login sessions and their rotating refresh tokens (stored as SHA-256 hashes only).

use super::RepoError;
use crate::model::{Session, SessionId, TokenFamilyId, UserId};
use async_trait::async_trait;
use chrono::{DateTime, Utc};

/// What a refresh-token hash was found to be.
#[derive(Debug, Clone, PartialEq)]
pub enum RefreshLookup {
    /// The current token of a live session.
    Current(Session),
    /// A token that was already rotated away: reuse, the family must die.
    Spent(Session),
    /// Unknown, expired or revoked.
    Invalid,
}

#[cfg_attr(any(test, feature = "mocks"), mockall::automock)]
#[async_trait]
pub trait SessionStore: Send + Sync {
    /// Stores a new session whose current refresh token has `refresh_hash`.
    ///
    /// # Errors
    /// `Unavailable` / `Internal` from the store.
    async fn create(&self, session: Session, refresh_hash: &str) -> Result<(), RepoError>;

    /// # Errors
    /// `NotFound` when the id is unknown.
    async fn get(&self, id: SessionId) -> Result<Session, RepoError>;

    /// Classifies a presented refresh token by its hash.
    ///
    /// # Errors
    /// `Unavailable` / `Internal` from the store.
    async fn find_by_refresh_hash(
        &self,
        refresh_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<RefreshLookup, RepoError>;

    /// Atomically replaces the session's current refresh hash if it is still `old_hash`
    /// (the old one is remembered as spent). Returns `false` if another rotation won.
    ///
    /// # Errors
    /// `NotFound` when the session is unknown.
    async fn rotate(
        &self,
        id: SessionId,
        old_hash: &str,
        new_hash: &str,
        now: DateTime<Utc>,
        expires_at: DateTime<Utc>,
    ) -> Result<bool, RepoError>;

    /// Revokes one session; `false` when it was already revoked or is not the user's.
    ///
    /// # Errors
    /// `Unavailable` / `Internal` from the store.
    async fn revoke(
        &self,
        user_id: UserId,
        id: SessionId,
        at: DateTime<Utc>,
    ) -> Result<bool, RepoError>;

    /// Revokes every session of a token family (refresh-token reuse).
    ///
    /// # Errors
    /// `Unavailable` / `Internal` from the store.
    async fn revoke_family(
        &self,
        family: TokenFamilyId,
        at: DateTime<Utc>,
    ) -> Result<u64, RepoError>;

    /// Revokes all of a user's live sessions except `keep`; returns how many.
    ///
    /// # Errors
    /// `Unavailable` / `Internal` from the store.
    async fn revoke_all(
        &self,
        user_id: UserId,
        keep: Option<SessionId>,
        at: DateTime<Utc>,
    ) -> Result<u64, RepoError>;

    /// The user's live (not revoked, not expired) sessions, newest first.
    ///
    /// # Errors
    /// `Unavailable` / `Internal` from the store.
    async fn list_live(
        &self,
        user_id: UserId,
        now: DateTime<Utc>,
    ) -> Result<Vec<Session>, RepoError>;
}
