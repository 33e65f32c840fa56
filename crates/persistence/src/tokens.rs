//! Single-use tokens (email verification, password reset), stored as SHA-256 hashes.

use crate::entities::one_time_tokens::{self, Column};
use crate::error::repo_err;
use crate::time::micros;
use async_trait::async_trait;
use basma_domain::model::{TokenPurpose, UserId};
use basma_domain::ports::{OneTimeTokenStore, RepoError};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter,
    QuerySelect,
};
use uuid::Uuid;

#[derive(Debug, Clone)]
pub struct SqlTokenStore {
    db: DatabaseConnection,
}

impl SqlTokenStore {
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db }
    }
}

#[async_trait]
impl OneTimeTokenStore for SqlTokenStore {
    async fn issue(
        &self,
        user_id: UserId,
        purpose: TokenPurpose,
        token_hash: &str,
        expires_at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<(), RepoError> {
        let row = one_time_tokens::Model {
            id: Uuid::now_v7(),
            user_id: user_id.0,
            purpose: purpose.as_str().to_owned(),
            token_hash: token_hash.to_owned(),
            expires_at: micros(expires_at),
            used_at: None,
            created_at: micros(now),
        };
        one_time_tokens::Entity::insert(row.into_active_model())
            .exec_without_returning(&self.db)
            .await
            .map(|_| ())
            .map_err(repo_err)
    }

    async fn consume(
        &self,
        purpose: TokenPurpose,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<UserId>, RepoError> {
        let now = micros(now);
        // The conditional update alone decides who wins: of two concurrent calls exactly one
        // sees `used_at IS NULL` and changes the row. The user lookup needs no lock because a
        // token's user never changes.
        let used = one_time_tokens::Entity::update_many()
            .col_expr(Column::UsedAt, Expr::value(now))
            .filter(Column::TokenHash.eq(token_hash))
            .filter(Column::Purpose.eq(purpose.as_str()))
            .filter(Column::UsedAt.is_null())
            .filter(Column::ExpiresAt.gt(now))
            .exec(&self.db)
            .await
            .map_err(repo_err)?;
        if used.rows_affected != 1 {
            return Ok(None);
        }
        let user_id: Option<Uuid> = one_time_tokens::Entity::find()
            .select_only()
            .column(Column::UserId)
            .filter(Column::TokenHash.eq(token_hash))
            .into_tuple()
            .one(&self.db)
            .await
            .map_err(repo_err)?;
        Ok(user_id.map(UserId))
    }

    async fn find_live(
        &self,
        purpose: TokenPurpose,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<UserId>, RepoError> {
        let user_id: Option<Uuid> = one_time_tokens::Entity::find()
            .select_only()
            .column(Column::UserId)
            .filter(Column::TokenHash.eq(token_hash))
            .filter(Column::Purpose.eq(purpose.as_str()))
            .filter(Column::UsedAt.is_null())
            .filter(Column::ExpiresAt.gt(micros(now)))
            .into_tuple()
            .one(&self.db)
            .await
            .map_err(repo_err)?;
        Ok(user_id.map(UserId))
    }

    async fn spend_all(
        &self,
        user_id: UserId,
        purpose: TokenPurpose,
        now: DateTime<Utc>,
    ) -> Result<u64, RepoError> {
        let spent = one_time_tokens::Entity::update_many()
            .col_expr(Column::UsedAt, Expr::value(micros(now)))
            .filter(Column::UserId.eq(user_id.0))
            .filter(Column::Purpose.eq(purpose.as_str()))
            .filter(Column::UsedAt.is_null())
            .exec(&self.db)
            .await
            .map_err(repo_err)?;
        Ok(spent.rows_affected)
    }

    async fn count_issued_since(
        &self,
        user_id: UserId,
        purpose: TokenPurpose,
        since: DateTime<Utc>,
    ) -> Result<u64, RepoError> {
        // Served by `ix_one_time_tokens_user`: a user has a handful of tokens.
        one_time_tokens::Entity::find()
            .filter(Column::UserId.eq(user_id.0))
            .filter(Column::Purpose.eq(purpose.as_str()))
            .filter(Column::CreatedAt.gte(micros(since)))
            .count(&self.db)
            .await
            .map_err(repo_err)
    }
}
