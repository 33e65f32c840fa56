//! Prometheus metrics (SPEC §8). The recorder is process-wide by the `metrics` crate's design,
//! so it is installed once and every server in the process shares its handle. The HTTP
//! adapter records its own figures (requests, latency, sockets); the business figures are kept
//! by the app crate's `business_metrics`, an observer of the request service.

use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use std::sync::OnceLock;
use std::time::Duration;

static HANDLE: OnceLock<Option<PrometheusHandle>> = OnceLock::new();

const LATENCY_BUCKETS: [f64; 14] = [
    0.001, 0.0025, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0, 30.0,
];
const RESOLUTION_BUCKETS: [f64; 10] = [
    900.0,
    3600.0,
    4.0 * 3600.0,
    8.0 * 3600.0,
    86400.0,
    2.0 * 86400.0,
    3.0 * 86400.0,
    7.0 * 86400.0,
    14.0 * 86400.0,
    30.0 * 86400.0,
];

/// The shared Prometheus handle, installing the recorder on first use. `None` only if another
/// recorder was installed by someone else first.
pub fn handle() -> Option<PrometheusHandle> {
    HANDLE
        .get_or_init(|| {
            PrometheusBuilder::new()
                .set_buckets_for_metric(
                    Matcher::Full("http_request_duration_seconds".into()),
                    &LATENCY_BUCKETS,
                )
                .and_then(|b| {
                    b.set_buckets_for_metric(
                        Matcher::Full("maintenance_request_resolution_seconds".into()),
                        &RESOLUTION_BUCKETS,
                    )
                })
                .and_then(|b| b.install_recorder())
                .map_err(|e| tracing::warn!(error = %e, "metrics recorder not installed"))
                .ok()
        })
        .clone()
}

/// Counts a served request and observes its latency under its matched route pattern.
pub fn observe_http(method: &str, route: &str, status: u16, latency: Duration) {
    metrics::counter!(
        "http_requests_total",
        "method" => method.to_owned(),
        "route" => route.to_owned(),
        "status" => status.to_string()
    )
    .increment(1);
    metrics::histogram!(
        "http_request_duration_seconds",
        "method" => method.to_owned(),
        "route" => route.to_owned()
    )
    .record(latency.as_secs_f64());
}
