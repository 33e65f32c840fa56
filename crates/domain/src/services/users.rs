//! User administration (SPEC §5 Users): SUPER_ADMIN manages everyone, MAINTENANCE_ADMIN may
//! list and read technicians. The last active SUPER_ADMIN can be neither demoted nor
//! deactivated; deactivation revokes every session at once.

use super::accounts::AuthService;
use crate::model::{
    AuditAction, AuditEntry, AuditValue, CategoryId, ChangeSet, Email, NewUser, Password,
    PersonName, Phone, PropertyId, Role, User, UserChanges, UserFilter, UserId, id_list,
};
use crate::policy::{self, Actor};
use crate::ports::{AuditLog, Clock, Page, PasswordHasher, UserDirectory, UserStore};
use crate::validation::{Rule, Validator};
use std::sync::Arc;

mod error;
pub use error::UserAdminError;

#[cfg(test)]
mod tests;

/// `POST /users`.
#[derive(Debug, Clone, Default)]
pub struct CreateUserInput {
    pub name: Option<String>,
    pub email: Option<String>,
    pub role: Option<String>,
    pub password: Option<String>,
    pub phone: Option<String>,
    pub property_ids: Option<Vec<String>>,
    pub category_ids: Option<Vec<String>>,
}

/// `PATCH /users/{id}`; absent fields stay as they are.
#[derive(Debug, Clone, Default)]
pub struct UpdateUserInput {
    pub name: Option<String>,
    pub phone: Option<Option<String>>,
    pub role: Option<String>,
    pub active: Option<bool>,
    pub property_ids: Option<Vec<String>>,
    pub category_ids: Option<Vec<String>>,
}

pub struct UserAdminService {
    users: Arc<dyn UserStore>,
    directory: Arc<dyn UserDirectory>,
    hasher: Arc<dyn PasswordHasher>,
    audit: Arc<dyn AuditLog>,
    clock: Arc<dyn Clock>,
    auth: Arc<AuthService>,
}

/// What the audit log records of an account: its profile, role and links, never a secret.
/// The stores and outlets a [`UserAdminService`] works with.
pub struct UserAdminPorts {
    pub users: Arc<dyn UserStore>,
    pub directory: Arc<dyn UserDirectory>,
    pub hasher: Arc<dyn PasswordHasher>,
    pub audit: Arc<dyn AuditLog>,
    pub clock: Arc<dyn Clock>,
}

fn profile_fields(user: &User) -> [(&'static str, AuditValue); 6] {
    [
        ("name", (&user.name).into()),
        ("email", (&user.email).into()),
        ("phone", user.phone.as_ref().into()),
        ("role", user.role.as_str().into()),
        ("propertyIds", id_list(&user.property_ids)),
        ("categoryIds", id_list(&user.category_ids)),
    ]
}

fn parse_role(raw: &str) -> Result<Role, Rule> {
    Role::parse(raw).ok_or_else(|| Rule::OneOf {
        allowed: Role::ALL.iter().map(|r| r.as_str().to_owned()).collect(),
    })
}

fn parse_ids<T: std::str::FromStr>(raw: &[String]) -> Result<Vec<T>, Rule> {
    raw.iter()
        .map(|s| s.parse::<T>().map_err(|_| Rule::UuidFormat))
        .collect()
}

impl UserAdminService {
    pub fn new(ports: UserAdminPorts, auth: Arc<AuthService>) -> Self {
        let UserAdminPorts {
            users,
            directory,
            hasher,
            audit,
            clock,
        } = ports;
        Self {
            users,
            directory,
            hasher,
            audit,
            clock,
            auth,
        }
    }

    async fn record(
        &self,
        action: AuditAction,
        actor: &Actor,
        subject: UserId,
        detail: Option<String>,
        changes: ChangeSet,
    ) {
        let entry = AuditEntry {
            action,
            actor_id: Some(actor.id),
            subject_id: Some(subject),
            ip: None,
            detail,
            at: self.clock.now(),
            target: None,
            changes: changes.non_empty(),
        };
        // The audit trail must not undo an action that already happened.
        let _ = self.audit.record(entry).await;
    }

    /// # Errors
    /// `Forbidden` for roles other than SUPER_ADMIN and MAINTENANCE_ADMIN.
    pub async fn list(
        &self,
        actor: &Actor,
        mut filter: UserFilter,
        cursor: Option<String>,
        limit: u16,
    ) -> Result<Page<User>, UserAdminError> {
        if !policy::may_manage_users(actor) {
            if !policy::may_read_user(actor, Role::Technician) {
                return Err(UserAdminError::Forbidden);
            }
            match filter.role {
                None | Some(Role::Technician) => filter.role = Some(Role::Technician),
                Some(_) => {
                    return Ok(Page {
                        items: Vec::new(),
                        next_cursor: None,
                        total: None,
                    });
                }
            }
        }
        Ok(self.users.list(filter, cursor, limit).await?)
    }

    /// # Errors
    /// `Forbidden` for roles that may read no users; `NotFound` for users the actor may not read.
    pub async fn get(&self, actor: &Actor, id: UserId) -> Result<User, UserAdminError> {
        if !policy::may_manage_users(actor) && !policy::may_read_user(actor, Role::Technician) {
            return Err(UserAdminError::Forbidden);
        }
        let user = self.users.get(id).await?;
        if policy::may_read_user(actor, user.role) {
            Ok(user)
        } else {
            Err(UserAdminError::NotFound)
        }
    }

    /// Creates a verified account of any role.
    ///
    /// # Errors
    /// `Forbidden`, `Validation` (all fields at once), `EmailTaken`.
    pub async fn create(
        &self,
        actor: &Actor,
        input: CreateUserInput,
    ) -> Result<User, UserAdminError> {
        if !policy::may_manage_users(actor) {
            return Err(UserAdminError::Forbidden);
        }
        let mut v = Validator::new();
        let name = v.check(
            "name",
            input
                .name
                .as_deref()
                .ok_or(Rule::Required)
                .and_then(PersonName::parse),
        );
        let email = v.check(
            "email",
            input
                .email
                .as_deref()
                .ok_or(Rule::Required)
                .and_then(Email::parse),
        );
        let role = v.check(
            "role",
            input
                .role
                .as_deref()
                .ok_or(Rule::Required)
                .and_then(parse_role),
        );
        let email_text = input.email.clone();
        let password = v.check(
            "password",
            input
                .password
                .as_deref()
                .ok_or(Rule::Required)
                .and_then(|p| Password::parse(p, email_text.as_deref())),
        );
        let phone = v.check_opt("phone", input.phone.as_deref().map(Phone::parse));
        let property_ids = v.check(
            "propertyIds",
            parse_ids::<PropertyId>(input.property_ids.as_deref().unwrap_or_default()),
        );
        let category_ids = v.check(
            "categoryIds",
            parse_ids::<CategoryId>(input.category_ids.as_deref().unwrap_or_default()),
        );
        let (name, email, role, password, phone, property_ids, category_ids) = v.finish(|| {
            Some((
                name?,
                email?,
                role?,
                password?,
                phone?,
                property_ids?,
                category_ids?,
            ))
        })?;
        let now = self.clock.now();
        let password_hash = self.hasher.hash(password.expose()).await?;
        let user = self
            .users
            .create(
                NewUser::new(name, email, password_hash, role, now)
                    .verified()
                    .with_phone(phone)
                    .with_links(property_ids, category_ids),
            )
            .await?;
        let changes = ChangeSet::created(profile_fields(&user));
        self.record(
            AuditAction::UserCreated,
            actor,
            user.id,
            Some(role.as_str().to_owned()),
            changes,
        )
        .await;
        Ok(user)
    }

    /// # Errors
    /// `Forbidden`, `NotFound`, `Validation`, `Conflict(LastSuperAdmin)`.
    pub async fn update(
        &self,
        actor: &Actor,
        id: UserId,
        input: UpdateUserInput,
    ) -> Result<User, UserAdminError> {
        if !policy::may_manage_users(actor) {
            return Err(UserAdminError::Forbidden);
        }
        let mut v = Validator::new();
        let name = v.check_opt("name", input.name.as_deref().map(PersonName::parse));
        let phone = super::accounts::phone_change(&mut v, input.phone.as_ref());
        let role = v.check_opt("role", input.role.as_deref().map(parse_role));
        let property_ids = v.check_opt(
            "propertyIds",
            input.property_ids.as_deref().map(parse_ids::<PropertyId>),
        );
        let category_ids = v.check_opt(
            "categoryIds",
            input.category_ids.as_deref().map(parse_ids::<CategoryId>),
        );
        let (name, phone, role, property_ids, category_ids) =
            v.finish(|| Some((name?, phone?, role?, property_ids?, category_ids?)))?;
        let current = self.users.get(id).await?;
        // The last-SUPER_ADMIN guard lives in the store's update: a count here and a change
        // there would let two admins remove each other at the same moment.
        let changes = UserChanges {
            name,
            phone,
            role,
            active: input.active,
            locale: None,
            property_ids,
            category_ids,
        };
        let updated = self.users.update(id, changes, self.clock.now()).await?;
        if updated.role != current.role {
            let mut role = ChangeSet::default();
            role.diff("role", current.role.as_str(), updated.role.as_str());
            self.record(
                AuditAction::RoleChanged,
                actor,
                id,
                Some(format!("{} -> {}", current.role, updated.role)),
                role,
            )
            .await;
        }
        let mut active = ChangeSet::default();
        active.diff("active", current.active, updated.active);
        if current.active && !updated.active {
            self.auth.revoke_user(id).await?;
            self.record(AuditAction::UserDeactivated, actor, id, None, active)
                .await;
        } else if !current.active && updated.active {
            self.record(AuditAction::UserActivated, actor, id, None, active)
                .await;
        }
        let mut profile = ChangeSet::default();
        for ((field, old), (_, new)) in profile_fields(&current)
            .into_iter()
            .zip(profile_fields(&updated))
            .filter(|((field, _), _)| !matches!(*field, "role" | "email"))
        {
            profile.diff(field, old, new);
        }
        if !profile.is_empty() {
            self.record(AuditAction::UserUpdated, actor, id, None, profile)
                .await;
        }
        self.auth.forget_user(id);
        Ok(updated)
    }

    /// The display names of the people on a request the caller may already see (requester,
    /// assignee). Needs no user-administration right: a name and id are all it reveals.
    /// Unknown ids are left out.
    ///
    /// # Errors
    /// `Store`.
    pub async fn display_names(
        &self,
        ids: &[UserId],
    ) -> Result<Vec<(UserId, String)>, UserAdminError> {
        Ok(self.directory.display_names(ids).await?)
    }

    /// `DELETE /users/{id}`: deactivation (accounts are never hard-deleted).
    ///
    /// # Errors
    /// As [`UserAdminService::update`].
    pub async fn deactivate(&self, actor: &Actor, id: UserId) -> Result<User, UserAdminError> {
        self.update(
            actor,
            id,
            UpdateUserInput {
                active: Some(false),
                ..UpdateUserInput::default()
            },
        )
        .await
    }
}
