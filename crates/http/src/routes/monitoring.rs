//! Health, liveness, readiness and the Prometheus scrape endpoint.

use crate::envelope;
use crate::error::{ApiError, ErrorCode};
use crate::extract::auth::Auth;
use crate::i18n::Msg;
use crate::state::AppState;
use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};
use basma_domain::model::Role;
use serde_json::{Map, Value, json};

/// `GET /health`: the process answers. No internals.
pub async fn health() -> HttpResponse {
    HttpResponse::Ok().json(json!({"status": "ok"}))
}

/// `GET /api/v1/monitoring/live`: 200 while the process serves.
pub async fn live() -> HttpResponse {
    envelope::ok(json!({"status": "live"}))
}

/// `GET /api/v1/monitoring/ready`: 200 when every dependency answers within the probe
/// timeout, 503 otherwise. Probes run concurrently so one slow dependency costs one timeout.
pub async fn ready(state: web::Data<AppState>) -> HttpResponse {
    let timeout = state.settings.probe_timeout;
    let results = futures_util::future::join_all(state.probes.iter().map(|probe| async move {
        let outcome = tokio::time::timeout(timeout, probe.ping()).await;
        let up = matches!(outcome, Ok(Ok(())));
        if !up {
            tracing::warn!(dependency = probe.name(), "readiness probe failed");
        }
        (probe.name(), up)
    }))
    .await;
    let all_up = results.iter().all(|(_, up)| *up);
    let checks: Map<String, Value> = results
        .into_iter()
        .map(|(name, up)| (name.to_owned(), json!(if up { "up" } else { "down" })))
        .collect();
    let (status, word, msg) = if all_up {
        (StatusCode::OK, "ready", Msg::Ready)
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "not_ready", Msg::NotReady)
    };
    envelope::with_status(status, msg, json!({"status": word, "checks": checks}))
}

/// `GET /metrics`: Prometheus text, behind `BASMA_METRICS_TOKEN` when it is set.
pub async fn metrics(
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    if let Some(expected) = &state.settings.metrics_token {
        let presented = req
            .headers()
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "));
        if !presented.is_some_and(|p| constant_time_eq(p.as_bytes(), expected.as_bytes())) {
            return Err(ApiError::new(ErrorCode::Unauthenticated));
        }
    }
    refresh_gauges(&state);
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
fn refresh_gauges(state: &AppState) {
    metrics::gauge!("websocket_connections").increment(0.0);
    metrics::counter!("websocket_events_sent_total").increment(0);
    for result in ["success", "failure"] {
        metrics::counter!("auth_logins_total", "result" => result).increment(0);
    }
    let active = state.activity.active_users();
    metrics::gauge!("active_users", "window" => "5m").set(active.five_minutes as f64);
    metrics::gauge!("active_users", "window" => "24h").set(active.day as f64);
    let pool = (state.pool)();
    metrics::gauge!("db_pool_connections", "state" => "idle").set(f64::from(pool.idle));
    metrics::gauge!("db_pool_connections", "state" => "in_use")
        .set(f64::from(pool.size.saturating_sub(pool.idle)));
    metrics::gauge!("db_pool_connections", "state" => "max").set(f64::from(pool.max));
}

/// `GET /api/v1/monitoring/stats` (SUPER_ADMIN): version, uptime, pool, sockets, active users.
pub async fn stats(state: web::Data<AppState>, auth: Auth) -> Result<HttpResponse, ApiError> {
    if auth.0.role != Role::SuperAdmin {
        return Err(ApiError::forbidden());
    }
    let pool = (state.pool)();
    let active = state.activity.active_users();
    Ok(envelope::ok(json!({
        "version": state.version,
        "uptimeSeconds": state.started_at.elapsed().as_secs(),
        "pool": {"size": pool.size, "idle": pool.idle, "inUse": pool.size.saturating_sub(pool.idle), "max": pool.max},
        "websocketConnections": state.activity.open_sockets(),
        "activeUsers": {"5m": active.five_minutes, "24h": active.day},
    })))
}

/// Compares secrets without leaking where they differ through timing.
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
