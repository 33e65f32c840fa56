//! What an anonymous caller must not learn about other accounts (issue 11, items 2 and 12):
//! whether an email is registered, by timing the mail endpoints, and whether a phone is
//! taken, by registering with it. Mails go to a real SMTP server on loopback.

use basma_e2e::harness::smtp_sink::SmtpSink;
use basma_e2e::harness::{Backend, TestApp, json};
use reqwest::Method;
use serde_json::json;
use std::time::{Duration, Instant};

/// Addresses timed on each side.
const SAMPLES: usize = 20;
/// How far apart the two medians may be (a security property, not a performance bar).
const MAX_GAP: Duration = Duration::from_millis(5);

async fn timed(app: &TestApp, path: &str, email: &str) -> Duration {
    let started = Instant::now();
    let (status, body) = json(app.post_json(path, &json!({"email": email})).await).await;
    let took = started.elapsed();
    assert_eq!(status, 200, "{path}: {body}");
    took
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

/// Times `path` for known and unknown addresses, interleaved so both see the same load.
async fn medians(app: &TestApp, path: &str, known: &[String]) -> (Duration, Duration) {
    let backend = app.backend;
    let (mut k, mut u) = (Vec::new(), Vec::new());
    for (i, email) in known.iter().enumerate() {
        k.push(timed(app, path, email).await);
        u.push(timed(app, path, &format!("nobody-{i}@unknown.example")).await);
    }
    let (k, u) = (median(k), median(u));
    eprintln!("{backend:?} {path}: median known {k:?}, unknown {u:?}");
    (k, u)
}

async fn mail_endpoints_answer_known_and_unknown_addresses_in_the_same_time(backend: Backend) {
    let (app, sink) = TestApp::spawn_with_mail(backend).await;
    let admin = app.admin_token().await;
    let mut verified = Vec::new();
    let mut unverified = Vec::new();
    for i in 0..SAMPLES {
        let email = format!("known-{i}@tenants.example");
        let body = json!({"name": "Known", "email": email, "role": "CUSTOMER", "password": "Passw0rd-known"});
        let (status, created) = app
            .authed(Method::POST, "/api/v1/users", &admin, Some(&body))
            .await;
        assert_eq!(status, 201, "{created}");
        verified.push(email);
        let email = format!("pending-{i}@tenants.example");
        let body = json!({"name": "Pending", "email": email, "password": "Passw0rd-pending"});
        let (status, created) = json(app.post_json("/api/v1/auth/register", &body).await).await;
        assert_eq!(status, 201, "{created}");
        unverified.push(email);
    }
    // Warm up connections and code paths on both sides before measuring.
    for path in [
        "/api/v1/auth/forgot-password",
        "/api/v1/auth/resend-verification",
    ] {
        timed(&app, path, "warm-up@unknown.example").await;
    }
    let before = sink.mails().len();
    let (known, unknown) = medians(&app, "/api/v1/auth/forgot-password", &verified).await;
    assert!(
        known.abs_diff(unknown) < MAX_GAP,
        "forgot-password: known {known:?} vs unknown {unknown:?}"
    );
    let (known, unknown) = medians(&app, "/api/v1/auth/resend-verification", &unverified).await;
    assert!(
        known.abs_diff(unknown) < MAX_GAP,
        "resend-verification: known {known:?} vs unknown {unknown:?}"
    );
    // The mails still go out, just not while the caller waits.
    let all_sent = eventually(Duration::from_secs(20), || {
        sink.mails().len() >= before + 2 * SAMPLES
    })
    .await;
    assert!(all_sent, "{} mails", sink.mails().len() - before);
    assert_eq!(
        mails_to(&sink, &verified[SAMPLES - 1], "/reset-password?token="),
        1,
        "the reset mail arrives"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mail_endpoints_answer_known_and_unknown_addresses_in_the_same_time_on_sqlite() {
    mail_endpoints_answer_known_and_unknown_addresses_in_the_same_time(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[cfg_attr(not(mysql_suite), ignore = "needs BASMA_TEST_MYSQL_URL (MariaDB)")]
async fn mail_endpoints_answer_known_and_unknown_addresses_in_the_same_time_on_mariadb() {
    mail_endpoints_answer_known_and_unknown_addresses_in_the_same_time(Backend::Mysql).await;
}

/// Polls `done` until it holds or `timeout` passes.
async fn eventually(timeout: Duration, done: impl Fn() -> bool) -> bool {
    let deadline = Instant::now() + timeout;
    while !done() {
        if Instant::now() > deadline {
            return false;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    true
}

/// Mails whose link contains `path`, sent to `to`.
fn mails_to(sink: &SmtpSink, to: &str, path: &str) -> usize {
    sink.mails()
        .iter()
        .filter(|m| m.rcpt_to.iter().any(|r| r == to) && m.find_url(path).is_some())
        .count()
}

async fn at_most_three_mails_an_hour_reach_one_address(backend: Backend) {
    let (app, sink) = TestApp::spawn_with_mail(backend).await;
    let email = basma_e2e::harness::ADMIN_EMAIL;
    let pending = "pending@tenants.example";
    let body = json!({"name": "Pending", "email": pending, "password": "Passw0rd-pending"});
    assert_eq!(
        json(app.post_json("/api/v1/auth/register", &body).await)
            .await
            .0,
        201
    );
    for _ in 0..4 {
        for (path, to) in [
            ("/api/v1/auth/forgot-password", email),
            ("/api/v1/auth/resend-verification", pending),
        ] {
            let (status, body) = json(app.post_json(path, &json!({"email": to})).await).await;
            assert_eq!((status, &body["data"]), (200, &json!({"accepted": true})));
        }
    }
    let three = eventually(Duration::from_secs(10), || {
        mails_to(&sink, email, "/reset-password?token=") >= 3
            && mails_to(&sink, pending, "/verify-email?token=") >= 3
    })
    .await;
    assert!(three, "three mails of each kind arrive");
    // Give a fourth mail every chance to arrive.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(mails_to(&sink, email, "/reset-password?token="), 3);
    // Registration's own mail counts towards the three.
    assert_eq!(mails_to(&sink, pending, "/verify-email?token="), 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn at_most_three_mails_an_hour_reach_one_address_on_sqlite() {
    at_most_three_mails_an_hour_reach_one_address(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[cfg_attr(not(mysql_suite), ignore = "needs BASMA_TEST_MYSQL_URL (MariaDB)")]
async fn at_most_three_mails_an_hour_reach_one_address_on_mariadb() {
    at_most_three_mails_an_hour_reach_one_address(Backend::Mysql).await;
}

basma_e2e::db_test!(
    registering_with_a_taken_phone_answers_as_for_a_free_one_and_leaves_it_with_its_owner,
    |app: TestApp| async move {
        let admin = app.admin_token().await;
        let owner = json!({"name": "Owner", "email": "owner@basma.test", "role": "CUSTOMER", "password": "Passw0rd-owner", "phone": "+966501234567"});
        let (status, owner) = app
            .authed(Method::POST, "/api/v1/users", &admin, Some(&owner))
            .await;
        assert_eq!(status, 201, "{owner}");
        let register = |email: &str, phone: &str| json!({"name": "Newcomer", "email": email, "password": "Passw0rd-new", "phone": phone});
        let (status, free) = json(
            app.post_json(
                "/api/v1/auth/register",
                &register("free@tenants.example", "+966 50 765 4321"),
            )
            .await,
        )
        .await;
        assert_eq!(status, 201, "{free}");
        let (status, taken) = json(
            app.post_json(
                "/api/v1/auth/register",
                &register("taken@tenants.example", "+966 50-123 4567"),
            )
            .await,
        )
        .await;
        assert_eq!(status, 201, "a taken phone is not confirmed: {taken}");
        // The same shape, and each echoes the phone as it was submitted (normalised).
        let keys = |v: &serde_json::Value| {
            let mut keys: Vec<String> = v["data"].as_object().unwrap().keys().cloned().collect();
            keys.sort();
            keys
        };
        assert_eq!(keys(&free), keys(&taken));
        assert_eq!(free["data"]["phone"], "+966507654321");
        assert_eq!(taken["data"]["phone"], "+966501234567");
        // What was stored: the free phone, and the taken one left with its owner.
        let stored = |id: &serde_json::Value| {
            let path = format!("/api/v1/users/{}", id.as_str().unwrap());
            let (app, admin) = (&app, &admin);
            async move { app.authed(Method::GET, &path, admin, None).await.1["data"]["phone"].clone() }
        };
        assert_eq!(stored(&free["data"]["id"]).await, "+966507654321");
        assert_eq!(stored(&taken["data"]["id"]).await, serde_json::Value::Null);
        assert_eq!(stored(&owner["data"]["id"]).await, "+966501234567");
    }
);
