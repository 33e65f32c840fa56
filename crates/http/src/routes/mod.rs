//! Route table: every path the server answers, in one place.

mod monitoring;

use actix_web::web;

/// Routes outside `/api/v1`.
pub fn root(cfg: &mut web::ServiceConfig) {
    cfg.route("/health", web::get().to(monitoring::health))
        .route("/metrics", web::get().to(monitoring::metrics));
}

/// Routes under `/api/v1`.
pub fn api(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::scope("/monitoring")
            .route("/live", web::get().to(monitoring::live))
            .route("/ready", web::get().to(monitoring::ready)),
    );
}
