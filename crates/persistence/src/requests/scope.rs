//! Which rows a list, count or report may touch: the viewer's [`Visibility`] and the
//! [`RequestFilter`], as SQL conditions with bound values.
//!
//! Visibility is kept as a list of *branches* whose union is what the viewer sees (a
//! technician's: assigned to them, available, their own). A page reads each branch from the
//! index that serves it and merges the few rows (see `list`); counts and reports, which scan
//! anyway, use the branches joined with `OR`. Every value that comes from a caller is bound
//! with `?` (SQLite and MySQL both take that placeholder); only the spellings of our own enums
//! are spliced in as literals, which keeps the statements readable in `EXPLAIN`.

use crate::like::{ESCAPE, contains_pattern};
use crate::time::micros;
use basma_domain::model::{Status, UserId};
use basma_domain::ports::{RequestFilter, Visibility};
use chrono::{DateTime, Utc};
use sea_orm::{DbBackend, Statement, Value};
use std::collections::BTreeSet;

/// SQL text with its bound values, in placeholder order.
#[derive(Debug, Clone, Default)]
pub struct Sql {
    pub text: String,
    pub values: Vec<Value>,
}

impl Sql {
    pub fn new(text: &str) -> Self {
        Self {
            text: text.to_owned(),
            values: Vec::new(),
        }
    }

    pub fn push(&mut self, text: &str) -> &mut Self {
        self.text.push_str(text);
        self
    }

    /// Appends a `?` bound to `value`.
    pub fn bind(&mut self, value: impl Into<Value>) -> &mut Self {
        self.text.push('?');
        self.values.push(value.into());
        self
    }

    pub fn append(&mut self, other: &Sql) -> &mut Self {
        self.text.push_str(&other.text);
        self.values.extend(other.values.iter().cloned());
        self
    }

    /// `a AND b AND …` with each part in parentheses; `1 = 1` when there is none.
    pub fn and(parts: &[Sql]) -> Sql {
        Self::join(parts, " AND ", "1 = 1")
    }

    /// `a OR b OR …` with each part in parentheses; `1 = 0` when there is none.
    pub fn or(parts: &[Sql]) -> Sql {
        Self::join(parts, " OR ", "1 = 0")
    }

    fn join(parts: &[Sql], glue: &str, empty: &str) -> Sql {
        if parts.is_empty() {
            return Sql::new(empty);
        }
        let mut out = Sql::default();
        for (i, part) in parts.iter().enumerate() {
            if i > 0 {
                out.push(glue);
            }
            out.push("(").append(part).push(")");
        }
        out
    }

    pub fn statement(self, backend: DbBackend) -> Statement {
        Statement::from_sql_and_values(backend, self.text, self.values)
    }
}

/// `'A', 'B'` for an `IN (…)` list of our own status spellings.
pub fn status_list(statuses: impl IntoIterator<Item = Status>) -> String {
    statuses
        .into_iter()
        .map(|s| format!("'{}'", s.as_str()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The statuses the open backlog counts (submitted and not final).
pub fn open_statuses() -> String {
    status_list(Status::ALL.into_iter().filter(|s| s.is_open()))
}

/// Up to this many managed properties get a branch each, so each is read in index order;
/// beyond it one `IN` branch is cheaper than merging that many partial pages.
const MAX_PROPERTY_BRANCHES: usize = 16;

/// The viewer's branches and the filter's conditions.
#[derive(Debug, Clone)]
pub struct Scope {
    pub branches: Vec<Sql>,
    pub filters: Vec<Sql>,
}

impl Scope {
    pub fn new(visibility: &Visibility, filter: &RequestFilter, now: DateTime<Utc>) -> Self {
        Self {
            branches: branches(visibility, filter),
            filters: filters(filter, micros(now)),
        }
    }

    /// `(branch OR branch …) AND filter AND …`: every row in scope, for counts and reports.
    pub fn condition(&self) -> Sql {
        let mut parts = vec![Sql::or(&self.branches)];
        parts.extend(self.filters.iter().cloned());
        Sql::and(&parts)
    }
}

fn viewer_is_requester(viewer: UserId) -> Sql {
    let mut sql = Sql::new("requester_id = ");
    sql.bind(viewer.0);
    sql
}

fn branches(visibility: &Visibility, filter: &RequestFilter) -> Vec<Sql> {
    match visibility {
        Visibility::Everything { viewer } => {
            let mut out = vec![Sql::new("status <> 'DRAFT'")];
            // Drafts are disjoint from the other branch; skip them when the filter cannot
            // match a draft anyway, so the page is read from one index.
            let drafts_possible = !filter.overdue
                && !filter.available
                && (filter.statuses.is_empty() || filter.statuses.contains(&Status::Draft));
            if drafts_possible {
                let mut own_drafts = Sql::new("status = 'DRAFT' AND ");
                own_drafts.append(&viewer_is_requester(*viewer));
                out.push(own_drafts);
            }
            out
        }
        Visibility::Properties {
            viewer,
            property_ids,
        } => {
            let ids: BTreeSet<_> = property_ids.iter().map(|p| p.0).collect();
            let mut out = Vec::new();
            if ids.len() > MAX_PROPERTY_BRANCHES {
                let mut managed = Sql::new("status <> 'DRAFT' AND property_id IN (");
                for (i, id) in ids.iter().enumerate() {
                    if i > 0 {
                        managed.push(", ");
                    }
                    managed.bind(*id);
                }
                managed.push(")");
                out.push(managed);
            } else {
                for id in ids {
                    let mut managed = Sql::new("property_id = ");
                    managed.bind(id).push(" AND status <> 'DRAFT'");
                    out.push(managed);
                }
            }
            out.push(viewer_is_requester(*viewer));
            out
        }
        Visibility::Technician { viewer } => {
            let mut assigned = Sql::new("assignee_id = ");
            assigned.bind(viewer.0);
            vec![
                assigned,
                Sql::new("status = 'SUBMITTED' AND assignee_id IS NULL"),
                viewer_is_requester(*viewer),
            ]
        }
        Visibility::Own { viewer } => vec![viewer_is_requester(*viewer)],
    }
}

fn filters(filter: &RequestFilter, now: DateTime<Utc>) -> Vec<Sql> {
    let mut out = Vec::new();
    if !filter.statuses.is_empty() {
        let statuses: BTreeSet<_> = filter.statuses.iter().copied().collect();
        out.push(Sql::new(&format!("status IN ({})", status_list(statuses))));
    }
    if let Some(priority) = filter.priority {
        // The rank, not the name: `ix_mr_priority_created` is on the rank.
        out.push(Sql::new(&format!("priority_rank = {}", priority.rank())));
    }
    let ids = [
        ("category_id", filter.category_id.map(|c| c.0)),
        ("property_id", filter.property_id.map(|p| p.0)),
        ("building_id", filter.building_id.map(|b| b.0)),
        ("assignee_id", filter.assignee_id.map(|u| u.0)),
        ("requester_id", filter.requester_id.map(|u| u.0)),
    ];
    for (column, id) in ids {
        if let Some(id) = id {
            let mut sql = Sql::new(&format!("{column} = "));
            sql.bind(id);
            out.push(sql);
        }
    }
    if let Some(q) = filter.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
        out.push(search(q));
    }
    if let Some(from) = filter.created_from {
        let mut sql = Sql::new("created_at >= ");
        sql.bind(micros(from));
        out.push(sql);
    }
    if let Some(to) = filter.created_to {
        // Half-open, so consecutive ranges neither overlap nor leave a gap.
        let mut sql = Sql::new("created_at < ");
        sql.bind(micros(to));
        out.push(sql);
    }
    if filter.overdue {
        let mut sql = Sql::new(&format!("status IN ({}) AND due_at < ", open_statuses()));
        sql.bind(now);
        out.push(sql);
    }
    if filter.available {
        out.push(Sql::new("status = 'SUBMITTED' AND assignee_id IS NULL"));
    }
    out
}

/// Case-insensitive substring of title, description or reference. The pattern is lowered in
/// Rust (Unicode-aware) and the columns with `LOWER`; MySQL's `_ci` collation would fold case
/// on its own, SQLite's `LIKE` only folds ASCII. Arabic has no case, so it matches byte for
/// byte.
fn search(q: &str) -> Sql {
    let pattern = contains_pattern(q);
    let mut sql = Sql::default();
    for (i, column) in ["title", "description", "reference"].iter().enumerate() {
        if i > 0 {
            sql.push(" OR ");
        }
        sql.push(&format!("LOWER({column}) LIKE "))
            .bind(pattern.clone())
            .push(&format!(" ESCAPE '{ESCAPE}'"));
    }
    sql
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_filter_that_excludes_drafts_drops_the_own_drafts_branch() {
        let viewer = UserId::new();
        let all = Visibility::Everything { viewer };
        assert_eq!(branches(&all, &RequestFilter::default()).len(), 2);
        let submitted = RequestFilter {
            statuses: vec![Status::Submitted],
            ..RequestFilter::default()
        };
        assert_eq!(branches(&all, &submitted).len(), 1);
    }

    #[test]
    fn parts_are_parenthesised_and_values_kept_in_order() {
        let mut a = Sql::new("a = ");
        a.bind(1_i32);
        let mut b = Sql::new("b = ");
        b.bind(2_i32);
        let joined = Sql::or(&[a, b]);
        assert_eq!(joined.text, "(a = ?) OR (b = ?)");
        assert_eq!(joined.values, vec![Value::from(1_i32), Value::from(2_i32)]);
        assert_eq!(Sql::and(&[]).text, "1 = 1");
    }
}
