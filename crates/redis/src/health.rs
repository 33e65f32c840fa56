//! The readiness probe for Redis, shown as `"redis"` by `GET /health/ready` when Redis is
//! configured.

use crate::RedisLink;
use async_trait::async_trait;
use basma_domain::ports::{BusError, HealthProbe, RepoError};
use std::sync::Arc;
use std::time::Duration;

/// How long a PING may take before Redis counts as unavailable.
const PING_TIMEOUT: Duration = Duration::from_secs(1);

/// Readiness probe for Redis: down at once while the link's breaker is open, else one PING
/// with a short timeout (a failed PING opens the breaker).
#[derive(Clone)]
pub struct RedisHealth {
    link: Arc<RedisLink>,
}

impl RedisHealth {
    /// Connects to `url` (fails when Redis cannot be reached now).
    ///
    /// # Errors
    /// `BusError` for an invalid URL or an unreachable server.
    pub async fn connect(url: &str) -> Result<Self, BusError> {
        Ok(Self::on(RedisLink::connect(url).await?))
    }

    /// The probe over a shared link.
    pub fn on(link: Arc<RedisLink>) -> Self {
        Self { link }
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
        self.link
            .run(PING_TIMEOUT, "ping", |mut conn| async move {
                redis::cmd("PING").query_async::<String>(&mut conn).await
            })
            .await
            .map(drop)
            .map_err(|BusError(msg)| RepoError::Unavailable(msg))
    }
}
