//! The served document is OpenAPI 3 with the contract's conventions, and (when the validator
//! is installed, as `.ci/run` does) passes PyPI's `openapi-spec-validator`.

use super::served_document;
use basma_e2e::harness::{Backend, TestApp};
use serde_json::Value;

fn operations(document: &Value) -> Vec<(String, String, Value)> {
    let mut out = Vec::new();
    for (path, item) in document["paths"].as_object().expect("paths") {
        for (method, op) in item.as_object().expect("item") {
            out.push((method.to_uppercase(), path.clone(), op.clone()));
        }
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_served_document_passes_openapi_spec_validator() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    let document = served_document(&app).await;
    assert!(
        document["openapi"]
            .as_str()
            .expect("version")
            .starts_with("3.")
    );
    let Ok(validator) = std::env::var("BASMA_OPENAPI_VALIDATOR") else {
        eprintln!(
            "BASMA_OPENAPI_VALIDATOR not set: the document is not run through openapi-spec-validator (.ci/run sets it)"
        );
        return;
    };
    let file = std::env::temp_dir().join(format!("basma-openapi-{}.json", uuid::Uuid::new_v4()));
    std::fs::write(&file, serde_json::to_vec_pretty(&document).expect("json")).expect("write");
    let output = std::process::Command::new(&validator)
        .arg(&file)
        .output()
        .expect("openapi-spec-validator runs");
    let _ = std::fs::remove_file(&file);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "openapi-spec-validator rejected the document: {}{}",
        stdout.chars().take(2000).collect::<String>(),
        String::from_utf8_lossy(&output.stderr)
            .chars()
            .take(2000)
            .collect::<String>()
    );
    assert!(stdout.contains("OK"), "{stdout}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_document_has_info_servers_and_a_bearer_jwt_scheme_on_every_signed_in_operation() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    let document = served_document(&app).await;
    assert_eq!(document["info"]["title"], "Basma");
    assert!(document["info"]["version"].is_string());
    assert!(!document["servers"].as_array().expect("servers").is_empty());
    let scheme = &document["components"]["securitySchemes"]["bearer"];
    assert_eq!(
        (
            scheme["type"].as_str(),
            scheme["scheme"].as_str(),
            scheme["bearerFormat"].as_str()
        ),
        (Some("http"), Some("bearer"), Some("JWT"))
    );
    // An operation is signed in exactly when calling it without a token is 401.
    for (method, path, op) in operations(&document) {
        let secured = op["security"]
            .as_array()
            .is_some_and(|s| s.iter().any(|r| r.get("bearer").is_some()));
        let concrete = path.replace("{id}", "01a212a5-668c-714a-974a-d0a6d26c5528");
        let response = app
            .request(method.parse().expect("method"), &concrete)
            .header("content-type", "application/json")
            .body("{}")
            .send()
            .await
            .expect("sent");
        let unauthenticated = response.status().as_u16() == 401;
        let public_401 = [
            "/api/v1/auth/verify-email",
            "/api/v1/auth/reset-password",
            "/api/v1/auth/refresh",
            "/api/v1/auth/login",
        ];
        if !public_401.contains(&path.as_str()) {
            assert_eq!(
                secured,
                unauthenticated,
                "{method} {path}: security {secured}, answered {}",
                response.status()
            );
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_error_answer_and_header_of_the_contract_is_described() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    let document = served_document(&app).await;
    let responses = &document["components"]["responses"];
    let schemas = &document["components"]["schemas"];
    for (status, name) in [
        (400, "BadRequest"),
        (401, "Unauthorized"),
        (403, "Forbidden"),
        (404, "NotFound"),
        (405, "MethodNotAllowed"),
        (409, "Conflict"),
        (413, "PayloadTooLarge"),
        (415, "UnsupportedMediaType"),
        (429, "TooManyRequests"),
        (500, "InternalError"),
        (503, "ServiceUnavailable"),
    ] {
        let response = &responses[name];
        assert!(response["headers"]["X-Request-Id"].is_object(), "{name}");
        let schema = &schemas[format!("Error{status}")];
        for field in ["success", "code", "message", "details", "requestId"] {
            assert!(
                schema["required"]
                    .as_array()
                    .expect("required")
                    .contains(&field.into()),
                "{name} {field}"
            );
        }
        assert!(
            !schema["properties"]["code"]["enum"]
                .as_array()
                .expect("codes")
                .is_empty()
        );
    }
    assert!(responses["TooManyRequests"]["headers"]["Retry-After"].is_object());
    let list = &document["paths"]["/api/v1/requests"]["get"];
    let names: Vec<&str> = list["parameters"]
        .as_array()
        .expect("params")
        .iter()
        .filter_map(|p| p["name"].as_str())
        .collect();
    for filter in [
        "status",
        "priority",
        "categoryId",
        "propertyId",
        "buildingId",
        "assigneeId",
        "requesterId",
        "q",
        "createdFrom",
        "createdTo",
        "overdue",
        "available",
        "sort",
        "cursor",
        "limit",
        "includeTotal",
    ] {
        assert!(
            names.contains(&filter),
            "GET /requests lacks {filter}: {names:?}"
        );
    }
    let create = &document["paths"]["/api/v1/requests"]["post"]["responses"]["201"];
    assert!(create["headers"]["Location"].is_object());
    let csv = &document["paths"]["/api/v1/reports/requests.csv"]["get"]["responses"]["200"];
    assert!(csv["content"]["text/csv"].is_object());
    let metrics = &document["paths"]["/metrics"]["get"]["responses"]["200"];
    assert!(metrics["content"]["text/plain"].is_object());
    let ws = &document["paths"]["/ws"]["get"]["responses"];
    assert!(ws["101"].is_object() && ws["401"].is_object());
}
