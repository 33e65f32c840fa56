//! Reset tokens and logout (issue 11, items 10, 11 and 17): a reset kills the user's other
//! reset tokens, a refused password does not spend the token, and a client whose access
//! token expired can still end its session with the refresh token alone.

use basma_e2e::db_test;
use basma_e2e::harness::smtp_sink::SmtpSink;
use basma_e2e::harness::{Backend, TestApp, json};
use reqwest::Method;
use serde_json::{Value, json};
use std::time::Duration;

/// Asks for `count` reset mails to `email` and returns their tokens, oldest first.
async fn reset_tokens(app: &TestApp, sink: &SmtpSink, email: &str, count: usize) -> Vec<String> {
    for n in 1..=count {
        let (status, _) = json(
            app.post_json("/api/v1/auth/forgot-password", &json!({"email": email}))
                .await,
        )
        .await;
        assert_eq!(status, 200);
        // One at a time, so the mails arrive in the order the tokens were made.
        let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
        while reset_mails(sink, email).len() < n {
            assert!(
                tokio::time::Instant::now() < deadline,
                "reset mail {n} arrives"
            );
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }
    reset_mails(sink, email)
}

fn reset_mails(sink: &SmtpSink, email: &str) -> Vec<String> {
    sink.mails()
        .iter()
        .filter(|m| m.rcpt_to.iter().any(|r| r == email))
        .filter_map(|m| m.token_in_url("/reset-password?token="))
        .collect()
}

async fn reset(app: &TestApp, token: &str, password: &str) -> (u16, Value) {
    let body = json!({"token": token, "password": password});
    json(app.post_json("/api/v1/auth/reset-password", &body).await).await
}

async fn a_successful_reset_kills_every_other_reset_token(backend: Backend) {
    let (app, sink) = TestApp::spawn_with_mail(backend).await;
    let email = basma_e2e::harness::ADMIN_EMAIL;
    let tokens = reset_tokens(&app, &sink, email, 2).await;
    assert_eq!(tokens.len(), 2);
    let (status, body) = reset(&app, &tokens[1], "Brand-new-pass-9").await;
    assert_eq!(status, 200, "{body}");
    let (status, body) = reset(&app, &tokens[0], "Attacker-pass-1").await;
    assert_eq!(
        (status, body["code"].as_str()),
        (401, Some("INVALID_TOKEN")),
        "the older token died with the reset"
    );
    app.login(email, "Brand-new-pass-9").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_successful_reset_kills_every_other_reset_token_on_sqlite() {
    a_successful_reset_kills_every_other_reset_token(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[cfg_attr(not(mysql_suite), ignore = "needs BASMA_TEST_MYSQL_URL (MariaDB)")]
async fn a_successful_reset_kills_every_other_reset_token_on_mariadb() {
    a_successful_reset_kills_every_other_reset_token(Backend::Mysql).await;
}

async fn a_refused_new_password_leaves_the_reset_token_usable(backend: Backend) {
    let (app, sink) = TestApp::spawn_with_mail(backend).await;
    let admin = app.admin_token().await;
    // An address with a letter and a digit passes every rule but "not the email".
    let email = "tech7@basma.test";
    let body =
        json!({"name": "Tech", "email": email, "role": "TECHNICIAN", "password": "Passw0rd-tech"});
    let (status, created) = app
        .authed(Method::POST, "/api/v1/users", &admin, Some(&body))
        .await;
    assert_eq!(status, 201, "{created}");
    let token = reset_tokens(&app, &sink, email, 1).await.remove(0);
    let (status, body) = reset(&app, &token, "TECH7@basma.test").await;
    assert_eq!(
        (status, body["code"].as_str()),
        (400, Some("VALIDATION_ERROR")),
        "{body}"
    );
    let (status, body) = reset(&app, &token, "A-better-pass-7").await;
    assert_eq!(
        status, 200,
        "the token survived the refused password: {body}"
    );
    app.login(email, "A-better-pass-7").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_new_password_leaves_the_reset_token_usable_on_sqlite() {
    a_refused_new_password_leaves_the_reset_token_usable(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[cfg_attr(not(mysql_suite), ignore = "needs BASMA_TEST_MYSQL_URL (MariaDB)")]
async fn a_refused_new_password_leaves_the_reset_token_usable_on_mariadb() {
    a_refused_new_password_leaves_the_reset_token_usable(Backend::Mysql).await;
}

async fn logout(app: &TestApp, bearer: Option<&str>, body: Option<Value>) -> (u16, Value) {
    let mut request = app.request(Method::POST, "/api/v1/auth/logout");
    if let Some(bearer) = bearer {
        request = request.bearer_auth(bearer);
    }
    if let Some(body) = body {
        request = request.json(&body);
    }
    json(request.send().await.unwrap()).await
}

async fn refresh(app: &TestApp, token: &Value) -> u16 {
    let body = json!({"refreshToken": token});
    json(app.post_json("/api/v1/auth/refresh", &body).await)
        .await
        .0
}

db_test!(
    logout_with_only_a_refresh_token_ends_that_session,
    vars = [("BASMA_ACCESS_TTL", "1s")],
    |app: TestApp| async move {
        let email = basma_e2e::harness::ADMIN_EMAIL;
        let password = basma_e2e::harness::ADMIN_PASSWORD;
        let other = app.login(email, password).await;
        // No access token at all.
        let first = app.login(email, password).await;
        let (status, body) = logout(
            &app,
            None,
            Some(json!({"refreshToken": first["refreshToken"]})),
        )
        .await;
        assert_eq!((status, &body["data"]), (200, &json!({"loggedOut": true})));
        assert_eq!(
            refresh(&app, &first["refreshToken"]).await,
            401,
            "session ended"
        );
        // An access token that has expired.
        let second = app.login(email, password).await;
        tokio::time::sleep(Duration::from_millis(2100)).await;
        let expired = second["accessToken"].as_str().unwrap();
        let (status, _) = app
            .authed(Method::GET, "/api/v1/auth/me", expired, None)
            .await;
        assert_eq!(status, 401, "the access token has expired");
        let (status, body) = logout(
            &app,
            Some(expired),
            Some(json!({"refreshToken": second["refreshToken"]})),
        )
        .await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(refresh(&app, &second["refreshToken"]).await, 401);
        // The other session is untouched.
        assert_eq!(refresh(&app, &other["refreshToken"]).await, 200);
    }
);

db_test!(
    logout_without_a_live_refresh_token_or_access_token_is_401_and_ends_nothing,
    |app: TestApp| async move {
        let live = app
            .login(
                basma_e2e::harness::ADMIN_EMAIL,
                basma_e2e::harness::ADMIN_PASSWORD,
            )
            .await;
        let (status, body) = logout(&app, None, None).await;
        assert_eq!(
            (status, body["code"].as_str()),
            (401, Some("UNAUTHENTICATED"))
        );
        let (status, body) = logout(
            &app,
            None,
            Some(json!({"refreshToken": "not-a-refresh-token"})),
        )
        .await;
        assert_eq!(
            (status, body["code"].as_str()),
            (401, Some("INVALID_TOKEN"))
        );
        let (status, _) = logout(
            &app,
            Some("not.a.jwt"),
            Some(json!({"refreshToken": "still-not-a-refresh-token"})),
        )
        .await;
        assert_eq!(status, 401);
        let (status, _) = app
            .authed(
                Method::GET,
                "/api/v1/auth/me",
                live["accessToken"].as_str().unwrap(),
                None,
            )
            .await;
        assert_eq!(status, 200, "nothing ended");
    }
);
