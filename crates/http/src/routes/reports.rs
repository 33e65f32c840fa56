//! `/api/v1/reports`: the summary figures and the streamed CSV export, both scoped by the
//! caller's visibility.

use super::request_query::list_params;
use super::request_query::time;
use crate::csv_attachment;
use crate::csv_safe::cell;
use crate::docs::responses::Filtered;
use crate::dto::reports::Summary;
use crate::envelope::{self, Envelope};
use crate::error::ApiError;
use crate::extract::auth::Auth;
use crate::routes::Reply;
use actix_web::{HttpRequest, web};
use basma_domain::model::MaintenanceRequest;
use basma_domain::ports::RequestFilter;
use basma_domain::services::reports::ReportService;
use basma_domain::validation::{Rule, Validator};
use chrono::{DateTime, Utc};

type Reports = web::Data<ReportService>;

/// `from`, `to`, `propertyId`, `buildingId` of the summary.
fn summary_filter(req: &HttpRequest) -> Result<RequestFilter, ApiError> {
    let mut v = Validator::new();
    let mut filter = RequestFilter::default();
    for (key, value) in url::form_urlencoded::parse(req.query_string().as_bytes()) {
        let value = value.trim();
        match key.as_ref() {
            "from" => filter.created_from = v.check("from", time(value)),
            "to" => filter.created_to = v.check("to", time(value)),
            "propertyId" => {
                filter.property_id =
                    v.check("propertyId", value.parse().map_err(|_| Rule::UuidFormat))
            }
            "buildingId" => {
                filter.building_id =
                    v.check("buildingId", value.parse().map_err(|_| Rule::UuidFormat))
            }
            _ => {}
        }
    }
    v.finish(|| Some(filter)).map_err(ApiError::from)
}

/// Counts, backlog, overdue, assignment and resolution times, technicians and ratings
#[utoipa::path(get, path = "/api/v1/reports/summary", tag = "reports", operation_id = "reportSummary",
    description = "SUPER/MAINTENANCE_ADMIN see everything, BASMA_ADMIN their properties; other roles get 403. Submitted work only: drafts are never counted (the `DRAFT` entry of `byStatus` is always 0). `to` is exclusive. Identical summaries (same scope and filters) asked for within `BASMA_REPORT_CACHE` (5 s by default) share one computation, so figures may be that old.",
    params(crate::docs::SummaryQuery), responses((status = 200, description = "Success.", body = Envelope<Summary>), Filtered))]
pub async fn summary(reports: Reports, auth: Auth, req: HttpRequest) -> Reply {
    let filter = summary_filter(&req)?;
    let summary = reports.summary(&auth.0.actor(), filter).await?;
    Ok(envelope::ok(Summary::from(summary)))
}

const CSV_HEADER: [&str; 16] = [
    "id",
    "reference",
    "title",
    "status",
    "priority",
    "categoryId",
    "propertyId",
    "buildingId",
    "location",
    "requesterId",
    "assigneeId",
    "createdAt",
    "submittedAt",
    "completedAt",
    "dueAt",
    "rating",
];

fn csv_row(r: &MaintenanceRequest) -> [String; 16] {
    let time = |t: Option<DateTime<Utc>>| t.map(|t| t.to_rfc3339()).unwrap_or_default();
    [
        r.id.to_string(),
        r.reference.clone(),
        cell(&r.title).into_owned(),
        r.status.as_str().to_owned(),
        r.priority.as_str().to_owned(),
        r.category_id.to_string(),
        r.property_id.to_string(),
        r.building_id.to_string(),
        cell(r.location.as_deref().unwrap_or_default()).into_owned(),
        r.requester_id.to_string(),
        r.assignee_id.map(|a| a.to_string()).unwrap_or_default(),
        r.created_at.to_rfc3339(),
        time(r.submitted_at),
        time(r.completed_at),
        time(r.due_at),
        r.rating.map(|n| n.to_string()).unwrap_or_default(),
    ]
}

/// The requests the caller may see as CSV, streamed
#[utoipa::path(get, path = "/api/v1/reports/requests.csv", tag = "reports", operation_id = "exportRequestsCsv",
    description = "Same filters and sort as `GET /requests` (no paging: every matching row). Columns: id, reference, title, status, priority, categoryId, propertyId, buildingId, location, requesterId, assigneeId, createdAt, submittedAt, completedAt, dueAt, rating. Spreadsheet-safe (OWASP CSV injection): a free-text cell (title, location) that begins with `=`, `+`, `-`, `@`, a tab or a carriage return is prefixed with `'`, so a spreadsheet shows it as text instead of evaluating it. If the database fails before the first row, the answer is the usual error (503/500); if it fails later, the chunked transfer is aborted without its terminating chunk, so a cut-short file never looks complete.",
    params(crate::docs::ExportQuery), responses((status = 200, description = "A CSV file with a header row.", content_type = "text/csv", body = String,
        headers(("Content-Disposition" = String, description = "`attachment; filename=\"requests.csv\"`"))), Filtered))]
pub async fn requests_csv(reports: Reports, auth: Auth, req: HttpRequest) -> Reply {
    let params = list_params(&req)?;
    let pages = reports.export(&auth.0.actor(), params.filter, params.sort)?;
    let pages = futures_util::stream::unfold(pages, |mut pages| async move {
        let page = pages.next_page().await.transpose()?;
        let rows = page.map(|rows| rows.iter().map(csv_row).collect::<Vec<_>>());
        Some((rows.map_err(ApiError::from), pages))
    });
    csv_attachment::attachment("requests.csv", &CSV_HEADER, Box::pin(pages)).await
}
