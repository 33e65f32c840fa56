//! Route table: every path the server answers, in one place.

mod auth;
mod catalog;
mod monitoring;
mod reports;
mod request_query;
mod requests;
pub mod users;

use crate::error::{ApiError, ErrorCode};
use crate::rate_limit::Limit;
use actix_governor::Governor;
use actix_web::{HttpResponse, Resource, web};

/// A resource that answers other methods with the 405 envelope instead of actix's bare 404.
fn resource(path: &str) -> Resource {
    web::resource(path).default_service(web::to(method_not_allowed))
}

async fn method_not_allowed() -> Result<HttpResponse, ApiError> {
    Err(ApiError::new(ErrorCode::MethodNotAllowed))
}

/// Routes outside `/api/v1`.
pub fn root(cfg: &mut web::ServiceConfig) {
    cfg.service(resource("/health").route(web::get().to(monitoring::health)))
        .service(resource("/metrics").route(web::get().to(monitoring::metrics)))
        .service(resource("/ws").route(web::get().to(crate::ws::connect)));
}

/// Routes under `/api/v1`; `auth_limit` guards the auth routes per IP.
pub fn api(cfg: &mut web::ServiceConfig, auth_limit: &Limit) {
    cfg.service(
        web::scope("/monitoring")
            .service(resource("/live").route(web::get().to(monitoring::live)))
            .service(resource("/ready").route(web::get().to(monitoring::ready)))
            .service(resource("/stats").route(web::get().to(monitoring::stats))),
    )
    .service(
        web::scope("/auth")
            .wrap(Governor::new(auth_limit))
            .service(resource("/register").route(web::post().to(auth::register)))
            .service(resource("/verify-email").route(web::post().to(auth::verify_email)))
            .service(
                resource("/resend-verification").route(web::post().to(auth::resend_verification)),
            )
            .service(resource("/login").route(web::post().to(auth::login)))
            .service(resource("/refresh").route(web::post().to(auth::refresh)))
            .service(resource("/logout").route(web::post().to(auth::logout)))
            .service(resource("/logout-all").route(web::post().to(auth::logout_all)))
            .service(resource("/sessions").route(web::get().to(auth::sessions)))
            .service(resource("/sessions/{id}").route(web::delete().to(auth::revoke_session)))
            .service(resource("/forgot-password").route(web::post().to(auth::forgot_password)))
            .service(resource("/reset-password").route(web::post().to(auth::reset_password)))
            .service(resource("/change-password").route(web::post().to(auth::change_password)))
            .service(
                resource("/me")
                    .route(web::get().to(auth::me))
                    .route(web::patch().to(auth::update_me)),
            ),
    )
    .service(
        web::scope("/users")
            .service(
                resource("")
                    .route(web::get().to(users::list))
                    .route(web::post().to(users::create)),
            )
            .service(
                resource("/{id}")
                    .route(web::get().to(users::get))
                    .route(web::patch().to(users::update))
                    .route(web::delete().to(users::deactivate)),
            ),
    )
    .service(
        web::scope("/properties")
            .service(
                resource("")
                    .route(web::get().to(catalog::list_properties))
                    .route(web::post().to(catalog::create_property)),
            )
            .service(
                resource("/{id}")
                    .route(web::get().to(catalog::get_property))
                    .route(web::patch().to(catalog::update_property))
                    .route(web::delete().to(catalog::delete_property)),
            )
            .service(
                resource("/{id}/buildings")
                    .route(web::get().to(catalog::list_buildings))
                    .route(web::post().to(catalog::create_building)),
            ),
    )
    .service(
        resource("/buildings/{id}")
            .route(web::patch().to(catalog::update_building))
            .route(web::delete().to(catalog::delete_building)),
    )
    .service(
        resource("/categories")
            .route(web::get().to(catalog::list_categories))
            .route(web::post().to(catalog::create_category)),
    )
    .service(resource("/categories/{id}").route(web::patch().to(catalog::update_category)))
    .service(
        web::scope("/requests")
            .service(
                resource("")
                    .route(web::get().to(requests::list))
                    .route(web::post().to(requests::create)),
            )
            .service(
                resource("/{id}")
                    .route(web::get().to(requests::get))
                    .route(web::patch().to(requests::edit))
                    .route(web::delete().to(requests::delete)),
            )
            .service(resource("/{id}/status").route(web::patch().to(requests::change_status)))
            .service(resource("/{id}/assign").route(web::post().to(requests::assign)))
            .service(resource("/{id}/self-assign").route(web::post().to(requests::self_assign)))
            .service(resource("/{id}/unassign").route(web::post().to(requests::unassign)))
            .service(
                resource("/{id}/comments")
                    .route(web::get().to(requests::comments))
                    .route(web::post().to(requests::add_comment)),
            )
            .service(resource("/{id}/rating").route(web::post().to(requests::rate)))
            .service(resource("/{id}/events").route(web::get().to(requests::events))),
    )
    .service(
        web::scope("/reports")
            .service(resource("/summary").route(web::get().to(reports::summary)))
            .service(resource("/requests.csv").route(web::get().to(reports::requests_csv))),
    );
}
