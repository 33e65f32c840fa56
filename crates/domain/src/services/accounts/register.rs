//! Self-registration (always CUSTOMER), email verification and resending it.

use super::{AuthError, AuthService, LinkKind, Mailed};
use crate::model::{
    Email, Locale, NewUser, Password, PersonName, Phone, Role, TokenPurpose, User, UserId,
};
use crate::validation::{Rule, Validator};

/// Raw registration input; every field is checked and all problems are reported together.
#[derive(Debug, Clone, Default)]
pub struct RegisterInput {
    pub name: Option<String>,
    pub email: Option<String>,
    pub password: Option<String>,
    pub phone: Option<String>,
}

pub(super) fn required<T>(
    value: Option<&str>,
    parse: impl FnOnce(&str) -> Result<T, Rule>,
) -> Result<T, Rule> {
    value.ok_or(Rule::Required).and_then(parse)
}

impl AuthService {
    /// Creates an unverified CUSTOMER and mails the verification link.
    ///
    /// # Errors
    /// `Validation` (all fields at once), `EmailTaken`, `PhoneTaken`, `Store`.
    pub async fn register(
        &self,
        input: RegisterInput,
        locale: Locale,
    ) -> Result<Mailed<User>, AuthError> {
        let mut v = Validator::new();
        let name = v.check("name", required(input.name.as_deref(), PersonName::parse));
        let email = v.check("email", required(input.email.as_deref(), Email::parse));
        let email_text = input.email.clone();
        let password = v.check(
            "password",
            required(input.password.as_deref(), |p| {
                Password::parse(p, email_text.as_deref())
            }),
        );
        let phone = v.check_opt("phone", input.phone.as_deref().map(Phone::parse));
        let (name, email, password, phone) =
            v.finish(|| Some((name?, email?, password?, phone?)))?;
        let password_hash = self.ports.hasher.hash(password.expose()).await?;
        let now = self.now();
        let user = self
            .ports
            .users
            .create(NewUser {
                id: UserId::new(),
                name,
                email,
                phone,
                password_hash,
                role: Role::Customer,
                locale,
                email_verified_at: None,
                property_ids: Vec::new(),
                category_ids: Vec::new(),
                now,
            })
            .await?;
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
        self.ports.users.mark_email_verified(user_id, now).await?;
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
        let mail_error = match self.ports.users.find_credentials(&email).await? {
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
    pub(super) async fn issue_and_mail(
        &self,
        user: &User,
        kind: LinkKind,
    ) -> Result<Option<crate::ports::MailError>, AuthError> {
        let (purpose, ttl) = match kind {
            LinkKind::Verify => (TokenPurpose::VerifyEmail, self.config.verify_ttl),
            LinkKind::Reset => (TokenPurpose::ResetPassword, self.config.reset_ttl),
        };
        let token = self.ports.secrets.new_token();
        let now = self.now();
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
