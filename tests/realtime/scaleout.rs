//! Two instances on one database and one Redis: events cross instances exactly once, and
//! without Redis the instances keep serving HTTP and report not ready.

use super::scene::{QUIET, Scene, WAIT, socket};
use basma_e2e::harness::{Backend, TestApp, json};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// A Redis server of this test's own, so stopping it disturbs nobody else.
pub(super) struct OwnRedis {
    child: Child,
    pub(super) url: String,
}

impl OwnRedis {
    pub(super) async fn start() -> Option<Self> {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .ok()?
            .local_addr()
            .ok()?
            .port();
        let child = Command::new("redis-server")
            .args([
                "--port",
                &port.to_string(),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ])
            .stdout(Stdio::null())
            .spawn()
            .ok()?;
        for _ in 0..50 {
            if tokio::net::TcpStream::connect(("127.0.0.1", port))
                .await
                .is_ok()
            {
                return Some(Self {
                    child,
                    url: format!("redis://127.0.0.1:{port}"),
                });
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        None
    }

    /// `host:port`, for a proxy in front of it.
    pub(super) fn addr(&self) -> String {
        self.url.trim_start_matches("redis://").to_owned()
    }

    pub(super) fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for OwnRedis {
    fn drop(&mut self) {
        self.stop();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[cfg_attr(not(redis_suite), ignore = "needs BASMA_TEST_REDIS_URL (Redis)")]
async fn an_event_made_on_instance_a_reaches_a_socket_on_instance_b_exactly_once() {
    let Some(mut redis) = OwnRedis::start().await else {
        panic!("redis-server could not be started");
    };
    let url = redis.url.clone();
    let a = TestApp::spawn_with(Backend::Sqlite, |vars| {
        vars.insert("REDIS_URL".into(), url.clone());
    })
    .await;
    let b = a.sibling(|_| {}).await;
    let scene = Scene::new(&a).await;
    let mut on_b = socket(&b, &scene.admin).await;
    let request = scene.request(&a, &scene.admin, false).await;
    let events = on_b.request_events(QUIET * 2).await;
    let created: Vec<_> = events
        .iter()
        .filter(|e| e["type"] == "request.created")
        .collect();
    assert_eq!(created.len(), 1, "{events:?}");
    assert_eq!(created[0]["data"]["requestId"], request["id"]);
    let (_, ready) = json(b.get("/api/v1/monitoring/ready").await).await;
    assert_eq!(ready["data"]["checks"]["redis"], "up");

    redis.stop();
    for app in [&a, &b] {
        assert_eq!(app.get("/health").await.status(), 200);
        let (status, body) = json(app.get("/api/v1/monitoring/ready").await).await;
        assert_eq!(status, 503, "{body}");
        assert_eq!(body["data"]["checks"]["redis"], "down");
        assert_eq!(body["data"]["checks"]["database"], "up");
    }
    // Writes still work without Redis; the event is in the timeline for resume.
    scene.request(&a, &scene.admin, false).await;
    let _ = WAIT;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[cfg_attr(not(redis_suite), ignore = "needs BASMA_TEST_REDIS_URL (Redis)")]
async fn with_redis_the_auth_rate_limit_is_shared_by_the_instances() {
    let redis = OwnRedis::start().await.expect("redis-server");
    let url = redis.url.clone();
    let a = TestApp::spawn_with(Backend::Sqlite, |vars| {
        vars.insert("REDIS_URL".into(), url.clone());
        vars.insert("BASMA_AUTH_RATE_LIMIT_PER_MINUTE".into(), "4".into());
    })
    .await;
    let b = a.sibling(|_| {}).await;
    let body = serde_json::json!({"email": "nobody@basma.test"});
    for app in [&a, &b, &a, &b] {
        assert_eq!(
            app.post_json("/api/v1/auth/forgot-password", &body)
                .await
                .status(),
            200
        );
    }
    let response = b.post_json("/api/v1/auth/forgot-password", &body).await;
    assert!(response.headers().contains_key("retry-after"));
    let (status, body) = json(response).await;
    assert_eq!((status, body["code"].as_str()), (429, Some("RATE_LIMITED")));
    drop(redis);
}
