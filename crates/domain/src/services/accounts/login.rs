//! Login with lockout, refresh-token rotation with reuse detection, logout and sessions.

use super::{AuthError, AuthService, ClientInfo, Principal, TokenPair};
use crate::model::{AuditAction, Email, Session, SessionId, TokenFamilyId, User, UserId};
use crate::ports::{AccessClaims, RefreshLookup};

impl AuthService {
    /// Checks the password (an unknown email costs the same bcrypt as a wrong password),
    /// the lock, the active and verified flags, then opens a session.
    ///
    /// # Errors
    /// `InvalidCredentials` (unknown email or wrong password alike), `Locked` while locked
    /// (even with the right password), `AccountDisabled`, `EmailNotVerified`, `Store`.
    pub async fn login(
        &self,
        email: &str,
        password: &str,
        client: &ClientInfo,
    ) -> Result<TokenPair, AuthError> {
        let credentials = match Email::parse(email) {
            Ok(email) => self.ports.credentials.find_credentials(&email).await?,
            Err(_) => None,
        };
        let Some(credentials) = credentials else {
            self.ports.hasher.verify(password, None).await?;
            self.audit(AuditAction::LoginFailed, None, None, client)
                .await;
            return Err(AuthError::InvalidCredentials);
        };
        let user = credentials.user;
        let now = self.now();
        if let Some(until) = user.locked_until.filter(|until| *until > now) {
            self.audit(AuditAction::LoginFailed, None, Some(user.id), client)
                .await;
            return Err(AuthError::Locked {
                retry_after_seconds: seconds_until(until, now),
            });
        }
        if !self
            .ports
            .hasher
            .verify(password, Some(&credentials.password_hash))
            .await?
        {
            return Err(self.failed_login(&user, client).await);
        }
        if !user.active {
            return Err(AuthError::AccountDisabled);
        }
        if user.email_verified_at.is_none() {
            return Err(AuthError::EmailNotVerified);
        }
        if user.failed_logins > 0 || user.locked_until.is_some() {
            self.ports.credentials.reset_failed_logins(user.id).await?;
        }
        let pair = self.open_session(user, client).await?;
        self.audit(
            AuditAction::LoginSucceeded,
            Some(pair.user.id),
            Some(pair.user.id),
            client,
        )
        .await;
        Ok(pair)
    }

    async fn failed_login(&self, user: &User, client: &ClientInfo) -> AuthError {
        let now = self.now();
        self.audit(AuditAction::LoginFailed, None, Some(user.id), client)
            .await;
        let recorded = self
            .ports
            .credentials
            .record_failed_login(
                user.id,
                now,
                now - self.config.failure_window,
                self.config.max_failed_logins,
                now + self.config.lockout,
            )
            .await;
        match recorded {
            Ok(updated)
                if updated.locked_until.is_some_and(|u| u > now)
                    && user.locked_until.is_none_or(|u| u <= now) =>
            {
                self.audit(AuditAction::AccountLocked, None, Some(user.id), client)
                    .await;
                AuthError::InvalidCredentials
            }
            Ok(_) => AuthError::InvalidCredentials,
            Err(e) => AuthError::Store(e),
        }
    }

    async fn open_session(&self, user: User, client: &ClientInfo) -> Result<TokenPair, AuthError> {
        let now = self.now();
        let session = Session {
            id: SessionId::new(),
            user_id: user.id,
            family_id: TokenFamilyId::new(),
            user_agent: client
                .user_agent
                .clone()
                .map(|ua| ua.chars().take(255).collect()),
            ip: client.ip.clone(),
            created_at: now,
            last_used_at: now,
            expires_at: now + self.config.refresh_ttl,
            revoked_at: None,
        };
        let refresh_token = self.ports.secrets.new_token();
        self.ports
            .sessions
            .create(session.clone(), &self.ports.secrets.digest(&refresh_token))
            .await?;
        Ok(self.pair(user, session.id, refresh_token))
    }

    fn pair(&self, user: User, session_id: SessionId, refresh_token: String) -> TokenPair {
        let now = self.now();
        let claims = AccessClaims {
            user_id: user.id,
            session_id,
            expires_at: now + self.config.access_ttl,
        };
        TokenPair {
            access_token: self.ports.access.issue(claims, now),
            refresh_token,
            expires_in_seconds: self.config.access_ttl.num_seconds(),
            user,
        }
    }

    /// Exchanges a refresh token for a new pair. The old token is spent; presenting a spent
    /// token again revokes every session of its family.
    ///
    /// # Errors
    /// `InvalidToken` for unknown, expired, revoked or reused tokens; `AccountDisabled`.
    pub async fn refresh(
        &self,
        refresh_token: &str,
        client: &ClientInfo,
    ) -> Result<TokenPair, AuthError> {
        let digest = self.ports.secrets.digest(refresh_token);
        let now = self.now();
        let session = match self
            .ports
            .sessions
            .find_by_refresh_hash(&digest, now)
            .await?
        {
            RefreshLookup::Current(session) => session,
            RefreshLookup::Spent(session) => {
                self.ports
                    .sessions
                    .revoke_family(session.family_id, now)
                    .await?;
                self.cache.forget_user(session.user_id);
                self.audit(
                    AuditAction::RefreshReuseDetected,
                    None,
                    Some(session.user_id),
                    client,
                )
                .await;
                return Err(AuthError::InvalidToken);
            }
            RefreshLookup::Invalid => return Err(AuthError::InvalidToken),
        };
        let user = self.ports.users.get(session.user_id).await?;
        if !user.active {
            return Err(AuthError::AccountDisabled);
        }
        let next = self.ports.secrets.new_token();
        let next_digest = self.ports.secrets.digest(&next);
        let expires_at = now + self.config.refresh_ttl;
        if !self
            .ports
            .sessions
            .rotate(session.id, &digest, &next_digest, now, expires_at)
            .await?
        {
            // Another request rotated this token first: it is spent now, so this is reuse.
            self.ports
                .sessions
                .revoke_family(session.family_id, now)
                .await?;
            self.cache.forget_user(session.user_id);
            return Err(AuthError::InvalidToken);
        }
        Ok(self.pair(user, session.id, next))
    }

    /// Ends the caller's session (and the session of `refresh_token`, if it is theirs).
    ///
    /// # Errors
    /// `Store` only.
    pub async fn logout(
        &self,
        principal: &Principal,
        refresh_token: Option<&str>,
        client: &ClientInfo,
    ) -> Result<(), AuthError> {
        let now = self.now();
        self.ports
            .sessions
            .revoke(principal.user_id, principal.session_id, now)
            .await?;
        if let Some(token) = refresh_token {
            let digest = self.ports.secrets.digest(token);
            if let RefreshLookup::Current(s) = self
                .ports
                .sessions
                .find_by_refresh_hash(&digest, now)
                .await?
            {
                self.ports
                    .sessions
                    .revoke(principal.user_id, s.id, now)
                    .await?;
            }
        }
        self.cache.forget_session(principal.session_id);
        self.audit(
            AuditAction::SessionRevoked,
            Some(principal.user_id),
            Some(principal.user_id),
            client,
        )
        .await;
        Ok(())
    }

    /// Ends the session whose current refresh token this is, for a client whose access token
    /// has expired. Only the holder of the live refresh token can end a session this way.
    /// Returns the ended session.
    ///
    /// # Errors
    /// `InvalidToken` for an unknown, spent, expired or revoked token.
    pub async fn logout_with_refresh(
        &self,
        refresh_token: &str,
        client: &ClientInfo,
    ) -> Result<SessionId, AuthError> {
        let digest = self.ports.secrets.digest(refresh_token);
        let now = self.now();
        let RefreshLookup::Current(session) = self
            .ports
            .sessions
            .find_by_refresh_hash(&digest, now)
            .await?
        else {
            return Err(AuthError::InvalidToken);
        };
        self.ports
            .sessions
            .revoke(session.user_id, session.id, now)
            .await?;
        self.cache.forget_session(session.id);
        self.audit(
            AuditAction::SessionRevoked,
            Some(session.user_id),
            Some(session.user_id),
            client,
        )
        .await;
        Ok(session.id)
    }

    /// Ends every session of the caller; returns how many.
    ///
    /// # Errors
    /// `Store` only.
    pub async fn logout_all(
        &self,
        principal: &Principal,
        client: &ClientInfo,
    ) -> Result<u64, AuthError> {
        let count = self
            .ports
            .sessions
            .revoke_all(principal.user_id, None, self.now())
            .await?;
        self.cache.forget_user(principal.user_id);
        self.audit(
            AuditAction::SessionRevoked,
            Some(principal.user_id),
            Some(principal.user_id),
            client,
        )
        .await;
        Ok(count)
    }

    /// The caller's live sessions.
    ///
    /// # Errors
    /// `Store` only.
    pub async fn sessions(&self, principal: &Principal) -> Result<Vec<Session>, AuthError> {
        Ok(self
            .ports
            .sessions
            .list_live(principal.user_id, self.now())
            .await?)
    }

    /// Revokes one of the caller's sessions.
    ///
    /// # Errors
    /// `NotFound` when it is not the caller's or already ended.
    pub async fn revoke_session(
        &self,
        principal: &Principal,
        id: SessionId,
        client: &ClientInfo,
    ) -> Result<(), AuthError> {
        if !self
            .ports
            .sessions
            .revoke(principal.user_id, id, self.now())
            .await?
        {
            return Err(AuthError::NotFound);
        }
        self.cache.forget_session(id);
        self.audit(
            AuditAction::SessionRevoked,
            Some(principal.user_id),
            Some(principal.user_id),
            client,
        )
        .await;
        Ok(())
    }

    /// Revokes every session of a user (deactivation) and forgets them in the cache.
    ///
    /// # Errors
    /// `Store` only.
    pub async fn revoke_user(&self, user_id: UserId) -> Result<u64, AuthError> {
        let count = self
            .ports
            .sessions
            .revoke_all(user_id, None, self.now())
            .await?;
        self.cache.forget_user(user_id);
        Ok(count)
    }

    /// Forgets cached checks of a user whose role or properties changed.
    pub fn forget_user(&self, user_id: UserId) {
        self.cache.forget_user(user_id);
    }
}

fn seconds_until(until: chrono::DateTime<chrono::Utc>, now: chrono::DateTime<chrono::Utc>) -> u64 {
    u64::try_from((until - now).num_seconds())
        .unwrap_or(0)
        .max(1)
}
