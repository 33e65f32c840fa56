//! `http_requests_total` and `http_request_duration_seconds`: counted under the matched route
//! pattern, unknown URLs under `unmatched`; and the scrape endpoint's token.

use super::scrape::{Metrics, fetch, scrape};
use super::world::World;
use basma_e2e::harness::{Backend, TestApp};
use reqwest::Method;
use std::collections::BTreeSet;

const REQUESTS: &str = "http_requests_total";
const DURATION: &str = "http_request_duration_seconds";

fn names(names: &[&str]) -> BTreeSet<String> {
    names.iter().map(|n| (*n).to_owned()).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn http_series_count_by_matched_route_and_collapse_unknown_urls() {
    let _serial = super::SERIAL.lock().await;
    let app = TestApp::spawn(Backend::Sqlite).await;
    let world = World::new(&app).await;
    let id = world.create(&app, "MEDIUM").await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let missing = uuid::Uuid::new_v4().to_string();
    let stray = uuid::Uuid::new_v4().simple().to_string();

    let before = scrape(&app).await;
    for _ in 0..3 {
        let path = format!("/api/v1/requests/{id}");
        let (status, body) = app.authed(Method::GET, &path, &world.customer, None).await;
        assert_eq!(status, 200, "{body}");
    }
    let path = format!("/api/v1/requests/{missing}");
    let (status, _) = app.authed(Method::GET, &path, &world.admin, None).await;
    assert_eq!(status, 404);
    for path in [format!("/no/such/{stray}"), format!("/api/v1/{stray}/x")] {
        assert_eq!(app.get(&path).await.status().as_u16(), 404, "{path}");
    }
    let after = scrape(&app).await;

    let route = "/api/v1/requests/{id}";
    let counted = |labels: &[(&str, &str)]| after.delta(&before, REQUESTS, labels);
    let ok = counted(&[("method", "GET"), ("route", route), ("status", "200")]);
    let not_found = counted(&[("method", "GET"), ("route", route), ("status", "404")]);
    let unmatched = counted(&[("method", "GET"), ("route", "unmatched"), ("status", "404")]);
    assert!(ok >= 3.0, "GET {route} 200 counted {ok} times, sent 3");
    assert!(not_found >= 1.0, "GET {route} 404 counted {not_found}");
    assert!(
        unmatched >= 2.0,
        "unknown URLs counted {unmatched} times as unmatched, sent 2"
    );
    let timed = after.observations(DURATION, &[("method", "GET"), ("route", route)])
        - before.observations(DURATION, &[("method", "GET"), ("route", route)]);
    assert!(
        timed >= 4.0,
        "{DURATION} of GET {route} observed {timed} times, sent 4"
    );

    assert_eq!(
        after.label_names(REQUESTS),
        names(&["method", "route", "status"])
    );
    assert_eq!(after.label_names(DURATION), names(&["method", "route"]));
    assert_bounded_routes(&after, &[&id, &missing, &stray]);
}

/// Every `route` is a pattern or `unmatched`: no id or unknown path leaks into a label.
fn assert_bounded_routes(metrics: &Metrics, raw: &[&str]) {
    for name in [REQUESTS, DURATION] {
        let routes = metrics.label_values(name, "route");
        assert!(routes.contains("unmatched"), "{routes:?}");
        for route in &routes {
            assert!(
                route == "unmatched" || route.starts_with('/'),
                "{name} has route {route}"
            );
            for raw in raw {
                assert!(
                    !route.contains(raw),
                    "{name} has a raw path as route: {route}"
                );
            }
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn metrics_requires_the_bearer_token_when_one_is_set() {
    let _serial = super::SERIAL.lock().await;
    let token = "scrape-secret-for-tests-0123456789";
    let app = TestApp::spawn_with(Backend::Sqlite, |vars| {
        vars.insert("BASMA_METRICS_TOKEN".into(), token.into());
    })
    .await;
    let (status, body) = fetch(&app, None).await;
    assert_eq!(status, 401, "without a token: {body}");
    assert!(!body.contains("http_requests_total"), "{body}");
    let (status, _) = fetch(&app, Some("scrape-secret-for-tests-012345678X")).await;
    assert_eq!(status, 401, "with a wrong token");
    let (status, body) = fetch(&app, Some(token)).await;
    assert_eq!(status, 200, "with the token: {body}");
    let metrics = Metrics::parse(&body);
    assert!(metrics.value(REQUESTS, &[]).is_some(), "{body}");

    let open = TestApp::spawn(Backend::Sqlite).await;
    assert_eq!(fetch(&open, None).await.0, 200, "no token configured: open");
}
