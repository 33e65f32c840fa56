//! The server's WebSocket frames (SPEC §6): `{"type", "id", "at", "data"}`, where `id` is the
//! stored event's sequence number.

use basma_domain::model::{EventKind, Role, UserId};
use basma_domain::ports::BusEvent;
use basma_domain::services::realtime::Delivery;
use chrono::{DateTime, Utc};
use serde_json::{Value, json};

pub fn welcome(user: UserId, role: Role, heartbeat_seconds: u64, now: DateTime<Utc>) -> String {
    json!({
        "type": "welcome",
        "id": null,
        "at": now,
        "data": {"userId": user, "role": role.as_str(), "heartbeatSeconds": heartbeat_seconds},
    })
    .to_string()
}

pub fn pong(now: DateTime<Utc>) -> String {
    json!({"type": "pong", "id": null, "at": now, "data": null}).to_string()
}

/// A `resume` from too far behind (issue 11 item 14): the client refetches over REST and
/// resumes later from `lastEventId`, the newest stored event when this was sent.
pub fn resync(last_event_id: i64, limit: u32, now: DateTime<Utc>) -> String {
    json!({
        "type": "resync",
        "id": null,
        "at": now,
        "data": {"reason": "TOO_FAR_BEHIND", "lastEventId": last_event_id, "limit": limit},
    })
    .to_string()
}

pub fn stats_changed(now: DateTime<Utc>) -> String {
    json!({"type": "stats.changed", "id": null, "at": now, "data": null}).to_string()
}

/// The wire type of a stored event.
pub fn event_type(kind: EventKind) -> &'static str {
    match kind {
        EventKind::Created => "request.created",
        EventKind::StatusChanged | EventKind::Unassigned => "request.status_changed",
        EventKind::Assigned => "request.assigned",
        EventKind::Edited | EventKind::Rated => "request.updated",
        EventKind::Commented => "request.comment_added",
    }
}

/// The frame of `e` as `delivery` allows.
pub fn request_event(e: &BusEvent, delivery: Delivery) -> String {
    match delivery {
        Delivery::Full => full_event(e),
        Delivery::Taken => taken_event(e),
    }
}

/// What a technician who may no longer see the request learns: its id, and that it is
/// taken. Nothing else (no note, no technician, no reference): nothing REST would not show.
fn taken_event(e: &BusEvent) -> String {
    let ev = &e.event;
    json!({
        "type": event_type(ev.kind),
        "id": ev.seq,
        "at": ev.at,
        "data": {"requestId": ev.request_id, "taken": true},
    })
    .to_string()
}

fn full_event(e: &BusEvent) -> String {
    let ev = &e.event;
    let mut data = json!({
        "requestId": ev.request_id,
        "reference": e.reference,
        "status": e.status.as_str(),
        "actorId": ev.actor_id,
        "from": ev.from_status.map(|s| s.as_str()),
        "to": ev.to_status.map(|s| s.as_str()),
        "note": ev.note,
    });
    if let Value::Object(map) = &mut data {
        if let Some(technician) = ev.technician_id {
            map.insert("technicianId".into(), json!(technician));
        }
        if ev.kind == EventKind::Commented {
            map.insert("commentId".into(), json!(ev.comment_id));
            map.insert("internal".into(), json!(ev.internal));
        }
    }
    json!({"type": event_type(ev.kind), "id": ev.seq, "at": ev.at, "data": data}).to_string()
}

/// The text of the last few events, shared by every socket of the instance: an event goes to
/// thousands of sockets, and serialising it once instead of once per socket is most of the
/// fan-out's cost.
#[derive(Default)]
pub struct FrameCache {
    recent: std::sync::Mutex<std::collections::VecDeque<(i64, Delivery, bytestring::ByteString)>>,
}

impl FrameCache {
    const KEEP: usize = 64;

    pub fn text_of(&self, event: &BusEvent, delivery: Delivery) -> bytestring::ByteString {
        let seq = event.event.seq;
        if let Ok(recent) = self.recent.lock()
            && let Some((_, _, text)) = recent.iter().find(|(s, d, _)| *s == seq && *d == delivery)
        {
            return text.clone();
        }
        let text = bytestring::ByteString::from(request_event(event, delivery));
        if let Ok(mut recent) = self.recent.lock() {
            recent.push_back((seq, delivery, text.clone()));
            if recent.len() > Self::KEEP {
                recent.pop_front();
            }
        }
        text
    }
}
