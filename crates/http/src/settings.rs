//! The HTTP adapter's own settings (the app crate fills them from the environment). Handlers
//! and middleware that need one read `web::Data<HttpSettings>`.

use basma_domain::model::Locale;
use std::time::Duration;

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
    /// WebSocket limits and timings.
    pub ws: crate::ws::WsSettings,
    /// Per-IP requests a minute on every route, and on the auth routes.
    pub rate_limit_per_minute: u32,
    pub auth_rate_limit_per_minute: u32,
    /// Peers whose `Forwarded` / `X-Forwarded-For` headers name the client.
    pub trusted_proxies: crate::client_ip::TrustedProxies,
    /// How long a request may take to produce its response head before it is answered 503.
    pub request_timeout: Duration,
    /// Send `Strict-Transport-Security` (production).
    pub hsts: bool,
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
            ws: crate::ws::WsSettings::default(),
            rate_limit_per_minute: 600,
            auth_rate_limit_per_minute: 20,
            trusted_proxies: crate::client_ip::TrustedProxies::default(),
            request_timeout: Duration::from_secs(5),
            hsts: false,
        }
    }
}
