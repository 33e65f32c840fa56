//! Wiring: connects the database, runs migrations, makes sure a SUPER_ADMIN exists, builds
//! the adapters and the HTTP server. Tests call [`Application::build_with_listener`] with a
//! listener on port 0 and talk to the real server over TCP.

use crate::adapters::hasher::BcryptHasher;
use crate::adapters::tokens::{JwtAccessTokens, RandomSecrets};
use crate::settings::Settings;
use actix_web::dev::{Server, ServerHandle};
use basma_domain::ports::{Clock, HealthProbe, Mailer, SystemClock};
use basma_domain::services::accounts::{AuthConfig, AuthPorts, AuthService};
use basma_domain::services::bootstrap::{self, FirstAdmin};
use basma_domain::services::users::UserAdminService;
use basma_http::activity::Activity;
use basma_http::{AppState, HttpSettings, PoolSnapshot};
use basma_mail::{LogMailer, SmtpMailer};
use basma_persistence::{
    DbHealth, PoolOptions, SqlAuditLog, SqlSessionStore, SqlTokenStore, SqlUserRepository, Store,
};
use rand::Rng;
use std::net::TcpListener;
use std::sync::Arc;
use std::time::{Duration, Instant};

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("cannot listen: {0}")]
    Listen(#[from] std::io::Error),
    #[error("database: {0}")]
    Database(String),
    #[error("first admin: {0}")]
    Admin(String),
    #[error("{0}")]
    Config(String),
}

/// A built, not yet running, server.
pub struct Application {
    port: u16,
    server: Server,
    store: Store,
}

impl Application {
    /// Binds `BASMA_LISTEN` and builds everything.
    ///
    /// # Errors
    /// When the address is taken, the database cannot be reached or migrated, or the first
    /// admin cannot be created.
    pub async fn build(settings: Settings) -> Result<Self, StartError> {
        let listener = TcpListener::bind(settings.listen)?;
        Self::build_with_listener(settings, listener).await
    }

    /// Builds everything on an already-bound listener.
    ///
    /// # Errors
    /// As [`Application::build`].
    pub async fn build_with_listener(
        settings: Settings,
        listener: TcpListener,
    ) -> Result<Self, StartError> {
        let port = listener.local_addr()?.port();
        let store = open_store(&settings).await?;
        let db = store.connection().clone();
        let hasher = Arc::new(BcryptHasher::new(
            settings.bcrypt_cost,
            settings.password_pepper.expose(),
        ));
        let users = Arc::new(SqlUserRepository::new(db.clone()));
        ensure_first_admin(&settings, users.as_ref(), hasher.as_ref()).await?;

        let clock = Arc::new(SystemClock);
        let audit = Arc::new(SqlAuditLog::new(db.clone()));
        let auth = Arc::new(AuthService::new(
            AuthPorts {
                users: users.clone(),
                sessions: Arc::new(SqlSessionStore::new(db.clone())),
                one_time: Arc::new(SqlTokenStore::new(db.clone())),
                audit: audit.clone(),
                hasher: hasher.clone(),
                access: Arc::new(JwtAccessTokens::new(&jwt_secret(&settings))),
                secrets: Arc::new(RandomSecrets),
                mailer: mailer(&settings)?,
                clock: clock.clone(),
            },
            auth_config(&settings),
        ));
        let user_admin = Arc::new(UserAdminService::new(
            users.clone(),
            hasher,
            audit,
            clock,
            auth.clone(),
        ));
        let probes: Vec<Arc<dyn HealthProbe>> = vec![Arc::new(DbHealth::new(db))];
        let state = AppState {
            settings: http_settings(&settings),
            probes,
            started_at: Instant::now(),
            version: env!("CARGO_PKG_VERSION"),
            auth,
            users: user_admin,
            activity: Arc::new(Activity::default()),
            pool: pool_snapshot(&store, settings.db_max_connections),
        };
        let server = basma_http::build_server(listener, state)?;
        tracing::info!(port, "basma is listening");
        Ok(Self {
            port,
            server,
            store,
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// Stops the server from outside (tests, signals are handled by actix itself).
    pub fn handle(&self) -> ServerHandle {
        self.server.handle()
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Serves until SIGINT/SIGTERM or [`ServerHandle::stop`]; in-flight requests finish first.
    ///
    /// # Errors
    /// I/O errors of the server.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }
}

/// Connects (creating a missing MySQL database) and migrates.
///
/// # Errors
/// `Database` with the cause.
pub async fn open_store(settings: &Settings) -> Result<Store, StartError> {
    let options = PoolOptions {
        max_connections: settings.db_max_connections,
        acquire_timeout: settings.db_timeout,
        connect_timeout: settings.db_timeout,
    };
    let store = Store::connect(settings.database_url.expose(), options)
        .await
        .map_err(|e| StartError::Database(e.to_string()))?;
    store
        .migrate()
        .await
        .map_err(|e| StartError::Database(e.to_string()))?;
    Ok(store)
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
        rate_limit_per_minute: settings.rate_limit_per_minute,
        auth_rate_limit_per_minute: settings.auth_rate_limit_per_minute,
    }
}

/// Creates the first SUPER_ADMIN from `BASMA_ADMIN_EMAIL` / `BASMA_ADMIN_PASSWORD`, or with a
/// generated password printed once on the terminal (never into the log).
async fn ensure_first_admin(
    settings: &Settings,
    users: &SqlUserRepository,
    hasher: &BcryptHasher,
) -> Result<(), StartError> {
    let email = settings
        .admin_email
        .clone()
        .unwrap_or_else(|| "admin@basma.local".to_owned());
    let (password, generated) = match &settings.admin_password {
        Some(p) => (p.expose().to_owned(), false),
        None => (generate_password(), true),
    };
    let outcome =
        bootstrap::ensure_first_admin(users, hasher, &email, &password, SystemClock.now())
            .await
            .map_err(|e| StartError::Admin(e.to_string()))?;
    if let FirstAdmin::Created(user) = outcome {
        tracing::info!(user_id = %user.id, "created the first SUPER_ADMIN");
        if generated {
            eprintln!(
                "\n  Basma created the first SUPER_ADMIN: {email}\n  password (shown only now): {password}\n"
            );
        }
    }
    Ok(())
}

/// 20 random letters and digits, always with at least one of each.
pub fn generate_password() -> String {
    const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut rng = rand::rng();
    let body: String = (0..18)
        .map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char)
        .collect();
    format!("{body}a{}", rng.random_range(2..10))
}
