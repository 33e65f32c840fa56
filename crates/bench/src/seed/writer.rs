//! Multi-row inserts: rows are cut into statements of at most a thousand rows and at most
//! 30,000 bound values (SQLite allows 32,766 per statement), each one autocommitted.

use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, Iterable};

/// Bound values one statement may carry.
const MAX_VALUES: usize = 30_000;

/// Rows one statement may carry.
const MAX_ROWS: usize = 1_000;

/// Inserts `rows` in as few statements as the limits allow; returns the rows written.
///
/// # Errors
/// The first failing statement.
pub async fn insert_chunked<A, I, C>(db: &C, rows: I) -> anyhow::Result<u64>
where
    A: ActiveModelTrait + Send,
    I: IntoIterator<Item = A>,
    C: ConnectionTrait,
{
    let columns = <<A::Entity as EntityTrait>::Column as Iterable>::iter()
        .count()
        .max(1);
    let per_statement = (MAX_VALUES / columns).clamp(1, MAX_ROWS);
    let mut batch = Vec::with_capacity(per_statement);
    let mut written = 0;
    for row in rows {
        batch.push(row);
        if batch.len() == per_statement {
            written += flush(db, &mut batch).await?;
        }
    }
    written += flush(db, &mut batch).await?;
    Ok(written)
}

async fn flush<A, C>(db: &C, batch: &mut Vec<A>) -> anyhow::Result<u64>
where
    A: ActiveModelTrait + Send,
    C: ConnectionTrait,
{
    if batch.is_empty() {
        return Ok(0);
    }
    let rows = std::mem::take(batch);
    Ok(A::Entity::insert_many(rows)
        .exec_without_returning(db)
        .await?)
}
