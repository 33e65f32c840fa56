//! No password, token, secret or `Authorization` value ever reaches the log.

use basma_e2e::harness::{Backend, TestApp, json, logs};
use reqwest::Method;
use serde_json::json;
use std::time::Duration;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_log_of_the_account_flows_holds_no_password_token_or_authorization_header() {
    let (app, sink) = TestApp::spawn_with_mail(Backend::Sqlite).await;
    let email = "secret-keeper@tenants.example";
    let password = "Very-secret-pass-42";
    let mut secrets = vec![password.to_owned(), "Second-secret-pass-43".to_owned()];
    json(
        app.post_json(
            "/api/v1/auth/register",
            &json!({"name": "K", "email": email, "password": password}),
        )
        .await,
    )
    .await;
    let mail = sink
        .wait_for_mail_to(email, Duration::from_secs(10))
        .await
        .expect("mail");
    let verify = mail.token_in_url("/verify-email?token=").expect("token");
    json(
        app.post_json("/api/v1/auth/verify-email", &json!({"token": verify}))
            .await,
    )
    .await;
    let pair = app.login(email, password).await;
    let (access, refresh) = (
        pair["accessToken"].as_str().unwrap(),
        pair["refreshToken"].as_str().unwrap(),
    );
    app.authed(Method::GET, "/api/v1/auth/me", access, None)
        .await;
    let (_, rotated) = json(
        app.post_json("/api/v1/auth/refresh", &json!({"refreshToken": refresh}))
            .await,
    )
    .await;
    json(
        app.post_json("/api/v1/auth/refresh", &json!({"refreshToken": refresh}))
            .await,
    )
    .await;
    json(
        app.post_json(
            "/api/v1/auth/login",
            &json!({"email": email, "password": "Wrong-guess-99"}),
        )
        .await,
    )
    .await;
    json(
        app.post_json("/api/v1/auth/forgot-password", &json!({"email": email}))
            .await,
    )
    .await;
    let reset_mail = sink
        .wait_for(Duration::from_secs(10), |m| {
            m.find_url("/reset-password?token=").is_some()
        })
        .await
        .expect("reset mail");
    let reset = reset_mail
        .token_in_url("/reset-password?token=")
        .expect("token");
    json(
        app.post_json(
            "/api/v1/auth/reset-password",
            &json!({"token": reset, "password": "Second-secret-pass-43"}),
        )
        .await,
    )
    .await;
    secrets.extend([verify, reset, access.to_owned(), refresh.to_owned()]);
    secrets.extend(rotated["data"]["accessToken"].as_str().map(str::to_owned));
    secrets.push(basma_e2e::harness::ADMIN_PASSWORD.to_owned());
    app.stop().await;

    let log = std::fs::read_to_string(logs::capture()).expect("log");
    assert!(log.contains("request served"), "the capture works");
    for secret in &secrets {
        assert!(!log.contains(secret.as_str()), "a secret reached the log");
    }
    let lower = log.to_lowercase();
    assert!(
        !lower.contains("authorization") && !lower.contains("bearer "),
        "an Authorization value reached the log"
    );
}
