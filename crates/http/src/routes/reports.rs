//! `/api/v1/reports`: the summary figures and the streamed CSV export, both scoped by the
//! caller's visibility.

use super::request_query::list_params;
use super::request_query::time;
use crate::csv_attachment;
use crate::csv_safe::cell;
use crate::envelope;
use crate::error::ApiError;
use crate::extract::auth::Auth;
use crate::state::AppState;
use actix_web::{HttpRequest, HttpResponse, web};
use basma_domain::model::MaintenanceRequest;
use basma_domain::ports::{ReportSummary, RequestFilter};
use basma_domain::validation::{Rule, Validator};
use chrono::{DateTime, Utc};
use serde_json::{Value, json};

type State = web::Data<AppState>;

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

fn counts<K: serde::Serialize>(rows: &[(K, u64)]) -> Value {
    Value::Array(
        rows.iter()
            .map(|(k, n)| json!({"key": k, "count": n}))
            .collect(),
    )
}

fn summary_json(s: &ReportSummary) -> Value {
    json!({
        "total": s.total,
        "byStatus": counts(&s.by_status),
        "byPriority": counts(&s.by_priority),
        "byCategory": counts(&s.by_category),
        "openBacklog": {
            "count": s.open_backlog,
            "meanAgeSeconds": s.backlog_mean_age_seconds,
            "maxAgeSeconds": s.backlog_max_age_seconds,
        },
        "overdue": s.overdue,
        "timeToAssign": {"meanSeconds": s.assign_mean_seconds, "medianSeconds": s.assign_median_seconds},
        "timeToResolve": {"meanSeconds": s.resolve_mean_seconds, "medianSeconds": s.resolve_median_seconds},
        "technicians": s.technicians.iter().map(|t| json!({
            "technicianId": t.technician_id,
            "assigned": t.assigned,
            "completed": t.completed,
            "meanResolutionSeconds": t.resolve_mean_seconds,
        })).collect::<Vec<_>>(),
        "rating": {"mean": s.mean_rating, "count": s.ratings},
    })
}

pub async fn summary(state: State, auth: Auth, req: HttpRequest) -> Result<HttpResponse, ApiError> {
    let filter = summary_filter(&req)?;
    let summary = state.reports.summary(&auth.0.actor(), filter).await?;
    Ok(envelope::ok(summary_json(&summary)))
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

/// `GET /reports/requests.csv`: the list's filters, streamed page by page
/// ([`csv_attachment`]: a failure mid-way aborts the transfer). Free text goes through
/// [`cell`] so no spreadsheet evaluates it.
pub async fn requests_csv(
    state: State,
    auth: Auth,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    let params = list_params(&req)?;
    let pages = state
        .reports
        .export(&auth.0.actor(), params.filter, params.sort)?;
    let pages = futures_util::stream::unfold(pages, |mut pages| async move {
        let page = pages.next_page().await.transpose()?;
        let rows = page.map(|rows| rows.iter().map(csv_row).collect::<Vec<_>>());
        Some((rows.map_err(ApiError::from), pages))
    });
    csv_attachment::attachment("requests.csv", &CSV_HEADER, Box::pin(pages)).await
}
