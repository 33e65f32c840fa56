//! `GET /ws` (SPEC §6): authentication before the upgrade, then one task per socket that
//! forwards the events its user may see, answers pings and resumes, and enforces the limits.

pub mod frames;
pub mod registry;
mod session;

use crate::error::{ApiError, ErrorCode};
use crate::extract::auth::bearer_token;
use crate::state::AppState;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;
use std::time::Duration;

/// Limits of SPEC §6; tests may shorten the timings.
#[derive(Debug, Clone)]
pub struct WsSettings {
    pub heartbeat: Duration,
    pub idle_timeout: Duration,
    pub max_frames: usize,
    pub frame_window: Duration,
    pub max_frame_bytes: usize,
    pub max_sockets_per_user: usize,
    /// How often a socket re-checks its session and user (revocation from another instance,
    /// role changes); revocations through this instance close sockets at once.
    pub recheck: Duration,
}

impl Default for WsSettings {
    fn default() -> Self {
        Self {
            heartbeat: Duration::from_secs(30),
            idle_timeout: Duration::from_secs(60),
            max_frames: 20,
            frame_window: Duration::from_secs(10),
            max_frame_bytes: 4 * 1024,
            max_sockets_per_user: 5,
            recheck: Duration::from_secs(5),
        }
    }
}

#[derive(Deserialize)]
pub struct TokenQuery {
    access_token: Option<String>,
}

/// Authenticates (401 before any upgrade), registers the socket and starts its task.
pub async fn connect(
    req: HttpRequest,
    body: web::Payload,
    state: web::Data<AppState>,
    query: web::Query<TokenQuery>,
) -> Result<HttpResponse, ApiError> {
    let token = bearer_token(&req)
        .or_else(|| query.into_inner().access_token)
        .ok_or_else(|| ApiError::new(ErrorCode::Unauthenticated))?;
    let principal = state.auth.authenticate(&token).await?;
    let (response, ws, stream) = actix_ws::handle(&req, body).map_err(|e| {
        ApiError::validation(basma_domain::validation::ValidationErrors::single(
            "upgrade",
            basma_domain::validation::Rule::Required,
        ))
        .with_cause(e)
    })?;
    let settings = state.settings.ws.clone();
    let stream = stream.max_frame_size(settings.max_frame_bytes);
    let (registration, orders) = state.sockets.register(
        principal.user_id,
        principal.session_id,
        settings.max_sockets_per_user,
    );
    let socket = session::Socket {
        state: state.clone().into_inner(),
        settings,
        token,
        principal,
        events: (state.subscribe)(),
        orders,
        shutdown: state.shutdown.clone(),
    };
    actix_web::rt::spawn(async move {
        let _registration = registration;
        socket.run(ws, stream).await;
    });
    Ok(response)
}
