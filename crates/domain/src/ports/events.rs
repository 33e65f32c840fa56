//! The event bus: how committed request events reach WebSocket sessions on every instance.

use crate::model::{MaintenanceRequest, PropertyId, RequestEvent, Status, UserId};
use async_trait::async_trait;
use serde::{Deserialize, Serialize};

/// A committed event plus what the receivers need to decide visibility without a query.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BusEvent {
    pub event: RequestEvent,
    pub reference: String,
    pub status: Status,
    pub requester_id: UserId,
    pub assignee_id: Option<UserId>,
    pub property_id: PropertyId,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("event bus: {0}")]
pub struct BusError(pub String);

#[async_trait]
pub trait EventBus: Send + Sync {
    /// Publishes an event that has already committed. Delivery is best effort: a lost
    /// event is recovered by clients through `resume` from the stored timeline.
    ///
    /// # Errors
    /// `BusError` when the broker cannot be reached.
    async fn publish(&self, event: BusEvent) -> Result<(), BusError>;
}

/// Told of every request change this instance commits, right after the commit and before the
/// change is published on the bus: the request as it now stands and the event recording it.
/// Each change reaches the observers of the instance that made it exactly once (the bus
/// carries it to every instance), so process-local figures such as the business metrics
/// count each change once however many instances run.
#[async_trait]
pub trait ChangeObserver: Send + Sync {
    /// Must not fail the write: it has committed. Observers log their own trouble.
    async fn committed(&self, request: &MaintenanceRequest, event: &RequestEvent);
}
