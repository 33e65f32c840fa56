//! Sockets, logins and activity: `websocket_connections`, `websocket_events_sent_total`,
//! `auth_logins_total{result}`, `active_users{window}` and `db_pool_connections{state}`.

use super::scrape::{moved, scrape, until_clean};
use super::world::World;
use basma_e2e::harness::ws::WsClient;
use basma_e2e::harness::{ADMIN_EMAIL, ADMIN_PASSWORD, Backend, TestApp, json};
use reqwest::Method;
use std::collections::BTreeSet;
use std::time::Duration;

const SOCKETS: &str = "websocket_connections";
const EVENTS: &str = "websocket_events_sent_total";
const WAIT: Duration = Duration::from_secs(5);

/// A socket for `token`, past its welcome frame.
async fn socket(app: &TestApp, token: &str) -> WsClient {
    let mut ws = WsClient::connect(&app.address, Some(token))
        .await
        .expect("upgrade accepted");
    let welcome = ws.next_json(WAIT).await.expect("welcome");
    assert_eq!(welcome["type"], "welcome");
    ws
}

/// Waits until this server (not the process) has `n` sockets open, per the stats endpoint.
async fn wait_for_sockets(app: &TestApp, admin: &str, n: i64) {
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        let (_, stats) = app
            .authed(Method::GET, "/api/v1/monitoring/stats", admin, None)
            .await;
        if stats["data"]["websocketConnections"].as_i64() == Some(n) {
            return;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "{n} sockets: {stats}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn socket_series_follow_open_sockets_and_the_events_they_are_sent() {
    let _serial = super::SERIAL.lock().await;
    let app = TestApp::spawn(Backend::Sqlite).await;
    let world = World::new(&app).await;

    let mut ws = until_clean(
        &app,
        async || wait_for_sockets(&app, &world.admin, 0).await,
        async |()| socket(&app, &world.customer).await,
        |before, after, _| moved(before, after, SOCKETS, &[], 1.0),
    )
    .await;

    let before = scrape(&app).await;
    world.create(&app, "MEDIUM").await;
    ws.next_of("request.created", WAIT)
        .await
        .expect("event sent");
    let deadline = tokio::time::Instant::now() + WAIT;
    while scrape(&app).await.delta(&before, EVENTS, &[]) < 1.0 {
        assert!(
            tokio::time::Instant::now() < deadline,
            "{EVENTS} did not move"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    drop(ws);

    until_clean(
        &app,
        async || {
            wait_for_sockets(&app, &world.admin, 0).await;
            socket(&app, &world.customer).await
        },
        async |ws| {
            drop(ws);
            wait_for_sockets(&app, &world.admin, 0).await;
        },
        |before, after, ()| moved(before, after, SOCKETS, &[], -1.0),
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn login_series_count_successes_and_failures() {
    let _serial = super::SERIAL.lock().await;
    let app = TestApp::spawn(Backend::Sqlite).await;
    let logins = "auth_logins_total";
    let before = scrape(&app).await;
    app.login(ADMIN_EMAIL, ADMIN_PASSWORD).await;
    let wrong = serde_json::json!({"email": ADMIN_EMAIL, "password": "not-the-password"});
    let (status, body) = json(app.post_json("/api/v1/auth/login", &wrong).await).await;
    assert_eq!(status, 401, "{body}");
    let after = scrape(&app).await;
    for result in ["success", "failure"] {
        let delta = after.delta(&before, logins, &[("result", result)]);
        assert!(delta >= 1.0, "{logins}{{result={result}}} moved by {delta}");
    }
    let results: BTreeSet<String> = after.label_values(logins, "result");
    assert_eq!(results, ["failure", "success"].map(String::from).into());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn active_user_windows_count_a_newly_active_user_and_the_pool_is_exported() {
    let _serial = super::SERIAL.lock().await;
    let app = TestApp::spawn(Backend::Sqlite).await;
    let (_, token) = app.user_with_role("CUSTOMER").await;

    // Scrape-time gauges of this server (the tests scrape one at a time).
    let before = scrape(&app).await;
    let (status, body) = app
        .authed(Method::GET, "/api/v1/requests", &token, None)
        .await;
    assert_eq!(status, 200, "{body}");
    let after = scrape(&app).await;
    for window in ["5m", "24h"] {
        moved(&before, &after, "active_users", &[("window", window)], 1.0).unwrap();
    }

    let pool = |state| after.value("db_pool_connections", &[("state", state)]);
    let (idle, in_use, max) = (pool("idle"), pool("in_use"), pool("max"));
    let (idle, in_use, max) = (idle.unwrap(), in_use.unwrap(), max.unwrap());
    assert!(max >= 1.0, "db_pool_connections{{state=max}} = {max}");
    assert!(
        idle >= 0.0 && in_use >= 0.0 && idle + in_use <= max,
        "{idle} {in_use} {max}"
    );
}
