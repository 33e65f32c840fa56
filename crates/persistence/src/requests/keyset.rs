//! The list orders and their keyset positions.
//!
//! A cursor's key names its order and holds the last row's sort key(s), e.g. `cd:<micros>`
//! for newest first or `pd:<rank>:<micros>` for most urgent first, then the row's id (see
//! [`Cursor`]). A cursor written for another order decodes to `None`, which the list answers
//! with an empty page. Seeks are written `k < ? OR (k = ? AND id < ?)`, never as a row-value
//! comparison, which MariaDB cannot use an index for (PERFORMANCE-FACTS.md).
//!
//! "Due soonest" puts requests without a due time (drafts) last. Rather than an
//! `ORDER BY due_at IS NULL` that no index can serve, it reads in two phases: rows with a due
//! time in `(due_at, id)` order, then rows without one in `id` order; both come straight off
//! `ix_mr_due (due_at, id)`. A cursor `da:` (empty key) means the page ended in the second.

use super::scope::Sql;
use crate::entities::maintenance_requests as mr;
use basma_domain::ports::{Cursor, RequestSort};
use chrono::{DateTime, Utc};
use std::cmp::Ordering;
use uuid::Uuid;

/// Where the previous page ended, in the terms of one order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Position {
    CreatedDesc(DateTime<Utc>, Uuid),
    CreatedAsc(DateTime<Utc>, Uuid),
    PriorityDesc(i16, DateTime<Utc>, Uuid),
    /// `None`: the page ended among the rows without a due time.
    DueAsc(Option<DateTime<Utc>>, Uuid),
    UpdatedDesc(DateTime<Utc>, Uuid),
}

/// One range of rows read in one index order: its seek condition and `ORDER BY`.
#[derive(Debug, Clone)]
pub struct Phase {
    pub seek: Option<Sql>,
    pub order_by: &'static str,
}

/// The columns a page's id query selects: the id and the sort keys, so a union of branches
/// can be ordered again.
pub fn key_columns(sort: RequestSort) -> &'static str {
    match sort {
        RequestSort::CreatedDesc | RequestSort::CreatedAsc => "id, created_at",
        RequestSort::PriorityDesc => "id, priority_rank, created_at",
        RequestSort::DueAsc => "id, due_at",
        RequestSort::UpdatedDesc => "id, updated_at",
    }
}

fn micros_of(raw: &str) -> Option<DateTime<Utc>> {
    DateTime::from_timestamp_micros(raw.parse().ok()?)
}

impl Position {
    /// The position a cursor names, if it was written for `sort`.
    pub fn decode(raw: &str, sort: RequestSort) -> Option<Position> {
        let cursor = Cursor::decode(raw)?;
        let (tag, rest) = cursor.key.split_once(':')?;
        let id = cursor.id;
        match (sort, tag) {
            (RequestSort::CreatedDesc, "cd") => Some(Position::CreatedDesc(micros_of(rest)?, id)),
            (RequestSort::CreatedAsc, "ca") => Some(Position::CreatedAsc(micros_of(rest)?, id)),
            (RequestSort::PriorityDesc, "pd") => {
                let (rank, at) = rest.split_once(':')?;
                Some(Position::PriorityDesc(
                    rank.parse().ok()?,
                    micros_of(at)?,
                    id,
                ))
            }
            (RequestSort::DueAsc, "da") if rest.is_empty() => Some(Position::DueAsc(None, id)),
            (RequestSort::DueAsc, "da") => Some(Position::DueAsc(Some(micros_of(rest)?), id)),
            (RequestSort::UpdatedDesc, "ud") => Some(Position::UpdatedDesc(micros_of(rest)?, id)),
            _ => None,
        }
    }

    /// The position just after `row` in `sort`.
    pub fn after(row: &mr::Model, sort: RequestSort) -> Position {
        match sort {
            RequestSort::CreatedDesc => Position::CreatedDesc(row.created_at, row.id),
            RequestSort::CreatedAsc => Position::CreatedAsc(row.created_at, row.id),
            RequestSort::PriorityDesc => {
                Position::PriorityDesc(row.priority_rank, row.created_at, row.id)
            }
            RequestSort::DueAsc => Position::DueAsc(row.due_at, row.id),
            RequestSort::UpdatedDesc => Position::UpdatedDesc(row.updated_at, row.id),
        }
    }

    pub fn encode(self) -> String {
        let (key, id) = match self {
            Position::CreatedDesc(at, id) => (format!("cd:{}", at.timestamp_micros()), id),
            Position::CreatedAsc(at, id) => (format!("ca:{}", at.timestamp_micros()), id),
            Position::PriorityDesc(rank, at, id) => {
                (format!("pd:{rank}:{}", at.timestamp_micros()), id)
            }
            Position::DueAsc(at, id) => (
                format!(
                    "da:{}",
                    at.map(|a| a.timestamp_micros().to_string())
                        .unwrap_or_default()
                ),
                id,
            ),
            Position::UpdatedDesc(at, id) => (format!("ud:{}", at.timestamp_micros()), id),
        };
        Cursor::new(key, id).encode()
    }
}

/// `col < ? OR (col = ? AND id < ?)` (or `>` for ascending orders).
fn seek_pair<V: Into<sea_orm::Value> + Clone>(column: &str, op: &str, key: V, id: Uuid) -> Sql {
    let mut sql = Sql::new(&format!("{column} {op} "));
    sql.bind(key.clone())
        .push(&format!(" OR ({column} = "))
        .bind(key)
        .push(&format!(" AND id {op} "))
        .bind(id)
        .push(")");
    sql
}

/// The phases to read, in order, starting after `position` (from the start when `None`).
pub fn phases(sort: RequestSort, position: Option<Position>) -> Vec<Phase> {
    let phase = |seek, order_by| Phase { seek, order_by };
    match sort {
        RequestSort::CreatedDesc => {
            let seek = match position {
                Some(Position::CreatedDesc(at, id)) => Some(seek_pair("created_at", "<", at, id)),
                _ => None,
            };
            vec![phase(seek, "created_at DESC, id DESC")]
        }
        RequestSort::CreatedAsc => {
            let seek = match position {
                Some(Position::CreatedAsc(at, id)) => Some(seek_pair("created_at", ">", at, id)),
                _ => None,
            };
            vec![phase(seek, "created_at ASC, id ASC")]
        }
        RequestSort::PriorityDesc => {
            let seek = match position {
                Some(Position::PriorityDesc(rank, at, id)) => {
                    // Spelled out as a disjunction of ranges the optimizer can read off
                    // `(priority_rank, created_at, id)`.
                    let mut sql = Sql::new("priority_rank < ");
                    sql.bind(rank)
                        .push(" OR (priority_rank = ")
                        .bind(rank)
                        .push(" AND (")
                        .append(&seek_pair("created_at", "<", at, id))
                        .push("))");
                    Some(sql)
                }
                _ => None,
            };
            vec![phase(seek, "priority_rank DESC, created_at DESC, id DESC")]
        }
        RequestSort::DueAsc => {
            let null_phase = |after: Option<Uuid>| {
                let mut sql = Sql::new("due_at IS NULL");
                if let Some(id) = after {
                    sql.push(" AND id > ").bind(id);
                }
                // Only `id`: MariaDB does not see that `due_at` is constant under
                // `IS NULL` and would filesort an `ORDER BY due_at, id`.
                phase(Some(sql), "id ASC")
            };
            match position {
                Some(Position::DueAsc(None, id)) => vec![null_phase(Some(id))],
                Some(Position::DueAsc(Some(at), id)) => {
                    let mut sql = Sql::new("due_at IS NOT NULL AND (");
                    sql.append(&seek_pair("due_at", ">", at, id)).push(")");
                    vec![phase(Some(sql), "due_at ASC, id ASC"), null_phase(None)]
                }
                _ => vec![
                    phase(Some(Sql::new("due_at IS NOT NULL")), "due_at ASC, id ASC"),
                    null_phase(None),
                ],
            }
        }
        RequestSort::UpdatedDesc => {
            let seek = match position {
                Some(Position::UpdatedDesc(at, id)) => Some(seek_pair("updated_at", "<", at, id)),
                _ => None,
            };
            vec![phase(seek, "updated_at DESC, id DESC")]
        }
    }
}

/// The order of `sort`, in Rust, for putting a page's rows back in order after they were
/// fetched by primary key. Ids compare as bytes, as `BINARY(16)` and SQLite blobs do.
pub fn compare(sort: RequestSort, a: &mr::Model, b: &mr::Model) -> Ordering {
    match sort {
        RequestSort::CreatedDesc => (b.created_at, b.id).cmp(&(a.created_at, a.id)),
        RequestSort::CreatedAsc => (a.created_at, a.id).cmp(&(b.created_at, b.id)),
        RequestSort::PriorityDesc => {
            (b.priority_rank, b.created_at, b.id).cmp(&(a.priority_rank, a.created_at, a.id))
        }
        RequestSort::DueAsc => {
            (a.due_at.is_none(), a.due_at, a.id).cmp(&(b.due_at.is_none(), b.due_at, b.id))
        }
        RequestSort::UpdatedDesc => (b.updated_at, b.id).cmp(&(a.updated_at, a.id)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SORTS: [RequestSort; 5] = [
        RequestSort::CreatedDesc,
        RequestSort::CreatedAsc,
        RequestSort::PriorityDesc,
        RequestSort::DueAsc,
        RequestSort::UpdatedDesc,
    ];

    fn at(micros: i64) -> DateTime<Utc> {
        DateTime::from_timestamp_micros(micros).unwrap()
    }

    #[test]
    fn every_position_survives_its_cursor() {
        let id = Uuid::now_v7();
        let positions = [
            Position::CreatedDesc(at(1_764_068_542_123_456), id),
            Position::CreatedAsc(at(1), id),
            Position::PriorityDesc(4, at(2), id),
            Position::DueAsc(Some(at(3)), id),
            Position::DueAsc(None, id),
            Position::UpdatedDesc(at(4), id),
        ];
        let sorts = [0, 1, 2, 3, 3, 4].map(|i| SORTS[i]);
        for (position, sort) in positions.into_iter().zip(sorts) {
            assert_eq!(Position::decode(&position.encode(), sort), Some(position));
        }
    }

    #[test]
    fn a_cursor_of_another_order_is_no_position() {
        let cursor = Position::CreatedDesc(at(5), Uuid::now_v7()).encode();
        for sort in &SORTS[1..] {
            assert_eq!(Position::decode(&cursor, *sort), None);
        }
        let foreign = Cursor::new("1764068542123456", Uuid::now_v7()).encode();
        assert_eq!(Position::decode(&foreign, RequestSort::CreatedDesc), None);
    }

    #[test]
    fn due_order_reads_the_rows_without_due_time_last() {
        let texts: Vec<_> = phases(RequestSort::DueAsc, None)
            .into_iter()
            .map(|p| p.seek.map(|s| s.text).unwrap_or_default())
            .collect();
        assert_eq!(texts, vec!["due_at IS NOT NULL", "due_at IS NULL"]);
    }
}
