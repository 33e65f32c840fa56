//! The `/api/v1/reports` operations in the document; the handlers are in
//! `crate::routes::reports`.

// Description-only functions: utoipa reads their attributes; nothing calls them.
#![allow(dead_code)]

/// See [`crate::routes::reports::summary`].
#[utoipa::path(
    get, path = "/api/v1/reports/summary", tag = "reports", operation_id = "reportSummary",
    summary = "Counts, backlog, overdue, assignment and resolution times, technicians and ratings",
    description = "SUPER/MAINTENANCE_ADMIN see everything, BASMA_ADMIN their properties; other roles get 403. Submitted work only: drafts are never counted (the `DRAFT` entry of `byStatus` is always 0). `to` is exclusive. Identical summaries (same scope and filters) asked for within `BASMA_REPORT_CACHE` (5 s by default) share one computation, so figures may be that old.",
    responses(
        (status = 200, description = "Success.", body = crate::docs::Envelope<crate::docs::results::Summary>),
        (status = 400, response = crate::docs::responses::BadRequest),
        (status = 403, response = crate::docs::responses::Forbidden),
    ),
    params(crate::docs::SummaryQuery),
    security(("bearer" = [])),
)]
pub fn summary() {}

/// See [`crate::routes::reports::requests_csv`].
#[utoipa::path(
    get, path = "/api/v1/reports/requests.csv", tag = "reports", operation_id = "exportRequestsCsv",
    summary = "The requests the caller may see as CSV, streamed",
    description = "Same filters and sort as `GET /requests` (no paging: every matching row). Columns: id, reference, title, status, priority, categoryId, propertyId, buildingId, location, requesterId, assigneeId, createdAt, submittedAt, completedAt, dueAt, rating. Spreadsheet-safe (OWASP CSV injection): a free-text cell (title, location) that begins with `=`, `+`, `-`, `@`, a tab or a carriage return is prefixed with `'`, so a spreadsheet shows it as text instead of evaluating it. If the database fails before the first row, the answer is the usual error (503/500); if it fails later, the chunked transfer is aborted without its terminating chunk, so a cut-short file never looks complete.",
    params(crate::docs::ExportQuery),
    responses(
        (status = 200, description = "A CSV file with a header row.", content_type = "text/csv", body = String,
            headers(("Content-Disposition" = String, description = "`attachment; filename=\"requests.csv\"`"))),
        (status = 400, response = crate::docs::responses::BadRequest),
        (status = 403, response = crate::docs::responses::Forbidden),
    ),
    security(("bearer" = [])),
)]
pub fn requests_csv() {}
