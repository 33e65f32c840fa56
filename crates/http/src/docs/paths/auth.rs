//! The `/api/v1/auth` operations in the document; the handlers are in `crate::routes::auth`.

// Description-only functions: utoipa reads their attributes; nothing calls them.
#![allow(dead_code)]

/// See [`crate::routes::auth::register`].
#[utoipa::path(
    post, path = "/api/v1/auth/register", tag = "auth", operation_id = "register",
    summary = "Registers a CUSTOMER and mails a verification link",
    description = "A taken email is `409 CONFLICT`. A `phone` that another account already uses is not an error and is not revealed: the account is created without it, and the answer shows the phone as submitted (normalised) exactly as for a free one. Once signed in, the owner sees what was stored (`GET /auth/me`) and can add a phone there, where a taken one is `409`.",
    request_body = crate::routes::auth::RegisterBody,
    responses(
        (status = 201, description = "Created; `Location` points at it.", body = crate::docs::Envelope<crate::dto::users::UserDto>),
        (status = 409, response = crate::docs::responses::Conflict),
    ),
)]
pub fn register() {}

/// See [`crate::routes::auth::verify_email`].
#[utoipa::path(
    post, path = "/api/v1/auth/verify-email", tag = "auth", operation_id = "verifyEmail",
    summary = "Verifies an email with the mailed token",
    request_body = crate::routes::auth::TokenBody,
    responses(
        (status = 200, description = "Success.", body = crate::docs::Envelope<crate::docs::results::Verified>),
        (status = 401, response = crate::docs::responses::Unauthorized),
    ),
)]
pub fn verify_email() {}

/// See [`crate::routes::auth::resend_verification`].
#[utoipa::path(
    post, path = "/api/v1/auth/resend-verification", tag = "auth", operation_id = "resendVerification",
    summary = "Mails a new verification link (always 200)",
    description = "Answers at once, the same for any address; the link is made and mailed in the background, to an unverified active account only. At most 3 link mails of a kind per address per hour: beyond that nothing is sent, with the same answer.",
    request_body = crate::routes::auth::EmailBody,
    responses(
        (status = 200, description = "Success.", body = crate::docs::Envelope<crate::docs::results::Accepted>),
    ),
)]
pub fn resend_verification() {}

/// See [`crate::routes::auth::login`].
#[utoipa::path(
    post, path = "/api/v1/auth/login", tag = "auth", operation_id = "login",
    summary = "Signs in and returns a token pair",
    request_body = crate::routes::auth::LoginBody,
    responses(
        (status = 200, description = "Success.", body = crate::docs::Envelope<crate::docs::results::TokenPair>),
        (status = 401, response = crate::docs::responses::Unauthorized),
        (status = 403, response = crate::docs::responses::Forbidden),
    ),
)]
pub fn login() {}

/// See [`crate::routes::auth::refresh`].
#[utoipa::path(
    post, path = "/api/v1/auth/refresh", tag = "auth", operation_id = "refresh",
    summary = "Spends a refresh token for a new pair (reuse revokes the family)",
    request_body = crate::routes::auth::RefreshBody,
    responses(
        (status = 200, description = "Success.", body = crate::docs::Envelope<crate::docs::results::TokenPair>),
        (status = 401, response = crate::docs::responses::Unauthorized),
        (status = 403, response = crate::docs::responses::Forbidden),
    ),
)]
pub fn refresh() {}

/// See [`crate::routes::auth::logout`].
#[utoipa::path(
    post, path = "/api/v1/auth/logout", tag = "auth", operation_id = "logout",
    summary = "Revokes the current session",
    description = "With a valid access token: revokes its session, and the session of `refreshToken` if it is the caller's. Without one (absent or expired), the live `refreshToken` in the body alone revokes its own session; an unknown, spent or revoked refresh token is `401 INVALID_TOKEN`, and neither token is `401 UNAUTHENTICATED`.",
    request_body = Option<crate::routes::auth::RefreshBody>,
    responses(
        (status = 200, description = "Success.", body = crate::docs::Envelope<crate::docs::results::LoggedOut>),
        (status = 401, response = crate::docs::responses::Unauthorized),
    ),
    security((), ("bearer" = [])),
)]
pub fn logout() {}

/// See [`crate::routes::auth::logout_all`].
#[utoipa::path(
    post, path = "/api/v1/auth/logout-all", tag = "auth", operation_id = "logoutAll",
    summary = "Revokes every session of the caller",
    responses(
        (status = 200, description = "Success.", body = crate::docs::Envelope<crate::docs::results::SessionsRevoked>),
    ),
    security(("bearer" = [])),
)]
pub fn logout_all() {}

/// See [`crate::routes::auth::sessions`].
#[utoipa::path(
    get, path = "/api/v1/auth/sessions", tag = "auth", operation_id = "listSessions",
    summary = "The caller's active sessions",
    responses(
        (status = 200, description = "Success.", body = crate::docs::Envelope<Vec<crate::dto::users::SessionDto>>),
    ),
    security(("bearer" = [])),
)]
pub fn sessions() {}

/// See [`crate::routes::auth::revoke_session`].
#[utoipa::path(
    delete, path = "/api/v1/auth/sessions/{id}", tag = "auth", operation_id = "revokeSession",
    summary = "Revokes one of the caller's sessions",
    responses(
        (status = 200, description = "Success.", body = crate::docs::Envelope<crate::docs::results::Revoked>),
        (status = 404, response = crate::docs::responses::NotFound),
    ),
    params(crate::docs::IdPath),
    security(("bearer" = [])),
)]
pub fn revoke_session() {}

/// See [`crate::routes::auth::forgot_password`].
#[utoipa::path(
    post, path = "/api/v1/auth/forgot-password", tag = "auth", operation_id = "forgotPassword",
    summary = "Mails a password-reset link (always 200)",
    description = "Answers at once, the same for any address; the link is made and mailed in the background, to an active account only. At most 3 reset mails per address per hour: beyond that nothing is sent, with the same answer. A successful reset spends every other reset link of the account.",
    request_body = crate::routes::auth::EmailBody,
    responses(
        (status = 200, description = "Success.", body = crate::docs::Envelope<crate::docs::results::Accepted>),
    ),
)]
pub fn forgot_password() {}

/// See [`crate::routes::auth::reset_password`].
#[utoipa::path(
    post, path = "/api/v1/auth/reset-password", tag = "auth", operation_id = "resetPassword",
    summary = "Sets a new password with the mailed token; revokes all sessions",
    description = "The password is checked first: a refused one (`400`) leaves the token usable. A successful reset spends every other reset token of the account.",
    request_body = crate::routes::auth::ResetBody,
    responses(
        (status = 200, description = "Success.", body = crate::docs::Envelope<crate::docs::results::PasswordReset>),
        (status = 400, response = crate::docs::responses::BadRequest),
        (status = 401, response = crate::docs::responses::Unauthorized),
    ),
)]
pub fn reset_password() {}

/// See [`crate::routes::auth::change_password`].
#[utoipa::path(
    post, path = "/api/v1/auth/change-password", tag = "auth", operation_id = "changePassword",
    summary = "Changes the caller's password; revokes the other sessions",
    request_body = crate::routes::auth::ChangePasswordBody,
    responses(
        (status = 200, description = "Success.", body = crate::docs::Envelope<crate::docs::results::PasswordChanged>),
        (status = 401, response = crate::docs::responses::Unauthorized),
    ),
    security(("bearer" = [])),
)]
pub fn change_password() {}

/// See [`crate::routes::auth::me`].
#[utoipa::path(
    get, path = "/api/v1/auth/me", tag = "auth", operation_id = "getMe",
    summary = "The caller's profile",
    responses(
        (status = 200, description = "Success.", body = crate::docs::Envelope<crate::dto::users::UserDto>),
    ),
    security(("bearer" = [])),
)]
pub fn me() {}

/// See [`crate::routes::auth::update_me`].
#[utoipa::path(
    patch, path = "/api/v1/auth/me", tag = "auth", operation_id = "updateMe",
    summary = "Changes the caller's name, phone or language",
    request_body = crate::routes::auth::ProfileBody,
    responses(
        (status = 200, description = "Success.", body = crate::docs::Envelope<crate::dto::users::UserDto>),
        (status = 409, response = crate::docs::responses::Conflict),
    ),
    security(("bearer" = [])),
)]
pub fn update_me() {}
