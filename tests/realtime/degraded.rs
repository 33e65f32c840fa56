//! Redis away (issue 11, item 5): a frozen Redis costs requests no latency (the circuit
//! breaker sends them to the per-instance limits), and a server started while Redis is
//! unreachable serves HTTP, reports not ready, and joins the other instances once Redis is back.

use super::scaleout::OwnRedis;
use super::scene::{QUIET, Scene, socket};
use basma_e2e::harness::proxy::OutageProxy;
use basma_e2e::harness::{Backend, TestApp, json};
use reqwest::Method;
use std::time::{Duration, Instant};

/// Median latency of `n` sequential authenticated `GET /api/v1/requests`.
async fn median_list_latency(app: &TestApp, token: &str, n: usize) -> Duration {
    let mut took = Vec::with_capacity(n);
    for _ in 0..n {
        let started = Instant::now();
        let (status, body) = app
            .authed(Method::GET, "/api/v1/requests", token, None)
            .await;
        took.push(started.elapsed());
        assert_eq!(status, 200, "{body}");
    }
    took.sort();
    took[n / 2]
}

async fn ready(app: &TestApp) -> (u16, serde_json::Value) {
    json(app.get("/api/v1/monitoring/ready").await).await
}

async fn wait_ready(app: &TestApp, within: Duration) {
    let started = Instant::now();
    loop {
        let (status, body) = ready(app).await;
        if status == 200 {
            return;
        }
        assert!(
            started.elapsed() < within,
            "not ready after {within:?}: {body}"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[cfg_attr(not(redis_suite), ignore = "needs BASMA_TEST_REDIS_URL (Redis)")]
async fn with_redis_frozen_requests_cost_no_more_than_a_small_factor_of_normal() {
    let redis = OwnRedis::start().await.expect("redis-server");
    let proxy = OutageProxy::start(redis.addr()).await;
    let url = format!("redis://{}", proxy.addr);
    let app = TestApp::spawn_with(Backend::Sqlite, |vars| {
        vars.insert("REDIS_URL".into(), url);
    })
    .await;
    let token = app.admin_token().await;
    let normal = median_list_latency(&app, &token, 15).await;

    proxy.stall();
    let started = Instant::now();
    let first = app
        .authed(Method::GET, "/api/v1/requests", &token, None)
        .await;
    let first_took = started.elapsed();
    assert_eq!(first.0, 200, "{}", first.1);
    let frozen = median_list_latency(&app, &token, 15).await;
    eprintln!(
        "GET /api/v1/requests median: {normal:?} with Redis up, {frozen:?} with Redis frozen \
         (first request after the freeze: {first_took:?})"
    );
    let bound = (normal * 5).max(Duration::from_millis(100));
    assert!(
        frozen < bound,
        "median {frozen:?} with Redis frozen, bound {bound:?}"
    );
    assert_eq!(ready(&app).await.0, 503);

    proxy.resume();
    wait_ready(&app, Duration::from_secs(10)).await;
    drop(redis);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[cfg_attr(not(redis_suite), ignore = "needs BASMA_TEST_REDIS_URL (Redis)")]
async fn a_server_started_while_redis_is_unreachable_serves_and_joins_once_redis_is_back() {
    let redis = OwnRedis::start().await.expect("redis-server");
    let proxy = OutageProxy::start(redis.addr()).await;
    proxy.cut();
    let url = format!("redis://{}", proxy.addr);
    let a = TestApp::spawn_with(Backend::Sqlite, |vars| {
        vars.insert("REDIS_URL".into(), url);
    })
    .await;
    let b = a.sibling(|_| {}).await;
    for app in [&a, &b] {
        assert_eq!(app.get("/health").await.status(), 200);
        let (status, body) = ready(app).await;
        assert_eq!(status, 503, "{body}");
        assert_eq!(body["data"]["checks"]["redis"], "down");
        assert_eq!(body["data"]["checks"]["database"], "up");
    }
    let scene = Scene::new(&a).await;

    proxy.restore();
    for app in [&a, &b] {
        wait_ready(app, Duration::from_secs(15)).await;
    }
    let mut on_b = socket(&b, &scene.admin).await;
    // The subscription comes back on its own backoff: keep making events until one crosses.
    let started = Instant::now();
    loop {
        let request = scene.request(&a, &scene.admin, false).await;
        let events = on_b.request_events(QUIET).await;
        if events
            .iter()
            .any(|e| e["type"] == "request.created" && e["data"]["requestId"] == request["id"])
        {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "no event crossed from A to B within 20 s of Redis coming back"
        );
    }
    drop(redis);
}
