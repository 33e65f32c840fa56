//! Route table: every path the server answers, in one place. Registration goes through
//! [`table::Router`], which records each operation as it hands it to actix, so [`table`]
//! lists exactly what is served (the OpenAPI test compares the two).

pub(crate) mod audit;
pub(crate) mod auth;
pub(crate) mod catalog;
pub(crate) mod monitoring;
pub(crate) mod reports;
pub(crate) mod request_query;
pub(crate) mod requests;
pub mod table;
pub mod users;

use crate::error::ApiError;
use crate::rate_limit::{self, Limit};
use actix_governor::Governor;
use actix_web::error::QueryPayloadError;
use actix_web::{App, HttpRequest, web};
use basma_domain::validation::{Rule, ValidationErrors};
pub use table::{Entry, Router};

/// What a handler answers: a response, or the error envelope.
pub type Reply = Result<actix_web::HttpResponse, ApiError>;

/// Registers every route on `cfg`; `auth_limit` guards the auth routes per IP.
pub fn configure(cfg: &mut web::ServiceConfig, auth_limit: &Limit) {
    cfg.app_data(web::QueryConfig::default().error_handler(query_error));
    register(&mut Router::new(cfg, Default::default()), auth_limit);
}

/// A query string that actix itself cannot read into a handler's struct (a repeated key, a
/// number out of range) answers with the 400 envelope, not actix's plain-text body.
fn query_error(err: QueryPayloadError, _: &HttpRequest) -> actix_web::Error {
    let message = err.to_string();
    let field = message.split('`').nth(1).unwrap_or("query");
    ApiError::validation(ValidationErrors::single(field, Rule::Unknown))
        .with_cause(&message)
        .into()
}

/// Every operation the server serves: (method, full path pattern), in registration order.
pub fn table() -> Vec<Entry> {
    let seen: std::rc::Rc<std::cell::RefCell<Vec<Entry>>> = std::rc::Rc::default();
    let Some(limit) = rate_limit::per_minute(1) else {
        return Vec::new();
    };
    let recorder = seen.clone();
    let _app = App::new().configure(|cfg| register(&mut Router::new(cfg, recorder), &limit));
    seen.take()
}

fn register(r: &mut Router<'_>, auth_limit: &Limit) {
    root(r);
    r.nest("/api/v1", |r| api(r, auth_limit));
}

/// Routes outside `/api/v1`.
fn root(r: &mut Router<'_>) {
    r.at("/health").get(monitoring::health).add();
    r.at("/metrics").get(monitoring::metrics).add();
    r.at("/ws").get(crate::ws::connect).add();
    crate::docs::routes(r);
}

/// Routes under `/api/v1`.
fn api(r: &mut Router<'_>, auth_limit: &Limit) {
    r.nest("/monitoring", |r| {
        r.at("/live").get(monitoring::live).add();
        r.at("/ready").get(monitoring::ready).add();
        r.at("/stats").get(monitoring::stats).add();
    });
    r.nest_wrapped(
        "/auth",
        |scope| scope.wrap(Governor::new(auth_limit)),
        auth_routes,
    );
    r.nest("/users", |r| {
        r.at("").get(users::list).post(users::create).add();
        r.at("/{id}")
            .get(users::get)
            .patch(users::update)
            .delete(users::deactivate)
            .add();
    });
    catalog_routes(r);
    r.nest("/requests", request_routes);
    r.nest("/reports", |r| {
        r.at("/summary").get(reports::summary).add();
        r.at("/requests.csv").get(reports::requests_csv).add();
    });
    r.at("/audit").get(audit::list).add();
    r.at("/audit.csv").get(audit::csv).add();
}

fn auth_routes(r: &mut Router<'_>) {
    r.at("/register").post(auth::register).add();
    r.at("/verify-email").post(auth::verify_email).add();
    r.at("/resend-verification")
        .post(auth::resend_verification)
        .add();
    r.at("/login").post(auth::login).add();
    r.at("/refresh").post(auth::refresh).add();
    r.at("/logout").post(auth::logout).add();
    r.at("/logout-all").post(auth::logout_all).add();
    r.at("/sessions").get(auth::sessions).add();
    r.at("/sessions/{id}").delete(auth::revoke_session).add();
    r.at("/forgot-password").post(auth::forgot_password).add();
    r.at("/reset-password").post(auth::reset_password).add();
    r.at("/change-password").post(auth::change_password).add();
    r.at("/me").get(auth::me).patch(auth::update_me).add();
}

fn catalog_routes(r: &mut Router<'_>) {
    r.nest("/properties", |r| {
        r.at("")
            .get(catalog::list_properties)
            .post(catalog::create_property)
            .add();
        r.at("/{id}")
            .get(catalog::get_property)
            .patch(catalog::update_property)
            .delete(catalog::delete_property)
            .add();
        r.at("/{id}/buildings")
            .get(catalog::list_buildings)
            .post(catalog::create_building)
            .add();
    });
    r.at("/buildings/{id}")
        .patch(catalog::update_building)
        .delete(catalog::delete_building)
        .add();
    r.at("/categories")
        .get(catalog::list_categories)
        .post(catalog::create_category)
        .add();
    r.at("/categories/{id}")
        .patch(catalog::update_category)
        .add();
}

fn request_routes(r: &mut Router<'_>) {
    r.at("").get(requests::list).post(requests::create).add();
    r.at("/{id}")
        .get(requests::get)
        .patch(requests::edit)
        .delete(requests::delete)
        .add();
    r.at("/{id}/status").patch(requests::change_status).add();
    r.at("/{id}/assign").post(requests::assign).add();
    r.at("/{id}/self-assign").post(requests::self_assign).add();
    r.at("/{id}/unassign").post(requests::unassign).add();
    r.at("/{id}/comments")
        .get(requests::comments)
        .post(requests::add_comment)
        .add();
    r.at("/{id}/rating").post(requests::rate).add();
    r.at("/{id}/events").get(requests::events).add();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_names_every_operation_once_with_its_full_path() {
        let table = table();
        assert!(table.len() > 50, "{table:?}");
        let mut unique = table.clone();
        unique.sort_by(|a, b| (a.1.as_str(), a.0.as_str()).cmp(&(b.1.as_str(), b.0.as_str())));
        unique.dedup();
        assert_eq!(unique.len(), table.len());
        assert!(table.contains(&(
            actix_web::http::Method::PATCH,
            "/api/v1/requests/{id}/status".into()
        )));
        assert!(table.contains(&(actix_web::http::Method::GET, "/api/v1/users".into())));
        assert!(table.contains(&(actix_web::http::Method::GET, "/health".into())));
    }
}
