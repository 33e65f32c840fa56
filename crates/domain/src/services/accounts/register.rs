//! Self-registration (always CUSTOMER), email verification and resending it.

use super::{AuthError, AuthService, LinkKind, Mailed};
use crate::model::{Email, Locale, NewUser, Password, PersonName, Phone, Role, TokenPurpose, User};
use crate::ports::{ConflictOn, RepoError};
use crate::validation::rules;
use crate::validation::{check, optional, required};
use garde::Validate;

crate::validation::validated! {
    /// Raw registration input; every field is checked and all problems are reported together.
    #[derive(Debug, Clone, Default, Validate)]
    pub struct RegisterInput {
        #[garde(required, inner(custom(rules::text::<PersonName>)))]
        pub name: Option<String>,
        #[garde(required, inner(custom(rules::email)))]
        pub email: Option<String>,
        #[garde(required, inner(custom(rules::password(self.email.as_deref()))))]
        pub password: Option<String>,
        #[garde(inner(custom(rules::phone)))]
        pub phone: Option<String>,
    }
}

impl AuthService {
    /// Creates an unverified CUSTOMER and mails the verification link.
    ///
    /// # Errors
    /// `Validation` (all fields at once), `EmailTaken`, `Store`. A taken phone is not an
    /// error: the account is created without it (see above).
    pub async fn register(
        &self,
        input: RegisterInput,
        locale: Locale,
    ) -> Result<Mailed<User>, AuthError> {
        check(&input)?;
        let name = required("name", input.name.as_deref(), PersonName::parse)?;
        let email = required("email", input.email.as_deref(), Email::parse)?;
        let password = required("password", input.password.as_deref(), |p| {
            Password::parse(p, input.email.as_deref())
        })?;
        let phone = optional("phone", input.phone.as_deref(), Phone::parse)?;
        let password_hash = self.ports.hasher.hash(password.expose()).await?;
        let now = self.now();
        let account =
            NewUser::new(name, email, password_hash, Role::Customer, now).with_locale(locale);
        let new_user = |phone: Option<Phone>| account.clone().with_phone(phone);
        // A phone another account uses is left off, and the answer still shows it: an
        // anonymous caller must not learn whose phone it is. The owner of the new account sees
        // what was stored once signed in. Asking first, whatever the phone, keeps the timing
        // alike; the retry covers a phone taken in between.
        let stored_phone = match &phone {
            Some(p) if self.ports.users.phone_taken(p).await? => None,
            other => other.clone(),
        };
        let mut user = match self.ports.users.create(new_user(stored_phone)).await {
            Err(RepoError::Conflict(ConflictOn::Phone)) => {
                self.ports.users.create(new_user(None)).await?
            }
            created => created?,
        };
        user.phone = phone.map(|p| p.as_str().to_owned());
        let mail_error = self.issue_and_mail(&user, LinkKind::Verify).await?;
        Ok(Mailed {
            value: user,
            mail_error,
        })
    }

    /// Marks the email verified if the token is valid, unused and not expired.
    ///
    /// # Errors
    /// `InvalidToken` otherwise.
    pub async fn verify_email(&self, token: &str) -> Result<(), AuthError> {
        let digest = self.ports.secrets.digest(token);
        let now = self.now();
        let user_id = self
            .ports
            .one_time
            .consume(TokenPurpose::VerifyEmail, &digest, now)
            .await?
            .ok_or(AuthError::InvalidToken)?;
        self.ports
            .credentials
            .mark_email_verified(user_id, now)
            .await?;
        Ok(())
    }

    /// Sends a new verification link to an unverified account. Answers the same whether or
    /// not the email is registered.
    ///
    /// # Errors
    /// `Store` only.
    pub async fn resend_verification(&self, email: &str) -> Result<Mailed<()>, AuthError> {
        let Ok(email) = Email::parse(email) else {
            return Ok(Mailed {
                value: (),
                mail_error: None,
            });
        };
        let mail_error = match self.ports.credentials.find_credentials(&email).await? {
            Some(c) if c.user.email_verified_at.is_none() && c.user.active => {
                self.issue_and_mail(&c.user, LinkKind::Verify).await?
            }
            _ => None,
        };
        Ok(Mailed {
            value: (),
            mail_error,
        })
    }

    /// Stores a fresh one-time token and mails its link; the mail error is returned, not raised.
    /// Beyond [`super::AuthConfig::mails_per_hour`] tokens of this kind for the user in the
    /// last hour, nothing is issued or sent (the throttle counts tokens, so it holds across
    /// instances).
    pub(super) async fn issue_and_mail(
        &self,
        user: &User,
        kind: LinkKind,
    ) -> Result<Option<crate::ports::MailError>, AuthError> {
        let (purpose, ttl) = match kind {
            LinkKind::Verify => (TokenPurpose::VerifyEmail, self.config.verify_ttl),
            LinkKind::Reset => (TokenPurpose::ResetPassword, self.config.reset_ttl),
        };
        let now = self.now();
        let recent = self
            .ports
            .one_time
            .count_issued_since(user.id, purpose, now - chrono::Duration::hours(1))
            .await?;
        if recent >= self.config.mails_per_hour {
            return Ok(None);
        }
        let token = self.ports.secrets.new_token();
        self.ports
            .one_time
            .issue(
                user.id,
                purpose,
                &self.ports.secrets.digest(&token),
                now + ttl,
                now,
            )
            .await?;
        Ok(self.send_link(user, kind, &token).await.err())
    }
}
