//! What every handler can reach: settings, the domain services and the health probes.

use basma_domain::model::Locale;
use basma_domain::ports::HealthProbe;
use basma_domain::services::accounts::AuthService;
use basma_domain::services::users::UserAdminService;
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
    /// Per-IP requests a minute on every route, and on the auth routes.
    pub rate_limit_per_minute: u32,
    pub auth_rate_limit_per_minute: u32,
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
            rate_limit_per_minute: 600,
            auth_rate_limit_per_minute: 20,
        }
    }
}

pub struct AppState {
    pub settings: HttpSettings,
    pub probes: Vec<Arc<dyn HealthProbe>>,
    pub started_at: Instant,
    pub version: &'static str,
    pub auth: Arc<AuthService>,
    pub users: Arc<UserAdminService>,
    pub activity: Arc<crate::activity::Activity>,
    /// Database pool size and idle connections, read at scrape time.
    pub pool: Arc<dyn Fn() -> PoolSnapshot + Send + Sync>,
}

/// Connections of the database pool right now.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PoolSnapshot {
    pub size: u32,
    pub idle: u32,
    pub max: u32,
}
