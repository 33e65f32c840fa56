//! The account flows end to end, with mails read from a real SMTP server on loopback.

use basma_e2e::harness::smtp_sink::SmtpSink;
use basma_e2e::harness::{Backend, TestApp, json};
use reqwest::Method;
use serde_json::json;
use std::time::Duration;

async fn mailed_token(sink: &SmtpSink, to: &str, path: &str) -> String {
    let mail = sink
        .wait_for_mail_to(to, Duration::from_secs(10))
        .await
        .expect("a mail arrives");
    let link = mail.find_url(path).expect("the mail carries the link");
    assert!(link.starts_with("https://app.basma.test/"), "{link}");
    mail.token_in_url(path).expect("token in the link")
}

async fn register_verify_login_refresh_logout(backend: Backend) {
    let (app, sink) = TestApp::spawn_with_mail(backend).await;
    let email = "sara@tenants.example";
    let body = json!({"name": "Sara", "email": email, "password": "Leak-in-kitchen-7"});
    let (status, created) = json(app.post_json("/api/v1/auth/register", &body).await).await;
    assert_eq!(status, 201, "{created}");
    assert_eq!(created["data"]["role"], "CUSTOMER");

    // Not verified yet.
    let login = json!({"email": email, "password": "Leak-in-kitchen-7"});
    let (status, refused) = json(app.post_json("/api/v1/auth/login", &login).await).await;
    assert_eq!(
        (status, refused["code"].as_str()),
        (403, Some("EMAIL_NOT_VERIFIED"))
    );

    let token = mailed_token(&sink, email, "/verify-email?token=").await;
    let (status, _) = json(
        app.post_json("/api/v1/auth/verify-email", &json!({"token": token}))
            .await,
    )
    .await;
    assert_eq!(status, 200);
    let (status, _) = json(
        app.post_json("/api/v1/auth/verify-email", &json!({"token": token}))
            .await,
    )
    .await;
    assert_eq!(status, 401, "a verification token works once");

    let first = app.login(email, "Leak-in-kitchen-7").await;
    let refresh = |t: &serde_json::Value| json!({"refreshToken": t["refreshToken"]});
    let (status, second) = json(
        app.post_json("/api/v1/auth/refresh", &refresh(&first))
            .await,
    )
    .await;
    assert_eq!(status, 200);
    let second = second["data"].clone();
    // The old refresh token is spent: presenting it kills the family, the new one too.
    let (status, reused) = json(
        app.post_json("/api/v1/auth/refresh", &refresh(&first))
            .await,
    )
    .await;
    assert_eq!(
        (status, reused["code"].as_str()),
        (401, Some("INVALID_TOKEN"))
    );
    let (status, _) = json(
        app.post_json("/api/v1/auth/refresh", &refresh(&second))
            .await,
    )
    .await;
    assert_eq!(status, 401, "the whole family is revoked");
    let (status, _) = app
        .authed(
            Method::GET,
            "/api/v1/auth/me",
            second["accessToken"].as_str().unwrap(),
            None,
        )
        .await;
    assert_eq!(status, 401, "its access tokens stop working");

    // Logout makes the access token fail at once.
    let fresh = app.login(email, "Leak-in-kitchen-7").await;
    let access = fresh["accessToken"].as_str().unwrap();
    let (status, me) = app
        .authed(Method::GET, "/api/v1/auth/me", access, None)
        .await;
    assert_eq!((status, me["data"]["email"].as_str()), (200, Some(email)));
    let (status, _) = app
        .authed(Method::POST, "/api/v1/auth/logout", access, None)
        .await;
    assert_eq!(status, 200);
    let (status, after) = app
        .authed(Method::GET, "/api/v1/auth/me", access, None)
        .await;
    assert_eq!(
        (status, after["code"].as_str()),
        (401, Some("INVALID_TOKEN"))
    );
}

async fn forgot_and_reset_password(backend: Backend) {
    let (app, sink) = TestApp::spawn_with_mail(backend).await;
    let (_, _) = app.user_with_role("TECHNICIAN").await;
    let admin = basma_e2e::harness::ADMIN_EMAIL;
    let old_session = app.login(admin, basma_e2e::harness::ADMIN_PASSWORD).await;
    let (status, _) = json(
        app.post_json("/api/v1/auth/forgot-password", &json!({"email": admin}))
            .await,
    )
    .await;
    assert_eq!(status, 200);
    let token = mailed_token(&sink, admin, "/reset-password?token=").await;
    let reset = json!({"token": token, "password": "Brand-new-pass-9"});
    let (status, body) = json(app.post_json("/api/v1/auth/reset-password", &reset).await).await;
    assert_eq!(status, 200, "{body}");
    let (status, _) = json(app.post_json("/api/v1/auth/reset-password", &reset).await).await;
    assert_eq!(status, 401, "a reset token works once");

    let old = json!({"email": admin, "password": basma_e2e::harness::ADMIN_PASSWORD});
    let (status, _) = json(app.post_json("/api/v1/auth/login", &old).await).await;
    assert_eq!(status, 401, "the old password is refused");
    let (status, _) = app
        .authed(
            Method::GET,
            "/api/v1/auth/me",
            old_session["accessToken"].as_str().unwrap(),
            None,
        )
        .await;
    assert_eq!(status, 401, "old sessions are revoked");
    let (status, _) = json(
        app.post_json(
            "/api/v1/auth/refresh",
            &json!({"refreshToken": old_session["refreshToken"]}),
        )
        .await,
    )
    .await;
    assert_eq!(status, 401);
    app.login(admin, "Brand-new-pass-9").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn register_mail_verify_login_refresh_reuse_and_logout_on_sqlite() {
    register_verify_login_refresh_logout(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[cfg_attr(not(mysql_suite), ignore = "needs BASMA_TEST_MYSQL_URL (MariaDB)")]
async fn register_mail_verify_login_refresh_reuse_and_logout_on_mariadb() {
    register_verify_login_refresh_logout(Backend::Mysql).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forgot_password_mail_reset_revokes_sessions_on_sqlite() {
    forgot_and_reset_password(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[cfg_attr(not(mysql_suite), ignore = "needs BASMA_TEST_MYSQL_URL (MariaDB)")]
async fn forgot_password_mail_reset_revokes_sessions_on_mariadb() {
    forgot_and_reset_password(Backend::Mysql).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reset_token_is_refused_after_it_expires() {
    let sink = SmtpSink::start().await.unwrap();
    let url = sink.url();
    let app = TestApp::spawn_with(Backend::Sqlite, |vars| {
        vars.insert("SMTP_URL".into(), url);
        vars.insert("BASMA_FRONTEND_URL".into(), "https://app.basma.test".into());
        vars.insert("BASMA_RESET_TTL".into(), "1s".into());
    })
    .await;
    let admin = basma_e2e::harness::ADMIN_EMAIL;
    json(
        app.post_json("/api/v1/auth/forgot-password", &json!({"email": admin}))
            .await,
    )
    .await;
    let token = mailed_token(&sink, admin, "/reset-password?token=").await;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let reset = json!({"token": token, "password": "Too-late-pass-1"});
    let (status, body) = json(app.post_json("/api/v1/auth/reset-password", &reset).await).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (401, Some("INVALID_TOKEN"))
    );
    app.login(admin, basma_e2e::harness::ADMIN_PASSWORD).await;
}
