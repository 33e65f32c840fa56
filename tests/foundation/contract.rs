//! The HTTP contract of SPEC §4 that holds for every route.

use basma_e2e::db_test;
use basma_e2e::harness::{TestApp, json};
use reqwest::Method;

db_test!(
    unknown_route_answers_the_404_envelope_with_the_request_id,
    |app: TestApp| async move {
        let response = app.get("/api/v1/no-such-thing").await;
        let header = response.headers()["x-request-id"]
            .to_str()
            .unwrap()
            .to_owned();
        let (status, body) = json(response).await;
        assert_eq!(status, 404);
        assert_eq!(body["success"], false);
        assert_eq!(body["code"], "NOT_FOUND");
        assert_eq!(body["requestId"], header);
        assert!(body["details"].is_array());
    }
);

db_test!(
    wrong_method_answers_405_envelope,
    |app: TestApp| async move {
        let response = app
            .request(Method::DELETE, "/api/v1/monitoring/ready")
            .send()
            .await
            .unwrap();
        let (status, body) = json(response).await;
        assert_eq!(status, 405);
        assert_eq!(body["code"], "METHOD_NOT_ALLOWED");
    }
);

db_test!(
    a_well_formed_client_request_id_is_echoed_and_a_bad_one_replaced,
    |app: TestApp| async move {
        let response = app
            .request(Method::GET, "/nope")
            .header("x-request-id", "client-id_1.2")
            .send()
            .await
            .unwrap();
        assert_eq!(response.headers()["x-request-id"], "client-id_1.2");
        let (_, body) = json(response).await;
        assert_eq!(body["requestId"], "client-id_1.2");

        let response = app
            .request(Method::GET, "/nope")
            .header("x-request-id", "has spaces!")
            .send()
            .await
            .unwrap();
        let replaced = response.headers()["x-request-id"]
            .to_str()
            .unwrap()
            .to_owned();
        assert_ne!(replaced, "has spaces!");
        assert!(!replaced.is_empty() && replaced.len() <= 64);
    }
);

db_test!(
    accept_language_changes_the_message_but_not_the_code,
    |app: TestApp| async move {
        let ask = |lang: &'static str| {
            app.request(Method::GET, "/api/v1/nope")
                .header("accept-language", lang)
                .send()
        };
        let en = ask("en").await.unwrap();
        assert_eq!(en.headers()["content-language"], "en");
        let (_, en) = json(en).await;
        let ar = ask("ar").await.unwrap();
        assert_eq!(ar.headers()["content-language"], "ar");
        let (_, ar) = json(ar).await;
        assert_eq!(en["code"], ar["code"]);
        assert_ne!(en["message"], ar["message"]);
        // The default language is Arabic.
        let (_, default) = json(app.get("/api/v1/nope").await).await;
        assert_eq!(default["message"], ar["message"]);
    }
);

db_test!(
    every_response_carries_the_security_headers,
    |app: TestApp| async move {
        for path in ["/health", "/api/v1/monitoring/live", "/api/v1/nope"] {
            let response = app.get(path).await;
            let h = response.headers();
            assert_eq!(h["x-content-type-options"], "nosniff", "{path}");
            assert_eq!(h["x-frame-options"], "DENY", "{path}");
            assert_eq!(h["referrer-policy"], "no-referrer", "{path}");
            assert!(
                h["content-security-policy"]
                    .to_str()
                    .unwrap()
                    .contains("default-src 'none'"),
                "{path}"
            );
            assert_eq!(h["cache-control"], "no-store", "{path}");
            assert_eq!(h["cross-origin-opener-policy"], "same-origin", "{path}");
            assert_eq!(h["cross-origin-resource-policy"], "same-origin", "{path}");
            // HSTS only in production: a development server is often plain HTTP on localhost.
            assert!(!h.contains_key("strict-transport-security"), "{path}");
        }
    }
);

db_test!(
    in_production_every_response_carries_strict_transport_security,
    vars = [
        ("BASMA_ENV", "production"),
        ("SMTP_URL", "smtp://127.0.0.1:2525")
    ],
    |app: TestApp| async move {
        let token = app.admin_token().await;
        let unauthenticated = app.get("/api/v1/auth/me").await;
        let authed = app
            .request(Method::GET, "/api/v1/auth/me")
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        let mut responses = vec![
            ("/api/v1/auth/me (401)", unauthenticated),
            ("/api/v1/auth/me", authed),
        ];
        for path in ["/health", "/api/v1/nope", "/api/v1/monitoring/ready"] {
            responses.push((path, app.get(path).await));
        }
        for (path, response) in responses {
            let h = response.headers();
            assert_eq!(
                h["strict-transport-security"], "max-age=31536000; includeSubDomains",
                "{path}"
            );
            assert_eq!(h["cross-origin-opener-policy"], "same-origin", "{path}");
            assert_eq!(h["cross-origin-resource-policy"], "same-origin", "{path}");
        }
    }
);

db_test!(
    cors_is_refused_for_origins_not_configured,
    |app: TestApp| async move {
        let response = app
            .request(Method::GET, "/health")
            .header("origin", "https://evil.example")
            .send()
            .await
            .unwrap();
        assert!(
            response
                .headers()
                .get("access-control-allow-origin")
                .is_none()
        );
    }
);

db_test!(
    malformed_json_is_400_with_the_request_id,
    |app: TestApp| async move {
        let response = app
            .request(Method::POST, "/api/v1/auth/login")
            .header("content-type", "application/json")
            .body("{\"email\": ")
            .send()
            .await
            .unwrap();
        let header = response.headers()["x-request-id"]
            .to_str()
            .unwrap()
            .to_owned();
        let (status, body) = json(response).await;
        assert_eq!(
            (status, body["code"].as_str()),
            (400, Some("MALFORMED_JSON"))
        );
        assert_eq!(body["requestId"], header);
    }
);

db_test!(a_70_kib_body_is_413, |app: TestApp| async move {
    let big = serde_json::json!({"email": "a@b.co", "password": "x".repeat(70 * 1024)});
    let response = app
        .request(Method::POST, "/api/v1/auth/login")
        .json(&big)
        .send()
        .await
        .unwrap();
    let header = response.headers()["x-request-id"]
        .to_str()
        .unwrap()
        .to_owned();
    let (status, body) = json(response).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (413, Some("PAYLOAD_TOO_LARGE"))
    );
    assert_eq!(body["requestId"], header);
});

db_test!(a_text_plain_body_is_415, |app: TestApp| async move {
    let response = app
        .request(Method::POST, "/api/v1/auth/login")
        .header("content-type", "text/plain")
        .body("email=a")
        .send()
        .await
        .unwrap();
    let header = response.headers()["x-request-id"]
        .to_str()
        .unwrap()
        .to_owned();
    let (status, body) = json(response).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (415, Some("UNSUPPORTED_MEDIA_TYPE"))
    );
    assert_eq!(body["requestId"], header);
});

db_test!(
    a_value_of_the_wrong_type_is_a_validation_error_naming_the_field,
    |app: TestApp| async move {
        let (status, body) = json(
            app.post_json("/api/v1/auth/login", &serde_json::json!({"email": 5}))
                .await,
        )
        .await;
        assert_eq!(
            (status, body["code"].as_str()),
            (400, Some("VALIDATION_ERROR"))
        );
        assert_eq!(body["details"][0]["field"], "email");
    }
);

db_test!(
    the_first_admin_exists_and_can_sign_in,
    |app: TestApp| async move {
        let login = serde_json::json!({"email": basma_e2e::harness::ADMIN_EMAIL, "password": basma_e2e::harness::ADMIN_PASSWORD});
        let (status, body) = json(app.post_json("/api/v1/auth/login", &login).await).await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(body["data"]["user"]["role"], "SUPER_ADMIN");
        assert_eq!(body["data"]["tokenType"], "Bearer");
    }
);

db_test!(
    cors_allows_a_configured_origin,
    |_app: TestApp| async move {
        let app = TestApp::spawn_with(basma_e2e::harness::Backend::Sqlite, |vars| {
            vars.insert(
                "BASMA_CORS_ORIGINS".into(),
                "https://app.basma.example".into(),
            );
        })
        .await;
        let response = app
            .request(Method::GET, "/health")
            .header("origin", "https://app.basma.example")
            .send()
            .await
            .unwrap();
        assert_eq!(
            response.headers()["access-control-allow-origin"],
            "https://app.basma.example"
        );
    }
);
