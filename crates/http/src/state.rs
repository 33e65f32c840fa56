//! How the handlers reach what they use.
//!
//! [`AppState::new`] takes the domain [`Services`] and what the app crate decides
//! ([`Platform`]: settings, probes, the shared limiter, the event stream, shutdown, the pool)
//! and builds the adapter's own parts: the socket registry, the frame cache, the activity
//! tracker and the mail queue. [`AppState::register`] then hands each piece to actix on its
//! own (`app_data`), so a module extracts only the narrow piece it uses and never names this
//! one: a handler takes its service (`web::Data<RequestService>`), the auth extractor
//! `web::Data<AuthService>` and `web::Data<Activity>`, the middleware
//! `web::Data<HttpSettings>`, `/ws` one [`Realtime`] bundle, monitoring one [`Monitor`].
//! Dependencies point one way, from here to the modules. Business metrics are not a handler's
//! business: the app crate's `BusinessMetrics` observes the request service's committed
//! changes.

use crate::activity::Activity;
use crate::mail_queue::{self, MailQueue};
use crate::rate_limit::SharedLimiter;
use crate::routes::monitoring::{Monitor, PoolSnapshot};
use crate::settings::HttpSettings;
use crate::ws::Realtime;
use crate::ws::registry::SocketRegistry;
use actix_web::web::{Data, ServiceConfig};
use basma_domain::ports::{BusEvent, HealthProbe};
use basma_domain::services::accounts::AuthService;
use basma_domain::services::audit::AuditService;
use basma_domain::services::catalog::CatalogService;
use basma_domain::services::realtime::RealtimeService;
use basma_domain::services::reports::ReportService;
use basma_domain::services::requests::RequestService;
use basma_domain::services::users::UserAdminService;
use std::sync::Arc;
use std::time::Instant;
use tokio::sync::{broadcast, watch};

/// The domain's use cases, one service per area.
pub struct Services {
    pub auth: Arc<AuthService>,
    pub users: Arc<UserAdminService>,
    pub catalog: Arc<CatalogService>,
    pub requests: Arc<RequestService>,
    pub reports: Arc<ReportService>,
    pub audit: Arc<AuditService>,
    pub realtime: Arc<RealtimeService>,
}

/// What the app crate wires beyond the services.
pub struct Platform {
    pub settings: HttpSettings,
    pub version: &'static str,
    pub probes: Vec<Arc<dyn HealthProbe>>,
    /// Database pool size and idle connections, read at scrape time.
    pub pool: Arc<dyn Fn() -> PoolSnapshot + Send + Sync>,
    /// Rate-limit counters shared across instances (Redis), when configured.
    pub shared_limiter: Option<Arc<dyn SharedLimiter>>,
    /// A new receiver of every event published on any instance.
    pub subscribe: Arc<dyn Fn() -> broadcast::Receiver<Arc<BusEvent>> + Send + Sync>,
    /// Turns `true` when the server shuts down; sockets then close with 1001.
    pub shutdown: watch::Receiver<bool>,
}

pub struct AppState {
    pub settings: HttpSettings,
    pub services: Services,
    /// Reset and verification-resend mails, sent off the request path.
    pub mail_queue: MailQueue,
    pub shared_limiter: Option<Arc<dyn SharedLimiter>>,
    pub sockets: Arc<SocketRegistry>,
    pub activity: Arc<Activity>,
    pub realtime: Arc<Realtime>,
    pub monitor: Arc<Monitor>,
}

impl AppState {
    /// Builds the adapter's own parts around `services`. Starts the mail worker, so it must
    /// run inside a Tokio runtime.
    pub fn new(services: Services, platform: Platform) -> Self {
        let sockets = Arc::new(SocketRegistry::default());
        let activity = Arc::new(Activity::default());
        let realtime = Realtime {
            auth: services.auth.clone(),
            realtime: services.realtime.clone(),
            sockets: sockets.clone(),
            frames: Arc::default(),
            activity: activity.clone(),
            subscribe: platform.subscribe,
            shutdown: platform.shutdown,
            settings: platform.settings.ws.clone(),
        };
        let monitor = Monitor {
            probes: platform.probes,
            pool: platform.pool,
            activity: activity.clone(),
            started_at: Instant::now(),
            version: platform.version,
        };
        Self {
            settings: platform.settings,
            mail_queue: MailQueue::start(services.auth.clone(), mail_queue::CAPACITY),
            services,
            shared_limiter: platform.shared_limiter,
            sockets,
            activity,
            realtime: Arc::new(realtime),
            monitor: Arc::new(monitor),
        }
    }

    /// Hands every piece to actix on its own, for the extractors that name it.
    pub fn register(&self, cfg: &mut ServiceConfig) {
        let services = &self.services;
        cfg.app_data(Data::new(self.settings.clone()))
            .app_data(Data::from(services.auth.clone()))
            .app_data(Data::from(services.users.clone()))
            .app_data(Data::from(services.catalog.clone()))
            .app_data(Data::from(services.requests.clone()))
            .app_data(Data::from(services.reports.clone()))
            .app_data(Data::from(services.audit.clone()))
            .app_data(Data::new(self.mail_queue.clone()))
            .app_data(Data::from(self.sockets.clone()))
            .app_data(Data::from(self.activity.clone()))
            .app_data(Data::from(self.realtime.clone()))
            .app_data(Data::from(self.monitor.clone()));
        if let Some(limiter) = &self.shared_limiter {
            cfg.app_data(Data::from(limiter.clone()));
        }
    }
}
