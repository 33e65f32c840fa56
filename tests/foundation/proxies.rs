//! Clients behind a load balancer (issue 11, item 15): `X-Forwarded-For` and `Forwarded` are
//! believed only from the peers in `BASMA_TRUSTED_PROXIES`, and the client they name is what
//! the rate limits and the session record use.

use basma_e2e::db_test;
use basma_e2e::harness::{ADMIN_EMAIL, ADMIN_PASSWORD, TestApp, json};
use reqwest::Method;
use serde_json::json;

/// `POST /auth/forgot-password` with extra headers; returns the status.
async fn forgot(app: &TestApp, headers: &[(&str, &str)]) -> u16 {
    let mut request = app
        .request(Method::POST, "/api/v1/auth/forgot-password")
        .json(&json!({"email": "nobody@basma.test"}));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    request.send().await.expect("sent").status().as_u16()
}

/// Logs in as the admin with extra headers and returns the IP the new session recorded.
async fn session_ip(app: &TestApp, headers: &[(&str, &str)]) -> serde_json::Value {
    let mut request = app
        .request(Method::POST, "/api/v1/auth/login")
        .json(&json!({"email": ADMIN_EMAIL, "password": ADMIN_PASSWORD}));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let (status, body) = json(request.send().await.expect("sent")).await;
    assert_eq!(status, 200, "{body}");
    let token = body["data"]["accessToken"].as_str().expect("token");
    let (status, sessions) = app
        .authed(Method::GET, "/api/v1/auth/sessions", token, None)
        .await;
    assert_eq!(status, 200, "{sessions}");
    let current = sessions["data"]
        .as_array()
        .expect("sessions")
        .iter()
        .find(|s| s["current"] == true)
        .cloned()
        .expect("current session");
    current["ip"].clone()
}

db_test!(
    forwarded_headers_from_an_untrusted_peer_cannot_dodge_the_rate_limit,
    vars = [("BASMA_AUTH_RATE_LIMIT_PER_MINUTE", "5")],
    |app: TestApp| async move {
        // Two calls of the auth bucket (login, sessions), then three more before the limit.
        assert_eq!(
            session_ip(&app, &[("x-forwarded-for", "203.0.113.9")]).await,
            "127.0.0.1"
        );
        let spoofs = [
            ("x-forwarded-for", "198.51.100.1"),
            ("x-forwarded-for", "198.51.100.2, 198.51.100.3"),
            ("forwarded", "for=198.51.100.4"),
            ("x-forwarded-for", "198.51.100.5"),
        ];
        let mut statuses = Vec::new();
        for header in spoofs {
            statuses.push(forgot(&app, &[header]).await);
        }
        assert_eq!(statuses, [200, 200, 200, 429]);
    }
);

db_test!(
    behind_a_trusted_proxy_each_forwarded_client_has_its_own_rate_limit_bucket,
    vars = [
        ("BASMA_AUTH_RATE_LIMIT_PER_MINUTE", "3"),
        ("BASMA_TRUSTED_PROXIES", "127.0.0.1/32, 10.0.0.0/8"),
    ],
    |app: TestApp| async move {
        let first = [("x-forwarded-for", "198.51.100.1")];
        for _ in 0..3 {
            assert_eq!(forgot(&app, &first).await, 200);
        }
        assert_eq!(forgot(&app, &first).await, 429);
        // The right-most address that is not a trusted proxy is the client: a spoofed
        // left-most entry changes nothing, a second client has a bucket of its own.
        let spoofed = [("x-forwarded-for", "203.0.113.77, 198.51.100.1, 10.1.2.3")];
        assert_eq!(forgot(&app, &spoofed).await, 429);
        let second = [("x-forwarded-for", "203.0.113.77, 198.51.100.2, 10.1.2.3")];
        assert_eq!(forgot(&app, &second).await, 200);
        let third = [(
            "forwarded",
            "for=\"[2001:db8::7]:4711\";proto=https, for=10.0.0.1",
        )];
        assert_eq!(forgot(&app, &third).await, 200);
    }
);

db_test!(
    behind_a_trusted_proxy_the_session_records_the_forwarded_client,
    vars = [("BASMA_TRUSTED_PROXIES", "127.0.0.1/32")],
    |app: TestApp| async move {
        assert_eq!(
            session_ip(&app, &[("x-forwarded-for", "203.0.113.9")]).await,
            "203.0.113.9"
        );
        assert_eq!(
            session_ip(&app, &[("forwarded", "for=198.51.100.20;proto=https")]).await,
            "198.51.100.20"
        );
        // No header: the peer itself.
        assert_eq!(session_ip(&app, &[]).await, "127.0.0.1");
    }
);
