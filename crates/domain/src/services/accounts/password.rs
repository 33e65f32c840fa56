//! Forgotten, reset and changed passwords.

use super::inputs::{ChangePasswordInput, ResetPasswordInput};
use super::{AuthError, AuthService, ClientInfo, LinkKind, Mailed, Principal};
use crate::model::{AuditAction, Email, Password, TokenPurpose};
use crate::validation::{Rule, check, required};

impl AuthService {
    /// Mails a reset link to an active account. Answers the same whether or not the email
    /// is registered.
    ///
    /// # Errors
    /// `Store` only.
    pub async fn forgot_password(&self, email: &str) -> Result<Mailed<()>, AuthError> {
        let Ok(email) = Email::parse(email) else {
            return Ok(Mailed {
                value: (),
                mail_error: None,
            });
        };
        let mail_error = match self.ports.credentials.find_credentials(&email).await? {
            Some(c) if c.user.active => self.issue_and_mail(&c.user, LinkKind::Reset).await?,
            _ => None,
        };
        Ok(Mailed {
            value: (),
            mail_error,
        })
    }

    /// Sets a new password with a reset token (single use), spends the user's other reset
    /// tokens and revokes every session.
    ///
    /// # Errors
    /// `Validation` for a weak password (the token stays usable), `InvalidToken` for a used,
    /// unknown or expired token.
    pub async fn reset_password(
        &self,
        token: Option<&str>,
        password: Option<&str>,
        client: &ClientInfo,
    ) -> Result<(), AuthError> {
        check(&ResetPasswordInput { token, password })?;
        let token = required("token", token, Ok)?;
        let password = required("password", password, |p| Password::parse(p, None))?;
        let digest = self.ports.secrets.digest(token);
        let now = self.now();
        // The password is checked against the account before the token is spent, so a refused
        // password leaves the token usable.
        let Some(user_id) = self
            .ports
            .one_time
            .find_live(TokenPurpose::ResetPassword, &digest, now)
            .await?
        else {
            return Err(AuthError::InvalidToken);
        };
        let user = self.ports.users.get(user_id).await?;
        let password = Password::parse(password.expose(), Some(&user.email))
            .map_err(|rule| crate::validation::ValidationErrors::single("password", rule))?;
        let hash = self.ports.hasher.hash(password.expose()).await?;
        // Of two concurrent resets with the same token, only one spends it.
        if self
            .ports
            .one_time
            .consume(TokenPurpose::ResetPassword, &digest, now)
            .await?
            != Some(user_id)
        {
            return Err(AuthError::InvalidToken);
        }
        self.ports
            .credentials
            .set_password_hash(user_id, &hash, now)
            .await?;
        // Any other reset link of this user (an older mail) dies with this reset.
        self.ports
            .one_time
            .spend_all(user_id, TokenPurpose::ResetPassword, now)
            .await?;
        self.ports.credentials.reset_failed_logins(user_id).await?;
        self.ports.sessions.revoke_all(user_id, None, now).await?;
        self.cache.forget_user(user_id);
        self.audit(
            AuditAction::PasswordReset,
            Some(user_id),
            Some(user_id),
            client,
        )
        .await;
        Ok(())
    }

    /// Changes the caller's password and revokes their other sessions.
    ///
    /// # Errors
    /// `Validation` for a wrong current password (`currentPassword`) or a weak new one.
    pub async fn change_password(
        &self,
        principal: &Principal,
        current: Option<&str>,
        new: Option<&str>,
        client: &ClientInfo,
    ) -> Result<(), AuthError> {
        let user = self.ports.users.get(principal.user_id).await?;
        check(&ChangePasswordInput {
            current_password: current,
            new_password: new,
            email: &user.email,
        })?;
        let current = required("currentPassword", current, Ok)?;
        let new = required("newPassword", new, |p| {
            Password::parse(p, Some(&user.email))
        })?;
        let Some(credentials) = self
            .ports
            .credentials
            .find_credentials(&Email::parse(&user.email).map_err(|_| AuthError::NotFound)?)
            .await?
        else {
            return Err(AuthError::NotFound);
        };
        if !self
            .ports
            .hasher
            .verify(current, Some(&credentials.password_hash))
            .await?
        {
            return Err(crate::validation::ValidationErrors::single(
                "currentPassword",
                Rule::Mismatch,
            )
            .into());
        }
        let now = self.now();
        let hash = self.ports.hasher.hash(new.expose()).await?;
        self.ports
            .credentials
            .set_password_hash(user.id, &hash, now)
            .await?;
        self.ports
            .sessions
            .revoke_all(user.id, Some(principal.session_id), now)
            .await?;
        self.cache.forget_user(user.id);
        self.audit(
            AuditAction::PasswordChanged,
            Some(user.id),
            Some(user.id),
            client,
        )
        .await;
        Ok(())
    }
}
