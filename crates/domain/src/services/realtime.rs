//! Which live events a signed-in user may receive, and the replay of stored events for a
//! reconnecting client. The rule is the REST visibility rule of the policy, applied to the
//! facts each event carries, so a socket never shows what `GET /requests/{id}` would hide.

use crate::model::{Role, Status};
use crate::policy::{self, Actor, RequestFacts};
use crate::ports::{BusEvent, EventReplay, ReplayQuery, RepoError};
use std::sync::Arc;

/// What of an event a user receives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Delivery {
    /// The whole frame: they may see the request.
    Full,
    /// Only that the request is taken (its id): a technician who may no longer see a
    /// request that was available to them. Nothing they could not read over REST.
    Taken,
}

/// What `actor` receives of `event`, if anything: the whole frame when they may see the
/// request (internal entries to staff only), the bare "taken" notice when it was available
/// to them and another technician took it.
pub fn delivery(actor: &Actor, event: &BusEvent) -> Option<Delivery> {
    let facts = RequestFacts {
        status: event.status,
        requester_id: event.requester_id,
        assignee_id: event.assignee_id,
        property_id: event.property_id,
        rated: false,
    };
    if policy::can_view(actor, &facts) {
        (!event.event.internal || policy::may_see_internal(actor, &facts)).then_some(Delivery::Full)
    } else {
        was_available_to(actor, event).then_some(Delivery::Taken)
    }
}

/// Whether `actor` receives anything of `event`.
pub fn may_receive(actor: &Actor, event: &BusEvent) -> bool {
    delivery(actor, event).is_some()
}

/// A technician who saw a request while it was available is told when another technician
/// takes it, so their list of available work stays right.
fn was_available_to(actor: &Actor, event: &BusEvent) -> bool {
    actor.role == Role::Technician
        && !event.event.internal
        && event.event.from_status == Some(Status::Submitted)
        && event.event.to_status == Some(Status::Assigned)
}

/// The answer to a `resume`.
#[derive(Debug, Clone, PartialEq)]
pub enum Replay {
    /// The events to send, oldest first, each with what the user receives of it.
    Events(Vec<(BusEvent, Delivery)>),
    /// More than [`RealtimeService::REPLAY_LIMIT`] events: the client refetches over REST
    /// and resumes later from `last_event_id`, the newest stored event now.
    Resync { last_event_id: i64 },
}

pub struct RealtimeService {
    requests: Arc<dyn EventReplay>,
}

impl RealtimeService {
    /// The most events one `resume` replays; beyond it the answer is [`Replay::Resync`].
    pub const REPLAY_LIMIT: u32 = 500;

    /// How far before the client's `lastEventId` a resume looks again. An event's `seq` is
    /// taken when it is inserted and its `at` before that, but it becomes readable only at
    /// commit, so a lower `seq` can commit after a higher one was delivered. A transaction
    /// lasts at most D (the request deadline, plus clock skew between instances); every
    /// event committed after the client saw `lastEventId` was written at most D before it,
    /// and any event with a lower `seq` at most D before that, so re-reading from the last
    /// event written 2·D before `lastEventId` never skips one. 30 s leaves a wide margin
    /// over the 5 s deadline. Clients de-duplicate by `id`.
    pub const LATE_COMMIT_WINDOW: chrono::Duration = chrono::Duration::seconds(30);

    pub fn new(requests: Arc<dyn EventReplay>) -> Self {
        Self { requests }
    }

    /// The stored events `actor` may receive that a client which has seen `after` may have
    /// missed, oldest first (see [`Self::LATE_COMMIT_WINDOW`]: some may be re-sent), or
    /// [`Replay::Resync`] when there are more than [`Self::REPLAY_LIMIT`].
    ///
    /// # Errors
    /// `Unavailable` / `Internal` from the store.
    pub async fn replay(&self, actor: &Actor, after: i64) -> Result<Replay, RepoError> {
        let floor = self
            .requests
            .replay_floor(after, Self::LATE_COMMIT_WINDOW)
            .await?;
        let query = ReplayQuery {
            visibility: policy::visibility(actor),
            after: floor.min(after),
            include_internal: actor.role.is_staff(),
            taken: actor.role == Role::Technician,
            limit: Self::REPLAY_LIMIT + 1,
        };
        let events = self.requests.replay_events(&query).await?;
        if events.len() > Self::REPLAY_LIMIT as usize {
            let last_event_id = self.requests.last_event_seq().await?;
            return Ok(Replay::Resync { last_event_id });
        }
        Ok(Replay::Events(
            events
                .into_iter()
                .filter_map(|e| delivery(actor, &e).map(|d| (e, d)))
                .collect(),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EventKind, PropertyId, RequestEvent, RequestId, UserId};

    fn actor(role: Role) -> Actor {
        Actor {
            id: UserId::new(),
            role,
            property_ids: Vec::new(),
        }
    }

    fn taken_by(assignee: UserId) -> BusEvent {
        BusEvent {
            event: RequestEvent {
                seq: 7,
                request_id: RequestId::new(),
                kind: EventKind::Assigned,
                actor_id: UserId::new(),
                from_status: Some(Status::Submitted),
                to_status: Some(Status::Assigned),
                technician_id: Some(assignee),
                note: Some("door code 4711".into()),
                comment_id: None,
                internal: false,
                at: chrono::Utc::now(),
            },
            reference: "MR-2026-000001".into(),
            status: Status::Assigned,
            requester_id: UserId::new(),
            assignee_id: Some(assignee),
            property_id: PropertyId::new(),
        }
    }

    #[test]
    fn other_technicians_get_only_the_taken_notice_the_assignee_and_admins_the_whole_frame() {
        let assignee = actor(Role::Technician);
        let event = taken_by(assignee.id);
        let other = actor(Role::Technician);
        assert_eq!(delivery(&other, &event), Some(Delivery::Taken));
        assert_eq!(delivery(&assignee, &event), Some(Delivery::Full));
        assert_eq!(
            delivery(&actor(Role::SuperAdmin), &event),
            Some(Delivery::Full)
        );
        assert_eq!(delivery(&actor(Role::Customer), &event), None);
    }

    #[test]
    fn a_later_change_of_a_taken_request_reaches_no_other_technician() {
        let assignee = actor(Role::Technician);
        let mut event = taken_by(assignee.id);
        event.event.kind = EventKind::StatusChanged;
        event.event.from_status = Some(Status::Assigned);
        event.event.to_status = Some(Status::InProgress);
        assert_eq!(delivery(&actor(Role::Technician), &event), None);
    }
}
