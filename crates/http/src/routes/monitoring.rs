//! Health, liveness, readiness and the Prometheus scrape endpoint.

use crate::activity::Activity;
use crate::docs::responses::{Forbidden, Unauthorized};
use crate::dto::monitoring::{
    ActiveUsers, Health, Live, Pool, ProbeState, Readiness, Ready, Stats,
};
use crate::envelope::{self, Envelope};
use crate::error::{ApiError, ErrorCode};
use crate::extract::auth::Auth;
use crate::i18n::Msg;
use crate::routes::Reply;
use crate::settings::HttpSettings;
use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};
use basma_domain::policy;
use basma_domain::ports::HealthProbe;
use std::sync::Arc;
use std::time::Instant;

/// What the monitoring endpoints read (built by `AppState::new`).
pub struct Monitor {
    pub probes: Vec<Arc<dyn HealthProbe>>,
    /// Database pool size and idle connections, read at scrape time.
    pub pool: Arc<dyn Fn() -> PoolSnapshot + Send + Sync>,
    pub activity: Arc<Activity>,
    pub started_at: Instant,
    pub version: &'static str,
}

/// Connections of the database pool right now.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PoolSnapshot {
    pub size: u32,
    pub idle: u32,
    pub max: u32,
}

type Settings = web::Data<HttpSettings>;

/// The process answers (no envelope, no internals)
#[utoipa::path(get, path = "/health", tag = "monitoring", operation_id = "health",
    responses((status = 200, description = "Up.", body = Health)))]
pub async fn health() -> HttpResponse {
    HttpResponse::Ok().json(Health { status: "ok" })
}

/// Liveness: 200 while the process serves
#[utoipa::path(get, path = "/api/v1/monitoring/live", tag = "monitoring", operation_id = "live",
    responses((status = 200, description = "Live.", body = Envelope<Live>)))]
pub async fn live() -> HttpResponse {
    envelope::ok(Live { status: "live" })
}

/// Readiness: 200 when the database (and Redis, if configured) answer, else 503
#[utoipa::path(get, path = "/api/v1/monitoring/ready", tag = "monitoring", operation_id = "ready",
    responses((status = 200, description = "Every dependency answers.", body = Envelope<Ready>),
        (status = 503, description = "A dependency is down; `checks` says which (success envelope).", body = Envelope<Ready>)))]
pub async fn ready(monitor: web::Data<Monitor>, settings: Settings) -> HttpResponse {
    // Probes run concurrently, so one slow dependency costs one timeout, not one each.
    let timeout = settings.probe_timeout;
    let results = futures_util::future::join_all(monitor.probes.iter().map(|probe| async move {
        let outcome = tokio::time::timeout(timeout, probe.ping()).await;
        let up = matches!(outcome, Ok(Ok(())));
        if !up {
            tracing::warn!(dependency = probe.name(), "readiness probe failed");
        }
        (probe.name(), up)
    }))
    .await;
    let all_up = results.iter().all(|(_, up)| *up);
    let checks = results
        .into_iter()
        .map(|(name, up)| (name, if up { ProbeState::Up } else { ProbeState::Down }))
        .collect();
    let (status, readiness, msg) = if all_up {
        (StatusCode::OK, Readiness::Ready, Msg::Ready)
    } else {
        (
            StatusCode::SERVICE_UNAVAILABLE,
            Readiness::NotReady,
            Msg::NotReady,
        )
    };
    let ready = Ready {
        status: readiness,
        checks,
    };
    envelope::with_status(status, msg, ready)
}

/// Prometheus metrics (text exposition format 0.0.4)
#[utoipa::path(get, path = "/metrics", tag = "monitoring", operation_id = "metrics",
    description = "When `BASMA_METRICS_TOKEN` is set, it must be sent as `Authorization: Bearer <token>`.",
    responses((status = 200, description = "The metrics.", content_type = "text/plain", body = String), Unauthorized),
    security((), ("metricsToken" = [])))]
pub async fn metrics(req: HttpRequest, monitor: web::Data<Monitor>, settings: Settings) -> Reply {
    if let Some(expected) = &settings.metrics_token {
        let presented = req
            .headers()
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "));
        if !presented.is_some_and(|p| constant_time_eq(p.as_bytes(), expected.as_bytes())) {
            return Err(ApiError::new(ErrorCode::Unauthenticated));
        }
    }
    refresh_gauges(&monitor);
    let body = crate::metrics::handle()
        .map(|h| h.render())
        .unwrap_or_default();
    Ok(HttpResponse::Ok()
        .content_type("text/plain; version=0.0.4; charset=utf-8")
        .body(body))
}

/// Gauges that are cheapest to read at scrape time. Series whose labels are known up front
/// are also touched (by zero) so they exist from the first scrape and `rate()` reads 0, not
/// "no data", before the first socket or login.
fn refresh_gauges(monitor: &Monitor) {
    metrics::gauge!("websocket_connections").increment(0.0);
    metrics::counter!("websocket_events_sent_total").increment(0);
    for result in ["success", "failure"] {
        metrics::counter!("auth_logins_total", "result" => result).increment(0);
    }
    let active = monitor.activity.active_users();
    metrics::gauge!("active_users", "window" => "5m").set(active.five_minutes as f64);
    metrics::gauge!("active_users", "window" => "24h").set(active.day as f64);
    let pool = (monitor.pool)();
    metrics::gauge!("db_pool_connections", "state" => "idle").set(f64::from(pool.idle));
    metrics::gauge!("db_pool_connections", "state" => "in_use")
        .set(f64::from(pool.size.saturating_sub(pool.idle)));
    metrics::gauge!("db_pool_connections", "state" => "max").set(f64::from(pool.max));
}

/// Version, uptime, pool, WebSocket connections and active users (SUPER_ADMIN)
#[utoipa::path(get, path = "/api/v1/monitoring/stats", tag = "monitoring", operation_id = "stats",
    responses((status = 200, description = "Success.", body = Envelope<Stats>), Forbidden))]
pub async fn stats(monitor: web::Data<Monitor>, auth: Auth) -> Reply {
    if !policy::may_read_server_stats(&auth.0.actor()) {
        return Err(ApiError::forbidden());
    }
    let pool = (monitor.pool)();
    let active = monitor.activity.active_users();
    Ok(envelope::ok(Stats {
        version: monitor.version,
        uptime_seconds: monitor.started_at.elapsed().as_secs(),
        pool: Pool {
            size: pool.size,
            idle: pool.idle,
            in_use: pool.size.saturating_sub(pool.idle),
            max: pool.max,
        },
        websocket_connections: monitor.activity.open_sockets(),
        active_users: ActiveUsers {
            five_minutes: active.five_minutes as u64,
            day: active.day as u64,
        },
    }))
}

/// Compares secrets without leaking where they differ through timing.
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
