//! The overall request deadline (issue 11, item 6): a request whose database stalls answers
//! `503 SERVICE_UNAVAILABLE` with `Retry-After` within `BASMA_REQUEST_TIMEOUT` instead of
//! waiting out the stall, its write is rolled back whole, and WebSocket sessions outlive it.

use basma_e2e::db_test;
use basma_e2e::harness::fixtures::{Place, unique, urlencode};
use basma_e2e::harness::proxy::OutageProxy;
use basma_e2e::harness::ws::WsClient;
use basma_e2e::harness::{Backend, TestApp, json, mysql_addr};
use reqwest::Method;
use sea_orm::{ConnectionTrait, TransactionTrait};
use serde_json::{Value, json};
use std::time::{Duration, Instant};

/// The deadline the tests run with, and how late the 503 may be on a busy machine.
const DEADLINE: Duration = Duration::from_secs(2);
const MARGIN: Duration = Duration::from_millis(1500);

async fn place(app: &TestApp, admin: &str) -> Place {
    let site = app.site(admin, 1).await;
    let categories = app
        .expect(Method::GET, "/api/v1/categories", admin, None, 200)
        .await;
    Place {
        building: site.buildings[0].clone(),
        category: categories[0]["id"].as_str().expect("category").to_owned(),
    }
}

fn new_request_body(place: &Place, title: &str) -> Value {
    json!({
        "title": title,
        "description": "Water is dripping from the ceiling of the kitchen.",
        "categoryId": place.category,
        "buildingId": place.building,
    })
}

/// What the create answered: status, body, `Retry-After`, and how long it took.
type Answer = (u16, Value, Option<String>, Duration);

/// Sends the create; `None` when nothing comes back within `give_up`.
async fn create_timed(
    app: &TestApp,
    admin: &str,
    body: &Value,
    give_up: Duration,
) -> Option<Answer> {
    let started = Instant::now();
    let sent = app
        .request(Method::POST, "/api/v1/requests")
        .bearer_auth(admin)
        .json(body)
        .send();
    let response = tokio::time::timeout(give_up, sent)
        .await
        .ok()?
        .expect("sent");
    let took = started.elapsed();
    let retry_after = response
        .headers()
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let (status, body) = json(response).await;
    Some((status, body, retry_after, took))
}

/// A write that timed out is all there (with its `created` event) or not there at all.
async fn assert_whole_or_absent(app: &TestApp, admin: &str, title: &str) {
    let found = app
        .list_all(admin, &format!("q={}", urlencode(title)))
        .await;
    match found.as_slice() {
        [] => {}
        [request] => {
            let id = request["id"].as_str().expect("id");
            let events = app.events_of(admin, id).await;
            assert!(
                events.iter().any(|e| e["type"] == "created"),
                "request without its created event: {events:?}"
            );
        }
        more => panic!("the write was applied {} times", more.len()),
    }
}

fn assert_deadline_answer(status: u16, body: &Value, retry_after: Option<&str>, took: Duration) {
    assert_eq!(status, 503, "{body}");
    assert_eq!(body["code"], "SERVICE_UNAVAILABLE", "{body}");
    assert!(retry_after.is_some(), "503 without Retry-After");
    assert!(took < DEADLINE + MARGIN, "answered after {took:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[cfg_attr(not(mysql_suite), ignore = "needs BASMA_TEST_MYSQL_URL (MariaDB)")]
async fn a_write_in_flight_when_mariadb_stalls_answers_503_within_the_deadline_and_is_rolled_back()
{
    let target = mysql_addr();
    let proxy = OutageProxy::start(target).await;
    let proxy_addr = proxy.addr.clone();
    let app = TestApp::spawn_with(Backend::Mysql, |vars| {
        let direct = url::Url::parse(&vars["DATABASE_URL"]).expect("url");
        let name = direct.path().trim_start_matches('/').to_owned();
        let userinfo = if direct.username().is_empty() {
            String::new()
        } else {
            format!("{}@", direct.username())
        };
        vars.insert(
            "DATABASE_URL".into(),
            format!("mysql://{userinfo}{proxy_addr}/{name}"),
        );
        vars.insert("BASMA_REQUEST_TIMEOUT".into(), "2s".into());
    })
    .await;
    let admin = app.admin_token().await;
    let place = place(&app, &admin).await;
    // Freeze the database in the middle of the create's transaction: after the request row
    // is inserted, as its event row goes out (prepared the first time it is used).
    proxy.stall_on(b"INSERT INTO `request_events`");
    let title = format!("Stalled {}", unique());
    let body = new_request_body(&place, &title);
    let outcome = create_timed(&app, &admin, &body, Duration::from_secs(25)).await;
    let stalled = proxy.is_stalled();
    // Let the database go before any assertion, so a failure cannot leave its locks held.
    proxy.resume();
    let (status, answer, retry_after, took) =
        outcome.expect("no answer within 25 s of the database stalling");
    eprintln!("the in-flight write answered {status} after {took:?} of a database stall");
    assert!(stalled, "the write never reached the stall point: {answer}");
    assert_deadline_answer(status, &answer, retry_after.as_deref(), took);

    assert_whole_or_absent(&app, &admin, &title).await;
    // The server is well again.
    app.new_request(&admin, &place, "After the stall", json!({}))
        .await;
}

db_test!(
    a_write_blocked_by_a_locked_database_answers_503_within_the_deadline_and_is_rolled_back,
    vars = [("BASMA_REQUEST_TIMEOUT", "2s")],
    |app: TestApp| async move {
        let admin = app.admin_token().await;
        let place = place(&app, &admin).await;
        // Another client holds the write lock (SQLite) or the building's row (MariaDB).
        let db = sea_orm::Database::connect(app.database.url.as_str())
            .await
            .expect("second connection");
        let holder = db.begin().await.expect("begin");
        let lock = match app.backend {
            Backend::Sqlite => "UPDATE users SET name = name".to_owned(),
            Backend::Mysql => format!(
                "SELECT id FROM buildings WHERE id = x'{}' FOR UPDATE",
                place.building.replace('-', "")
            ),
        };
        holder.execute_unprepared(&lock).await.expect("lock");
        let title = format!("Blocked {}", unique());
        let body = new_request_body(&place, &title);
        let outcome = create_timed(&app, &admin, &body, Duration::from_secs(25)).await;
        holder.rollback().await.expect("release");
        let _ = db.close().await;
        let (status, answer, retry_after, took) =
            outcome.expect("no answer within 25 s of the lock");
        eprintln!("the blocked write answered {status} after {took:?}");
        assert_deadline_answer(status, &answer, retry_after.as_deref(), took);
        assert_whole_or_absent(&app, &admin, &title).await;
    }
);

db_test!(
    a_websocket_session_outlives_the_request_deadline,
    vars = [("BASMA_REQUEST_TIMEOUT", "1s")],
    |app: TestApp| async move {
        let admin = app.admin_token().await;
        let place = place(&app, &admin).await;
        let mut socket = WsClient::connect(&app.address, Some(&admin))
            .await
            .expect("upgrade accepted");
        let welcome = socket.next_json(Duration::from_secs(5)).await;
        assert_eq!(welcome.expect("welcome")["type"], "welcome");
        tokio::time::sleep(Duration::from_millis(2500)).await;
        let created = app
            .new_request(&admin, &place, "Late event", json!({}))
            .await;
        let event = socket
            .next_of("request.created", Duration::from_secs(5))
            .await
            .expect("the socket still delivers events after the deadline");
        assert_eq!(event["data"]["requestId"], created["id"]);
    }
);
