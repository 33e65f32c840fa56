//! Resuming after a reconnect: the missed visible events, in order, then live ones.

use super::scene::{QUIET, Scene, WAIT, socket};
use basma_e2e::db_test;
use basma_e2e::harness::TestApp;
use reqwest::Method;
use serde_json::json;

db_test!(
    a_reconnecting_client_resumes_with_exactly_the_missed_visible_events_then_live_ones,
    |app: TestApp| async move {
        let scene = Scene::new(&app).await;
        let (tech_id, _) = app.user_with_role("TECHNICIAN").await;
        let (_, customer) = app.user_with_role("CUSTOMER").await;
        let (_, stranger) = app.user_with_role("CUSTOMER").await;
        let mut ws = socket(&app, &customer).await;
        let request = scene.request(&app, &customer, false).await;
        let id = request["id"].as_str().unwrap().to_owned();
        let created = ws.next_of("request.created", WAIT).await.expect("created");
        let last_seen = created["id"].as_i64().unwrap();
        drop(ws);

        // Three changes the customer may see, and two they may not.
        scene.comment(&app, &scene.admin, &id, false).await;
        scene.comment(&app, &scene.admin, &id, true).await;
        scene.assign(&app, &id, &tech_id).await;
        scene.request(&app, &stranger, false).await;
        let path = format!("/api/v1/requests/{id}/status");
        let (status, _) = app
            .authed(
                Method::PATCH,
                &path,
                &scene.admin,
                Some(&json!({"status": "IN_PROGRESS"})),
            )
            .await;
        assert_eq!(status, 200);

        let mut ws = socket(&app, &customer).await;
        ws.send_json(&json!({"type": "resume", "lastEventId": last_seen}))
            .await;
        // An id may come twice (the look-back for late commits), never be skipped: the
        // client drops what it already has, here the `created` frame.
        let (again, replayed): (Vec<_>, Vec<_>) = ws
            .request_events(QUIET)
            .await
            .into_iter()
            .partition(|e| e["id"].as_i64().unwrap() <= last_seen);
        assert!(
            again
                .iter()
                .all(|e| e["id"] == created["id"] && e["type"] == created["type"]),
            "{again:?}"
        );
        let kinds: Vec<&str> = replayed
            .iter()
            .map(|e| e["type"].as_str().unwrap())
            .collect();
        assert_eq!(
            kinds,
            [
                "request.comment_added",
                "request.assigned",
                "request.status_changed"
            ]
        );
        let ids: Vec<i64> = replayed.iter().map(|e| e["id"].as_i64().unwrap()).collect();
        assert!(
            ids.windows(2).all(|w| w[0] < w[1]) && ids[0] > last_seen,
            "{ids:?}"
        );
        assert!(
            replayed
                .iter()
                .all(|e| e["data"]["requestId"] == id.as_str())
        );

        scene.comment(&app, &scene.admin, &id, false).await;
        let live = ws.request_events(QUIET).await;
        assert_eq!(live.len(), 1, "{live:?}");
        assert!(live[0]["id"].as_i64().unwrap() > *ids.last().unwrap());
    }
);

db_test!(ping_is_answered_with_pong, |app: TestApp| async move {
    let (_, token) = app.user_with_role("CUSTOMER").await;
    let mut ws = socket(&app, &token).await;
    ws.send_json(&json!({"type": "ping"})).await;
    let pong = ws.next_json(WAIT).await.expect("pong");
    assert_eq!(pong["type"], "pong");
});
