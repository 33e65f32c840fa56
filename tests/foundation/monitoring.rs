//! Health, liveness and readiness, including a database outage and recovery.

use basma_e2e::db_test;
use basma_e2e::harness::{Backend, TestApp, json, mysql_addr, proxy::OutageProxy};
use std::time::{Duration, Instant};

db_test!(
    health_answers_ok_without_internals,
    |app: TestApp| async move {
        let (status, body) = json(app.get("/health").await).await;
        assert_eq!(status, 200);
        assert_eq!(body, serde_json::json!({"status": "ok"}));
    }
);

db_test!(
    live_and_ready_answer_200_when_the_database_is_up,
    |app: TestApp| async move {
        let (status, _) = json(app.get("/api/v1/monitoring/live").await).await;
        assert_eq!(status, 200);
        let (status, body) = json(app.get("/api/v1/monitoring/ready").await).await;
        assert_eq!(status, 200);
        assert_eq!(body["data"]["status"], "ready");
        assert_eq!(body["data"]["checks"]["database"], "up");
    }
);

async fn ready_status(app: &TestApp) -> u16 {
    app.get("/api/v1/monitoring/ready").await.status().as_u16()
}

async fn wait_for_status(app: &TestApp, wanted: u16, within: Duration) -> Duration {
    let started = Instant::now();
    loop {
        if ready_status(app).await == wanted {
            return started.elapsed();
        }
        assert!(
            started.elapsed() < within,
            "readiness did not become {wanted} within {within:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[cfg_attr(not(mysql_suite), ignore = "needs BASMA_TEST_MYSQL_URL (MariaDB)")]
async fn readiness_flips_to_503_within_2s_of_an_outage_and_back_after_recovery() {
    let target = mysql_addr();
    let proxy = OutageProxy::start(target).await;
    let proxy_addr = proxy.addr.clone();
    let app = TestApp::spawn_with(Backend::Mysql, |vars| {
        let direct = vars["DATABASE_URL"].clone();
        let name = direct.rsplit('/').next().unwrap_or_default().to_owned();
        let base = url::Url::parse(&direct).expect("url");
        let userinfo = if base.username().is_empty() {
            String::new()
        } else {
            format!("{}@", base.username())
        };
        vars.insert(
            "DATABASE_URL".into(),
            format!("mysql://{userinfo}{proxy_addr}/{name}"),
        );
    })
    .await;
    assert_eq!(ready_status(&app).await, 200);

    proxy.cut();
    let took = wait_for_status(&app, 503, Duration::from_secs(2)).await;
    eprintln!("readiness went 503 after {took:?}");
    let (_, body) = json(app.get("/api/v1/monitoring/ready").await).await;
    assert_eq!(body["data"]["checks"]["database"], "down");

    proxy.restore();
    wait_for_status(&app, 200, Duration::from_secs(15)).await;
}
