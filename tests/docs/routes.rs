//! The route table, the live server and the document agree, in both directions.

use super::served_document;
use basma_e2e::harness::{Backend, TestApp};
use reqwest::Method;
use std::collections::BTreeSet;

/// The docs' own routes are not in the document (it says so in its description).
const DOCS_PREFIX: &str = "/api-docs";

fn table() -> BTreeSet<(String, String)> {
    basma_http::routes::table()
        .into_iter()
        .map(|(method, path)| (method.to_string(), path))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_served_route_is_in_the_document_and_every_documented_route_is_served() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    let document = served_document(&app).await;
    let documented: BTreeSet<(String, String)> = document["paths"]
        .as_object()
        .expect("paths")
        .iter()
        .flat_map(|(path, item)| {
            item.as_object()
                .expect("path item")
                .keys()
                .map(move |method| (method.to_uppercase(), path.clone()))
        })
        .collect();
    let served: BTreeSet<_> = table()
        .into_iter()
        .filter(|(_, path)| !path.starts_with(DOCS_PREFIX))
        .collect();
    let undocumented: Vec<_> = served.difference(&documented).collect();
    let unserved: Vec<_> = documented.difference(&served).collect();
    assert!(
        undocumented.is_empty(),
        "served, not documented: {undocumented:?}"
    );
    assert!(unserved.is_empty(), "documented, not served: {unserved:?}");
    // Both sides non-trivial, so "equal" cannot mean "both empty".
    assert!(documented.len() > 40, "{documented:?}");
}

/// The table is what actix serves: on every path, its methods are routed (anything but 405)
/// and every other method is 405 `METHOD_NOT_ALLOWED` with `Allow` naming the routed ones, so no route is missing from it and
/// it names none that is not there. Requests carry no token or body, so nothing changes.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_route_table_matches_what_the_live_server_routes() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    let table = table();
    let paths: BTreeSet<&String> = table.iter().map(|(_, p)| p).collect();
    let all = [
        Method::GET,
        Method::POST,
        Method::PATCH,
        Method::DELETE,
        Method::PUT,
    ];
    for path in paths {
        let concrete = path
            .replace("{id}", "01a212a5-668c-714a-974a-d0a6d26c5528")
            .replace("{file}", "index.css");
        for method in &all {
            let routed = table.contains(&(method.to_string(), path.clone()));
            let response = app
                .request(method.clone(), &concrete)
                .send()
                .await
                .expect("sent");
            let status = response.status().as_u16();
            if routed {
                // Without a token or body, a routed request stops at 401/415/400 (or succeeds),
                // never at the unmatched-path 404 or the 405 of an unrouted method.
                assert!(
                    !matches!(status, 404 | 405),
                    "{method} {path} is in the table but answered {status}"
                );
            } else {
                let allow = response
                    .headers()
                    .get("allow")
                    .map(|v| v.to_str().unwrap().to_owned());
                let body: serde_json::Value = response.json().await.expect("json");
                assert_eq!(
                    status, 405,
                    "{method} {path} is routed but not in the table"
                );
                assert_eq!(body["code"], "METHOD_NOT_ALLOWED");
                // RFC 9110: a 405 names the methods that are served (schemathesis checks it).
                let mut served: Vec<&str> = table
                    .iter()
                    .filter(|(_, p)| p == path)
                    .map(|(m, _)| m.as_str())
                    .collect();
                served.sort_unstable();
                let mut allowed: Vec<&str> =
                    allow.as_deref().unwrap_or_default().split(", ").collect();
                allowed.sort_unstable();
                assert_eq!(allowed, served, "Allow of {path}");
            }
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_path_no_resource_serves_is_404_in_the_error_envelope() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    let response = app.get("/api/v1/no-such-thing").await;
    assert_eq!(response.status().as_u16(), 404);
    let body: serde_json::Value = response.json().await.expect("json");
    assert_eq!(body["code"], "NOT_FOUND");
}
