//! The OpenAPI 3 document (`GET /api-docs/openapi.json`) and Swagger UI (`GET /api-docs`).
//!
//! Built with utoipa (OpenAPI 3.1), not paperclip: why is in `docs/openapi.md`. Each
//! operation's `#[utoipa::path]` sits on its handler (`crate::routes`); request-body and query
//! schemas derive from the handlers' own structs, response schemas from the typed DTOs they
//! serialise (`crate::dto`, inside `crate::envelope`'s generic envelopes), and a modifier
//! applies document-wide rules ([`modify`]).
//!
//! # Shapes are declared once
//!
//! A wire type is the type that is serialised; nothing here restates it. The domain's wire
//! enums (`Status`, `Priority`, `Role`, `Locale`, `EventKind`, `Action`) derive their schema
//! in the domain, behind basma-domain's `openapi` feature (an optional dependency on utoipa,
//! a schema library, not an HTTP one; this crate turns it on, and `.ci/check-domain-deps`
//! still forbids every adapter crate in the domain's normal graph). What remains here is
//! only what no type serialises: the error envelopes per status ([`envelope`], built from the
//! `ErrorCode` table), the shared error responses ([`responses`]), the query strings the
//! handlers parse by hand ([`params`], [`audit`]) and the audit names built from the
//! domain's lists.
//!
//! # Coverage
//!
//! Every operation of [`crate::routes::table`] is in the document and vice versa (a unit test
//! here and the e2e docs test), except the docs' own routes: `/api-docs`,
//! `/api-docs/openapi.json` and the UI's files under `/api-docs/{file}`.

/// Declares a schema-only string enum whose values come from a list the server itself uses
/// (a domain list, a route's table), so the document cannot drift from what is accepted.
macro_rules! listed_enum {
    ($(#[$doc:meta])* $name:ident = $values:expr, $description:expr) => {
        $(#[$doc])*
        pub struct $name;

        impl utoipa::PartialSchema for $name {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                utoipa::openapi::schema::ObjectBuilder::new()
                    .schema_type(utoipa::openapi::schema::Type::String)
                    .enum_values(Some($values))
                    .description(Some($description))
                    .into()
            }
        }

        impl utoipa::ToSchema for $name {}
    };
}

mod api;
pub mod audit;
pub mod envelope;
mod modify;
pub mod params;
pub mod responses;
pub mod ui;

use crate::error::ApiError;
use crate::routes::Router;
use actix_web::HttpResponse;
pub use params::{ExportQuery, IdPath, RequestListQuery, SummaryQuery};
use std::sync::OnceLock;
use utoipa::OpenApi;

/// Paths under this prefix serve the docs and are not themselves in the document.
pub const DOCS_PREFIX: &str = "/api-docs";

/// The document, built once.
pub fn document() -> &'static utoipa::openapi::OpenApi {
    static DOCUMENT: OnceLock<utoipa::openapi::OpenApi> = OnceLock::new();
    DOCUMENT.get_or_init(api::ApiDoc::openapi)
}

/// The document as pretty-printed JSON (what `basma openapi` prints).
///
/// # Errors
/// If the document cannot be serialised (it always can; serde's signature says otherwise).
pub fn json() -> Result<String, serde_json::Error> {
    serde_json::to_string_pretty(document())
}

/// Registers the docs routes.
pub(crate) fn routes(r: &mut Router<'_>) {
    r.at("/api-docs").get(ui::page).add();
    r.at("/api-docs/openapi.json").get(openapi_json).add();
    r.at("/api-docs/{file}").get(ui::asset).add();
}

async fn openapi_json() -> Result<HttpResponse, ApiError> {
    let body = serde_json::to_string(document()).map_err(ApiError::internal)?;
    Ok(HttpResponse::Ok()
        .content_type("application/json; charset=utf-8")
        .body(body))
}

#[cfg(test)]
mod tests;
