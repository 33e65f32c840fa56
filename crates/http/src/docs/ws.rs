//! `GET /ws` in the document. Its handler lives in `crate::ws`; this stub only carries the
//! description, since an upgrade has no JSON answer to derive anything from.

/// The WebSocket endpoint of SPEC §6.
#[utoipa::path(
    get, path = "/ws", tag = "realtime", operation_id = "websocket",
    summary = "Live events over WebSocket (upgrade)",
    description = "Send the upgrade with `Authorization: Bearer <access token>` or `?access_token=` (browsers). A bad token is refused with 401 before the upgrade. Server frames are JSON `{type, id, at, data}` (`welcome`, `request.created`, `request.updated`, `request.status_changed`, `request.assigned`, `request.comment_added`, `stats.changed`); client frames are `{\"type\":\"ping\"}` and `{\"type\":\"resume\",\"lastEventId\":N}`. A technician who may no longer see a request another technician took gets `request.assigned` with `data` `{requestId, taken: true}` only. `resume` replays, oldest first, the visible events a client that has seen N may have missed, including those written up to 30 s before N (a lower id can commit after a higher one): an id may arrive twice, never be skipped, so clients de-duplicate by `id`. Beyond 500 events nothing is replayed; the server sends `{\"type\":\"resync\",\"id\":null,\"at\":…,\"data\":{\"reason\":\"TOO_FAR_BEHIND\",\"lastEventId\":M,\"limit\":500}}`: refetch over REST, keep listening, resume later from M. A store error during a resume closes with 1011. Limits: 20 frames per 10 s, 4 KiB per frame, 5 sockets per user; an expired token or revoked session closes with 4401.",
    params(("access_token" = Option<String>, Query, description = "The access token, for clients that cannot set headers.")),
    responses(
        (status = 101, description = "Switching Protocols: the socket is open."),
        (status = 400, response = crate::docs::responses::BadRequest),
        (status = 401, response = crate::docs::responses::Unauthorized),
    ),
    security(("bearer" = [])),
)]
#[allow(dead_code)]
pub fn websocket() {}
