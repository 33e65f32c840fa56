//! Keyset paging newest first on `(time, id)`, shared by the user list and the audit log.
//!
//! The seek is written `time < ? OR (time = ? AND id < ?)`, not as a row-value comparison,
//! because MariaDB cannot use an index for the latter (PERFORMANCE-FACTS.md). The cursor key
//! is the last row's time in microseconds since the epoch; a cursor whose key is no such time
//! (one another list wrote) has nothing after it here.

use basma_domain::ports::Cursor;
use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Select,
};
use uuid::Uuid;

/// The two columns a list is ordered by, newest first.
#[derive(Debug, Clone, Copy)]
pub struct Keys<C> {
    pub time: C,
    pub id: C,
}

/// One page of `query` after `cursor` (at most `limit` rows, clamped to 1–100) and the cursor
/// of the next page; `key` reads a row's `(time, id)`.
pub async fn page<E, C>(
    db: &impl ConnectionTrait,
    mut query: Select<E>,
    keys: Keys<C>,
    cursor: Option<String>,
    limit: u16,
    key: impl Fn(&E::Model) -> (DateTime<Utc>, Uuid),
) -> Result<(Vec<E::Model>, Option<String>), DbErr>
where
    E: EntityTrait,
    C: ColumnTrait,
{
    let limit = u64::from(limit.clamp(1, 100));
    if let Some(raw) = cursor {
        let position = Cursor::decode(&raw).and_then(|c| {
            let at = DateTime::<Utc>::from_timestamp_micros(c.key.parse().ok()?)?;
            Some((at, c.id))
        });
        let Some((at, id)) = position else {
            return Ok((Vec::new(), None));
        };
        query = query.filter(
            Condition::any()
                .add(keys.time.lt(at))
                .add(Condition::all().add(keys.time.eq(at)).add(keys.id.lt(id))),
        );
    }
    let mut rows = query
        .order_by_desc(keys.time)
        .order_by_desc(keys.id)
        .limit(limit + 1)
        .all(db)
        .await?;
    let more = rows.len() as u64 > limit;
    rows.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
    let next = match rows.last() {
        Some(last) if more => {
            let (at, id) = key(last);
            Some(Cursor::new(at.timestamp_micros().to_string(), id).encode())
        }
        _ => None,
    };
    Ok((rows, next))
}
