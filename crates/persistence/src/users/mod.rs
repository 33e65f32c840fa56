//! Accounts, with their managed-property and skill-category sets.
//!
//! Emails arrive lower-cased (`Email::parse`), so the plain unique index on `users.email` is
//! case-insensitive on every backend. A user and its link rows are written in one transaction.

mod last_admin;
mod links;
mod list;

use crate::entities::users::{self, Column as U};
use crate::error::{corrupt, repo_err};
use crate::time::{micros, micros_opt};
use crate::tx::begin_write;
use async_trait::async_trait;
use basma_domain::model::{
    Email, Locale, NewUser, Phone, Role, User, UserChanges, UserCredentials, UserFilter, UserId,
};
use basma_domain::ports::{CredentialStore, Page, RepoError, UserDirectory, UserStore};
use chrono::{DateTime, Utc};
use links::Links;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, IntoActiveModel, PaginatorTrait,
    QueryFilter, QuerySelect,
};

#[derive(Debug, Clone)]
pub struct SqlUserRepository {
    db: DatabaseConnection,
}

impl SqlUserRepository {
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db }
    }
}

/// Builds the domain user from its row and its links.
fn to_user(row: users::Model, links: &mut Links) -> Result<User, RepoError> {
    let role = Role::parse(&row.role).ok_or_else(|| corrupt("role", &row.role))?;
    let failed_logins = u32::try_from(row.failed_logins)
        .map_err(|_| corrupt("failed_logins", row.failed_logins))?;
    Ok(User {
        id: UserId(row.id),
        name: row.name,
        email: row.email,
        phone: row.phone,
        role,
        active: row.active,
        // An unknown locale falls back to the default rather than locking the user out.
        locale: Locale::parse(&row.locale).unwrap_or_default(),
        email_verified_at: row.email_verified_at,
        failed_logins,
        first_failed_login_at: row.first_failed_login_at,
        locked_until: row.locked_until,
        property_ids: links.properties.remove(&row.id).unwrap_or_default(),
        category_ids: links.categories.remove(&row.id).unwrap_or_default(),
        created_at: row.created_at,
        updated_at: row.updated_at,
    })
}

/// Reads one user with its links, on a connection or inside a transaction.
async fn load_user<C: ConnectionTrait>(db: &C, id: UserId) -> Result<User, RepoError> {
    let row = users::Entity::find_by_id(id.0)
        .one(db)
        .await
        .map_err(repo_err)?
        .ok_or(RepoError::NotFound)?;
    let mut links = Links::load(db, &[row.id]).await.map_err(repo_err)?;
    to_user(row, &mut links)
}

/// Runs an update addressed by id and turns "no row" into `NotFound`.
async fn update_by_id<C: ConnectionTrait>(
    db: &C,
    id: UserId,
    update: sea_orm::UpdateMany<users::Entity>,
) -> Result<(), RepoError> {
    let result = update
        .filter(U::Id.eq(id.0))
        .exec(db)
        .await
        .map_err(repo_err)?;
    if result.rows_affected == 0 {
        Err(RepoError::NotFound)
    } else {
        Ok(())
    }
}

#[async_trait]
impl UserStore for SqlUserRepository {
    async fn create(&self, user: NewUser) -> Result<User, RepoError> {
        let now = micros(user.now);
        let row = users::Model {
            id: user.id.0,
            name: user.name.into_inner(),
            email: user.email.as_str().to_owned(),
            phone: user.phone.map(|p| p.as_str().to_owned()),
            password_hash: user.password_hash,
            role: user.role.as_str().to_owned(),
            active: true,
            locale: user.locale.as_str().to_owned(),
            email_verified_at: micros_opt(user.email_verified_at),
            failed_logins: 0,
            first_failed_login_at: None,
            locked_until: None,
            created_at: now,
            updated_at: now,
        };
        let txn = begin_write(&self.db).await.map_err(repo_err)?;
        users::Entity::insert(row.into_active_model())
            .exec_without_returning(&txn)
            .await
            .map_err(repo_err)?;
        links::set_properties(&txn, user.id, &user.property_ids)
            .await
            .map_err(repo_err)?;
        links::set_categories(&txn, user.id, &user.category_ids)
            .await
            .map_err(repo_err)?;
        let created = load_user(&txn, user.id).await?;
        txn.commit().await.map_err(repo_err)?;
        Ok(created)
    }

    async fn get(&self, id: UserId) -> Result<User, RepoError> {
        load_user(&self.db, id).await
    }

    async fn phone_taken(&self, phone: &Phone) -> Result<bool, RepoError> {
        let found = users::Entity::find()
            .select_only()
            .column(U::Id)
            .filter(U::Phone.eq(phone.as_str()))
            .into_tuple::<uuid::Uuid>()
            .one(&self.db)
            .await
            .map_err(repo_err)?;
        Ok(found.is_some())
    }

    async fn update(
        &self,
        id: UserId,
        changes: UserChanges,
        now: DateTime<Utc>,
    ) -> Result<User, RepoError> {
        let guard = last_admin::may_remove_a_super_admin(&changes);
        let mut update =
            users::Entity::update_many().col_expr(U::UpdatedAt, Expr::value(micros(now)));
        if let Some(name) = changes.name {
            update = update.col_expr(U::Name, Expr::value(name.into_inner()));
        }
        if let Some(phone) = changes.phone {
            update = update.col_expr(U::Phone, Expr::value(phone.map(|p| p.as_str().to_owned())));
        }
        if let Some(role) = changes.role {
            update = update.col_expr(U::Role, Expr::value(role.as_str()));
        }
        if let Some(active) = changes.active {
            update = update.col_expr(U::Active, Expr::value(active));
        }
        if let Some(locale) = changes.locale {
            update = update.col_expr(U::Locale, Expr::value(locale.as_str()));
        }
        let txn = begin_write(&self.db).await.map_err(repo_err)?;
        if guard {
            last_admin::keep_one(&txn, id).await?;
        }
        update_by_id(&txn, id, update).await?;
        if let Some(ids) = changes.property_ids {
            links::set_properties(&txn, id, &ids)
                .await
                .map_err(repo_err)?;
        }
        if let Some(ids) = changes.category_ids {
            links::set_categories(&txn, id, &ids)
                .await
                .map_err(repo_err)?;
        }
        let updated = load_user(&txn, id).await?;
        txn.commit().await.map_err(repo_err)?;
        Ok(updated)
    }

    async fn count_active_super_admins(&self) -> Result<u64, RepoError> {
        users::Entity::find()
            .select_only()
            .column(U::Id)
            .filter(U::Role.eq(Role::SuperAdmin.as_str()))
            .filter(U::Active.eq(true))
            .count(&self.db)
            .await
            .map_err(repo_err)
    }

    async fn list(
        &self,
        filter: UserFilter,
        cursor: Option<String>,
        limit: u16,
    ) -> Result<Page<User>, RepoError> {
        list::list(&self.db, filter, cursor, limit).await
    }
}

#[async_trait]
impl CredentialStore for SqlUserRepository {
    async fn find_credentials(&self, email: &Email) -> Result<Option<UserCredentials>, RepoError> {
        let row = users::Entity::find()
            .filter(U::Email.eq(email.as_str()))
            .one(&self.db)
            .await
            .map_err(repo_err)?;
        let Some(row) = row else { return Ok(None) };
        let password_hash = row.password_hash.clone();
        let mut links = Links::load(&self.db, &[row.id]).await.map_err(repo_err)?;
        Ok(Some(UserCredentials {
            user: to_user(row, &mut links)?,
            password_hash,
        }))
    }

    async fn set_password_hash(
        &self,
        id: UserId,
        hash: &str,
        now: DateTime<Utc>,
    ) -> Result<(), RepoError> {
        let update = users::Entity::update_many()
            .col_expr(U::PasswordHash, Expr::value(hash))
            .col_expr(U::UpdatedAt, Expr::value(micros(now)));
        update_by_id(&self.db, id, update).await
    }

    async fn mark_email_verified(&self, id: UserId, at: DateTime<Utc>) -> Result<(), RepoError> {
        let at = micros(at);
        let update = users::Entity::update_many()
            .col_expr(U::EmailVerifiedAt, Expr::value(at))
            .col_expr(U::UpdatedAt, Expr::value(at));
        update_by_id(&self.db, id, update).await
    }

    async fn record_failed_login(
        &self,
        id: UserId,
        now: DateTime<Utc>,
        window_start: DateTime<Utc>,
        max_failures: u32,
        locked_until: DateTime<Utc>,
    ) -> Result<User, RepoError> {
        let now = micros(now);
        let txn = begin_write(&self.db).await.map_err(repo_err)?;
        // Row lock on MySQL (SQLite's immediate transaction already excludes other writers),
        // so concurrent failures each count.
        let row = users::Entity::find_by_id(id.0)
            .lock_exclusive()
            .one(&txn)
            .await
            .map_err(repo_err)?
            .ok_or(RepoError::NotFound)?;
        // The window opens at the first failure; an older first failure starts a new count.
        let restart = row
            .first_failed_login_at
            .is_none_or(|first| first < window_start);
        let (count, first) = if restart {
            (1, now)
        } else {
            (
                row.failed_logins.saturating_add(1),
                row.first_failed_login_at.unwrap_or(now),
            )
        };
        let reached = u32::try_from(count).is_ok_and(|count| count >= max_failures);
        let lock = if reached {
            Some(micros(locked_until))
        } else {
            row.locked_until
        };
        let update = users::Entity::update_many()
            .col_expr(U::FailedLogins, Expr::value(count))
            .col_expr(U::FirstFailedLoginAt, Expr::value(first))
            .col_expr(U::LockedUntil, Expr::value(lock));
        update_by_id(&txn, id, update).await?;
        let user = load_user(&txn, id).await?;
        txn.commit().await.map_err(repo_err)?;
        Ok(user)
    }

    async fn reset_failed_logins(&self, id: UserId) -> Result<(), RepoError> {
        let update = users::Entity::update_many()
            .col_expr(U::FailedLogins, Expr::value(0))
            .col_expr(
                U::FirstFailedLoginAt,
                Expr::value(Option::<DateTime<Utc>>::None),
            )
            .col_expr(U::LockedUntil, Expr::value(Option::<DateTime<Utc>>::None));
        update_by_id(&self.db, id, update).await
    }
}

#[async_trait]
impl UserDirectory for SqlUserRepository {
    async fn find_user(&self, id: UserId) -> Result<User, RepoError> {
        load_user(&self.db, id).await
    }

    async fn display_names(&self, ids: &[UserId]) -> Result<Vec<(UserId, String)>, RepoError> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let rows: Vec<(uuid::Uuid, String)> = users::Entity::find()
            .select_only()
            .column(U::Id)
            .column(U::Name)
            .filter(U::Id.is_in(ids.iter().map(|id| id.0)))
            .into_tuple()
            .all(&self.db)
            .await
            .map_err(repo_err)?;
        Ok(rows
            .into_iter()
            .map(|(id, name)| (UserId(id), name))
            .collect())
    }
}
