//! Wiring: adapters → ports → domain services → the HTTP state. The only place that knows
//! which adapter serves which port.

use crate::adapters::limits::RedisLimits;
use crate::business_metrics::{BusinessMetrics, OpenRequests};
use crate::settings::Settings;
use crate::startup::StartError;
use basma_credentials::{BcryptHasher, JwtAccessTokens, RandomSecrets};
use basma_domain::ports::{AuditLog, EventBus, HealthProbe, Mailer, SystemClock};
use basma_domain::services::accounts::{AuthConfig, AuthPorts, AuthService};
use basma_domain::services::audit::AuditService;
use basma_domain::services::catalog::{CatalogService, CatalogStores};
use basma_domain::services::realtime::RealtimeService;
use basma_domain::services::reports::ReportService;
use basma_domain::services::requests::{RequestPorts, RequestService};
use basma_domain::services::users::{UserAdminPorts, UserAdminService};
use basma_http::audited::WithClientIp;
use basma_http::rate_limit::SharedLimiter;
use basma_http::{AppState, HttpSettings, Platform, PoolSnapshot, Services};
use basma_mail::{LogMailer, SmtpMailer};
use basma_persistence::{
    DbHealth, SqlAuditLog, SqlCatalog, SqlRequestRepository, SqlSessionStore, SqlTokenStore,
    SqlUserRepository, Store,
};
use basma_redis::{
    DEFAULT_CHANNEL, EventHub, LocalBus, RedisBus, RedisHealth, RedisLink, RedisRateLimiter,
};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::watch;

/// How often the open-requests gauge is re-read from the store (other instances move it too).
const OPEN_GAUGE_RESYNC: Duration = Duration::from_secs(60);

/// Builds every service over `store` and returns the HTTP state.
///
/// # Errors
/// Bad mail or Redis configuration.
pub async fn app_state(
    settings: &Settings,
    store: &Store,
    hasher: Arc<BcryptHasher>,
    shutdown: watch::Receiver<bool>,
) -> Result<AppState, StartError> {
    let db = store.connection().clone();
    let clock = Arc::new(SystemClock);
    let users = Arc::new(SqlUserRepository::new(db.clone()));
    let audit: Arc<dyn AuditLog> = Arc::new(WithClientIp(Arc::new(SqlAuditLog::new(db.clone()))));
    let catalog_repo = Arc::new(SqlCatalog::new(db.clone()));
    let request_repo = Arc::new(SqlRequestRepository::with_report_cache(
        db.clone(),
        settings.report_cache,
    ));
    let reports = Arc::new(ReportService::new(
        request_repo.clone(),
        request_repo.clone(),
        clock.clone(),
    ));
    let auth = Arc::new(AuthService::new(
        AuthPorts {
            users: users.clone(),
            credentials: users.clone(),
            sessions: Arc::new(SqlSessionStore::new(db.clone())),
            one_time: Arc::new(SqlTokenStore::new(db.clone())),
            audit: audit.clone(),
            hasher: hasher.clone(),
            access: Arc::new(JwtAccessTokens::new(&jwt_secret(settings))),
            secrets: Arc::new(RandomSecrets),
            mailer: mailer(settings)?,
            clock: clock.clone(),
        },
        auth_config(settings),
    ));
    let hub = Arc::new(EventHub::new(4096));
    let mut probes: Vec<Arc<dyn HealthProbe>> = vec![Arc::new(DbHealth::new(db))];
    let mut shared_limiter: Option<Arc<dyn SharedLimiter>> = None;
    let bus: Arc<dyn EventBus> = match &settings.redis_url {
        // Only a bad URL stops the start: an unreachable Redis makes the instance not ready
        // until the link's background probe reaches it.
        Some(url) => {
            let link = RedisLink::open(url.expose())
                .await
                .map_err(|e| StartError::Config(format!("REDIS_URL: {e}")))?;
            probes.push(Arc::new(RedisHealth::on(link.clone())));
            shared_limiter = Some(Arc::new(RedisLimits(RedisRateLimiter::on(link.clone()))));
            Arc::new(RedisBus::on(link, DEFAULT_CHANNEL, hub.clone()).await)
        }
        None => Arc::new(LocalBus::new(hub.clone())),
    };
    let open_requests = Arc::new(OpenRequests::default());
    let catalog = Arc::new(CatalogService::new(
        CatalogStores::of(catalog_repo.clone()),
        audit.clone(),
        clock.clone(),
    ));
    keep_open_gauge_in_sync(reports.clone(), open_requests.clone());
    let audit_service = Arc::new(AuditService::new(audit.clone(), clock.clone()));
    crate::retention::keep_audit_trimmed(audit_service.clone(), settings.audit_retention);
    let services = Services {
        users: Arc::new(UserAdminService::new(
            UserAdminPorts {
                users: users.clone(),
                directory: users.clone(),
                hasher,
                audit: audit.clone(),
                clock: clock.clone(),
            },
            auth.clone(),
        )),
        auth,
        catalog: catalog.clone(),
        requests: Arc::new(
            RequestService::new(
                RequestPorts {
                    requests: request_repo.clone(),
                    lists: request_repo.clone(),
                    catalog: catalog_repo,
                    users,
                    bus,
                    audit,
                    clock: clock.clone(),
                },
                settings.due_times,
            )
            .observed_by(Arc::new(BusinessMetrics::new(
                catalog,
                open_requests.clone(),
            ))),
        ),
        reports,
        audit: audit_service,
        realtime: Arc::new(RealtimeService::new(request_repo)),
    };
    let platform = Platform {
        settings: http_settings(settings),
        version: env!("CARGO_PKG_VERSION"),
        probes,
        pool: pool_snapshot(store, settings.db_max_connections),
        shared_limiter,
        subscribe: Arc::new(move || hub.subscribe()),
        shutdown,
    };
    Ok(AppState::new(services, platform))
}

/// Loads the open-requests gauges now and re-reads them every minute.
fn keep_open_gauge_in_sync(reports: Arc<ReportService>, gauge: Arc<OpenRequests>) {
    tokio::spawn(async move {
        let mut every = tokio::time::interval(OPEN_GAUGE_RESYNC);
        loop {
            every.tick().await;
            match reports.count_by_status().await {
                Ok(counts) => gauge.reset(&counts),
                Err(e) => tracing::warn!(error = %e, "open-requests gauge not refreshed"),
            }
            match reports.count_overdue().await {
                Ok(counts) => gauge.reset_overdue(&counts),
                Err(e) => tracing::warn!(error = %e, "overdue-requests gauge not refreshed"),
            }
        }
    });
}

fn pool_snapshot(store: &Store, max: u32) -> Arc<dyn Fn() -> PoolSnapshot + Send + Sync> {
    let store = store.clone();
    Arc::new(move || {
        let state = store.pool_state();
        PoolSnapshot {
            size: state.size,
            idle: state.idle,
            max,
        }
    })
}

fn jwt_secret(settings: &Settings) -> Vec<u8> {
    match &settings.jwt_secret {
        Some(secret) => secret.expose().as_bytes().to_vec(),
        None => {
            tracing::warn!(
                "BASMA_JWT_SECRET is not set: using a random secret, tokens die with this process"
            );
            let mut bytes = vec![0u8; 32];
            rand::RngCore::fill_bytes(&mut rand::rng(), &mut bytes);
            bytes
        }
    }
}

fn mailer(settings: &Settings) -> Result<Arc<dyn Mailer>, StartError> {
    match &settings.smtp_url {
        Some(url) => SmtpMailer::from_url(url.expose(), &settings.mail_from)
            .map(|m| Arc::new(m) as Arc<dyn Mailer>)
            .map_err(|e| {
                StartError::Config(format!("invalid configuration: {}: {e}", e.variable()))
            }),
        None => {
            tracing::warn!("SMTP_URL is not set: mails are logged, not sent");
            Ok(Arc::new(LogMailer))
        }
    }
}

fn auth_config(settings: &Settings) -> AuthConfig {
    let chrono = |d: Duration| chrono::Duration::from_std(d).unwrap_or(chrono::Duration::MAX);
    AuthConfig {
        access_ttl: chrono(settings.access_ttl),
        refresh_ttl: chrono(settings.refresh_ttl),
        reset_ttl: chrono(settings.reset_ttl),
        frontend_url: settings.frontend_url.clone(),
        principal_cache: chrono(settings.auth_cache),
        ..AuthConfig::default()
    }
}

fn http_settings(settings: &Settings) -> HttpSettings {
    HttpSettings {
        default_locale: settings.default_locale,
        cors_origins: settings.cors_origins.clone(),
        metrics_token: settings
            .metrics_token
            .as_ref()
            .map(|t| t.expose().to_owned()),
        probe_timeout: Duration::from_millis(1500),
        workers: settings.workers,
        shutdown_timeout: Duration::from_secs(10),
        ws: settings.ws.clone(),
        rate_limit_per_minute: settings.rate_limit_per_minute,
        auth_rate_limit_per_minute: settings.auth_rate_limit_per_minute,
        trusted_proxies: settings.network.trusted_proxies.clone(),
        request_timeout: settings.network.request_timeout,
        hsts: settings.environment == crate::settings::Environment::Production,
    }
}
