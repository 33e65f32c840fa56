//! The `/api/v1/requests` operations in the document; the handlers are in
//! `crate::routes::requests`.

// Description-only functions: utoipa reads their attributes; nothing calls them.
#![allow(dead_code)]

/// See [`crate::routes::requests::create`].
#[utoipa::path(
    post, path = "/api/v1/requests", tag = "requests", operation_id = "createRequest",
    summary = "Reports a problem (any role); `draft: true` keeps it a DRAFT",
    request_body = crate::routes::requests::CreateBody,
    responses(
        (status = 201, description = "Created; `Location` points at it.", body = crate::docs::Envelope<crate::docs::shapes::MaintenanceRequest>),
        (status = 403, response = crate::docs::responses::Forbidden),
        (status = 404, response = crate::docs::responses::NotFound),
    ),
    security(("bearer" = [])),
)]
pub fn create() {}

/// See [`crate::routes::requests::list`].
#[utoipa::path(
    get, path = "/api/v1/requests", tag = "requests", operation_id = "listRequests",
    summary = "The requests the caller may see, filtered, sorted and paged",
    description = "The role's visibility rule always applies on top of the filters: customers see their own requests, technicians theirs and the available ones, BASMA_ADMINs those of the properties they manage, the other admins all.",
    responses(
        (status = 200, description = "Success.", body = crate::docs::Page<crate::docs::shapes::MaintenanceRequest>),
        (status = 400, response = crate::docs::responses::BadRequest),
    ),
    params(crate::docs::RequestListQuery),
    security(("bearer" = [])),
)]
pub fn list() {}

/// See [`crate::routes::requests::get`].
#[utoipa::path(
    get, path = "/api/v1/requests/{id}", tag = "requests", operation_id = "getRequest",
    summary = "A request with its people, place, category, the caller's next actions and the visible timeline",
    responses(
        (status = 200, description = "Success.", body = crate::docs::Envelope<crate::docs::shapes::RequestDetail>),
        (status = 404, response = crate::docs::responses::NotFound),
    ),
    params(crate::docs::IdPath),
    security(("bearer" = [])),
)]
pub fn get() {}

/// See [`crate::routes::requests::edit`].
#[utoipa::path(
    patch, path = "/api/v1/requests/{id}", tag = "requests", operation_id = "editRequest",
    summary = "Edits title, description, category, priority or location",
    request_body = crate::routes::requests::EditBody,
    responses(
        (status = 200, description = "Success.", body = crate::docs::Envelope<crate::docs::shapes::MaintenanceRequest>),
        (status = 403, response = crate::docs::responses::Forbidden),
        (status = 404, response = crate::docs::responses::NotFound),
        (status = 409, response = crate::docs::responses::Conflict),
    ),
    params(crate::docs::IdPath),
    security(("bearer" = [])),
)]
pub fn edit() {}

/// See [`crate::routes::requests::delete`].
#[utoipa::path(
    delete, path = "/api/v1/requests/{id}", tag = "requests", operation_id = "deleteDraft",
    summary = "Deletes a DRAFT (its requester only)",
    responses(
        (status = 200, description = "Success.", body = crate::docs::Envelope<crate::docs::shapes::Deleted>),
        (status = 400, response = crate::docs::responses::BadRequest),
        (status = 403, response = crate::docs::responses::Forbidden),
        (status = 404, response = crate::docs::responses::NotFound),
        (status = 409, response = crate::docs::responses::Conflict),
    ),
    params(crate::docs::IdPath, crate::routes::requests::VersionQuery),
    security(("bearer" = [])),
)]
pub fn delete() {}

/// See [`crate::routes::requests::change_status`].
#[utoipa::path(
    patch, path = "/api/v1/requests/{id}/status", tag = "requests", operation_id = "changeStatus",
    summary = "The one transition endpoint",
    description = "Moves the request to `status` (SUBMITTED, IN_PROGRESS, COMPLETED, CLOSED, REJECTED, CANCELLED). An illegal move is 409 `INVALID_TRANSITION` with the allowed next statuses in `details[0].allowed`; a stale `version` is 409 `VERSION_CONFLICT`, checked before the move itself (a stale write never hears `INVALID_TRANSITION` or `FORBIDDEN`).",
    request_body = crate::routes::requests::StatusBody,
    responses(
        (status = 200, description = "Success.", body = crate::docs::Envelope<crate::docs::shapes::MaintenanceRequest>),
        (status = 403, response = crate::docs::responses::Forbidden),
        (status = 404, response = crate::docs::responses::NotFound),
        (status = 409, response = crate::docs::responses::Conflict),
    ),
    params(crate::docs::IdPath),
    security(("bearer" = [])),
)]
pub fn change_status() {}

/// See [`crate::routes::requests::assign`].
#[utoipa::path(
    post, path = "/api/v1/requests/{id}/assign", tag = "requests", operation_id = "assignRequest",
    summary = "Assigns or reassigns to an active technician (SUPER/MAINTENANCE_ADMIN)",
    request_body = crate::routes::requests::AssignBody,
    responses(
        (status = 200, description = "Success.", body = crate::docs::Envelope<crate::docs::shapes::MaintenanceRequest>),
        (status = 403, response = crate::docs::responses::Forbidden),
        (status = 404, response = crate::docs::responses::NotFound),
        (status = 409, response = crate::docs::responses::Conflict),
    ),
    params(crate::docs::IdPath),
    security(("bearer" = [])),
)]
pub fn assign() {}

/// See [`crate::routes::requests::self_assign`].
#[utoipa::path(
    post, path = "/api/v1/requests/{id}/self-assign", tag = "requests", operation_id = "selfAssignRequest",
    summary = "A technician takes an available request; exactly one concurrent taker wins",
    description = "A technician who read the request while it was available and lost the race gets 409 `CONFLICT`. A request the technician cannot see (e.g. already held by another technician) is 404 `NOT_FOUND`, exactly as for an id that does not exist.",
    responses(
        (status = 200, description = "Success.", body = crate::docs::Envelope<crate::docs::shapes::MaintenanceRequest>),
        (status = 403, response = crate::docs::responses::Forbidden),
        (status = 404, response = crate::docs::responses::NotFound),
        (status = 409, response = crate::docs::responses::Conflict),
    ),
    params(crate::docs::IdPath),
    security(("bearer" = [])),
)]
pub fn self_assign() {}

/// See [`crate::routes::requests::unassign`].
#[utoipa::path(
    post, path = "/api/v1/requests/{id}/unassign", tag = "requests", operation_id = "unassignRequest",
    summary = "Back to SUBMITTED (an admin, or the assigned technician releasing it)",
    request_body = Option<crate::routes::requests::NoteBody>,
    responses(
        (status = 200, description = "Success.", body = crate::docs::Envelope<crate::docs::shapes::MaintenanceRequest>),
        (status = 403, response = crate::docs::responses::Forbidden),
        (status = 404, response = crate::docs::responses::NotFound),
        (status = 409, response = crate::docs::responses::Conflict),
    ),
    params(crate::docs::IdPath),
    security(("bearer" = [])),
)]
pub fn unassign() {}

/// See [`crate::routes::requests::comments`].
#[utoipa::path(
    get, path = "/api/v1/requests/{id}/comments", tag = "requests", operation_id = "listComments",
    summary = "The comments the caller may see (internal ones are staff-only)",
    responses(
        (status = 200, description = "Success.", body = crate::docs::Envelope<Vec<crate::docs::shapes::Comment>>),
        (status = 404, response = crate::docs::responses::NotFound),
    ),
    params(crate::docs::IdPath),
    security(("bearer" = [])),
)]
pub fn comments() {}

/// See [`crate::routes::requests::add_comment`].
#[utoipa::path(
    post, path = "/api/v1/requests/{id}/comments", tag = "requests", operation_id = "addComment",
    summary = "Comments on a request; `internal` comments are staff-only",
    request_body = crate::routes::requests::CommentBody,
    responses(
        (status = 201, description = "Created; `Location` points at it.", body = crate::docs::Envelope<crate::docs::shapes::Comment>),
        (status = 403, response = crate::docs::responses::Forbidden),
        (status = 404, response = crate::docs::responses::NotFound),
        (status = 409, response = crate::docs::responses::Conflict),
    ),
    params(crate::docs::IdPath),
    security(("bearer" = [])),
)]
pub fn add_comment() {}

/// See [`crate::routes::requests::rate`].
#[utoipa::path(
    post, path = "/api/v1/requests/{id}/rating", tag = "requests", operation_id = "rateRequest",
    summary = "The requester rates a COMPLETED or CLOSED request, once",
    request_body = crate::routes::requests::RatingBody,
    responses(
        (status = 200, description = "Success.", body = crate::docs::Envelope<crate::docs::shapes::MaintenanceRequest>),
        (status = 403, response = crate::docs::responses::Forbidden),
        (status = 404, response = crate::docs::responses::NotFound),
        (status = 409, response = crate::docs::responses::Conflict),
    ),
    params(crate::docs::IdPath),
    security(("bearer" = [])),
)]
pub fn rate() {}

/// See [`crate::routes::requests::events`].
#[utoipa::path(
    get, path = "/api/v1/requests/{id}/events", tag = "requests", operation_id = "listEvents",
    summary = "The timeline the caller may see",
    responses(
        (status = 200, description = "Success.", body = crate::docs::Envelope<Vec<crate::docs::shapes::RequestEvent>>),
        (status = 404, response = crate::docs::responses::NotFound),
    ),
    params(crate::docs::IdPath),
    security(("bearer" = [])),
)]
pub fn events() {}
