//! The users list: newest first, keyset-paginated on `(created_at, id)` (see
//! [`crate::newest_first`]).

use super::links::Links;
use super::to_user;
use crate::entities::users::{self, Column as U};
use crate::error::repo_err;
use crate::like::{ESCAPE, contains_pattern};
use crate::newest_first::{Keys, page};
use basma_domain::model::{User, UserFilter};
use basma_domain::ports::{Page, RepoError};
use sea_orm::sea_query::{Expr, ExprTrait, Func, LikeExpr};
use sea_orm::{ColumnTrait, Condition, DatabaseConnection, EntityTrait, QueryFilter};

pub async fn list(
    db: &DatabaseConnection,
    filter: UserFilter,
    cursor: Option<String>,
    limit: u16,
) -> Result<Page<User>, RepoError> {
    let mut query = users::Entity::find();
    if let Some(role) = filter.role {
        query = query.filter(U::Role.eq(role.as_str()));
    }
    if let Some(active) = filter.active {
        query = query.filter(U::Active.eq(active));
    }
    if let Some(q) = filter.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
        let pattern = contains_pattern(q);
        // Emails are stored lower-case; names are lowered here (SQLite's LOWER only folds
        // ASCII, which is what case means for Arabic anyway).
        query = query.filter(
            Condition::any()
                .add(Expr::col(U::Email).like(LikeExpr::new(pattern.clone()).escape(ESCAPE)))
                .add(
                    Expr::expr(Func::lower(Expr::col(U::Name)))
                        .like(LikeExpr::new(pattern).escape(ESCAPE)),
                ),
        );
    }
    let keys = Keys {
        time: U::CreatedAt,
        id: U::Id,
    };
    let (rows, next_cursor) = page(db, query, keys, cursor, limit, |r| (r.created_at, r.id))
        .await
        .map_err(repo_err)?;
    let ids: Vec<_> = rows.iter().map(|row| row.id).collect();
    let mut links = Links::load(db, &ids).await.map_err(repo_err)?;
    let items = rows
        .into_iter()
        .map(|row| to_user(row, &mut links))
        .collect::<Result<_, _>>()?;
    Ok(Page {
        items,
        next_cursor,
        total: None,
    })
}
