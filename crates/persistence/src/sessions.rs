//! Login sessions and their rotating refresh tokens.
//!
//! A session holds the hash of its current refresh token; every rotation moves the old hash
//! into `spent_refresh_tokens`, so a token presented after it was rotated away is recognised
//! as reuse however many rotations ago that was.

use crate::entities::{sessions, spent_refresh_tokens};
use crate::error::repo_err;
use crate::time::micros;
use crate::tx::begin_write;
use async_trait::async_trait;
use basma_domain::model::{Session, SessionId, TokenFamilyId, UserId};
use basma_domain::ports::{RefreshLookup, RepoError, SessionStore};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder,
    QuerySelect,
};

use sessions::Column as S;

#[derive(Debug, Clone)]
pub struct SqlSessionStore {
    db: DatabaseConnection,
}

impl SqlSessionStore {
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db }
    }
}

fn to_session(row: sessions::Model) -> Session {
    Session {
        id: SessionId(row.id),
        user_id: UserId(row.user_id),
        family_id: TokenFamilyId(row.family_id),
        user_agent: row.user_agent,
        ip: row.ip,
        created_at: row.created_at,
        last_used_at: row.last_used_at,
        expires_at: row.expires_at,
        revoked_at: row.revoked_at,
    }
}

#[async_trait]
impl SessionStore for SqlSessionStore {
    async fn create(&self, session: Session, refresh_hash: &str) -> Result<(), RepoError> {
        let row = sessions::Model {
            id: session.id.0,
            user_id: session.user_id.0,
            family_id: session.family_id.0,
            refresh_hash: refresh_hash.to_owned(),
            user_agent: session.user_agent,
            ip: session.ip,
            created_at: micros(session.created_at),
            last_used_at: micros(session.last_used_at),
            expires_at: micros(session.expires_at),
            revoked_at: session.revoked_at.map(micros),
        };
        sessions::Entity::insert(row.into_active_model())
            .exec_without_returning(&self.db)
            .await
            .map(|_| ())
            .map_err(repo_err)
    }

    async fn get(&self, id: SessionId) -> Result<Session, RepoError> {
        sessions::Entity::find_by_id(id.0)
            .one(&self.db)
            .await
            .map_err(repo_err)?
            .map(to_session)
            .ok_or(RepoError::NotFound)
    }

    async fn find_by_refresh_hash(
        &self,
        refresh_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<RefreshLookup, RepoError> {
        let current = sessions::Entity::find()
            .filter(S::RefreshHash.eq(refresh_hash))
            .one(&self.db)
            .await
            .map_err(repo_err)?;
        if let Some(row) = current {
            let live = row.revoked_at.is_none() && row.expires_at > now;
            return Ok(if live {
                RefreshLookup::Current(to_session(row))
            } else {
                RefreshLookup::Invalid
            });
        }
        let spent = spent_refresh_tokens::Entity::find_by_id(refresh_hash.to_owned())
            .one(&self.db)
            .await
            .map_err(repo_err)?;
        let Some(spent) = spent else {
            return Ok(RefreshLookup::Invalid);
        };
        // Reported as reuse even when the session is already revoked or expired: every replay
        // of a stolen token deserves an audit entry, and revoking a dead family is harmless.
        let session = sessions::Entity::find_by_id(spent.session_id)
            .one(&self.db)
            .await
            .map_err(repo_err)?;
        Ok(session.map_or(RefreshLookup::Invalid, |row| {
            RefreshLookup::Spent(to_session(row))
        }))
    }

    async fn rotate(
        &self,
        id: SessionId,
        old_hash: &str,
        new_hash: &str,
        now: DateTime<Utc>,
        expires_at: DateTime<Utc>,
    ) -> Result<bool, RepoError> {
        let now = micros(now);
        let txn = begin_write(&self.db).await.map_err(repo_err)?;
        let family: Option<uuid::Uuid> = sessions::Entity::find_by_id(id.0)
            .select_only()
            .column(S::FamilyId)
            .into_tuple()
            .one(&txn)
            .await
            .map_err(repo_err)?;
        let Some(family) = family else {
            return Err(RepoError::NotFound);
        };
        // The hash condition decides races: of two rotations from the same token only one
        // matches, the other sees zero rows and reports `false`.
        let swapped = sessions::Entity::update_many()
            .col_expr(S::RefreshHash, Expr::value(new_hash))
            .col_expr(S::LastUsedAt, Expr::value(now))
            .col_expr(S::ExpiresAt, Expr::value(micros(expires_at)))
            .filter(S::Id.eq(id.0))
            .filter(S::RefreshHash.eq(old_hash))
            .filter(S::RevokedAt.is_null())
            .filter(S::ExpiresAt.gt(now))
            .exec(&txn)
            .await
            .map_err(repo_err)?;
        if swapped.rows_affected != 1 {
            txn.rollback().await.map_err(repo_err)?;
            return Ok(false);
        }
        let spent = spent_refresh_tokens::Model {
            hash: old_hash.to_owned(),
            session_id: id.0,
            family_id: family,
            spent_at: now,
        };
        spent_refresh_tokens::Entity::insert(spent.into_active_model())
            .exec_without_returning(&txn)
            .await
            .map_err(repo_err)?;
        txn.commit().await.map_err(repo_err)?;
        Ok(true)
    }

    async fn revoke(
        &self,
        user_id: UserId,
        id: SessionId,
        at: DateTime<Utc>,
    ) -> Result<bool, RepoError> {
        let revoked = sessions::Entity::update_many()
            .col_expr(S::RevokedAt, Expr::value(micros(at)))
            .filter(S::Id.eq(id.0))
            .filter(S::UserId.eq(user_id.0))
            .filter(S::RevokedAt.is_null())
            .exec(&self.db)
            .await
            .map_err(repo_err)?;
        Ok(revoked.rows_affected == 1)
    }

    async fn revoke_family(
        &self,
        family: TokenFamilyId,
        at: DateTime<Utc>,
    ) -> Result<u64, RepoError> {
        let revoked = sessions::Entity::update_many()
            .col_expr(S::RevokedAt, Expr::value(micros(at)))
            .filter(S::FamilyId.eq(family.0))
            .filter(S::RevokedAt.is_null())
            .exec(&self.db)
            .await
            .map_err(repo_err)?;
        Ok(revoked.rows_affected)
    }

    async fn revoke_all(
        &self,
        user_id: UserId,
        keep: Option<SessionId>,
        at: DateTime<Utc>,
    ) -> Result<u64, RepoError> {
        let at = micros(at);
        let mut update = sessions::Entity::update_many()
            .col_expr(S::RevokedAt, Expr::value(at))
            .filter(S::UserId.eq(user_id.0))
            .filter(S::RevokedAt.is_null())
            .filter(S::ExpiresAt.gt(at));
        if let Some(keep) = keep {
            update = update.filter(S::Id.ne(keep.0));
        }
        let revoked = update.exec(&self.db).await.map_err(repo_err)?;
        Ok(revoked.rows_affected)
    }

    async fn list_live(
        &self,
        user_id: UserId,
        now: DateTime<Utc>,
    ) -> Result<Vec<Session>, RepoError> {
        let rows = sessions::Entity::find()
            .filter(S::UserId.eq(user_id.0))
            .filter(S::RevokedAt.is_null())
            .filter(S::ExpiresAt.gt(micros(now)))
            .order_by_desc(S::CreatedAt)
            .order_by_desc(S::Id)
            .all(&self.db)
            .await
            .map_err(repo_err)?;
        Ok(rows.into_iter().map(to_session).collect())
    }
}
