//! Keyset pagination: 250 requests come back each exactly once and in order, for every sort,
//! also while new requests are created between pages; the CSV export walks the same rows.

use super::figures::assert_csv_matches_list;
use basma_e2e::db_test;
use basma_e2e::harness::TestApp;
use basma_e2e::harness::fixtures::{Place, urlencode};
use chrono::{DateTime, Utc};
use futures_util::StreamExt;
use reqwest::Method;
use serde_json::{Value, json};
use std::cmp::Ordering;
use std::collections::HashSet;

const PRIORITIES: [&str; 4] = ["LOW", "MEDIUM", "HIGH", "URGENT"];

fn time(r: &Value, field: &str) -> Option<DateTime<Utc>> {
    r[field].as_str().map(|t| t.parse().unwrap())
}

fn rank(r: &Value) -> usize {
    PRIORITIES.iter().position(|p| r["priority"] == *p).unwrap()
}

/// How `sort` orders two rows: its key, then the id, in the key's direction. Equal
/// priorities are newest first (`-priority` is "most urgent, then newest").
fn order(sort: &str, a: &Value, b: &Value) -> Ordering {
    let id = |r: &Value| r["id"].as_str().unwrap().to_owned();
    let at = |field: &str| time(a, field).cmp(&time(b, field));
    let (key, descending) = match sort {
        "createdAt" => (at("createdAt"), false),
        "-createdAt" => (at("createdAt"), true),
        "-updatedAt" => (at("updatedAt"), true),
        "-priority" => (rank(a).cmp(&rank(b)).then(at("createdAt")), true),
        "dueAt" => (at("dueAt"), false),
        other => panic!("unknown sort {other}"),
    };
    let both = key.then_with(|| id(a).cmp(&id(b)));
    if descending { both.reverse() } else { both }
}

async fn create_many(
    app: &TestApp,
    token: &str,
    place: &Place,
    from: usize,
    n: usize,
) -> Vec<Value> {
    futures_util::stream::iter(from..from + n)
        .map(|i| async move {
            let extra = json!({"priority": PRIORITIES[i % 4]});
            app.new_request(token, place, &format!("Paged request {i}"), extra)
                .await
        })
        .buffered(8)
        .collect()
        .await
}

db_test!(
    cursor_pagination_over_250_requests_returns_each_once_in_order_even_while_requests_are_created,
    |app: TestApp| async move {
        let admin = app.admin_token().await;
        let site = app.site(&admin, 1).await;
        let place = Place {
            building: site.buildings[0].clone(),
            category: app.category(&admin, "CLEANING").await,
        };
        let customer = app.person(&admin, "CUSTOMER", &[]).await;
        let originals = create_many(&app, &customer.token, &place, 0, 250).await;
        let original_ids: HashSet<String> = originals
            .iter()
            .map(|r| r["id"].as_str().unwrap().to_owned())
            .collect();
        let mut extra = 250;
        for (sort, limit) in [
            ("-createdAt", 20),
            ("createdAt", 33),
            ("-priority", 17),
            ("dueAt", 50),
            ("-updatedAt", 100),
        ] {
            for (viewer, token) in [("admin", &admin), ("customer", &customer.token)] {
                let mut seen: Vec<Value> = Vec::new();
                let mut cursor: Option<String> = None;
                let mut pages = 0;
                loop {
                    let mut path = format!("/api/v1/requests?sort={sort}&limit={limit}");
                    if let Some(c) = &cursor {
                        path.push_str(&format!("&cursor={}", urlencode(c)));
                    }
                    let (status, body) = app.authed(Method::GET, &path, token, None).await;
                    assert_eq!(status, 200);
                    let rows = body["data"].as_array().unwrap().clone();
                    assert!(rows.len() <= limit, "{sort}: page of {}", rows.len());
                    assert_eq!(body["pagination"]["limit"], limit);
                    seen.extend(rows);
                    pages += 1;
                    // Someone keeps reporting problems while the client pages.
                    create_many(&app, &customer.token, &place, extra, 3).await;
                    extra += 3;
                    match body["pagination"]["nextCursor"].as_str() {
                        Some(next) => cursor = Some(next.to_owned()),
                        None => break,
                    }
                }
                let ids: Vec<&str> = seen.iter().map(|r| r["id"].as_str().unwrap()).collect();
                let unique: HashSet<&str> = ids.iter().copied().collect();
                assert_eq!(
                    unique.len(),
                    ids.len(),
                    "{sort} as {viewer}: a row came twice"
                );
                let missing = original_ids
                    .iter()
                    .filter(|id| !unique.contains(id.as_str()))
                    .count();
                assert_eq!(
                    missing, 0,
                    "{sort} as {viewer}: {missing} of the 250 never came ({pages} pages)"
                );
                for pair in seen.windows(2) {
                    assert_ne!(
                        order(sort, &pair[0], &pair[1]),
                        Ordering::Greater,
                        "{sort} as {viewer}: out of order:\n{}\n{}",
                        pair[0],
                        pair[1]
                    );
                }
            }
        }
    }
);

db_test!(
    the_csv_export_of_more_than_a_page_of_requests_matches_the_list_row_for_row,
    |app: TestApp| async move {
        let admin = app.admin_token().await;
        let site = app.site(&admin, 1).await;
        let place = Place {
            building: site.buildings[0].clone(),
            category: app.category(&admin, "CLEANING").await,
        };
        let customer = app.person(&admin, "CUSTOMER", &[]).await;
        create_many(&app, &customer.token, &place, 0, 250).await;
        for query in [
            "",
            "sort=createdAt",
            "sort=-priority",
            "priority=HIGH&sort=dueAt",
        ] {
            let rows = assert_csv_matches_list(&app, &admin, query).await;
            let want = if query.contains("HIGH") { 62 } else { 250 };
            assert_eq!(rows, want, "csv {query}");
        }
    }
);

db_test!(
    limits_outside_1_to_100_are_refused_and_the_default_page_is_20,
    |app: TestApp| async move {
        let admin = app.admin_token().await;
        let site = app.site(&admin, 1).await;
        let place = Place {
            building: site.buildings[0].clone(),
            category: app.category(&admin, "CLEANING").await,
        };
        create_many(&app, &admin, &place, 0, 25).await;
        for limit in ["0", "101", "-1", "ten"] {
            let path = format!("/api/v1/requests?limit={limit}");
            let (status, body) = app.authed(Method::GET, &path, &admin, None).await;
            assert_eq!(
                (status, body["code"].as_str()),
                (400, Some("VALIDATION_ERROR")),
                "{limit}: {body}"
            );
            assert_eq!(body["details"][0]["field"], "limit");
        }
        let (status, body) = app
            .authed(Method::GET, "/api/v1/requests", &admin, None)
            .await;
        assert_eq!(status, 200);
        assert_eq!(body["data"].as_array().unwrap().len(), 20);
        assert_eq!(body["pagination"]["limit"], 20);
        assert!(body["pagination"]["nextCursor"].is_string());
        assert!(body.get("total").is_none(), "total only when asked: {body}");
        let (status, body) = app
            .authed(Method::GET, "/api/v1/requests?cursor=garbage", &admin, None)
            .await;
        assert_eq!(
            (status, body["code"].as_str()),
            (400, Some("VALIDATION_ERROR")),
            "{body}"
        );
    }
);
