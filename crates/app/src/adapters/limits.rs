//! The HTTP layer's shared rate-limit counters, kept in Redis by `basma-redis`.

use basma_http::rate_limit::SharedLimiter;
use basma_redis::{RateDecision, RedisRateLimiter};

pub struct RedisLimits(pub RedisRateLimiter);

#[async_trait::async_trait]
impl SharedLimiter for RedisLimits {
    async fn check(&self, key: &str, per_minute: u32) -> Result<Option<u64>, String> {
        match self.0.check(key, per_minute).await {
            Ok(RateDecision::Allowed) => Ok(None),
            Ok(RateDecision::Limited {
                retry_after_seconds,
            }) => Ok(Some(retry_after_seconds)),
            Err(e) => Err(e.to_string()),
        }
    }
}
