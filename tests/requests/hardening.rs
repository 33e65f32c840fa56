//! Holes an outside review found in the request routes (issue 11, items 8, 9 and 13):
//! unbounded search text, a hidden request revealed by self-assign, and stale versions
//! reported as something else than `VERSION_CONFLICT`.

use basma_e2e::db_test;
use basma_e2e::harness::TestApp;
use basma_e2e::harness::fixtures::{Place, urlencode};
use reqwest::Method;
use serde_json::{Value, json};

async fn place(app: &TestApp, admin: &str) -> Place {
    let site = app.site(admin, 1).await;
    Place {
        building: site.buildings[0].clone(),
        category: app.category(admin, "ELECTRICAL").await,
    }
}

db_test!(
    a_search_text_over_200_characters_is_a_400_naming_q_on_every_list,
    |app: TestApp| async move {
        let admin = app.admin_token().await;
        let paths = [
            "/api/v1/requests",
            "/api/v1/users",
            "/api/v1/reports/requests.csv",
        ];
        for path in paths {
            for q in ["x".repeat(50_001), "ب".repeat(201)] {
                let url = format!("{path}?q={}", urlencode(&q));
                let (status, body) = app.authed(Method::GET, &url, &admin, None).await;
                assert_eq!(
                    (status, body["code"].as_str()),
                    (400, Some("VALIDATION_ERROR")),
                    "{path} with {} characters: {body}",
                    q.chars().count()
                );
                assert_eq!(body["details"][0]["field"], "q", "{body}");
                assert_eq!(body["details"].as_array().unwrap().len(), 1, "{body}");
            }
            // 200 characters (400 bytes of Arabic) are still a search.
            let url = format!("{path}?q={}", urlencode(&"ب".repeat(200)));
            let response = app
                .request(Method::GET, &url)
                .bearer_auth(&admin)
                .send()
                .await
                .unwrap();
            assert_eq!(response.status().as_u16(), 200, "{path}");
        }
    }
);

/// The answer without what differs between any two answers (the request id).
fn shape(mut body: Value) -> Value {
    if let Some(map) = body.as_object_mut() {
        map.remove("requestId");
    }
    body
}

db_test!(
    self_assign_of_a_request_held_by_another_technician_answers_exactly_like_a_random_id,
    |app: TestApp| async move {
        let admin = app.admin_token().await;
        let place = place(&app, &admin).await;
        let customer = app.person(&admin, "CUSTOMER", &[]).await;
        let holder = app.person(&admin, "TECHNICIAN", &[]).await;
        let other = app.person(&admin, "TECHNICIAN", &[]).await;
        let random = format!("/api/v1/requests/{}/self-assign", uuid::Uuid::new_v4());
        let (status, unknown) = app.authed(Method::POST, &random, &other.token, None).await;
        assert_eq!((status, unknown["code"].as_str()), (404, Some("NOT_FOUND")));

        for held in ["ASSIGNED", "IN_PROGRESS", "COMPLETED"] {
            let request = app
                .request_in(&admin, &customer.token, &place, held, Some(&holder.id))
                .await;
            let path = format!(
                "/api/v1/requests/{}/self-assign",
                request["id"].as_str().unwrap()
            );
            let (status, hidden) = app.authed(Method::POST, &path, &other.token, None).await;
            assert_eq!(status, 404, "{held}: {hidden}");
            assert_eq!(shape(hidden), shape(unknown.clone()), "{held}");
        }
    }
);

db_test!(
    every_request_route_answers_a_hidden_request_like_a_random_id,
    |app: TestApp| async move {
        let admin = app.admin_token().await;
        let place = place(&app, &admin).await;
        let customer = app.person(&admin, "CUSTOMER", &[]).await;
        let holder = app.person(&admin, "TECHNICIAN", &[]).await;
        let other = app.person(&admin, "TECHNICIAN", &[]).await;
        let request = app
            .request_in(
                &admin,
                &customer.token,
                &place,
                "ASSIGNED",
                Some(&holder.id),
            )
            .await;
        let hidden = format!("/api/v1/requests/{}", request["id"].as_str().unwrap());
        let random = format!("/api/v1/requests/{}", uuid::Uuid::new_v4());
        let calls: [(Method, &str, Option<Value>); 11] = [
            (Method::GET, "", None),
            (
                Method::PATCH,
                "",
                Some(json!({"title": "A new title", "version": 2})),
            ),
            (Method::DELETE, "?version=2", None),
            (
                Method::PATCH,
                "/status",
                Some(json!({"status": "IN_PROGRESS", "version": 2})),
            ),
            (
                Method::POST,
                "/assign",
                Some(json!({"technicianId": other.id})),
            ),
            (Method::POST, "/self-assign", None),
            (Method::POST, "/unassign", Some(json!({}))),
            (Method::GET, "/comments", None),
            (Method::POST, "/comments", Some(json!({"body": "Hello"}))),
            (Method::POST, "/rating", Some(json!({"score": 5}))),
            (Method::GET, "/events", None),
        ];
        for (method, suffix, body) in calls {
            let seen = app
                .authed(
                    method.clone(),
                    &format!("{hidden}{suffix}"),
                    &other.token,
                    body.as_ref(),
                )
                .await;
            let unknown = app
                .authed(
                    method.clone(),
                    &format!("{random}{suffix}"),
                    &other.token,
                    body.as_ref(),
                )
                .await;
            assert_eq!(
                (seen.0, shape(seen.1)),
                (unknown.0, shape(unknown.1)),
                "{method} {suffix}"
            );
        }
    }
);

db_test!(
    a_stale_version_is_a_version_conflict_even_where_the_move_is_invalid_now,
    |app: TestApp| async move {
        let admin = app.admin_token().await;
        let place = place(&app, &admin).await;
        let customer = app.person(&admin, "CUSTOMER", &[]).await;
        let technician = app.person(&admin, "TECHNICIAN", &[]).await;
        let created = app
            .new_request(&customer.token, &place, "Sparks from the socket", json!({}))
            .await;
        let id = created["id"].as_str().unwrap();
        let stale = created["version"].as_i64().unwrap();
        app.assign_to(&admin, id, &technician.id).await;
        let path = format!("/api/v1/requests/{id}");
        // Each of these is also not allowed from ASSIGNED (for that caller).
        let calls = [
            (
                &admin,
                Method::PATCH,
                format!("{path}/status"),
                Some(json!({"status": "CLOSED", "version": stale})),
            ),
            (
                &customer.token,
                Method::PATCH,
                format!("{path}/status"),
                Some(json!({"status": "CANCELLED", "version": stale})),
            ),
            (
                &customer.token,
                Method::PATCH,
                path.clone(),
                Some(json!({"title": "Sparks and smoke", "version": stale})),
            ),
            (
                &customer.token,
                Method::DELETE,
                format!("{path}?version={stale}"),
                None,
            ),
        ];
        for (token, method, url, body) in &calls {
            let (status, answer) = app.authed(method.clone(), url, token, body.as_ref()).await;
            assert_eq!(
                (status, answer["code"].as_str()),
                (409, Some("VERSION_CONFLICT")),
                "{method} {url} {body:?}: {answer}"
            );
        }
        // With the current version the same move is what it is: an invalid transition.
        let current = app.expect(Method::GET, &path, &admin, None, 200).await;
        let body = json!({"status": "CLOSED", "version": current["version"]});
        let (status, answer) = app
            .authed(
                Method::PATCH,
                &format!("{path}/status"),
                &admin,
                Some(&body),
            )
            .await;
        assert_eq!(
            (status, answer["code"].as_str()),
            (409, Some("INVALID_TRANSITION")),
            "{answer}"
        );
    }
);
