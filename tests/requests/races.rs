//! Concurrency: one winner among technicians racing for a request, gap-free references
//! under concurrent creation, and optimistic versions refusing stale writes.

use basma_e2e::db_test;
use basma_e2e::harness::TestApp;
use basma_e2e::harness::fixtures::{Person, Place};
use chrono::Datelike;
use futures_util::future::join_all;
use reqwest::Method;
use serde_json::{Value, json};

async fn place(app: &TestApp, admin: &str) -> Place {
    let site = app.site(admin, 1).await;
    Place {
        building: site.buildings[0].clone(),
        category: app.category(admin, "HVAC").await,
    }
}

db_test!(
    twenty_technicians_self_assigning_one_request_at_once_give_one_winner_and_nineteen_losers,
    |app: TestApp| async move {
        let admin = app.admin_token().await;
        let place = place(&app, &admin).await;
        let customer = app.person(&admin, "CUSTOMER", &[]).await;
        let technicians: Vec<Person> =
            join_all((0..20).map(|_| app.person(&admin, "TECHNICIAN", &[]))).await;
        let created = app
            .new_request(
                &customer.token,
                &place,
                "Air conditioner blows hot air",
                json!({}),
            )
            .await;
        let id = created["id"].as_str().unwrap();
        let path = format!("/api/v1/requests/{id}/self-assign");
        let answers = join_all(
            technicians
                .iter()
                .map(|t| app.authed(Method::POST, &path, &t.token, None)),
        )
        .await;
        let winners: Vec<_> = answers
            .iter()
            .zip(&technicians)
            .filter(|((status, _), _)| *status == 200)
            .collect();
        // A loser that read the request while it was available gets 409; one that reads it
        // after the winner committed can no longer see it, so it answers like an unknown id.
        let losers = answers
            .iter()
            .filter(|(status, body)| {
                (*status == 409 && body["code"] == "CONFLICT")
                    || (*status == 404 && body["code"] == "NOT_FOUND")
            })
            .count();
        assert_eq!((winners.len(), losers), (1, 19), "{answers:?}");
        let ((_, won), winner) = winners[0];
        assert_eq!(won["data"]["assigneeId"], winner.id.as_str());

        let now = app
            .expect(
                Method::GET,
                &format!("/api/v1/requests/{id}"),
                &admin,
                None,
                200,
            )
            .await;
        assert_eq!(
            (now["status"].as_str(), now["assigneeId"].as_str()),
            (Some("ASSIGNED"), Some(winner.id.as_str()))
        );
        assert_eq!(
            now["version"],
            created["version"].as_i64().unwrap() + 1,
            "{now}"
        );
        let events = app.events_of(&admin, id).await;
        let assigned: Vec<_> = events.iter().filter(|e| e["kind"] == "ASSIGNED").collect();
        assert_eq!(assigned.len(), 1, "{events:?}");
        assert_eq!(assigned[0]["technicianId"], winner.id.as_str());
        assert_eq!(events.len(), 2, "CREATED and ASSIGNED only: {events:?}");
    }
);

db_test!(
    fifty_concurrent_creates_get_fifty_distinct_consecutive_references,
    |app: TestApp| async move {
        let admin = app.admin_token().await;
        let place = place(&app, &admin).await;
        let people: Vec<Person> =
            join_all((0..5).map(|_| app.person(&admin, "CUSTOMER", &[]))).await;
        let created: Vec<Value> = join_all((0..50).map(|n| {
            let (app, people, place) = (&app, &people, &place);
            async move {
                let title = format!("Request {n}");
                let extra = json!({"draft": n % 7 == 0});
                app.new_request(&people[n % 5].token, place, &title, extra)
                    .await
            }
        }))
        .await;
        let year = chrono::Utc::now().year();
        let mut numbers: Vec<u32> = created
            .iter()
            .map(|r| {
                let reference = r["reference"].as_str().unwrap();
                let (prefix, number) = reference.rsplit_once('-').unwrap();
                assert_eq!(prefix, format!("MR-{year}"), "{reference}");
                assert_eq!(number.len(), 6, "{reference}");
                number.parse().unwrap()
            })
            .collect();
        numbers.sort_unstable();
        assert_eq!(
            numbers,
            (1..=50).collect::<Vec<u32>>(),
            "gap-free from 1 in a fresh year"
        );
    }
);

db_test!(
    a_stale_version_is_refused_with_409_version_conflict_and_changes_nothing,
    |app: TestApp| async move {
        let admin = app.admin_token().await;
        let place = place(&app, &admin).await;
        let customer = app.person(&admin, "CUSTOMER", &[]).await;
        let created = app
            .new_request(&customer.token, &place, "Broken thermostat", json!({}))
            .await;
        let id = created["id"].as_str().unwrap();
        let path = format!("/api/v1/requests/{id}");
        let v1 = created["version"].as_i64().unwrap();
        let edited = app
            .expect(
                Method::PATCH,
                &path,
                &admin,
                Some(&json!({"title": "Broken thermostat, hall", "version": v1})),
                200,
            )
            .await;
        assert_eq!(edited["version"], v1 + 1);
        let before = app.expect(Method::GET, &path, &admin, None, 200).await;
        let events = app.events_of(&admin, id).await.len();

        let stale = [
            (
                Method::PATCH,
                path.clone(),
                json!({"title": "Someone else's idea", "version": v1}),
            ),
            (
                Method::PATCH,
                path.clone(),
                json!({"priority": "URGENT", "version": v1}),
            ),
            (
                Method::PATCH,
                format!("{path}/status"),
                json!({"status": "CANCELLED", "version": v1}),
            ),
            (
                Method::PATCH,
                format!("{path}/status"),
                json!({"status": "REJECTED", "reason": "Dup", "version": v1}),
            ),
        ];
        for (method, url, body) in stale {
            let token = if url.ends_with("status") && body["status"] == "CANCELLED" {
                &customer.token
            } else {
                &admin
            };
            let (status, answer) = app.authed(method, &url, token, Some(&body)).await;
            assert_eq!(
                (status, answer["code"].as_str()),
                (409, Some("VERSION_CONFLICT")),
                "{body}: {answer}"
            );
        }
        let after = app.expect(Method::GET, &path, &admin, None, 200).await;
        assert_eq!(after, before, "a stale write changed the request");
        assert_eq!(app.events_of(&admin, id).await.len(), events);

        // Ten writers holding the same version: the conditional update lets exactly one in.
        let v2 = after["version"].as_i64().unwrap();
        let bodies: Vec<Value> = (0..10)
            .map(|n| json!({"title": format!("Writer {n} was here"), "version": v2}))
            .collect();
        let answers = join_all(
            bodies
                .iter()
                .map(|b| app.authed(Method::PATCH, &path, &admin, Some(b))),
        )
        .await;
        let ok = answers.iter().filter(|(s, _)| *s == 200).count();
        let conflicts = answers
            .iter()
            .filter(|(s, b)| *s == 409 && b["code"] == "VERSION_CONFLICT")
            .count();
        assert_eq!((ok, conflicts), (1, 9), "{answers:?}");
        let last = app.expect(Method::GET, &path, &admin, None, 200).await;
        assert_eq!(last["version"], v2 + 1);
        assert_eq!(app.events_of(&admin, id).await.len(), events + 1);

        // A draft deleted with a stale version stays.
        let draft = app
            .new_request(
                &customer.token,
                &place,
                "Draft to keep",
                json!({"draft": true}),
            )
            .await;
        let draft_path = format!("/api/v1/requests/{}", draft["id"].as_str().unwrap());
        let stale_delete = format!(
            "{draft_path}?version={}",
            draft["version"].as_i64().unwrap() + 5
        );
        let (status, answer) = app
            .authed(Method::DELETE, &stale_delete, &customer.token, None)
            .await;
        assert_eq!(
            (status, answer["code"].as_str()),
            (409, Some("VERSION_CONFLICT")),
            "{answer}"
        );
        app.expect(Method::GET, &draft_path, &customer.token, None, 200)
            .await;
    }
);
