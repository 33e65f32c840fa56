//! Issue 11 item 7: the `request.assigned` frame that tells the other technicians a request is
//! taken carries only the request id and that it is taken, live and on `resume`; the assignee
//! and the staff who may see the request still get the whole frame, note included.

use super::scene::{QUIET, Scene, WAIT, socket};
use basma_e2e::db_test;
use basma_e2e::harness::TestApp;
use serde_json::{Value, json};

const NOTE: &str = "Door code 4711, key under the mat";

/// The keys of a frame's `data`, sorted.
fn data_keys(frame: &Value) -> Vec<String> {
    let mut keys: Vec<String> = frame["data"]
        .as_object()
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default();
    keys.sort();
    keys
}

fn assert_minimal(frame: &Value, request_id: &str) {
    assert_eq!(frame["type"], "request.assigned", "{frame}");
    assert_eq!(data_keys(frame), ["requestId", "taken"], "{frame}");
    assert_eq!(frame["data"]["requestId"], request_id);
    assert_eq!(frame["data"]["taken"], true);
    assert!(!frame.to_string().contains("4711"), "{frame}");
}

db_test!(
    other_technicians_learn_only_that_a_request_is_taken_not_its_note,
    |app: TestApp| async move {
        let scene = Scene::new(&app).await;
        let (assignee_id, assignee) = app.user_with_role("TECHNICIAN").await;
        let (_, other) = app.user_with_role("TECHNICIAN").await;
        let (_, customer) = app.user_with_role("CUSTOMER").await;
        let mut other_ws = socket(&app, &other).await;
        let mut assignee_ws = socket(&app, &assignee).await;
        let mut admin_ws = socket(&app, &scene.admin).await;
        let request = scene.request(&app, &customer, false).await;
        let id = request["id"].as_str().unwrap().to_owned();
        let created = other_ws
            .next_of("request.created", WAIT)
            .await
            .expect("available to every technician");
        let before = created["id"].as_i64().unwrap() - 1;

        scene
            .assign_with(
                &app,
                &id,
                &json!({"technicianId": assignee_id, "note": NOTE}),
            )
            .await;

        let taken = other_ws
            .next_of("request.assigned", WAIT)
            .await
            .expect("the other technician is told it is taken");
        assert_minimal(&taken, &id);
        for ws in [&mut assignee_ws, &mut admin_ws] {
            let full = ws
                .next_of("request.assigned", WAIT)
                .await
                .expect("the whole frame");
            assert_eq!(full["data"]["note"], NOTE, "{full}");
            assert_eq!(full["data"]["technicianId"], assignee_id.as_str());
            assert_eq!(full["id"], taken["id"]);
        }

        // The same on a resume: the replayed frame is the minimal one.
        drop(other_ws);
        let mut other_ws = socket(&app, &other).await;
        other_ws
            .send_json(&json!({"type": "resume", "lastEventId": before}))
            .await;
        let replayed = other_ws.request_events(QUIET).await;
        let assigned: Vec<&Value> = replayed
            .iter()
            .filter(|f| f["data"]["requestId"] == id.as_str())
            .collect();
        assert_eq!(assigned.len(), 1, "{replayed:?}");
        assert_minimal(assigned[0], &id);
    }
);
