//! Basma's HTTP adapter: actix-web routes, the JSON contract of SPEC §4 (envelopes, one
//! `ApiError` with its status table, Arabic/English messages), request ids, security headers,
//! CORS, body limits, monitoring endpoints and metrics. It talks to the domain's services and
//! ports only, never to the database.

pub mod activity;
pub mod audited;
pub mod client_ip;
pub mod context;
pub mod csv_attachment;
pub mod csv_safe;
#[macro_use]
pub mod docs;
#[macro_use]
pub mod dto;
pub mod envelope;
pub mod error;
mod error_map;
pub mod extract;
pub mod i18n;
pub mod mail_queue;
pub mod metrics;
pub mod middleware;
pub mod rate_limit;
pub mod routes;
pub mod settings;
pub mod state;
pub mod ws;

use actix_cors::Cors;
use actix_web::dev::Server;
use actix_web::middleware::from_fn;
use actix_web::{App, HttpServer, web};
pub use routes::monitoring::PoolSnapshot;
pub use settings::HttpSettings;
pub use state::{AppState, Platform, Services};
use std::net::TcpListener;

/// Builds the server on an already-bound listener (tests bind port 0). The server stops on
/// SIGINT/SIGTERM, finishing in-flight requests within the shutdown timeout.
pub fn build_server(listener: TcpListener, state: AppState) -> std::io::Result<Server> {
    metrics::handle();
    let workers = state.settings.workers;
    let shutdown = state.settings.shutdown_timeout;
    let limits = (
        rate_limit::per_minute(state.settings.rate_limit_per_minute),
        rate_limit::per_minute(state.settings.auth_rate_limit_per_minute),
    );
    let (Some(global_limit), Some(auth_limit)) = limits else {
        return Err(std::io::Error::other("invalid rate limit configuration"));
    };
    let state = web::Data::new(state);
    let mut server = HttpServer::new(move || {
        let cors = cors(&state.settings.cors_origins);
        App::new()
            .configure(|cfg| state.register(cfg))
            .app_data(web::PayloadConfig::new(extract::json::BODY_LIMIT))
            .configure(|cfg| routes::configure(cfg, &auth_limit))
            .wrap(from_fn(rate_limit::shared_limits))
            .wrap(actix_governor::Governor::new(&global_limit))
            .wrap(cors)
            .wrap(from_fn(middleware::deadline::deadline))
            .wrap(from_fn(middleware::context::request_context))
    })
    .shutdown_timeout(shutdown.as_secs())
    // The app handles SIGINT/SIGTERM itself, so sockets can close with 1001 first.
    .disable_signals()
    .listen(listener)?;
    if let Some(n) = workers {
        server = server.workers(n);
    }
    Ok(server.run())
}

fn cors(origins: &[String]) -> Cors {
    origins
        .iter()
        .fold(Cors::default(), |cors, origin| cors.allowed_origin(origin))
        .allowed_methods(["GET", "POST", "PATCH", "DELETE", "OPTIONS"])
        .allowed_headers([
            "authorization",
            "content-type",
            "accept-language",
            "x-request-id",
        ])
        .expose_headers([
            "x-request-id",
            "retry-after",
            "location",
            "content-language",
        ])
        .max_age(600)
}
