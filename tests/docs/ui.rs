//! The Swagger UI page and its files, each under the docs CSP, while API answers keep the
//! API's own; and actix's own query-string errors answer in the error envelope.

use basma_e2e::harness::{Backend, TestApp, json};
use reqwest::Method;

fn csp(response: &reqwest::Response) -> String {
    response
        .headers()
        .get("content-security-policy")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn swagger_ui_and_its_files_are_served_under_the_docs_csp_and_the_api_keeps_its_own() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    let page = app.get("/api-docs").await;
    assert_eq!(page.status().as_u16(), 200);
    let policy = csp(&page);
    assert!(policy.contains("script-src 'self'"), "{policy}");
    assert!(
        !policy.contains("unsafe-inline") && !policy.contains("unsafe-eval"),
        "{policy}"
    );
    assert!(
        page.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    let html = page.text().await.unwrap();
    for file in [
        "swagger-ui-bundle.js",
        "swagger-ui-standalone-preset.js",
        "swagger-initializer.js",
        "swagger-ui.css",
    ] {
        assert!(
            html.contains(&format!("/api-docs/{file}")),
            "the page does not load {file}"
        );
        let asset = app.get(&format!("/api-docs/{file}")).await;
        assert_eq!(asset.status().as_u16(), 200, "{file}");
        assert!(csp(&asset).contains("script-src 'self'"));
        let body = asset.text().await.unwrap();
        assert!(body.len() > 100, "{file} is empty");
        if file == "swagger-initializer.js" {
            assert!(
                body.contains("/api-docs/openapi.json"),
                "the UI does not load our document: {body}"
            );
        }
    }
    let (status, body) = json(app.get("/api-docs/not-a-file.js").await).await;
    assert_eq!((status, body["code"].as_str()), (404, Some("NOT_FOUND")));
    let api = app.get("/api/v1/monitoring/live").await;
    assert!(csp(&api).starts_with("default-src 'none'"), "{}", csp(&api));
    let document = app.get("/api-docs/openapi.json").await;
    assert!(
        document.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/json")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_query_string_actix_cannot_read_is_a_400_in_the_error_envelope() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    let admin = app.admin_token().await;
    // schemathesis found both: actix answered them in plain text.
    let (status, body) = app
        .authed(
            Method::GET,
            "/api/v1/users?role=CUSTOMER&role=TECHNICIAN",
            &admin,
            None,
        )
        .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (400, Some("VALIDATION_ERROR")),
        "{body}"
    );
    assert_eq!(body["details"][0]["field"], "role");
    let path = format!(
        "/api/v1/requests/{}?version=2147483648",
        uuid::Uuid::new_v4()
    );
    let (status, body) = app.authed(Method::DELETE, &path, &admin, None).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (400, Some("VALIDATION_ERROR")),
        "{body}"
    );
}
