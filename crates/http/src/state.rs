//! What every handler can reach: settings, the domain services and the health probes.

use basma_domain::model::Locale;
use basma_domain::ports::{BusEvent, HealthProbe};
use basma_domain::services::accounts::AuthService;
use basma_domain::services::audit::AuditService;
use basma_domain::services::catalog::CatalogService;
use basma_domain::services::realtime::RealtimeService;
use basma_domain::services::reports::ReportService;
use basma_domain::services::requests::RequestService;
use basma_domain::services::users::UserAdminService;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::{broadcast, watch};

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

pub struct AppState {
    pub settings: HttpSettings,
    pub probes: Vec<Arc<dyn HealthProbe>>,
    pub started_at: Instant,
    pub version: &'static str,
    pub auth: Arc<AuthService>,
    /// Reset and verification-resend mails, sent off the request path.
    pub mail_queue: crate::mail_queue::MailQueue,
    pub users: Arc<UserAdminService>,
    pub catalog: Arc<CatalogService>,
    pub requests: Arc<RequestService>,
    pub reports: Arc<ReportService>,
    pub audit: Arc<AuditService>,
    pub open_requests: Arc<crate::metrics::OpenRequests>,
    pub activity: Arc<crate::activity::Activity>,
    /// Rate-limit counters shared across instances (Redis), when configured.
    pub shared_limiter: Option<Arc<dyn crate::rate_limit::SharedLimiter>>,
    pub sockets: Arc<crate::ws::registry::SocketRegistry>,
    /// Event frames serialised once for all sockets.
    pub frames: Arc<crate::ws::frames::FrameCache>,
    pub realtime: Arc<RealtimeService>,
    /// A new receiver of every event published on any instance.
    pub subscribe: Arc<dyn Fn() -> broadcast::Receiver<Arc<BusEvent>> + Send + Sync>,
    /// Turns `true` when the server shuts down; sockets then close with 1001.
    pub shutdown: watch::Receiver<bool>,
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
