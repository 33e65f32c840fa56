//! The `/api/v1/audit` operations in the document; the handlers are in `crate::routes::audit`.

// Description-only functions: utoipa reads their attributes; nothing calls them.
#![allow(dead_code)]

/// See [`crate::routes::audit::list`].
#[utoipa::path(
    get, path = "/api/v1/audit", tag = "audit", operation_id = "listAudit",
    summary = "The audit log, newest first (SUPER_ADMIN)",
    description = "Security events and administrative changes (users, properties, buildings, categories, request edits) with the old and new values of every changed field, the actor and the client address. Read only: no route edits or deletes an entry; entries older than `BASMA_AUDIT_RETENTION` (365 days by default) are purged. Other roles get 403. A bad filter value answers 400 naming it. `to` is exclusive.",
    responses(
        (status = 200, description = "Success.", body = crate::docs::Page<crate::docs::audit::AuditEntry>),
        (status = 400, response = crate::docs::responses::BadRequest),
        (status = 403, response = crate::docs::responses::Forbidden),
    ),
    params(crate::docs::audit::AuditListQuery),
    security(("bearer" = [])),
)]
pub fn list() {}

/// See [`crate::routes::audit::csv`].
#[utoipa::path(
    get, path = "/api/v1/audit.csv", tag = "audit", operation_id = "exportAuditCsv",
    summary = "The audit log as CSV, streamed (SUPER_ADMIN)",
    description = "Same filters as `GET /audit` (no paging: every matching entry, newest first). Columns: id, at, action, actorId, targetType, targetId, ip, detail, field, old, new — one row per changed field (one row with empty field, old and new for an entry without changes); a list of ids is separated by spaces. A text cell that a spreadsheet would read as a formula (starting with `=`, `+`, `-`, `@`, tab or carriage return) is prefixed with `'`. A failure mid-way aborts the transfer, so a cut-short file is never mistaken for a complete one.",
    params(crate::docs::audit::AuditExportQuery),
    responses(
        (status = 200, description = "A CSV file with a header row.", content_type = "text/csv", body = String,
            headers(("Content-Disposition" = String, description = "`attachment; filename=\"audit.csv\"`"))),
        (status = 400, response = crate::docs::responses::BadRequest),
        (status = 403, response = crate::docs::responses::Forbidden),
    ),
    security(("bearer" = [])),
)]
pub fn csv() {}
