//! Access tokens and random secrets as ports: the core decides *when* to issue and what a
//! token means; adapters own the signature scheme (JWT) and the randomness and digest.

use crate::model::{SessionId, UserId};
use chrono::{DateTime, Utc};

/// What a valid access token says. The role is deliberately absent: it is read from the
/// database on each request, so a demotion takes effect at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AccessClaims {
    pub user_id: UserId,
    pub session_id: SessionId,
    pub expires_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum AccessTokenError {
    #[error("token expired")]
    Expired,
    #[error("token invalid")]
    Invalid,
}

#[cfg_attr(any(test, feature = "mocks"), mockall::automock)]
pub trait AccessTokens: Send + Sync {
    /// Signs a token for the session, valid until `expires_at`.
    fn issue(&self, claims: AccessClaims, issued_at: DateTime<Utc>) -> String;

    /// Checks signature and expiry at `now`.
    ///
    /// # Errors
    /// `Expired` past its lifetime, `Invalid` for anything else.
    fn verify(&self, token: &str, now: DateTime<Utc>) -> Result<AccessClaims, AccessTokenError>;
}

/// Random, unguessable tokens (refresh and one-time) and the digest stored in their place.
#[cfg_attr(any(test, feature = "mocks"), mockall::automock)]
pub trait Secrets: Send + Sync {
    /// 256 bits of randomness, URL-safe.
    fn new_token(&self) -> String;
    /// SHA-256 hex digest: what is stored, so a leaked table cannot be replayed.
    fn digest(&self, token: &str) -> String;
}
