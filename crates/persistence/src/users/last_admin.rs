//! The last-SUPER_ADMIN guard, checked inside the transaction that makes the change.

use crate::entities::users::{self, Column as U};
use crate::error::repo_err;
use basma_domain::model::{Role, UserChanges, UserId};
use basma_domain::ports::{ConflictOn, RepoError};
use sea_orm::{
    ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};

/// Whether `changes` can take a user out of the active SUPER_ADMINs.
pub(super) fn may_remove_a_super_admin(changes: &UserChanges) -> bool {
    changes.role.is_some_and(|r| r != Role::SuperAdmin) || changes.active == Some(false)
}

/// Refuses with `Conflict(LastSuperAdmin)` when `id` is the only active SUPER_ADMIN.
///
/// MySQL: the active SUPER_ADMIN rows are read `FOR UPDATE`, always in id order, so two such
/// changes wait for each other instead of both counting two and both removing one (and never
/// deadlock on these rows); the locking read also sees the latest committed rows, not the
/// transaction's snapshot. SQLite: the caller's `BEGIN IMMEDIATE` already holds the database's
/// write lock before this read.
pub(super) async fn keep_one(txn: &DatabaseTransaction, id: UserId) -> Result<(), RepoError> {
    let active: Vec<uuid::Uuid> = users::Entity::find()
        .select_only()
        .column(U::Id)
        .filter(U::Role.eq(Role::SuperAdmin.as_str()))
        .filter(U::Active.eq(true))
        .order_by_asc(U::Id)
        .lock_exclusive()
        .into_tuple()
        .all(txn)
        .await
        .map_err(repo_err)?;
    if active.contains(&id.0) && active.len() <= 1 {
        return Err(RepoError::Conflict(ConflictOn::LastSuperAdmin));
    }
    Ok(())
}
