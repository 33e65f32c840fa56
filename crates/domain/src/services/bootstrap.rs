//! The first SUPER_ADMIN: created at start when none exists, or on demand by
//! `basma create-admin`. Admin-created accounts are verified from the start.

use crate::model::{Email, NewUser, Password, PersonName, Role, User};
use crate::ports::{ConflictOn, HashError, PasswordHasher, RepoError, UserStore};
use crate::validation::rules;
use crate::validation::{ValidationErrors, check, required};
use chrono::{DateTime, Utc};
use garde::Validate;

#[derive(Debug, thiserror::Error)]
pub enum BootstrapError {
    #[error("invalid admin account: {0:?}")]
    Invalid(ValidationErrors),
    #[error("an account with that email already exists")]
    EmailTaken,
    #[error(transparent)]
    Hashing(#[from] HashError),
    #[error(transparent)]
    Store(RepoError),
}

impl From<RepoError> for BootstrapError {
    fn from(err: RepoError) -> Self {
        match err {
            RepoError::Conflict(ConflictOn::Email) => BootstrapError::EmailTaken,
            other => BootstrapError::Store(other),
        }
    }
}

/// What happened at start.
#[derive(Debug)]
pub enum FirstAdmin {
    /// An active SUPER_ADMIN already exists; nothing was done.
    AlreadyPresent,
    Created(Box<User>),
}

/// Creates a SUPER_ADMIN unless an active one exists.
///
/// # Errors
/// `Invalid` when the email or password breaks the rules, `Store` when the database fails.
pub async fn ensure_first_admin(
    users: &dyn UserStore,
    hasher: &dyn PasswordHasher,
    email: &str,
    password: &str,
    now: DateTime<Utc>,
) -> Result<FirstAdmin, BootstrapError> {
    if users.count_active_super_admins().await? > 0 {
        return Ok(FirstAdmin::AlreadyPresent);
    }
    create_admin(users, hasher, "Super Admin", email, password, now)
        .await
        .map(|user| FirstAdmin::Created(Box::new(user)))
}

/// Creates a verified SUPER_ADMIN account.
///
/// # Errors
/// `Invalid` for bad input, `EmailTaken`, or `Store`.
pub async fn create_admin(
    users: &dyn UserStore,
    hasher: &dyn PasswordHasher,
    name: &str,
    email: &str,
    password: &str,
    now: DateTime<Utc>,
) -> Result<User, BootstrapError> {
    let input = AdminInput {
        name,
        email,
        password,
        parsed_email: Email::parse(email).ok(),
    };
    let (name, email, password) = input.parse().map_err(BootstrapError::Invalid)?;
    let password_hash = hasher.hash(password.expose()).await?;
    let user = NewUser::new(name, email, password_hash, Role::SuperAdmin, now).verified();
    Ok(users.create(user).await?)
}

crate::validation::validated! {
    /// The admin account's fields (no `Debug`: it holds the password). The password may not
    /// equal the e-mail as it will be stored (trimmed, lower-cased); an invalid e-mail
    /// compares as empty.
    #[derive(Validate)]
    struct AdminInput<'a> {
        #[garde(custom(rules::text::<PersonName>))]
        name: &'a str,
        #[garde(custom(rules::email))]
        email: &'a str,
        #[garde(custom(rules::password(Some(self.email_for_password()))))]
        password: &'a str,
        #[garde(skip)]
        parsed_email: Option<Email>,
    }
}

impl AdminInput<'_> {
    fn email_for_password(&self) -> &str {
        self.parsed_email.as_ref().map_or("", Email::as_str)
    }

    fn parse(self) -> Result<(PersonName, Email, Password), ValidationErrors> {
        check(&self)?;
        let password = Password::parse(self.password, Some(self.email_for_password()))
            .map_err(|rule| ValidationErrors::single("password", rule))?;
        Ok((
            required("name", Some(self.name), PersonName::parse)?,
            required("email", self.parsed_email, Ok)?,
            password,
        ))
    }
}
