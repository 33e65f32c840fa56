//! The readiness probe for Redis, shown as `"redis"` by `GET /health/ready` when Redis is
//! configured.

use crate::conn;
use async_trait::async_trait;
use basma_domain::ports::{BusError, HealthProbe, RepoError};
use redis::aio::ConnectionManager;
use std::time::Duration;

/// How long a PING may take before Redis counts as unavailable.
const PING_TIMEOUT: Duration = Duration::from_secs(1);

/// Readiness probe for Redis: one PING with a short timeout.
#[derive(Clone)]
pub struct RedisHealth {
    conn: ConnectionManager,
}

impl RedisHealth {
    /// Connects to `url` (fails when Redis cannot be reached now).
    ///
    /// # Errors
    /// `BusError` for an invalid URL or an unreachable server.
    pub async fn connect(url: &str) -> Result<Self, BusError> {
        let client = conn::client(url)?;
        Ok(Self {
            conn: conn::manager(&client).await?,
        })
    }
}

impl std::fmt::Debug for RedisHealth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RedisHealth").finish_non_exhaustive()
    }
}

#[async_trait]
impl HealthProbe for RedisHealth {
    fn name(&self) -> &'static str {
        "redis"
    }

    async fn ping(&self) -> Result<(), RepoError> {
        let mut conn = self.conn.clone();
        let cmd = redis::cmd("PING");
        let ping = cmd.query_async::<String>(&mut conn);
        conn::within(PING_TIMEOUT, "ping", ping)
            .await
            .map(drop)
            .map_err(|BusError(msg)| RepoError::Unavailable(msg))
    }
}
