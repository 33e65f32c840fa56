//! Report figures over the requests a viewer may see, filtered like the list.
//!
//! Everything is aggregated in SQL, inside one read transaction so the figures come from one
//! snapshot and agree with each other. Durations are computed in seconds by the database
//! (`TIMESTAMPDIFF` in microseconds on MySQL; `julianday` on SQLite, whose date functions
//! read milliseconds only, so SQLite durations are rounded to the millisecond). A median is
//! the middle one or two rows of the durations in order (`LIMIT 2 OFFSET (n-1)/2`): a sort
//! in the database, but nothing but two numbers cross the wire.
//!
//! Counts by status and priority list every value (zeros included) in the enums' order; by
//! category only the categories that occur, most first; technicians by requests assigned,
//! most first. Ties are broken by id so the output is stable.

use super::scope::{Scope, Sql, open_statuses};
use crate::error::{corrupt, repo_err};
use crate::time::micros;
use basma_domain::model::{CategoryId, Priority, Status, UserId};
use basma_domain::ports::{RepoError, ReportSummary, RequestFilter, TechnicianFigures, Visibility};
use chrono::{DateTime, Utc};
use sea_orm::{
    ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbBackend, QueryResult,
    TransactionTrait,
};
use std::collections::BTreeMap;
use uuid::Uuid;

/// The rows a summary covers: the viewer's visibility and the filter, as a condition. Equal
/// conditions (text and bound values) mean equal figures, so it is also the cache key.
pub fn scope(visibility: &Visibility, filter: &RequestFilter, now: DateTime<Utc>) -> Sql {
    Scope::new(visibility, filter, micros(now)).condition()
}

/// The figures over the rows `scope` selects, as of `now`.
pub async fn summary(
    db: &DatabaseConnection,
    scope: &Sql,
    now: DateTime<Utc>,
) -> Result<ReportSummary, RepoError> {
    let now = micros(now);
    let scope = scope.clone();
    let txn = db.begin().await.map_err(repo_err)?;
    let mut summary = counts(&txn, &scope).await?;
    let totals = totals(&txn, &scope, now).await?;
    summary.total = totals.total;
    summary.open_backlog = totals.backlog;
    summary.backlog_mean_age_seconds = totals.backlog_mean;
    summary.backlog_max_age_seconds = totals.backlog_max;
    summary.overdue = totals.overdue;
    summary.assign_mean_seconds = totals.assign_mean;
    summary.resolve_mean_seconds = totals.resolve_mean;
    summary.mean_rating = totals.mean_rating;
    summary.ratings = totals.ratings;
    summary.assign_median_seconds =
        median(&txn, &scope, "submitted_at", "assigned_at", totals.assigned).await?;
    summary.resolve_median_seconds = median(
        &txn,
        &scope,
        "submitted_at",
        "completed_at",
        totals.resolved,
    )
    .await?;
    summary.technicians = technicians(&txn, &scope).await?;
    txn.commit().await.map_err(repo_err)?;
    Ok(summary)
}

pub async fn count_by_status(db: &DatabaseConnection) -> Result<Vec<(Status, u64)>, RepoError> {
    let sql = Sql::new("SELECT status, COUNT(*) AS n FROM maintenance_requests GROUP BY status");
    let rows = db
        .query_all_raw(sql.statement(db.get_database_backend()))
        .await
        .map_err(repo_err)?;
    let mut counts = BTreeMap::new();
    for row in rows {
        let status = super::rows::status(&get::<String>(&row, "status")?)?;
        counts.insert(status, count(&row, "n")?);
    }
    Ok(Status::ALL
        .into_iter()
        .map(|s| (s, counts.get(&s).copied().unwrap_or(0)))
        .collect())
}

fn get<T: sea_orm::TryGetable>(row: &QueryResult, column: &str) -> Result<T, RepoError> {
    row.try_get("", column).map_err(repo_err)
}

fn count(row: &QueryResult, column: &str) -> Result<u64, RepoError> {
    let n: i64 = get(row, column)?;
    u64::try_from(n).map_err(|_| corrupt("count", n))
}

/// `to - from` in seconds, as a floating-point SQL expression.
fn seconds(backend: DbBackend, from: &str, to: &Sql) -> Sql {
    let mut sql = Sql::default();
    if backend == DbBackend::MySql {
        sql.push(&format!("(TIMESTAMPDIFF(MICROSECOND, {from}, "))
            .append(to)
            .push(") / 1e6)");
    } else {
        sql.push("ROUND((julianday(")
            .append(to)
            .push(&format!(") - julianday({from})) * 86400.0, 3)"));
    }
    sql
}

/// Counts by status, priority and category from one grouped scan.
async fn counts(txn: &DatabaseTransaction, scope: &Sql) -> Result<ReportSummary, RepoError> {
    let mut sql = Sql::new(
        "SELECT status, priority_rank, category_id, COUNT(*) AS n FROM maintenance_requests WHERE ",
    );
    sql.append(scope)
        .push(" GROUP BY status, priority_rank, category_id");
    let rows = txn
        .query_all_raw(sql.statement(txn.get_database_backend()))
        .await
        .map_err(repo_err)?;
    let mut statuses = BTreeMap::new();
    let mut priorities = BTreeMap::new();
    let mut categories: BTreeMap<Uuid, u64> = BTreeMap::new();
    for row in rows {
        let n = count(&row, "n")?;
        let status = super::rows::status(&get::<String>(&row, "status")?)?;
        let rank: i16 = get(&row, "priority_rank")?;
        let priority = Priority::from_rank(rank).ok_or_else(|| corrupt("priority_rank", rank))?;
        *statuses.entry(status).or_insert(0) += n;
        *priorities.entry(priority).or_insert(0) += n;
        *categories.entry(get(&row, "category_id")?).or_insert(0) += n;
    }
    let mut by_category: Vec<_> = categories
        .into_iter()
        .map(|(id, n)| (CategoryId(id), n))
        .collect();
    by_category.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    Ok(ReportSummary {
        by_status: Status::ALL
            .into_iter()
            .map(|s| (s, statuses.get(&s).copied().unwrap_or(0)))
            .collect(),
        by_priority: Priority::ALL
            .into_iter()
            .map(|p| (p, priorities.get(&p).copied().unwrap_or(0)))
            .collect(),
        by_category,
        ..ReportSummary::default()
    })
}

struct Totals {
    total: u64,
    backlog: u64,
    backlog_mean: Option<f64>,
    backlog_max: Option<f64>,
    overdue: u64,
    assigned: u64,
    assign_mean: Option<f64>,
    resolved: u64,
    resolve_mean: Option<f64>,
    ratings: u64,
    mean_rating: Option<f64>,
}

const ASSIGNED: &str = "submitted_at IS NOT NULL AND assigned_at IS NOT NULL";
const RESOLVED: &str = "submitted_at IS NOT NULL AND completed_at IS NOT NULL";

async fn totals(
    txn: &DatabaseTransaction,
    scope: &Sql,
    now: DateTime<Utc>,
) -> Result<Totals, RepoError> {
    let backend = txn.get_database_backend();
    let open = format!("status IN ({})", open_statuses());
    let mut at_now = Sql::default();
    at_now.bind(now);
    let age = seconds(backend, "COALESCE(submitted_at, created_at)", &at_now);
    let to_assign = seconds(backend, "submitted_at", &Sql::new("assigned_at"));
    let to_resolve = seconds(backend, "submitted_at", &Sql::new("completed_at"));
    let mut sql = Sql::new("SELECT COUNT(*) AS total");
    sql.push(&format!(", COUNT(CASE WHEN {open} THEN 1 END) AS backlog"))
        .push(&format!(", AVG(CASE WHEN {open} THEN "))
        .append(&age)
        .push(" END) AS backlog_mean")
        .push(&format!(", MAX(CASE WHEN {open} THEN "))
        .append(&age)
        .push(" END) AS backlog_max")
        .push(&format!(", COUNT(CASE WHEN {open} AND due_at < "))
        .bind(now)
        .push(" THEN 1 END) AS overdue")
        .push(&format!(
            ", COUNT(CASE WHEN {ASSIGNED} THEN 1 END) AS assigned"
        ))
        .push(&format!(", AVG(CASE WHEN {ASSIGNED} THEN "))
        .append(&to_assign)
        .push(" END) AS assign_mean")
        .push(&format!(
            ", COUNT(CASE WHEN {RESOLVED} THEN 1 END) AS resolved"
        ))
        .push(&format!(", AVG(CASE WHEN {RESOLVED} THEN "))
        .append(&to_resolve)
        .push(" END) AS resolve_mean")
        // `* 1e0` makes the average a double on MySQL, where AVG of an integer is a DECIMAL.
        .push(", COUNT(rating) AS ratings, AVG(rating * 1e0) AS mean_rating")
        .push(" FROM maintenance_requests WHERE ")
        .append(scope);
    let row = txn
        .query_one_raw(sql.statement(backend))
        .await
        .map_err(repo_err)?
        .ok_or_else(|| RepoError::Internal("an aggregate returned no row".into()))?;
    Ok(Totals {
        total: count(&row, "total")?,
        backlog: count(&row, "backlog")?,
        backlog_mean: get(&row, "backlog_mean")?,
        backlog_max: get(&row, "backlog_max")?,
        overdue: count(&row, "overdue")?,
        assigned: count(&row, "assigned")?,
        assign_mean: get(&row, "assign_mean")?,
        resolved: count(&row, "resolved")?,
        resolve_mean: get(&row, "resolve_mean")?,
        ratings: count(&row, "ratings")?,
        mean_rating: get(&row, "mean_rating")?,
    })
}

/// The median of `to - from` over the `n` rows in scope that have both.
async fn median(
    txn: &DatabaseTransaction,
    scope: &Sql,
    from: &str,
    to: &str,
    n: u64,
) -> Result<Option<f64>, RepoError> {
    if n == 0 {
        return Ok(None);
    }
    let backend = txn.get_database_backend();
    let mut sql = Sql::new("SELECT ");
    sql.append(&seconds(backend, from, &Sql::new(to)))
        .push(" AS d FROM maintenance_requests WHERE ")
        .append(scope)
        .push(&format!(
            " AND {from} IS NOT NULL AND {to} IS NOT NULL ORDER BY d LIMIT 2 OFFSET {}",
            (n - 1) / 2
        ));
    let rows = txn
        .query_all_raw(sql.statement(backend))
        .await
        .map_err(repo_err)?;
    let middle = rows
        .iter()
        .map(|row| get::<f64>(row, "d"))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(match (n % 2, middle.as_slice()) {
        (1, [m, ..]) => Some(*m),
        (_, [a, b]) => Some((a + b) / 2.0),
        (_, [m]) => Some(*m),
        _ => None,
    })
}

async fn technicians(
    txn: &DatabaseTransaction,
    scope: &Sql,
) -> Result<Vec<TechnicianFigures>, RepoError> {
    let backend = txn.get_database_backend();
    let mut sql = Sql::new(
        "SELECT assignee_id, COUNT(*) AS assigned, COUNT(completed_at) AS completed, \
         AVG(CASE WHEN ",
    );
    sql.push(RESOLVED)
        .push(" THEN ")
        .append(&seconds(backend, "submitted_at", &Sql::new("completed_at")))
        .push(" END) AS resolve_mean FROM maintenance_requests WHERE ")
        .append(scope)
        .push(" AND assignee_id IS NOT NULL GROUP BY assignee_id");
    let rows = txn
        .query_all_raw(sql.statement(backend))
        .await
        .map_err(repo_err)?;
    let mut out = rows
        .iter()
        .map(|row| {
            Ok(TechnicianFigures {
                technician_id: UserId(get(row, "assignee_id")?),
                assigned: count(row, "assigned")?,
                completed: count(row, "completed")?,
                resolve_mean_seconds: get(row, "resolve_mean")?,
            })
        })
        .collect::<Result<Vec<_>, RepoError>>()?;
    out.sort_by(|a, b| {
        b.assigned
            .cmp(&a.assigned)
            .then(a.technician_id.cmp(&b.technician_id))
    });
    Ok(out)
}
