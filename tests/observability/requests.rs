//! The request series: `maintenance_requests_created_total`, `…_transitions_total`, the
//! resolution histogram, and the `maintenance_requests_open` / `…_overdue` gauges.

use super::scrape::{Metrics, moved, scrape, until_clean};
use super::world::World;
use basma_e2e::harness::{Backend, TestApp};
use std::collections::BTreeSet;
use std::time::Duration;

const CREATED: &str = "maintenance_requests_created_total";
const TRANSITIONS: &str = "maintenance_request_transitions_total";
const RESOLUTION: &str = "maintenance_request_resolution_seconds";
const OPEN: &str = "maintenance_requests_open";
const OVERDUE: &str = "maintenance_requests_overdue";
const OPEN_STATUSES: [&str; 4] = ["SUBMITTED", "ASSIGNED", "IN_PROGRESS", "COMPLETED"];
const PRIORITIES: [&str; 4] = ["LOW", "MEDIUM", "HIGH", "URGENT"];

fn set(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|n| (*n).to_owned()).collect()
}

/// `Ok` when the open gauge moved by `changes` and every other open status stayed put.
fn open_moved(before: &Metrics, after: &Metrics, changes: &[(&str, f64)]) -> Result<(), String> {
    for status in OPEN_STATUSES {
        let by = changes
            .iter()
            .find(|(s, _)| *s == status)
            .map_or(0.0, |(_, n)| *n);
        moved(before, after, OPEN, &[("status", status)], by)?;
    }
    Ok(())
}

/// `Ok` when the transition `from → to` was counted (at least once: others count too).
fn transition_counted(
    before: &Metrics,
    after: &Metrics,
    from: &str,
    to: &str,
) -> Result<(), String> {
    let delta = after.delta(before, TRANSITIONS, &[("from", from), ("to", to)]);
    if delta >= 1.0 {
        Ok(())
    } else {
        Err(format!(
            "{TRANSITIONS}{{from={from},to={to}}} moved by {delta}"
        ))
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn request_series_move_with_create_transitions_and_completion() {
    let _serial = super::SERIAL.lock().await;
    let app = TestApp::spawn(Backend::Sqlite).await;
    let world = World::new(&app).await;
    let code = world.category_code.as_str();

    // Created: counted under its category and priority, and open as SUBMITTED.
    until_clean(
        &app,
        async || (),
        async |()| world.create(&app, "URGENT").await,
        |before, after, _| {
            let labels = [("category", code), ("priority", "URGENT")];
            moved(before, after, CREATED, &labels, 1.0)?;
            open_moved(before, after, &[("SUBMITTED", 1.0)])
        },
    )
    .await;

    // Each move of the lifecycle: counted as a transition, and the open gauge follows.
    let steps = [
        ("SUBMITTED", "ASSIGNED"),
        ("ASSIGNED", "IN_PROGRESS"),
        ("IN_PROGRESS", "COMPLETED"),
        ("COMPLETED", "CLOSED"),
    ];
    for (from, to) in steps {
        until_clean(
            &app,
            async || world.request_in(&app, from).await,
            async |request| {
                let id = request["id"].as_str().unwrap().to_owned();
                if to == "ASSIGNED" {
                    world.assign(&app, &id).await;
                } else {
                    world.set_status(&app, &id, to).await;
                }
            },
            |before, after, ()| {
                transition_counted(before, after, from, to)?;
                let closing = if to == "CLOSED" { 0.0 } else { 1.0 };
                open_moved(before, after, &[(from, -1.0), (to, closing)])?;
                // Resolution time is observed on completion only, under the category.
                let resolved = if to == "COMPLETED" { 1.0 } else { 0.0 };
                let labels = [("category", code), ("priority", "HIGH")];
                let delta = after.observations(RESOLUTION, &labels)
                    - before.observations(RESOLUTION, &labels);
                if (delta - resolved).abs() > 1e-9 {
                    return Err(format!(
                        "{RESOLUTION}{labels:?} observed {delta} on {from} → {to}"
                    ));
                }
                Ok(())
            },
        )
        .await;
    }

    let after = scrape(&app).await;
    assert_eq!(after.label_names(CREATED), set(&["category", "priority"]));
    assert_eq!(after.label_names(TRANSITIONS), set(&["from", "to"]));
    assert_eq!(
        after.label_names(RESOLUTION),
        set(&["category", "priority"])
    );
    assert_eq!(after.label_names(OPEN), set(&["status"]));
    assert_eq!(after.label_values(OPEN, "status"), set(&OPEN_STATUSES));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn overdue_gauge_counts_open_requests_past_their_due_time() {
    let _serial = super::SERIAL.lock().await;
    let app = TestApp::spawn_with(Backend::Sqlite, |vars| {
        vars.insert("BASMA_DUE_URGENT".into(), "1s".into());
    })
    .await;
    // Exported for every priority from the first resync at start.
    let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
    while scrape(&app).await.label_values(OVERDUE, "priority") != set(&PRIORITIES) {
        assert!(
            tokio::time::Instant::now() < deadline,
            "{OVERDUE} not exported"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let world = World::new(&app).await;
    world.create(&app, "URGENT").await;
    world.create(&app, "LOW").await;
    tokio::time::sleep(Duration::from_millis(1500)).await;

    // The gauge is re-read from the store at start and every minute: a second instance on
    // the same data adds its count right away.
    let sibling = until_clean(
        &app,
        async || (),
        async |()| {
            let sibling = app.sibling(|_| {}).await;
            tokio::time::sleep(Duration::from_millis(1000)).await;
            sibling
        },
        |before, after, _| {
            moved(before, after, OVERDUE, &[("priority", "URGENT")], 1.0)?;
            moved(before, after, OVERDUE, &[("priority", "LOW")], 0.0)
        },
    )
    .await;
    sibling.stop().await;
}
