//! Turning an access token into the signed-in [`Principal`]: signature and expiry, then the
//! session (not revoked, not expired) and the user (active, current role) from the store,
//! remembered for a couple of seconds so a busy client does not cost two queries a request.

use super::{AuthError, AuthService};
use crate::model::{CategoryId, PropertyId, Role, SessionId, UserId};
use crate::policy::Actor;
use crate::ports::AccessTokenError;
use chrono::{DateTime, Utc};
use std::collections::HashMap;
use std::sync::Mutex;

/// The caller of an authenticated request.
#[derive(Debug, Clone, PartialEq)]
pub struct Principal {
    pub user_id: UserId,
    pub session_id: SessionId,
    pub role: Role,
    pub property_ids: Vec<PropertyId>,
    pub category_ids: Vec<CategoryId>,
    /// When the access token stops working (WebSockets close then).
    pub token_expires_at: DateTime<Utc>,
}

impl Principal {
    pub fn actor(&self) -> Actor {
        Actor {
            id: self.user_id,
            role: self.role,
            property_ids: self.property_ids.clone(),
        }
    }
}

/// Checked sessions by id, with when they were checked.
#[derive(Default)]
pub(super) struct PrincipalCache {
    entries: Mutex<HashMap<SessionId, (DateTime<Utc>, Principal)>>,
}

impl PrincipalCache {
    fn get(&self, id: SessionId, fresh_after: DateTime<Utc>) -> Option<Principal> {
        let entries = self.entries.lock().ok()?;
        entries
            .get(&id)
            .filter(|(at, _)| *at > fresh_after)
            .map(|(_, p)| p.clone())
    }

    fn put(&self, principal: Principal, at: DateTime<Utc>) {
        if let Ok(mut entries) = self.entries.lock() {
            // Bounded: drop stale entries once the map grows, instead of tracking an LRU.
            if entries.len() > 50_000 {
                entries.retain(|_, (checked, _)| *checked > at - chrono::Duration::minutes(1));
            }
            entries.insert(principal.session_id, (at, principal));
        }
    }

    pub(super) fn forget_session(&self, id: SessionId) {
        if let Ok(mut entries) = self.entries.lock() {
            entries.remove(&id);
        }
    }

    pub(super) fn forget_user(&self, user_id: UserId) {
        if let Ok(mut entries) = self.entries.lock() {
            entries.retain(|_, (_, p)| p.user_id != user_id);
        }
    }
}

impl AuthService {
    /// # Errors
    /// `TokenExpired`, `InvalidToken` (bad signature, revoked or expired session, unknown
    /// user), `AccountDisabled` for a deactivated user, `Store`.
    pub async fn authenticate(&self, access_token: &str) -> Result<Principal, AuthError> {
        let now = self.now();
        let claims = self
            .ports
            .access
            .verify(access_token, now)
            .map_err(|e| match e {
                AccessTokenError::Expired => AuthError::TokenExpired,
                AccessTokenError::Invalid => AuthError::InvalidToken,
            })?;
        if let Some(mut principal) = self
            .cache
            .get(claims.session_id, now - self.config.principal_cache)
        {
            principal.token_expires_at = claims.expires_at;
            return Ok(principal);
        }
        let session = match self.ports.sessions.get(claims.session_id).await {
            Ok(s) => s,
            Err(crate::ports::RepoError::NotFound) => return Err(AuthError::InvalidToken),
            Err(e) => return Err(e.into()),
        };
        if session.user_id != claims.user_id
            || session.revoked_at.is_some()
            || session.expires_at <= now
        {
            return Err(AuthError::InvalidToken);
        }
        let user = match self.ports.users.get(claims.user_id).await {
            Ok(u) => u,
            Err(crate::ports::RepoError::NotFound) => return Err(AuthError::InvalidToken),
            Err(e) => return Err(e.into()),
        };
        if !user.active {
            return Err(AuthError::AccountDisabled);
        }
        let principal = Principal {
            user_id: user.id,
            session_id: session.id,
            role: user.role,
            property_ids: user.property_ids,
            category_ids: user.category_ids,
            token_expires_at: claims.expires_at,
        };
        self.cache.put(principal.clone(), now);
        Ok(principal)
    }
}
