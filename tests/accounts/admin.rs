//! User administration and what it does to sessions.

use basma_e2e::db_test;
use basma_e2e::harness::{TestApp, json};
use reqwest::Method;
use serde_json::json;
use std::time::Duration;

db_test!(
    super_admin_only_routes_are_refused_for_the_other_four_roles,
    |app: TestApp| async move {
        let (tech_id, _) = app.user_with_role("TECHNICIAN").await;
        for role in ["MAINTENANCE_ADMIN", "BASMA_ADMIN", "TECHNICIAN", "CUSTOMER"] {
            let (_, token) = app.user_with_role(role).await;
            let create = json!({"name": "X", "email": format!("x-{role}@basma.test"), "role": "CUSTOMER", "password": "Passw0rd-x"});
            let (status, _) = app
                .authed(Method::POST, "/api/v1/users", &token, Some(&create))
                .await;
            assert_eq!(status, 403, "{role} creates users");
            let (status, _) = app
                .authed(
                    Method::PATCH,
                    &format!("/api/v1/users/{tech_id}"),
                    &token,
                    Some(&json!({"name": "Y"})),
                )
                .await;
            assert_eq!(status, 403, "{role} edits users");
            let (status, _) = app
                .authed(
                    Method::DELETE,
                    &format!("/api/v1/users/{tech_id}"),
                    &token,
                    None,
                )
                .await;
            assert_eq!(status, 403, "{role} deactivates users");
            let (status, list) = app.authed(Method::GET, "/api/v1/users", &token, None).await;
            if role == "MAINTENANCE_ADMIN" {
                assert_eq!(status, 200);
                assert!(
                    list["data"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .all(|u| u["role"] == "TECHNICIAN"),
                    "{list}"
                );
            } else {
                assert_eq!(status, 403, "{role} lists users");
            }
        }
        let (_, no_auth) = json(app.get("/api/v1/users").await).await;
        assert_eq!(no_auth["code"], "UNAUTHENTICATED");
    }
);

db_test!(
    a_deactivated_users_token_stops_working_within_the_cache_window,
    |app: TestApp| async move {
        let admin = app.admin_token().await;
        let (id, token) = app.user_with_role("TECHNICIAN").await;
        assert_eq!(
            app.authed(Method::GET, "/api/v1/auth/me", &token, None)
                .await
                .0,
            200
        );
        let (status, body) = app
            .authed(Method::DELETE, &format!("/api/v1/users/{id}"), &admin, None)
            .await;
        assert_eq!(
            (status, body["data"]["active"].as_bool()),
            (200, Some(false))
        );
        tokio::time::sleep(Duration::from_millis(2100)).await;
        let (status, _) = app
            .authed(Method::GET, "/api/v1/auth/me", &token, None)
            .await;
        assert_eq!(status, 401);
    }
);

db_test!(
    demoting_or_deactivating_the_last_super_admin_is_409,
    |app: TestApp| async move {
        let admin = app.admin_token().await;
        let me = app
            .authed(Method::GET, "/api/v1/auth/me", &admin, None)
            .await
            .1;
        let id = me["data"]["id"].as_str().unwrap().to_owned();
        let (status, body) = app
            .authed(
                Method::PATCH,
                &format!("/api/v1/users/{id}"),
                &admin,
                Some(&json!({"role": "CUSTOMER"})),
            )
            .await;
        assert_eq!((status, body["code"].as_str()), (409, Some("CONFLICT")));
        let (status, _) = app
            .authed(Method::DELETE, &format!("/api/v1/users/{id}"), &admin, None)
            .await;
        assert_eq!(status, 409);
    }
);
