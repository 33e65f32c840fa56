//! The socket limits of SPEC §6: frame rate, frame size, sockets per user, revocation,
//! token expiry and silence.

use super::scene::{WAIT, socket};
use basma_e2e::harness::ws::Ended;
use basma_e2e::harness::{Backend, TestApp};
use reqwest::Method;
use std::time::Duration;

async fn app() -> TestApp {
    TestApp::spawn(Backend::Sqlite).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn more_than_20_frames_in_10_seconds_closes_with_1008() {
    let app = app().await;
    let (_, token) = app.user_with_role("CUSTOMER").await;
    let mut ws = socket(&app, &token).await;
    for _ in 0..25 {
        if !ws.send_text("{\"type\":\"noop\"}".into()).await {
            break;
        }
    }
    assert_eq!(ws.ended(WAIT).await, Some(Ended::Closed(1008)));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_5_kib_frame_closes_with_1009() {
    let app = app().await;
    let (_, token) = app.user_with_role("CUSTOMER").await;
    let mut ws = socket(&app, &token).await;
    ws.send_text(format!(
        "{{\"type\":\"ping\",\"pad\":\"{}\"}}",
        "x".repeat(5 * 1024)
    ))
    .await;
    assert_eq!(ws.ended(WAIT).await, Some(Ended::Closed(1009)));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sixth_socket_for_one_user_closes_the_oldest_with_1008() {
    let app = app().await;
    let (_, token) = app.user_with_role("CUSTOMER").await;
    let mut sockets = Vec::new();
    for _ in 0..5 {
        sockets.push(socket(&app, &token).await);
    }
    let mut sixth = socket(&app, &token).await;
    assert_eq!(sockets[0].ended(WAIT).await, Some(Ended::Closed(1008)));
    assert_eq!(
        sockets[1].ended(Duration::from_millis(300)).await,
        None,
        "the others stay open"
    );
    sixth.send_text("{\"type\":\"ping\"}".into()).await;
    assert_eq!(sixth.next_json(WAIT).await.expect("pong")["type"], "pong");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn revoking_the_session_closes_its_socket_with_4401() {
    let app = app().await;
    let (_, token) = app.user_with_role("CUSTOMER").await;
    let mut ws = socket(&app, &token).await;
    let (status, _) = app
        .authed(Method::POST, "/api/v1/auth/logout", &token, None)
        .await;
    assert_eq!(status, 200);
    assert_eq!(ws.ended(WAIT).await, Some(Ended::Closed(4401)));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_expired_access_token_closes_the_socket_with_4401() {
    let app = TestApp::spawn_with(Backend::Sqlite, |vars| {
        vars.insert("BASMA_ACCESS_TTL".into(), "2s".into());
        vars.insert("BASMA_WS_RECHECK".into(), "200ms".into());
    })
    .await;
    let (_, token) = app.user_with_role("CUSTOMER").await;
    let mut ws = socket(&app, &token).await;
    assert_eq!(
        ws.ended(Duration::from_secs(5)).await,
        Some(Ended::Closed(4401))
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_silent_client_is_dropped_after_the_idle_timeout() {
    let app = TestApp::spawn_with(Backend::Sqlite, |vars| {
        vars.insert("BASMA_WS_HEARTBEAT".into(), "200ms".into());
        vars.insert("BASMA_WS_IDLE_TIMEOUT".into(), "1s".into());
    })
    .await;
    let (_, token) = app.user_with_role("CUSTOMER").await;
    let mut ws = socket(&app, &token).await;
    // Not reading means not answering the server's pings: the client is silent.
    tokio::time::sleep(Duration::from_millis(1800)).await;
    assert_eq!(ws.ended(WAIT).await, Some(Ended::Closed(1001)));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shutdown_closes_sockets_with_1001() {
    let app = app().await;
    let (_, token) = app.user_with_role("CUSTOMER").await;
    let mut ws = socket(&app, &token).await;
    let stopper = app.stopper();
    tokio::spawn(async move { stopper.stop().await });
    assert_eq!(ws.ended(WAIT).await, Some(Ended::Closed(1001)));
}
