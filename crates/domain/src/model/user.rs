//! Accounts, sessions, one-time tokens and audit entries.

use super::{
    CategoryId, Email, PersonName, Phone, PropertyId, Role, SessionId, TokenFamilyId, UserId,
};
use chrono::{DateTime, Utc};
use serde::Serialize;

/// Interface language for messages and mails.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Locale {
    #[default]
    Ar,
    En,
}

impl Locale {
    pub fn as_str(self) -> &'static str {
        match self {
            Locale::Ar => "ar",
            Locale::En => "en",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "ar" => Some(Locale::Ar),
            "en" => Some(Locale::En),
            _ => None,
        }
    }
}

/// A stored account. The password hash never leaves the persistence and auth layers.
#[derive(Debug, Clone, PartialEq)]
pub struct User {
    pub id: UserId,
    pub name: String,
    pub email: String,
    pub phone: Option<String>,
    pub role: Role,
    pub active: bool,
    pub locale: Locale,
    pub email_verified_at: Option<DateTime<Utc>>,
    pub failed_logins: u32,
    pub first_failed_login_at: Option<DateTime<Utc>>,
    pub locked_until: Option<DateTime<Utc>>,
    pub property_ids: Vec<PropertyId>,
    pub category_ids: Vec<CategoryId>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A user together with the bcrypt hash, for credential checks only.
#[derive(Debug, Clone)]
pub struct UserCredentials {
    pub user: User,
    pub password_hash: String,
}

/// What it takes to store a new account.
#[derive(Debug, Clone)]
pub struct NewUser {
    pub id: UserId,
    pub name: PersonName,
    pub email: Email,
    pub phone: Option<Phone>,
    pub password_hash: String,
    pub role: Role,
    pub locale: Locale,
    pub email_verified_at: Option<DateTime<Utc>>,
    pub property_ids: Vec<PropertyId>,
    pub category_ids: Vec<CategoryId>,
    pub now: DateTime<Utc>,
}

impl NewUser {
    /// A new, unverified account with a fresh id, no phone, Arabic mails, and no managed
    /// properties or skills, created at `now`. The `with_*` methods and [`Self::verified`]
    /// set the rest; every place that creates an account starts here.
    pub fn new(
        name: PersonName,
        email: Email,
        password_hash: String,
        role: Role,
        now: DateTime<Utc>,
    ) -> Self {
        Self {
            id: UserId::new(),
            name,
            email,
            phone: None,
            password_hash,
            role,
            locale: Locale::Ar,
            email_verified_at: None,
            property_ids: Vec::new(),
            category_ids: Vec::new(),
            now,
        }
    }

    /// Verified from the start (accounts an administrator creates).
    #[must_use]
    pub fn verified(self) -> Self {
        Self {
            email_verified_at: Some(self.now),
            ..self
        }
    }

    #[must_use]
    pub fn with_phone(self, phone: Option<Phone>) -> Self {
        Self { phone, ..self }
    }

    #[must_use]
    pub fn with_locale(self, locale: Locale) -> Self {
        Self { locale, ..self }
    }

    /// The properties a BASMA_ADMIN manages and the skills of a TECHNICIAN.
    #[must_use]
    pub fn with_links(self, property_ids: Vec<PropertyId>, category_ids: Vec<CategoryId>) -> Self {
        Self {
            property_ids,
            category_ids,
            ..self
        }
    }
}

/// Changes to an account; `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct UserChanges {
    pub name: Option<PersonName>,
    /// `Some(None)` clears the phone.
    pub phone: Option<Option<Phone>>,
    pub role: Option<Role>,
    pub active: Option<bool>,
    pub locale: Option<Locale>,
    pub property_ids: Option<Vec<PropertyId>>,
    pub category_ids: Option<Vec<CategoryId>>,
}

/// Filters of the users list.
#[derive(Debug, Clone, Default)]
pub struct UserFilter {
    pub role: Option<Role>,
    pub active: Option<bool>,
    /// Case-insensitive match on name or email.
    pub q: Option<String>,
}

/// One login on one device.
#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    pub id: SessionId,
    pub user_id: UserId,
    pub family_id: TokenFamilyId,
    pub user_agent: Option<String>,
    pub ip: Option<String>,
    pub created_at: DateTime<Utc>,
    pub last_used_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
}

/// What a one-time token is for; each has its own lifetime.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum TokenPurpose {
    VerifyEmail,
    ResetPassword,
}

impl TokenPurpose {
    pub fn as_str(self) -> &'static str {
        match self {
            TokenPurpose::VerifyEmail => "VERIFY_EMAIL",
            TokenPurpose::ResetPassword => "RESET_PASSWORD",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [TokenPurpose::VerifyEmail, TokenPurpose::ResetPassword]
            .into_iter()
            .find(|p| p.as_str() == s)
    }
}

/// Security-relevant actions and administrative changes, kept in the audit log.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum AuditAction {
    LoginSucceeded,
    LoginFailed,
    AccountLocked,
    PasswordReset,
    PasswordChanged,
    RoleChanged,
    UserDeactivated,
    UserActivated,
    UserCreated,
    SessionRevoked,
    RefreshReuseDetected,
    /// Name, phone or property/category links of a user changed by an administrator.
    UserUpdated,
    RequestEdited,
    PropertyCreated,
    PropertyUpdated,
    PropertyDeleted,
    BuildingCreated,
    BuildingUpdated,
    BuildingDeleted,
    CategoryCreated,
    CategoryUpdated,
}

impl AuditAction {
    pub fn as_str(self) -> &'static str {
        match self {
            AuditAction::LoginSucceeded => "LOGIN_SUCCEEDED",
            AuditAction::LoginFailed => "LOGIN_FAILED",
            AuditAction::AccountLocked => "ACCOUNT_LOCKED",
            AuditAction::PasswordReset => "PASSWORD_RESET",
            AuditAction::PasswordChanged => "PASSWORD_CHANGED",
            AuditAction::RoleChanged => "ROLE_CHANGED",
            AuditAction::UserDeactivated => "USER_DEACTIVATED",
            AuditAction::UserActivated => "USER_ACTIVATED",
            AuditAction::UserCreated => "USER_CREATED",
            AuditAction::SessionRevoked => "SESSION_REVOKED",
            AuditAction::RefreshReuseDetected => "REFRESH_REUSE_DETECTED",
            AuditAction::UserUpdated => "USER_UPDATED",
            AuditAction::RequestEdited => "REQUEST_EDITED",
            AuditAction::PropertyCreated => "PROPERTY_CREATED",
            AuditAction::PropertyUpdated => "PROPERTY_UPDATED",
            AuditAction::PropertyDeleted => "PROPERTY_DELETED",
            AuditAction::BuildingCreated => "BUILDING_CREATED",
            AuditAction::BuildingUpdated => "BUILDING_UPDATED",
            AuditAction::BuildingDeleted => "BUILDING_DELETED",
            AuditAction::CategoryCreated => "CATEGORY_CREATED",
            AuditAction::CategoryUpdated => "CATEGORY_UPDATED",
        }
    }

    /// Every action, for the `action` filter of `GET /audit`.
    pub const ALL: [AuditAction; 21] = [
        AuditAction::LoginSucceeded,
        AuditAction::LoginFailed,
        AuditAction::AccountLocked,
        AuditAction::PasswordReset,
        AuditAction::PasswordChanged,
        AuditAction::RoleChanged,
        AuditAction::UserDeactivated,
        AuditAction::UserActivated,
        AuditAction::UserCreated,
        AuditAction::SessionRevoked,
        AuditAction::RefreshReuseDetected,
        AuditAction::UserUpdated,
        AuditAction::RequestEdited,
        AuditAction::PropertyCreated,
        AuditAction::PropertyUpdated,
        AuditAction::PropertyDeleted,
        AuditAction::BuildingCreated,
        AuditAction::BuildingUpdated,
        AuditAction::BuildingDeleted,
        AuditAction::CategoryCreated,
        AuditAction::CategoryUpdated,
    ];

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.as_str() == raw)
    }
}

/// One audit-log row to append. `subject_id` is the user an account action concerns; it is
/// stored as a `USER` target when `target` is `None`.
#[derive(Debug, Clone)]
pub struct AuditEntry {
    pub action: AuditAction,
    pub actor_id: Option<UserId>,
    pub subject_id: Option<UserId>,
    /// `None` lets the adapter fill in the address of the request being served.
    pub ip: Option<String>,
    pub detail: Option<String>,
    pub at: DateTime<Utc>,
    /// What a catalog, request or user change concerns (overrides `subject_id`).
    pub target: Option<super::AuditTarget>,
    /// Old and new values of the fields that changed; never secrets.
    pub changes: Option<super::ChangeSet>,
}
