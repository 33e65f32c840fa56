//! One command connection to Redis behind a circuit breaker, shared by the readiness probe,
//! the rate limiter and the bus's PUBLISH.
//!
//! Redis is a helper, never a reason to make a request wait: after any failed command the
//! breaker opens, callers get an error at once (the rate limiter's caller falls back to the
//! per-instance limits, publishing is skipped and clients recover through `resume`), and a
//! background probe PINGs Redis until it answers, then closes the breaker. The same probe
//! makes the first connection when the server starts while Redis is unreachable.

use crate::conn::{self, COMMAND_TIMEOUT, CONNECT_TIMEOUT};
use basma_domain::ports::BusError;
use redis::Client;
use redis::aio::ConnectionManager;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock, Weak};
use std::time::Duration;

/// How long the breaker stays open before the probe asks Redis again, and between tries.
pub const COOL_DOWN: Duration = Duration::from_secs(1);

/// A Redis command connection with a circuit breaker; cheap to share (`Arc`).
pub struct RedisLink {
    client: Client,
    /// Made once (at connect or by the probe); it reconnects by itself afterwards.
    conn: OnceLock<ConnectionManager>,
    /// Closed breaker: commands go to Redis.
    available: AtomicBool,
    /// A probe task is running.
    probing: AtomicBool,
}

impl RedisLink {
    /// Parses `url` and tries to connect for at most [`CONNECT_TIMEOUT`]; when that fails the
    /// link starts open (Redis unavailable) and the probe keeps trying in the background.
    ///
    /// # Errors
    /// `BusError` for an invalid URL only.
    pub async fn open(url: &str) -> Result<Arc<Self>, BusError> {
        let link = Arc::new(Self::new(conn::client(url)?));
        match tokio::time::timeout(CONNECT_TIMEOUT, conn::manager(&link.client)).await {
            Ok(Ok(manager)) => {
                let _ = link.conn.set(manager);
                link.available.store(true, Ordering::SeqCst);
            }
            Ok(Err(e)) => link.trip(&e),
            Err(_) => link.trip(&BusError("redis connect: timed out".into())),
        }
        Ok(link)
    }

    /// Connects now and fails when Redis cannot be reached.
    ///
    /// # Errors
    /// `BusError` for an invalid URL or an unreachable server.
    pub async fn connect(url: &str) -> Result<Arc<Self>, BusError> {
        let link = Self::new(conn::client(url)?);
        let manager = conn::manager(&link.client).await?;
        let _ = link.conn.set(manager);
        link.available.store(true, Ordering::SeqCst);
        Ok(Arc::new(link))
    }

    fn new(client: Client) -> Self {
        Self {
            client,
            conn: OnceLock::new(),
            available: AtomicBool::new(false),
            probing: AtomicBool::new(false),
        }
    }

    /// Whether the breaker is closed (the last command, or the probe's PING, succeeded).
    pub fn is_available(&self) -> bool {
        self.available.load(Ordering::SeqCst)
    }

    pub(crate) fn client(&self) -> &Client {
        &self.client
    }

    /// The connection, or an error without touching the network while the breaker is open.
    pub(crate) fn connection(&self) -> Result<ConnectionManager, BusError> {
        match self.conn.get() {
            Some(conn) if self.is_available() => Ok(conn.clone()),
            _ => Err(BusError("redis unavailable (circuit open)".into())),
        }
    }

    /// Runs `command` on the connection; a failure opens the breaker.
    pub(crate) async fn run<T, F, Fut>(
        self: &Arc<Self>,
        limit: Duration,
        what: &str,
        command: F,
    ) -> Result<T, BusError>
    where
        F: FnOnce(ConnectionManager) -> Fut,
        Fut: Future<Output = redis::RedisResult<T>>,
    {
        let conn = self.connection()?;
        let result = conn::within(limit, what, command(conn)).await;
        if let Err(e) = &result {
            self.trip(e);
        }
        result
    }

    /// Opens the breaker and starts the probe, unless one is running already.
    pub(crate) fn trip(self: &Arc<Self>, cause: &BusError) {
        self.available.store(false, Ordering::SeqCst);
        if !self.probing.swap(true, Ordering::SeqCst) {
            tracing::warn!(error = %cause, "redis unavailable: per-instance rate limits apply, events are not shared until it answers again");
            tokio::spawn(probe(Arc::downgrade(self)));
        }
    }

    /// One probe try: connect if never connected, then PING.
    async fn heal(&self) -> Result<(), BusError> {
        let conn = match self.conn.get() {
            Some(conn) => conn.clone(),
            None => {
                let made = conn::manager(&self.client).await?;
                self.conn.get_or_init(|| made).clone()
            }
        };
        let mut conn = conn;
        let cmd = redis::cmd("PING");
        conn::within(
            COMMAND_TIMEOUT,
            "ping",
            cmd.query_async::<String>(&mut conn),
        )
        .await
        .map(drop)
    }
}

/// Tries Redis every [`COOL_DOWN`] until it answers (closing the breaker) or the link is
/// dropped.
async fn probe(link: Weak<RedisLink>) {
    loop {
        tokio::time::sleep(COOL_DOWN).await;
        let Some(strong) = link.upgrade() else { return };
        match strong.heal().await {
            Ok(()) => {
                strong.probing.store(false, Ordering::SeqCst);
                strong.available.store(true, Ordering::SeqCst);
                tracing::info!("redis answers: shared rate limits and events resume");
                return;
            }
            Err(e) => tracing::debug!(error = %e, "redis probe failed"),
        }
    }
}

impl std::fmt::Debug for RedisLink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RedisLink")
            .field("available", &self.is_available())
            .finish_non_exhaustive()
    }
}
