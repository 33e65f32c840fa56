//! What keeps accounts safe: no email enumeration, lockout, rate limits, validation, and
//! passwords longer than bcrypt's 72 bytes.

use basma_e2e::db_test;
use basma_e2e::harness::{ADMIN_EMAIL, ADMIN_PASSWORD, Backend, TestApp, json};
use reqwest::Method;
use serde_json::json;

async fn raw(app: &TestApp, path: &str, body: serde_json::Value) -> (u16, String) {
    let response = app
        .request(Method::POST, path)
        .header("x-request-id", "same-id")
        .json(&body)
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

db_test!(
    unknown_and_known_emails_get_byte_identical_answers,
    |app: TestApp| async move {
        for path in [
            "/api/v1/auth/forgot-password",
            "/api/v1/auth/resend-verification",
        ] {
            let known = raw(&app, path, json!({"email": ADMIN_EMAIL})).await;
            let unknown = raw(&app, path, json!({"email": "nobody@nowhere.example"})).await;
            assert_eq!(known, unknown, "{path}");
            assert_eq!(known.0, 200);
        }
        let unknown = json(
            app.post_json(
                "/api/v1/auth/login",
                &json!({"email": "nobody@nowhere.example", "password": "Whatever-1"}),
            )
            .await,
        )
        .await;
        let wrong = json(
            app.post_json(
                "/api/v1/auth/login",
                &json!({"email": ADMIN_EMAIL, "password": "Whatever-1"}),
            )
            .await,
        )
        .await;
        assert_eq!((unknown.0, &unknown.1["code"]), (wrong.0, &wrong.1["code"]));
        assert_eq!(wrong.1["code"], "INVALID_CREDENTIALS");
    }
);

db_test!(
    the_sixth_bad_login_is_429_even_with_the_right_password,
    |app: TestApp| async move {
        let bad = json!({"email": ADMIN_EMAIL, "password": "Wrong-password-1"});
        for attempt in 1..=5 {
            let (status, _) = json(app.post_json("/api/v1/auth/login", &bad).await).await;
            assert_eq!(status, 401, "attempt {attempt}");
        }
        let right = json!({"email": ADMIN_EMAIL, "password": ADMIN_PASSWORD});
        let response = app.post_json("/api/v1/auth/login", &right).await;
        assert!(response.headers().get("retry-after").is_some());
        let (status, body) = json(response).await;
        assert_eq!((status, body["code"].as_str()), (429, Some("RATE_LIMITED")));
    }
);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn auth_routes_are_rate_limited_per_ip_with_retry_after() {
    let app = TestApp::spawn_with(Backend::Sqlite, |vars| {
        vars.insert("BASMA_AUTH_RATE_LIMIT_PER_MINUTE".into(), "3".into());
    })
    .await;
    let body = json!({"email": "x@y.example"});
    for _ in 0..3 {
        assert_eq!(
            app.post_json("/api/v1/auth/forgot-password", &body)
                .await
                .status(),
            200
        );
    }
    let response = app.post_json("/api/v1/auth/forgot-password", &body).await;
    let retry_after: u64 = response.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(retry_after >= 1);
    let (status, body) = json(response).await;
    assert_eq!((status, body["code"].as_str()), (429, Some("RATE_LIMITED")));
    // Other routes are not limited by the auth budget.
    assert_eq!(app.get("/api/v1/monitoring/live").await.status(), 200);
}

db_test!(
    registration_reports_every_bad_field_at_once,
    |app: TestApp| async move {
        let body =
            json!({"name": "", "email": "not-an-email", "password": "short", "phone": "12ab"});
        let (status, body) = json(app.post_json("/api/v1/auth/register", &body).await).await;
        assert_eq!(
            (status, body["code"].as_str()),
            (400, Some("VALIDATION_ERROR"))
        );
        let mut fields: Vec<&str> = body["details"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["field"].as_str().unwrap())
            .collect();
        fields.sort_unstable();
        assert_eq!(fields, ["email", "name", "password", "phone"]);
        let (_, taken) = json(
            app.post_json(
                "/api/v1/auth/register",
                &json!({"name": "X", "email": ADMIN_EMAIL, "password": "Another-pass-1"}),
            )
            .await,
        )
        .await;
        assert_eq!(taken["code"], "EMAIL_TAKEN");
    }
);

db_test!(
    two_100_character_passwords_sharing_72_bytes_are_different,
    |app: TestApp| async move {
        let admin = app.admin_token().await;
        let common = "Ab1".repeat(24);
        let (first, second) = (
            format!("{common}{}", "x".repeat(28)),
            format!("{common}{}", "y".repeat(28)),
        );
        let user = json!({"name": "Long", "email": "long@basma.test", "role": "CUSTOMER", "password": first});
        let (status, _) = app
            .authed(Method::POST, "/api/v1/users", &admin, Some(&user))
            .await;
        assert_eq!(status, 201);
        app.login("long@basma.test", &first).await;
        let (status, _) = json(
            app.post_json(
                "/api/v1/auth/login",
                &json!({"email": "long@basma.test", "password": second}),
            )
            .await,
        )
        .await;
        assert_eq!(status, 401);
    }
);
