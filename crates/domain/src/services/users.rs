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
use crate::validation::rules;
use crate::validation::{Rule, ValidationErrors, check, optional, required};
use garde::Validate;
use std::sync::Arc;

mod error;
pub use error::UserAdminError;

#[cfg(test)]
mod tests;

crate::validation::validated! {
    /// `POST /users`.
    #[derive(Debug, Clone, Default, Validate)]
    pub struct CreateUserInput {
        #[garde(required, inner(custom(rules::text::<PersonName>)))]
        pub name: Option<String>,
        #[garde(required, inner(custom(rules::email)))]
        pub email: Option<String>,
        #[garde(required, inner(custom(rules::role)))]
        pub role: Option<String>,
        #[garde(required, inner(custom(rules::password(self.email.as_deref()))))]
        pub password: Option<String>,
        #[garde(inner(custom(rules::phone)))]
        pub phone: Option<String>,
        #[garde(inner(inner(custom(rules::listed_uuid))))]
        pub property_ids: Option<Vec<String>>,
        #[garde(inner(inner(custom(rules::listed_uuid))))]
        pub category_ids: Option<Vec<String>>,
    }
}

crate::validation::validated! {
    /// `PATCH /users/{id}`; absent fields stay as they are.
    #[derive(Debug, Clone, Default, Validate)]
    pub struct UpdateUserInput {
        #[garde(inner(custom(rules::text::<PersonName>)))]
        pub name: Option<String>,
        #[garde(inner(inner(custom(rules::phone_or_blank))))]
        pub phone: Option<Option<String>>,
        #[garde(inner(custom(rules::role)))]
        pub role: Option<String>,
        #[garde(skip)]
        pub active: Option<bool>,
        #[garde(inner(inner(custom(rules::listed_uuid))))]
        pub property_ids: Option<Vec<String>>,
        #[garde(inner(inner(custom(rules::listed_uuid))))]
        pub category_ids: Option<Vec<String>>,
    }
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

fn parse_ids<T: std::str::FromStr>(raw: &[String]) -> Result<Vec<T>, Rule> {
    raw.iter().map(|s| rules::parse_listed_id(s)).collect()
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
        check(&input)?;
        let name = required("name", input.name.as_deref(), PersonName::parse)?;
        let email = required("email", input.email.as_deref(), Email::parse)?;
        let role = required("role", input.role.as_deref(), rules::parse_role)?;
        let password = required("password", input.password.as_deref(), |p| {
            Password::parse(p, input.email.as_deref())
        })?;
        let phone = optional("phone", input.phone.as_deref(), Phone::parse)?;
        let property_ids = parse_ids(input.property_ids.as_deref().unwrap_or_default())
            .map_err(|rule| ValidationErrors::single("propertyIds", rule))?;
        let category_ids = parse_ids(input.category_ids.as_deref().unwrap_or_default())
            .map_err(|rule| ValidationErrors::single("categoryIds", rule))?;
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
        check(&input)?;
        let name = optional("name", input.name.as_deref(), PersonName::parse)?;
        let phone = super::accounts::phone_change(input.phone.as_ref())?;
        let role = optional("role", input.role.as_deref(), rules::parse_role)?;
        let property_ids = optional(
            "propertyIds",
            input.property_ids.as_deref(),
            parse_ids::<PropertyId>,
        )?;
        let category_ids = optional(
            "categoryIds",
            input.category_ids.as_deref(),
            parse_ids::<CategoryId>,
        )?;
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
