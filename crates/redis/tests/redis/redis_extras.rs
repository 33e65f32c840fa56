//! The Redis readiness probe and the shared rate limiter.

use crate::support::{redis_url, unique};
use basma_domain::ports::HealthProbe;
use basma_redis::{RateDecision, RedisHealth, RedisRateLimiter};

#[tokio::test]
#[cfg_attr(not(redis_suite), ignore = "needs BASMA_TEST_REDIS_URL (Redis)")]
async fn the_redis_probe_is_named_redis_and_answers_a_ping() {
    let url = redis_url();
    let probe = RedisHealth::connect(&url).await.unwrap();
    assert_eq!(probe.name(), "redis");
    probe.ping().await.unwrap();
}

#[tokio::test]
#[cfg_attr(not(redis_suite), ignore = "needs BASMA_TEST_REDIS_URL (Redis)")]
async fn the_rate_limiter_allows_the_limit_then_refuses_with_a_retry_after() {
    let url = redis_url();
    let limiter = RedisRateLimiter::connect(&url).await.unwrap();
    let key = unique("test");
    for call in 1..=5 {
        assert_eq!(
            limiter.check(&key, 5).await.unwrap(),
            RateDecision::Allowed,
            "call {call} of 5"
        );
    }
    match limiter.check(&key, 5).await.unwrap() {
        RateDecision::Limited {
            retry_after_seconds,
        } => {
            assert!(
                (1..=12).contains(&retry_after_seconds),
                "{retry_after_seconds}"
            );
        }
        RateDecision::Allowed => panic!("the sixth call within a minute was allowed"),
    }
}

#[tokio::test]
#[cfg_attr(not(redis_suite), ignore = "needs BASMA_TEST_REDIS_URL (Redis)")]
async fn two_limiters_share_one_count_and_keys_are_independent() {
    let url = redis_url();
    let (a, b) = (
        RedisRateLimiter::connect(&url).await.unwrap(),
        RedisRateLimiter::connect(&url).await.unwrap(),
    );
    let (key, other) = (unique("test"), unique("test"));
    assert_eq!(a.check(&key, 2).await.unwrap(), RateDecision::Allowed);
    assert_eq!(b.check(&key, 2).await.unwrap(), RateDecision::Allowed);
    assert!(matches!(
        a.check(&key, 2).await.unwrap(),
        RateDecision::Limited { .. }
    ));
    assert!(matches!(
        b.check(&key, 2).await.unwrap(),
        RateDecision::Limited { .. }
    ));
    assert_eq!(a.check(&other, 2).await.unwrap(), RateDecision::Allowed);
}

#[tokio::test]
#[cfg_attr(not(redis_suite), ignore = "needs BASMA_TEST_REDIS_URL (Redis)")]
async fn a_limit_of_zero_refuses_every_call() {
    let url = redis_url();
    let limiter = RedisRateLimiter::connect(&url).await.unwrap();
    assert!(matches!(
        limiter.check(&unique("test"), 0).await.unwrap(),
        RateDecision::Limited {
            retry_after_seconds: 60
        }
    ));
}

#[tokio::test]
async fn a_link_to_an_unreachable_redis_opens_at_once_and_fails_fast() {
    use basma_redis::RedisLink;
    use std::time::{Duration, Instant};
    let link = RedisLink::open("redis://127.0.0.1:1").await.unwrap();
    assert!(!link.is_available());
    let limiter = RedisRateLimiter::on(link.clone());
    let probe = RedisHealth::on(link.clone());
    let started = Instant::now();
    for _ in 0..100 {
        assert!(limiter.check("test:unreachable", 5).await.is_err());
    }
    assert!(probe.ping().await.is_err());
    assert!(
        started.elapsed() < Duration::from_millis(100),
        "took {:?}",
        started.elapsed()
    );
    assert!(RedisLink::open("http://not-redis").await.is_err());
}
