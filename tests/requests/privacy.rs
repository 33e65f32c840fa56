//! What a user may not see answers 404 on every `/{id}` route and changes nothing; internal
//! comments never reach a customer, whether through the detail, the timeline or the list.

use super::world::{CUST1, SUPER, TECH1, TECH2, World, world};
use basma_e2e::db_test;
use basma_e2e::harness::TestApp;
use basma_e2e::harness::fixtures::Person;
use reqwest::Method;
use serde_json::{Value, json};

/// Every route under `/requests/{id}`, with a body that would be valid.
fn routes(id: &str, technician: &str) -> Vec<(Method, String, Option<Value>)> {
    let base = format!("/api/v1/requests/{id}");
    vec![
        (Method::GET, base.clone(), None),
        (
            Method::PATCH,
            base.clone(),
            Some(json!({"title": "Not yours to edit"})),
        ),
        (Method::DELETE, base.clone(), None),
        (
            Method::PATCH,
            format!("{base}/status"),
            Some(json!({"status": "CANCELLED"})),
        ),
        (
            Method::PATCH,
            format!("{base}/status"),
            Some(json!({"status": "IN_PROGRESS", "reason": "Again"})),
        ),
        (
            Method::POST,
            format!("{base}/assign"),
            Some(json!({"technicianId": technician})),
        ),
        (Method::POST, format!("{base}/unassign"), None),
        (Method::POST, format!("{base}/self-assign"), None),
        (Method::GET, format!("{base}/comments"), None),
        (
            Method::POST,
            format!("{base}/comments"),
            Some(json!({"body": "Hello?"})),
        ),
        (
            Method::POST,
            format!("{base}/comments"),
            Some(json!({"body": "Hello?", "internal": true})),
        ),
        (
            Method::POST,
            format!("{base}/rating"),
            Some(json!({"score": 5})),
        ),
        (Method::GET, format!("{base}/events"), None),
        // Broken input on top: visibility is decided first, so these are 404 as well.
        (Method::PATCH, base.clone(), Some(json!({"title": "x"}))),
        (
            Method::PATCH,
            format!("{base}/status"),
            Some(json!({"status": "REJECTED"})),
        ),
        (
            Method::POST,
            format!("{base}/assign"),
            Some(json!({"technicianId": "nobody"})),
        ),
        (
            Method::POST,
            format!("{base}/comments"),
            Some(json!({"body": ""})),
        ),
        (
            Method::POST,
            format!("{base}/rating"),
            Some(json!({"score": 9})),
        ),
    ]
}

/// An error answer without its request id, to compare two answers.
fn without_id(mut answer: Value) -> Value {
    answer["requestId"] = Value::Null;
    answer
}

/// Versions and timelines of every request, as their requesters read them.
async fn snapshot(app: &TestApp, w: &World) -> Vec<(Value, usize)> {
    let mut out = Vec::new();
    for r in &w.requests {
        let requester = w
            .viewers
            .iter()
            .find(|v| r["requesterId"] == v.id.as_str())
            .unwrap();
        let id = r["id"].as_str().unwrap();
        let path = format!("/api/v1/requests/{id}");
        let now = app
            .expect(Method::GET, &path, &requester.token, None, 200)
            .await;
        out.push((
            now["version"].clone(),
            app.events_of(&requester.token, id).await.len(),
        ));
    }
    out
}

db_test!(
    every_route_of_a_request_the_caller_may_not_see_answers_404_and_changes_nothing,
    |app: TestApp| async move {
        let w = world(&app).await;
        let before = snapshot(&app, &w).await;
        let technician = &w.viewers[TECH1].id;
        let mut checked = 0;
        let mut failures = Vec::new();
        let unknown = uuid::Uuid::now_v7().to_string();
        for viewer in &w.viewers {
            // What a request that does not exist answers, route by route.
            let mut nothing = Vec::new();
            for (method, path, body) in routes(&unknown, technician) {
                let (status, answer) = app
                    .authed(method, &path, &viewer.token, body.as_ref())
                    .await;
                assert_eq!(status, 404, "{path}: {answer}");
                nothing.push(without_id(answer));
            }
            for r in w.hidden(viewer) {
                let id = r["id"].as_str().unwrap();
                for ((method, path, body), absent) in
                    routes(id, technician).into_iter().zip(&nothing)
                {
                    checked += 1;
                    let (status, answer) = app
                        .authed(method.clone(), &path, &viewer.token, body.as_ref())
                        .await;
                    // Indistinguishable from a request that does not exist, message included.
                    if (status, &without_id(answer.clone())) != (404, absent) {
                        failures.push(format!(
                            "{} {method} {path}: {status} {answer}",
                            viewer.role
                        ));
                    }
                }
            }
        }
        eprintln!(
            "privacy on {:?}: {checked} hidden (viewer, request, route) answers",
            app.backend
        );
        assert!(failures.is_empty(), "{}", failures.join("\n"));
        assert_eq!(
            snapshot(&app, &w).await,
            before,
            "a refused call changed a request"
        );
    }
);

/// Everything `customer` can read about request `id`, as one text.
async fn all_a_customer_reads(app: &TestApp, customer: &Person, id: &str) -> (Value, Value, Value) {
    let base = format!("/api/v1/requests/{id}");
    let detail = app
        .expect(Method::GET, &base, &customer.token, None, 200)
        .await;
    let events = app
        .expect(
            Method::GET,
            &format!("{base}/events"),
            &customer.token,
            None,
            200,
        )
        .await;
    let comments = app
        .expect(
            Method::GET,
            &format!("{base}/comments"),
            &customer.token,
            None,
            200,
        )
        .await;
    (detail, events, comments)
}

db_test!(
    internal_comments_never_reach_a_customer_through_detail_timeline_or_comment_list,
    |app: TestApp| async move {
        let w = world(&app).await;
        let customer = &w.viewers[CUST1];
        let staff = [&w.viewers[SUPER], &w.viewers[TECH2]];
        // The customer's request in progress with TECH2.
        let request = w
            .requests
            .iter()
            .find(|r| r["status"] == "IN_PROGRESS")
            .unwrap();
        let id = request["id"].as_str().unwrap();
        let path = format!("/api/v1/requests/{id}/comments");
        for (n, author) in staff.iter().enumerate() {
            let secret =
                json!({"body": format!("STAFF-ONLY-{n} the tenant was rude"), "internal": true});
            let created = app
                .expect(Method::POST, &path, &author.token, Some(&secret), 201)
                .await;
            assert_eq!(created["internal"], true, "{created}");
            let public = json!({"body": format!("We will come on Sunday ({n})")});
            app.expect(Method::POST, &path, &author.token, Some(&public), 201)
                .await;
        }
        let reply = json!({"body": "Thank you, Sunday suits me"});
        app.expect(Method::POST, &path, &customer.token, Some(&reply), 201)
            .await;

        let (detail, events, comments) = all_a_customer_reads(&app, customer, id).await;
        for (what, value) in [
            ("detail", &detail),
            ("events", &events),
            ("comments", &comments),
        ] {
            assert!(
                !value.to_string().contains("STAFF-ONLY"),
                "{what} leaks: {value}"
            );
        }
        let internal = |v: &Value| {
            v.as_array()
                .unwrap()
                .iter()
                .filter(|e| e["internal"] == true)
                .count()
        };
        assert_eq!(comments.as_array().unwrap().len(), 3, "{comments}");
        assert_eq!(internal(&comments), 0);
        assert_eq!(internal(&events), 0, "{events}");
        assert_eq!(detail["timeline"]["comments"], comments);
        assert_eq!(detail["timeline"]["events"], events);
        let commented = |v: &Value| {
            v.as_array()
                .unwrap()
                .iter()
                .filter(|e| e["kind"] == "COMMENTED")
                .count()
        };
        assert_eq!(commented(&events), 3, "{events}");

        // Staff who can see the request see both kinds.
        for member in staff {
            let all = app
                .expect(Method::GET, &path, &member.token, None, 200)
                .await;
            assert_eq!(
                (all.as_array().unwrap().len(), internal(&all)),
                (5, 2),
                "{} {all}",
                member.role
            );
            let timeline = app.events_of(&member.token, id).await;
            assert_eq!(timeline.iter().filter(|e| e["internal"] == true).count(), 2);
        }
        // The list carries no comments at all, only the request.
        let listed = app.list_all(&customer.token, "").await;
        assert!(!Value::from(listed).to_string().contains("STAFF-ONLY"));
    }
);
