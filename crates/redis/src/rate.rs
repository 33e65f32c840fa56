//! Per-key rate limits shared by every instance through Redis (SPEC §7: with `REDIS_URL`,
//! the per-IP limits count across the whole deployment, not per instance).
//!
//! The algorithm is GCRA, the one `governor` (behind actix-governor) uses in process, so a
//! limit behaves the same with or without Redis: a burst of `limit` calls, then one more every
//! `60 s / limit`. Redis stores one number per key, the "theoretical arrival time", and the
//! whole check-and-update runs in a Lua script: atomic across instances, on Redis's clock.

use crate::RedisLink;
use basma_domain::ports::BusError;
use redis::Script;
use std::sync::Arc;
use std::time::Duration;

/// Prefix of the counter keys, so they are easy to find and never collide with other data.
const KEY_PREFIX: &str = "basma:rate:";

/// The longest a request waits for the limiter.
const CHECK_TIMEOUT: Duration = Duration::from_secs(1);

/// GCRA in microseconds. KEYS[1]: the counter. ARGV[1]: emission interval (µs between two
/// calls at the sustained rate). ARGV[2]: burst. Returns {allowed (0/1), wait µs}. The key
/// expires once the bucket is full again, so idle keys cost nothing.
const GCRA: &str = r"
local now_parts = redis.call('TIME')
local now = tonumber(now_parts[1]) * 1000000 + tonumber(now_parts[2])
local interval = tonumber(ARGV[1])
local tolerance = interval * (tonumber(ARGV[2]) - 1)
local tat = tonumber(redis.call('GET', KEYS[1]) or now)
if tat < now then tat = now end
local allow_at = tat - tolerance
if now < allow_at then
  return {0, allow_at - now}
end
local new_tat = tat + interval
redis.call('SET', KEYS[1], string.format('%.0f', new_tat), 'PX', math.ceil((new_tat - now) / 1000))
return {1, 0}
";

/// The verdict on one call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RateDecision {
    Allowed,
    /// Over the limit; the next call is allowed in `retry_after_seconds` (at least 1), the
    /// value for a `Retry-After` header.
    Limited {
        retry_after_seconds: u64,
    },
}

/// A per-key limiter whose counters live in Redis, shared by every instance.
#[derive(Clone)]
pub struct RedisRateLimiter {
    link: Arc<RedisLink>,
    script: Script,
}

impl RedisRateLimiter {
    /// Connects to `url` (fails when Redis cannot be reached now).
    ///
    /// # Errors
    /// `BusError` for an invalid URL or an unreachable server.
    pub async fn connect(url: &str) -> Result<Self, BusError> {
        Ok(Self::on(RedisLink::connect(url).await?))
    }

    /// The limiter over a shared link.
    pub fn on(link: Arc<RedisLink>) -> Self {
        Self {
            link,
            script: Script::new(GCRA),
        }
    }

    /// Counts one call for `key` (e.g. `"ip:203.0.113.7"` or `"auth:203.0.113.7"`) against
    /// `limit_per_minute`. A limit of 0 refuses every call without asking Redis.
    ///
    /// # Errors
    /// `BusError` when Redis does not answer within a second, or at once while the link's
    /// breaker is open after a failure; the caller chooses whether to fail open (fall back to
    /// its local limiter) or closed.
    pub async fn check(&self, key: &str, limit_per_minute: u32) -> Result<RateDecision, BusError> {
        if limit_per_minute == 0 {
            return Ok(RateDecision::Limited {
                retry_after_seconds: 60,
            });
        }
        let interval_micros = (60_000_000 / u64::from(limit_per_minute)).max(1);
        let mut invocation = self.script.key(format!("{KEY_PREFIX}{key}"));
        invocation.arg(interval_micros).arg(limit_per_minute);
        let (allowed, wait_micros) = self
            .link
            .run(CHECK_TIMEOUT, "rate check", |mut conn| async move {
                invocation.invoke_async::<(i64, i64)>(&mut conn).await
            })
            .await?;
        Ok(decision(allowed, wait_micros))
    }
}

impl std::fmt::Debug for RedisRateLimiter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RedisRateLimiter").finish_non_exhaustive()
    }
}

/// Turns the script's answer into a decision, rounding the wait up to whole seconds.
fn decision(allowed: i64, wait_micros: i64) -> RateDecision {
    if allowed == 1 {
        return RateDecision::Allowed;
    }
    let wait = u64::try_from(wait_micros).unwrap_or(0);
    RateDecision::Limited {
        retry_after_seconds: wait.div_ceil(1_000_000).max(1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_allowed_answer_is_allowed() {
        assert_eq!(decision(1, 0), RateDecision::Allowed);
    }

    #[test]
    fn a_wait_is_rounded_up_to_whole_seconds_and_never_below_one() {
        let limited = |s| RateDecision::Limited {
            retry_after_seconds: s,
        };
        assert_eq!(decision(0, 0), limited(1));
        assert_eq!(decision(0, 1), limited(1));
        assert_eq!(decision(0, 1_000_000), limited(1));
        assert_eq!(decision(0, 1_000_001), limited(2));
        assert_eq!(decision(0, 2_999_999), limited(3));
    }
}
