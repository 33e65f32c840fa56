//! The OpenAPI document and Swagger UI (SPEC §5 Docs): the document served by a running
//! server covers exactly the routes actix serves, is valid OpenAPI 3, and describes real
//! answers; the UI page is served with its own CSP; actix's own query-string errors come in
//! the error envelope.

mod checker;
mod conformance;
mod document;
mod lifecycle;
mod routes;
mod schema;
mod ui;

use basma_e2e::harness::{TestApp, json};
use serde_json::Value;

/// The document as a running server serves it.
pub async fn served_document(app: &TestApp) -> Value {
    let (status, document) = json(app.get("/api-docs/openapi.json").await).await;
    assert_eq!(status, 200, "{document}");
    document
}
