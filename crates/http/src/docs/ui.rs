//! Swagger UI at `GET /api-docs`, from the copy of Swagger UI that `utoipa-swagger-ui` ships
//! inside the crate (nothing is fetched at build or run time). The page is served under its
//! own Content-Security-Policy: the API's `default-src 'none'` would stop the UI's scripts,
//! so this one allows scripts, styles, images and the document fetch from the same origin
//! only (no inline script, no eval, no third-party origin). The security-header middleware
//! keeps a CSP a handler sets.

use crate::error::ApiError;
use actix_web::http::header;
use actix_web::{HttpResponse, web};
use std::sync::{Arc, OnceLock};
use utoipa_swagger_ui::Config;

/// The docs page's policy. Swagger UI injects one `<style>` element at start-up; its hash is
/// allowed rather than `'unsafe-inline'` (scripts/check-docs-browser.sh fails on any CSP
/// violation the browser reports, so a Swagger UI upgrade that changes it is caught).
pub const DOCS_CSP: &str = concat!(
    "default-src 'none'; script-src 'self'; ",
    "style-src 'self' 'sha256-RL3ie0nH+Lzz2YNqQN83mnU0J1ot4QL7b99vMdIX99w='; ",
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; ",
    "frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
);

/// Where the document is served; the UI loads it from there.
pub const DOCUMENT_PATH: &str = "/api-docs/openapi.json";

/// The UI's files that are served; anything else under `/api-docs/` is 404.
const ASSETS: [&str; 7] = [
    "swagger-ui.css",
    "index.css",
    "swagger-ui-bundle.js",
    "swagger-ui-standalone-preset.js",
    "swagger-initializer.js",
    "favicon-32x32.png",
    "favicon-16x16.png",
];

/// The page itself. Swagger UI's own `index.html` uses relative links, which would break at
/// `/api-docs` without a trailing slash, so the page names its files absolutely.
const PAGE: &str = r#"<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="UTF-8">
    <title>Basma API</title>
    <link rel="stylesheet" type="text/css" href="/api-docs/swagger-ui.css">
    <link rel="stylesheet" type="text/css" href="/api-docs/index.css">
    <link rel="icon" type="image/png" href="/api-docs/favicon-32x32.png" sizes="32x32">
    <link rel="icon" type="image/png" href="/api-docs/favicon-16x16.png" sizes="16x16">
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="/api-docs/swagger-ui-bundle.js" charset="UTF-8"></script>
    <script src="/api-docs/swagger-ui-standalone-preset.js" charset="UTF-8"></script>
    <script src="/api-docs/swagger-initializer.js" charset="UTF-8"></script>
  </body>
</html>
"#;

fn config() -> Arc<Config<'static>> {
    static CONFIG: OnceLock<Arc<Config<'static>>> = OnceLock::new();
    CONFIG
        .get_or_init(|| {
            Arc::new(
                Config::new([DOCUMENT_PATH])
                    .persist_authorization(true)
                    .display_request_duration(true),
            )
        })
        .clone()
}

/// `GET /api-docs`: the Swagger UI page.
pub async fn page() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .insert_header((header::CONTENT_SECURITY_POLICY, DOCS_CSP))
        .body(PAGE)
}

/// `GET /api-docs/{file}`: one of the UI's scripts, styles or icons.
pub async fn asset(file: web::Path<String>) -> Result<HttpResponse, ApiError> {
    let name = file.into_inner();
    if !ASSETS.contains(&name.as_str()) {
        return Err(ApiError::not_found());
    }
    let served = utoipa_swagger_ui::serve(&name, config())
        .map_err(|e| ApiError::internal(e.to_string()))?
        .ok_or_else(ApiError::not_found)?;
    Ok(HttpResponse::Ok()
        .content_type(served.content_type)
        .insert_header((header::CONTENT_SECURITY_POLICY, DOCS_CSP))
        .body(served.bytes.into_owned()))
}
