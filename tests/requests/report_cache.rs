//! The report cache through the real server (`BASMA_REPORT_CACHE`): identical summaries share
//! one computation for the window, across every SUPER/MAINTENANCE_ADMIN (whose figures are the
//! same: drafts are never counted), never across scopes (a BASMA_ADMIN's figures are their
//! own), and fresh figures follow once the window has passed.

use basma_e2e::db_test;
use basma_e2e::harness::TestApp;
use basma_e2e::harness::fixtures::Place;
use reqwest::Method;
use serde_json::json;
use std::time::{Duration, Instant};

const WINDOW: Duration = Duration::from_secs(5);

async fn total(app: &TestApp, token: &str) -> u64 {
    app.expect(Method::GET, "/api/v1/reports/summary", token, None, 200)
        .await["total"]
        .as_u64()
        .expect("total")
}

async fn shared_then_fresh(app: TestApp) {
    let admin = app.admin_token().await;
    let site = app.site(&admin, 1).await;
    let place = Place {
        building: site.buildings[0].clone(),
        category: app.category(&admin, "HVAC").await,
    };
    let customer = app.person(&admin, "CUSTOMER", &[]).await;
    let colleague = app.person(&admin, "MAINTENANCE_ADMIN", &[]).await;
    let manager = app
        .person(&admin, "BASMA_ADMIN", &[site.property.as_str()])
        .await;

    let asked = Instant::now();
    assert_eq!(total(&app, &admin).await, 0);
    app.new_request(&customer.token, &place, "Water heater is cold", json!({}))
        .await;
    let (mine, colleagues, managers) = (
        total(&app, &admin).await,
        total(&app, &colleague.token).await,
        total(&app, &manager.token).await,
    );
    assert!(asked.elapsed() < WINDOW, "the machine was too slow to test");
    assert_eq!(
        (mine, colleagues, managers),
        (0, 0, 1),
        "admins share the cached figures; the manager's scope is computed apart"
    );

    let deadline = Instant::now() + 3 * WINDOW;
    while total(&app, &admin).await == 0 {
        assert!(
            Instant::now() < deadline,
            "the cached figures never expired"
        );
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    assert!(
        asked.elapsed() >= WINDOW,
        "figures refreshed inside the window"
    );
    assert_eq!(total(&app, &colleague.token).await, 1);
}

db_test!(
    identical_summaries_are_shared_for_the_cache_window_then_refreshed,
    vars = [("BASMA_REPORT_CACHE", "5s")],
    shared_then_fresh
);
