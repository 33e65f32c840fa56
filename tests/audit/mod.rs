//! The audit log (issue 11, item 19): SUPER_ADMIN reads it, filtered and keyset-paged, as
//! JSON and as CSV; changes carry old and new values and never a secret; nothing edits or
//! deletes an entry but the retention purge.

mod changes;
mod reading;

use basma_e2e::harness::TestApp;
use basma_e2e::harness::fixtures::urlencode;
use reqwest::Method;
use serde_json::Value;

/// Every entry of `GET /audit?{query}` as `token` sees it, `limit` at a time.
pub async fn audit_all(app: &TestApp, token: &str, query: &str, limit: u16) -> Vec<Value> {
    let mut out = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let mut path = format!("/api/v1/audit?limit={limit}&{query}");
        if let Some(c) = &cursor {
            path.push_str(&format!("&cursor={}", urlencode(c)));
        }
        let (status, page) = app.authed(Method::GET, &path, token, None).await;
        assert_eq!(status, 200, "GET {path}: {page}");
        let items = page["data"].as_array().expect("page");
        assert!(items.len() <= usize::from(limit), "{page}");
        out.extend(items.iter().cloned());
        match page["pagination"]["nextCursor"].as_str() {
            Some(next) => cursor = Some(next.to_owned()),
            None => return out,
        }
    }
}

/// The CSV export of `GET /audit.csv?{query}` as records, header first.
pub async fn audit_csv(app: &TestApp, token: &str, query: &str) -> Vec<Vec<String>> {
    let response = app
        .request(Method::GET, &format!("/api/v1/audit.csv?{query}"))
        .bearer_auth(token)
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status().as_u16(), 200);
    let body = response.text().await.expect("body");
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(body.as_bytes())
        .records()
        .map(|r| r.expect("csv record").iter().map(str::to_owned).collect())
        .collect()
}

/// The id of the signed-in user of `token`.
pub async fn my_id(app: &TestApp, token: &str) -> String {
    let me = app
        .expect(Method::GET, "/api/v1/auth/me", token, None, 200)
        .await;
    me["id"].as_str().expect("id").to_owned()
}
