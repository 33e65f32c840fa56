//! The event bus: how committed request events reach WebSocket sessions on every instance.

use crate::model::{PropertyId, RequestEvent, Status, UserId};
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
