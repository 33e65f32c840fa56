//! The users list: newest first, keyset-paginated on `(created_at, id)`.
//!
//! The seek is written `created_at < ? OR (created_at = ? AND id < ?)`, not as a row-value
//! comparison, because MariaDB cannot use an index for the latter (PERFORMANCE-FACTS.md).
//! The cursor key is the last row's `created_at` in microseconds since the epoch.

use super::links::Links;
use super::to_user;
use crate::entities::users::{self, Column as U};
use crate::error::repo_err;
use basma_domain::model::{User, UserFilter};
use basma_domain::ports::{Cursor, Page, RepoError};
use chrono::DateTime;
use sea_orm::sea_query::{Expr, ExprTrait, Func, LikeExpr};
use sea_orm::{
    ColumnTrait, Condition, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};

pub async fn list(
    db: &DatabaseConnection,
    filter: UserFilter,
    cursor: Option<String>,
    limit: u16,
) -> Result<Page<User>, RepoError> {
    let limit = u64::from(limit.clamp(1, 100));
    let mut query = users::Entity::find();
    if let Some(role) = filter.role {
        query = query.filter(U::Role.eq(role.as_str()));
    }
    if let Some(active) = filter.active {
        query = query.filter(U::Active.eq(active));
    }
    if let Some(q) = filter.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
        let pattern = format!("%{}%", escape_like(&q.to_lowercase()));
        // Emails are stored lower-case; names are lowered here (SQLite's LOWER only folds
        // ASCII, which is what case means for Arabic anyway).
        query = query.filter(
            Condition::any()
                .add(Expr::col(U::Email).like(LikeExpr::new(pattern.clone()).escape('\\')))
                .add(
                    Expr::expr(Func::lower(Expr::col(U::Name)))
                        .like(LikeExpr::new(pattern).escape('\\')),
                ),
        );
    }
    if let Some(raw) = cursor {
        // The caller validated the cursor's shape; a key this list did not write (a cursor
        // from another list) means there is nothing after it here.
        let position = Cursor::decode(&raw).and_then(|c| {
            let micros = c.key.parse::<i64>().ok()?;
            Some((DateTime::from_timestamp_micros(micros)?, c.id))
        });
        let Some((at, id)) = position else {
            return Ok(Page {
                items: Vec::new(),
                next_cursor: None,
                total: None,
            });
        };
        query = query.filter(
            Condition::any()
                .add(U::CreatedAt.lt(at))
                .add(Condition::all().add(U::CreatedAt.eq(at)).add(U::Id.lt(id))),
        );
    }
    let mut rows = query
        .order_by_desc(U::CreatedAt)
        .order_by_desc(U::Id)
        .limit(limit + 1)
        .all(db)
        .await
        .map_err(repo_err)?;
    let more = rows.len() as u64 > limit;
    rows.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
    let next_cursor = match rows.last() {
        Some(last) if more => {
            Some(Cursor::new(last.created_at.timestamp_micros().to_string(), last.id).encode())
        }
        _ => None,
    };
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

/// Makes `%`, `_` and the escape character itself match literally.
fn escape_like(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape_like;

    #[test]
    fn like_wildcards_in_the_search_text_match_literally() {
        assert_eq!(escape_like("50%_a\\b"), "50\\%\\_a\\\\b");
    }
}
