//! Small builders the request generator uses: instants from microseconds, weighted draws,
//! and timeline rows.

use basma_persistence::entities::request_events as ev;
use chrono::{DateTime, Utc};
use rand::Rng;
use rand::rngs::StdRng;
use sea_orm::ActiveValue::{NotSet, Set};
use uuid::Uuid;

pub fn micros(us: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_micros(us).unwrap_or_default()
}

/// The index of an entry of `(label, weight)`, drawn by weight.
pub fn weighted<T>(rng: &mut StdRng, table: &[(T, u32)]) -> usize {
    let total: u32 = table.iter().map(|(_, w)| w).sum();
    let mut roll = rng.random_range(0..total.max(1));
    for (i, (_, w)) in table.iter().enumerate() {
        if roll < *w {
            return i;
        }
        roll -= w;
    }
    0
}

pub fn event(
    request: Uuid,
    kind: &str,
    actor: Uuid,
    from: Option<&str>,
    to: Option<&str>,
    at: DateTime<Utc>,
) -> ev::ActiveModel {
    ev::ActiveModel {
        seq: NotSet,
        request_id: Set(request),
        kind: Set(kind.to_owned()),
        actor_id: Set(actor),
        from_status: Set(from.map(str::to_owned)),
        to_status: Set(to.map(str::to_owned)),
        technician_id: Set(None),
        note: Set(None),
        comment_id: Set(None),
        internal: Set(false),
        at: Set(at),
    }
}
