//! `/api/v1/audit`: the audit log for SUPER_ADMIN, as keyset-paged JSON and as a streamed
//! CSV export with the same filters. Read only: no route changes or deletes an entry.

use super::request_query::time;
use super::users::parse_limit;
use crate::csv_attachment;
use crate::csv_safe;
use crate::docs::audit::{AuditExportQuery, AuditListQuery};
use crate::docs::responses::Filtered;
use crate::dto::audit::AuditEntry;
use crate::dto::wire;
use crate::envelope::{self, Page, Pagination};
use crate::error::ApiError;
use crate::extract::auth::Auth;
use crate::routes::Reply;
use actix_web::{HttpRequest, web};
use basma_domain::model::{AuditAction, AuditFilter, AuditRecord, AuditTargetType, AuditValue};
use basma_domain::ports::Cursor;
use basma_domain::services::audit::AuditService;
use basma_domain::validation::{Rule, Validator};

type Audit = web::Data<AuditService>;

/// The filters, page size and cursor of a query string; every bad value is reported at once.
struct AuditQuery {
    filter: AuditFilter,
    limit: u16,
    cursor: Option<String>,
}

fn one_of<T: Copy>(raw: &str, all: &[T], name: fn(T) -> &'static str) -> Result<T, Rule> {
    all.iter()
        .copied()
        .find(|x| name(*x) == raw)
        .ok_or_else(|| Rule::OneOf {
            allowed: all.iter().map(|x| name(*x).to_owned()).collect(),
        })
}

fn uuid<T: std::str::FromStr>(raw: &str) -> Result<T, Rule> {
    raw.parse().map_err(|_| Rule::UuidFormat)
}

fn parse_query(req: &HttpRequest) -> Result<AuditQuery, ApiError> {
    let mut v = Validator::new();
    let mut filter = AuditFilter::default();
    let (mut limit, mut cursor) = (None, None);
    for (key, value) in url::form_urlencoded::parse(req.query_string().as_bytes()) {
        let value = value.trim();
        match key.as_ref() {
            "actorId" => filter.actor_id = v.check("actorId", uuid(value)),
            "action" => {
                for raw in value.split(',').map(str::trim).filter(|a| !a.is_empty()) {
                    let action = one_of(raw, &AuditAction::ALL, AuditAction::as_str);
                    filter.actions.extend(v.check("action", action));
                }
            }
            "targetType" => {
                let kind = one_of(value, &AuditTargetType::ALL, AuditTargetType::as_str);
                filter.target_type = v.check("targetType", kind);
            }
            "targetId" => filter.target_id = v.check("targetId", uuid(value)),
            "from" => filter.from = v.check("from", time(value)),
            "to" => filter.to = v.check("to", time(value)),
            "limit" => limit = Some(value.to_owned()),
            "cursor" => {
                if Cursor::decode(value).is_none() {
                    v.push("cursor", Rule::Unknown);
                }
                cursor = Some(value.to_owned());
            }
            _ => {}
        }
    }
    let limit = parse_limit(&mut v, limit.as_deref());
    v.finish(|| Some(()))?;
    Ok(AuditQuery {
        filter,
        limit,
        cursor,
    })
}

/// The audit log, newest first (SUPER_ADMIN)
#[utoipa::path(get, path = "/api/v1/audit", tag = "audit", operation_id = "listAudit",
    description = "Security events and administrative changes (users, properties, buildings, categories, request edits) with the old and new values of every changed field, the actor and the client address. Read only: no route edits or deletes an entry; entries older than `BASMA_AUDIT_RETENTION` (365 days by default) are purged. Other roles get 403. A bad filter value answers 400 naming it. `to` is exclusive.",
    params(AuditListQuery), responses((status = 200, description = "Success.", body = Page<AuditEntry>), Filtered))]
pub async fn list(audit: Audit, auth: Auth, req: HttpRequest) -> Reply {
    let query = parse_query(&req)?;
    let page = audit
        .list(&auth.0.actor(), query.filter, query.cursor, query.limit)
        .await?;
    Ok(envelope::page(
        wire::<_, AuditEntry>(page.items),
        Pagination {
            limit: query.limit,
            next_cursor: page.next_cursor,
        },
        None,
    ))
}

const CSV_HEADER: [&str; 11] = [
    "id",
    "at",
    "action",
    "actorId",
    "targetType",
    "targetId",
    "ip",
    "detail",
    "field",
    "old",
    "new",
];

fn value_text(value: &AuditValue) -> String {
    match value {
        AuditValue::Null => String::new(),
        AuditValue::Bool(b) => b.to_string(),
        AuditValue::Int(n) => n.to_string(),
        AuditValue::Text(t) => t.clone(),
        AuditValue::List(items) => items.join(" "),
    }
}

/// One row per changed field (one row without a field when nothing changed), so old and
/// new values are cells a spreadsheet can filter. Text cells go through [`csv_safe::cell`].
fn csv_rows(r: &AuditRecord) -> Vec<[String; 11]> {
    let safe = |text: &str| csv_safe::cell(text).into_owned();
    let opt = |text: Option<String>| text.map(|t| safe(&t)).unwrap_or_default();
    let base = [
        r.id.to_string(),
        r.at.to_rfc3339(),
        safe(&r.action),
        opt(r.actor_id.map(|a| a.to_string())),
        opt(r.target.map(|t| t.kind.as_str().to_owned())),
        opt(r.target.map(|t| t.id.to_string())),
        opt(r.ip.clone()),
        opt(r.detail.clone()),
    ];
    let row = |field: &str, old: &str, new: &str| {
        let [a, b, c, d, e, f, g, h] = base.clone();
        [a, b, c, d, e, f, g, h, safe(field), safe(old), safe(new)]
    };
    match &r.changes {
        Some(changes) if !changes.is_empty() => changes
            .0
            .iter()
            .map(|(field, change)| row(field, &value_text(&change.old), &value_text(&change.new)))
            .collect(),
        _ => vec![row("", "", "")],
    }
}

/// The audit log as CSV, streamed (SUPER_ADMIN)
#[utoipa::path(get, path = "/api/v1/audit.csv", tag = "audit", operation_id = "exportAuditCsv",
    description = "Same filters as `GET /audit` (no paging: every matching entry, newest first). Columns: id, at, action, actorId, targetType, targetId, ip, detail, field, old, new — one row per changed field (one row with empty field, old and new for an entry without changes); a list of ids is separated by spaces. A text cell that a spreadsheet would read as a formula (starting with `=`, `+`, `-`, `@`, tab or carriage return) is prefixed with `'`. A failure mid-way aborts the transfer, so a cut-short file is never mistaken for a complete one.",
    params(AuditExportQuery), responses((status = 200, description = "A CSV file with a header row.", content_type = "text/csv", body = String,
        headers(("Content-Disposition" = String, description = "`attachment; filename=\"audit.csv\"`"))), Filtered))]
pub async fn csv(audit: Audit, auth: Auth, req: HttpRequest) -> Reply {
    let query = parse_query(&req)?;
    let pages = audit.export(&auth.0.actor(), query.filter)?;
    let pages = futures_util::stream::unfold(pages, |mut pages| async move {
        let page = pages.next_page().await.transpose()?;
        let rows = page.map(|entries| entries.iter().flat_map(csv_rows).collect::<Vec<_>>());
        Some((rows.map_err(ApiError::from), pages))
    });
    csv_attachment::attachment("audit.csv", &CSV_HEADER, Box::pin(pages)).await
}
