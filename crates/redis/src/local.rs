//! The in-process bus: one instance, no broker. Publishing cannot fail.

use crate::EventHub;
use async_trait::async_trait;
use basma_domain::ports::{BusError, BusEvent, EventBus};
use std::sync::Arc;

/// In-process bus (default): publish = send to the local hub.
#[derive(Debug, Clone)]
pub struct LocalBus {
    hub: Arc<EventHub>,
}

impl LocalBus {
    pub fn new(hub: Arc<EventHub>) -> Self {
        Self { hub }
    }
}

#[async_trait]
impl EventBus for LocalBus {
    async fn publish(&self, event: BusEvent) -> Result<(), BusError> {
        self.hub.send(Arc::new(event));
        Ok(())
    }
}
