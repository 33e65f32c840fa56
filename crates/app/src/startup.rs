//! Wiring: connects the database, runs migrations, makes sure a SUPER_ADMIN exists, builds
//! the adapters and the HTTP server. Tests call [`Application::build_with_listener`] with a
//! listener on port 0 and talk to the real server over TCP.

use crate::settings::Settings;
use actix_web::dev::{Server, ServerHandle};
use basma_credentials::BcryptHasher;
use basma_domain::ports::{Clock, SystemClock};
use basma_domain::services::bootstrap::{self, FirstAdmin};
use basma_persistence::{PoolOptions, SqlUserRepository, Store};
use rand::Rng;
use std::net::TcpListener;
use std::sync::Arc;
use tokio::sync::watch;

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
    stopper: Stopper,
}

/// Stops the server: WebSockets close with 1001 first, then in-flight requests drain.
#[derive(Clone)]
pub struct Stopper {
    shutdown: Arc<watch::Sender<bool>>,
    handle: ServerHandle,
}

impl Stopper {
    pub async fn stop(&self) {
        let _ = self.shutdown.send(true);
        self.handle.stop(true).await;
    }
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
        let hasher = Arc::new(BcryptHasher::new(
            settings.bcrypt_cost,
            settings.password_pepper.expose(),
        ));
        let users = SqlUserRepository::new(store.connection().clone());
        ensure_first_admin(&settings, &users, hasher.as_ref()).await?;
        let (shutdown, shutdown_rx) = watch::channel(false);
        let state = crate::wiring::app_state(&settings, &store, hasher, shutdown_rx).await?;
        let server = basma_http::build_server(listener, state)?;
        let stopper = Stopper {
            shutdown: Arc::new(shutdown),
            handle: server.handle(),
        };
        tracing::info!(port, "basma is listening");
        Ok(Self {
            port,
            server,
            store,
            stopper,
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// Stops the server from outside (tests); `run_until_stopped` does it on SIGINT/SIGTERM.
    pub fn stopper(&self) -> Stopper {
        self.stopper.clone()
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Serves until SIGINT/SIGTERM or [`Stopper::stop`]; sockets close with 1001 and
    /// in-flight requests finish first.
    ///
    /// # Errors
    /// I/O errors of the server.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let stopper = self.stopper.clone();
        tokio::spawn(async move {
            wait_for_signal().await;
            tracing::info!("shutting down");
            stopper.stop().await;
        });
        self.server.await
    }
}

async fn wait_for_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
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
        // The database stops a statement about when the request deadline answers 503.
        statement_timeout: Some(settings.network.request_timeout),
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
