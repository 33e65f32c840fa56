//! `GET /ws` (SPEC §6): authentication before the upgrade, then one task per socket that
//! forwards the events its user may see, answers pings and resumes, and enforces the limits.

pub mod frames;
pub mod registry;
mod session;

use crate::activity::Activity;
use crate::docs::responses::InvalidOrUnauthorized;
use crate::error::{ApiError, ErrorCode};
use crate::extract::auth::bearer_token;
use actix_web::{HttpRequest, HttpResponse, web};
use basma_domain::ports::BusEvent;
use basma_domain::services::accounts::AuthService;
use basma_domain::services::realtime::RealtimeService;
use serde::Deserialize;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{broadcast, watch};

/// Everything the socket endpoint and its tasks use, in one bundle (built by
/// `AppState::new`).
pub struct Realtime {
    pub auth: Arc<AuthService>,
    pub realtime: Arc<RealtimeService>,
    pub sockets: Arc<registry::SocketRegistry>,
    /// Event frames serialised once for all sockets.
    pub frames: Arc<frames::FrameCache>,
    pub activity: Arc<Activity>,
    /// A new receiver of every event published on any instance.
    pub subscribe: Arc<dyn Fn() -> broadcast::Receiver<Arc<BusEvent>> + Send + Sync>,
    /// Turns `true` when the server shuts down; sockets then close with 1001.
    pub shutdown: watch::Receiver<bool>,
    pub settings: WsSettings,
}

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

/// Live events over WebSocket (upgrade)
#[utoipa::path(get, path = "/ws", tag = "realtime", operation_id = "websocket",
    description = "Send the upgrade with `Authorization: Bearer <access token>` or `?access_token=` (browsers). A bad token is refused with 401 before the upgrade. Server frames are JSON `{type, id, at, data}` (`welcome`, `request.created`, `request.updated`, `request.status_changed`, `request.assigned`, `request.comment_added`, `stats.changed`); client frames are `{\"type\":\"ping\"}` and `{\"type\":\"resume\",\"lastEventId\":N}`. A technician who may no longer see a request another technician took gets `request.assigned` with `data` `{requestId, taken: true}` only. `resume` replays, oldest first, the visible events a client that has seen N may have missed, including those written up to 30 s before N (a lower id can commit after a higher one): an id may arrive twice, never be skipped, so clients de-duplicate by `id`. Beyond 500 events nothing is replayed; the server sends `{\"type\":\"resync\",\"id\":null,\"at\":…,\"data\":{\"reason\":\"TOO_FAR_BEHIND\",\"lastEventId\":M,\"limit\":500}}`: refetch over REST, keep listening, resume later from M. A store error during a resume closes with 1011. Limits: 20 frames per 10 s, 4 KiB per frame, 5 sockets per user; an expired token or revoked session closes with 4401.",
    params(("access_token" = Option<String>, Query, description = "The access token, for clients that cannot set headers.")),
    responses((status = 101, description = "Switching Protocols: the socket is open."), InvalidOrUnauthorized),
)]
pub async fn connect(
    req: HttpRequest,
    body: web::Payload,
    rt: web::Data<Realtime>,
    query: web::Query<TokenQuery>,
) -> Result<HttpResponse, ApiError> {
    let token = bearer_token(&req)
        .or_else(|| query.into_inner().access_token)
        .ok_or_else(|| ApiError::new(ErrorCode::Unauthenticated))?;
    let principal = rt.auth.authenticate(&token).await?;
    let (response, ws, stream) = actix_ws::handle(&req, body).map_err(|e| {
        ApiError::validation(basma_domain::validation::ValidationErrors::single(
            "upgrade",
            basma_domain::validation::Rule::Required,
        ))
        .with_cause(e)
    })?;
    let settings = rt.settings.clone();
    let stream = stream.max_frame_size(settings.max_frame_bytes);
    let (registration, orders) = rt.sockets.register(
        principal.user_id,
        principal.session_id,
        settings.max_sockets_per_user,
    );
    let socket = session::Socket {
        rt: rt.clone().into_inner(),
        settings,
        token,
        principal,
        events: (rt.subscribe)(),
        orders,
        shutdown: rt.shutdown.clone(),
    };
    actix_web::rt::spawn(async move {
        let _registration = registration;
        socket.run(ws, stream).await;
    });
    Ok(response)
}
