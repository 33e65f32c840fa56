//! Which live events a signed-in user may receive, and the replay of stored events for a
//! reconnecting client. The rule is the REST visibility rule of the policy, applied to the
//! facts each event carries, so a socket never shows what `GET /requests/{id}` would hide.

use crate::model::Status;
use crate::policy::{self, Actor, RequestFacts};
use crate::ports::{BusEvent, RepoError, RequestRepository};
use std::sync::Arc;

/// Whether `actor` may receive `event`: they may see the request, and internal comments go
/// to staff only.
pub fn may_receive(actor: &Actor, event: &BusEvent) -> bool {
    let facts = RequestFacts {
        status: event.status,
        requester_id: event.requester_id,
        assignee_id: event.assignee_id,
        property_id: event.property_id,
        rated: false,
    };
    let visible = policy::can_view(actor, &facts) || was_available_to(actor, event);
    visible && (!event.event.internal || policy::may_see_internal(actor, &facts))
}

/// A technician who saw a request while it was available is told when another technician
/// takes it, so their list of available work stays right.
fn was_available_to(actor: &Actor, event: &BusEvent) -> bool {
    actor.role == crate::model::Role::Technician
        && !event.event.internal
        && event.event.from_status == Some(Status::Submitted)
        && event.event.to_status == Some(Status::Assigned)
}

pub struct RealtimeService {
    requests: Arc<dyn RequestRepository>,
}

impl RealtimeService {
    pub const REPLAY_BATCH: u32 = 500;

    pub fn new(requests: Arc<dyn RequestRepository>) -> Self {
        Self { requests }
    }

    /// Stored events after `after` that `actor` may receive, in order, at most one batch;
    /// also returns the last sequence number examined so the caller can continue from it.
    ///
    /// # Errors
    /// `Unavailable` / `Internal` from the store.
    pub async fn replay(
        &self,
        actor: &Actor,
        after: i64,
    ) -> Result<(Vec<BusEvent>, Option<i64>), RepoError> {
        let batch = self
            .requests
            .events_after(after, Self::REPLAY_BATCH)
            .await?;
        let last = batch.last().map(|e| e.event.seq);
        Ok((
            batch
                .into_iter()
                .filter(|e| may_receive(actor, e))
                .collect(),
            last,
        ))
    }
}
