//! Health, liveness, readiness, metrics and stats in the document; the handlers are in
//! `crate::routes::monitoring`.

// Description-only functions: utoipa reads their attributes; nothing calls them.
#![allow(dead_code)]

/// See [`crate::routes::monitoring::health`].
#[utoipa::path(
    get, path = "/health", tag = "monitoring", operation_id = "health",
    summary = "The process answers (no envelope, no internals)",
    responses((status = 200, description = "Up.", body = crate::docs::results::Health)),
)]
pub fn health() {}

/// See [`crate::routes::monitoring::live`].
#[utoipa::path(
    get, path = "/api/v1/monitoring/live", tag = "monitoring", operation_id = "live",
    summary = "Liveness: 200 while the process serves",
    responses((status = 200, description = "Live.", body = crate::docs::Envelope<crate::docs::results::Live>)),
)]
pub fn live() {}

/// See [`crate::routes::monitoring::ready`].
#[utoipa::path(
    get, path = "/api/v1/monitoring/ready", tag = "monitoring", operation_id = "ready",
    summary = "Readiness: 200 when the database (and Redis, if configured) answer, else 503",
    responses(
        (status = 200, description = "Every dependency answers.", body = crate::docs::Envelope<crate::docs::results::Ready>),
        (status = 503, description = "A dependency is down; `checks` says which (success envelope).", body = crate::docs::Envelope<crate::docs::results::Ready>),
    ),
)]
pub fn ready() {}

/// See [`crate::routes::monitoring::metrics`].
#[utoipa::path(
    get, path = "/metrics", tag = "monitoring", operation_id = "metrics",
    summary = "Prometheus metrics (text exposition format 0.0.4)",
    description = "When `BASMA_METRICS_TOKEN` is set, it must be sent as `Authorization: Bearer <token>`.",
    responses(
        (status = 200, description = "The metrics.", content_type = "text/plain", body = String),
        (status = 401, response = crate::docs::responses::Unauthorized),
    ),
    security((), ("metricsToken" = [])),
)]
pub fn metrics() {}

/// See [`crate::routes::monitoring::stats`].
#[utoipa::path(
    get, path = "/api/v1/monitoring/stats", tag = "monitoring", operation_id = "stats",
    summary = "Version, uptime, pool, WebSocket connections and active users (SUPER_ADMIN)",
    responses(
        (status = 200, description = "Success.", body = crate::docs::Envelope<crate::docs::results::Stats>),
        (status = 403, response = crate::docs::responses::Forbidden),
    ),
    security(("bearer" = [])),
)]
pub fn stats() {}
