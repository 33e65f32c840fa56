//! What every handler can reach: settings, the domain services and the health probes.

use basma_domain::model::Locale;
use basma_domain::ports::HealthProbe;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The HTTP adapter's own settings (the app crate fills them from the environment).
#[derive(Debug, Clone)]
pub struct HttpSettings {
    pub default_locale: Locale,
    /// Origins allowed by CORS; empty means no cross-origin access.
    pub cors_origins: Vec<String>,
    /// Bearer token protecting `/metrics`; `None` leaves it open.
    pub metrics_token: Option<String>,
    /// How long a readiness probe may take before the dependency counts as down.
    pub probe_timeout: Duration,
    /// Worker threads (`None`: one per core).
    pub workers: Option<usize>,
    /// How long shutdown waits for in-flight requests.
    pub shutdown_timeout: Duration,
}

impl Default for HttpSettings {
    fn default() -> Self {
        Self {
            default_locale: Locale::Ar,
            cors_origins: Vec::new(),
            metrics_token: None,
            probe_timeout: Duration::from_millis(1500),
            workers: None,
            shutdown_timeout: Duration::from_secs(10),
        }
    }
}

pub struct AppState {
    pub settings: HttpSettings,
    pub probes: Vec<Arc<dyn HealthProbe>>,
    pub started_at: Instant,
    pub version: &'static str,
}
