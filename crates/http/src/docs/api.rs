//! The document's skeleton: info, servers, tags and the list of operations. Each operation
//! is described by the `#[utoipa::path]` on its handler; this list only names them, and the
//! route-table test fails if it misses one or names one actix does not serve.

use super::modify::Conventions;
use crate::routes::{audit, auth, catalog, monitoring, reports, requests, users};
use utoipa::OpenApi;

/// The OpenAPI 3 document of the Basma API.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Basma",
        description = include_str!("description.md"),
        license(name = "Proprietary"),
        contact(name = "Basma Real Estate Investment and Development Company"),
    ),
    servers((url = "/", description = "This server")),
    tags(
        (name = "auth", description = "Registration, verification, sign-in, token refresh, sessions, passwords and the caller's profile. Rate-limited per IP."),
        (name = "users", description = "User administration (SUPER_ADMIN; MAINTENANCE_ADMIN may list and read technicians)."),
        (name = "catalog", description = "Properties, buildings and categories: reads for everyone signed in, writes for SUPER/MAINTENANCE_ADMIN."),
        (name = "requests", description = "Maintenance requests, their lifecycle, assignment, comments, ratings and timeline."),
        (name = "reports", description = "Summary figures and the CSV export, scoped to what the caller may see."),
        (name = "audit", description = "The audit log (SUPER_ADMIN): security events and administrative changes with old and new values; read only."),
        (name = "monitoring", description = "Health, liveness, readiness, Prometheus metrics and server statistics."),
        (name = "realtime", description = "The WebSocket event stream."),
    ),
    paths(
        monitoring::health, monitoring::metrics, crate::ws::connect,
        monitoring::live, monitoring::ready, monitoring::stats,
        auth::register, auth::verify_email, auth::resend_verification, auth::login,
        auth::refresh, auth::logout, auth::logout_all, auth::sessions, auth::revoke_session,
        auth::forgot_password, auth::reset_password, auth::change_password, auth::me,
        auth::update_me,
        users::list, users::create, users::get, users::update, users::deactivate,
        catalog::list_properties, catalog::create_property, catalog::get_property,
        catalog::update_property, catalog::delete_property, catalog::list_buildings,
        catalog::create_building, catalog::update_building, catalog::delete_building,
        catalog::list_categories, catalog::create_category, catalog::update_category,
        requests::list, requests::create, requests::get, requests::edit, requests::delete,
        requests::change_status, requests::assign, requests::self_assign, requests::unassign,
        requests::comments, requests::add_comment, requests::rate, requests::events,
        reports::summary, reports::requests_csv,
        audit::list, audit::csv,
    ),
    components(schemas(
        crate::error::Detail, super::params::Sort, basma_domain::model::Status,
        basma_domain::model::Priority, basma_domain::model::Role, basma_domain::model::Locale,
        super::audit::AuditActionName, super::audit::AuditTargetTypeName,
        super::audit::AuditValue,
    )),
    modifiers(&Conventions),
)]
pub struct ApiDoc;
