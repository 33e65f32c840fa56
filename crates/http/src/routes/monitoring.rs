//! Health, liveness, readiness and the Prometheus scrape endpoint.

use crate::envelope;
use crate::error::{ApiError, ErrorCode};
use crate::i18n::Msg;
use crate::state::AppState;
use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};
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
    let body = crate::metrics::handle()
        .map(|h| h.render())
        .unwrap_or_default();
    Ok(HttpResponse::Ok()
        .content_type("text/plain; version=0.0.4; charset=utf-8")
        .body(body))
}

/// Compares secrets without leaking where they differ through timing.
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
