//! The per-instance fan-out point between the bus and the WebSocket sessions.
//!
//! A bounded tokio broadcast: a session that falls more than `capacity` events behind gets
//! `RecvError::Lagged` instead of holding memory; it recovers the gap from the stored
//! timeline, like a reconnecting client does with `resume`.

use basma_domain::ports::BusEvent;
use std::sync::Arc;
use tokio::sync::broadcast;

/// What WebSocket sessions listen to on this instance: every event published anywhere (all
/// instances when Redis is used), each delivered once per instance.
#[derive(Debug)]
pub struct EventHub {
    sender: broadcast::Sender<Arc<BusEvent>>,
}

impl EventHub {
    /// A hub that buffers up to `capacity` events per receiver (at least one).
    pub fn new(capacity: usize) -> Self {
        let (sender, _) = broadcast::channel(capacity.max(1));
        Self { sender }
    }

    /// A new receiver that sees every event sent from now on.
    pub fn subscribe(&self) -> broadcast::Receiver<Arc<BusEvent>> {
        self.sender.subscribe()
    }

    /// How many receivers are listening now.
    pub fn receivers(&self) -> usize {
        self.sender.receiver_count()
    }

    /// Hands an event to every current receiver and returns how many there were. Nobody
    /// listening is not an error: the event is simply not needed on this instance.
    pub fn send(&self, event: Arc<BusEvent>) -> usize {
        self.sender.send(event).unwrap_or(0)
    }
}

impl Default for EventHub {
    /// A hub with room for 4096 events per receiver.
    fn default() -> Self {
        Self::new(4096)
    }
}
