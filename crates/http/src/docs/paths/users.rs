//! The `/api/v1/users` operations in the document; the handlers are in `crate::routes::users`.

// Description-only functions: utoipa reads their attributes; nothing calls them.
#![allow(dead_code)]

/// See [`crate::routes::users::list`].
#[utoipa::path(
    get, path = "/api/v1/users", tag = "users", operation_id = "listUsers",
    summary = "Lists users (SUPER_ADMIN; MAINTENANCE_ADMIN sees technicians only)",
    responses(
        (status = 200, description = "Success.", body = crate::docs::Page<crate::dto::users::UserDto>),
        (status = 400, response = crate::docs::responses::BadRequest),
        (status = 403, response = crate::docs::responses::Forbidden),
    ),
    params(crate::routes::users::ListQuery),
    security(("bearer" = [])),
)]
pub fn list() {}

/// See [`crate::routes::users::create`].
#[utoipa::path(
    post, path = "/api/v1/users", tag = "users", operation_id = "createUser",
    summary = "Creates a user of any role, already verified (SUPER_ADMIN)",
    request_body = crate::routes::users::CreateBody,
    responses(
        (status = 201, description = "Created; `Location` points at it.", body = crate::docs::Envelope<crate::dto::users::UserDto>),
        (status = 403, response = crate::docs::responses::Forbidden),
        (status = 409, response = crate::docs::responses::Conflict),
    ),
    security(("bearer" = [])),
)]
pub fn create() {}

/// See [`crate::routes::users::get`].
#[utoipa::path(
    get, path = "/api/v1/users/{id}", tag = "users", operation_id = "getUser",
    summary = "One user",
    responses(
        (status = 200, description = "Success.", body = crate::docs::Envelope<crate::dto::users::UserDto>),
        (status = 403, response = crate::docs::responses::Forbidden),
        (status = 404, response = crate::docs::responses::NotFound),
    ),
    params(crate::docs::IdPath),
    security(("bearer" = [])),
)]
pub fn get() {}

/// See [`crate::routes::users::update`].
#[utoipa::path(
    patch, path = "/api/v1/users/{id}", tag = "users", operation_id = "updateUser",
    summary = "Changes a user's profile, role, active flag or assignments (SUPER_ADMIN)",
    description = "The last active SUPER_ADMIN cannot be demoted or deactivated (409). Deactivation revokes the user's sessions and closes their sockets.",
    request_body = crate::routes::users::UpdateBody,
    responses(
        (status = 200, description = "Success.", body = crate::docs::Envelope<crate::dto::users::UserDto>),
        (status = 403, response = crate::docs::responses::Forbidden),
        (status = 404, response = crate::docs::responses::NotFound),
        (status = 409, response = crate::docs::responses::Conflict),
    ),
    params(crate::docs::IdPath),
    security(("bearer" = [])),
)]
pub fn update() {}

/// See [`crate::routes::users::deactivate`].
#[utoipa::path(
    delete, path = "/api/v1/users/{id}", tag = "users", operation_id = "deactivateUser",
    summary = "Deactivates a user (never a hard delete)",
    responses(
        (status = 200, description = "Success.", body = crate::docs::Envelope<crate::dto::users::UserDto>),
        (status = 403, response = crate::docs::responses::Forbidden),
        (status = 404, response = crate::docs::responses::NotFound),
        (status = 409, response = crate::docs::responses::Conflict),
    ),
    params(crate::docs::IdPath),
    security(("bearer" = [])),
)]
pub fn deactivate() {}
