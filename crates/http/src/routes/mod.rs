//! Route table: every path the server answers, in one place.

mod auth;
mod monitoring;
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
        .service(resource("/metrics").route(web::get().to(monitoring::metrics)));
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
    );
}
