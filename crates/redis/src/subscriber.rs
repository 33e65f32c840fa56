//! The Redis subscription behind [`RedisBus`](crate::RedisBus): one dedicated RESP2 pub/sub
//! connection per instance whose messages are decoded and sent into the local hub.
//!
//! The connection can die (Redis restart, `CLIENT KILL`, network cut). A closed socket ends
//! the message stream; a silent half-open one is caught by a periodic PING. Either way the
//! task reconnects and resubscribes, first at once, then with exponential backoff while Redis
//! stays away. Events published while no subscription is live are not replayed here:
//! clients recover them through `resume`.

use crate::EventHub;
use crate::conn::{self, COMMAND_TIMEOUT, CONNECT_TIMEOUT};
use basma_domain::ports::{BusError, BusEvent};
use futures_util::StreamExt;
use redis::Client;
use redis::aio::{PubSubSink, PubSubStream};
use std::sync::Arc;
use std::time::Duration;
use tokio::time::{Instant, interval_at, sleep};

/// How often an idle subscription proves it is still alive.
const PING_EVERY: Duration = Duration::from_secs(15);
/// Backoff between failed reconnection attempts.
const BACKOFF_MIN: Duration = Duration::from_millis(100);
const BACKOFF_MAX: Duration = Duration::from_secs(5);

/// A live subscription: the sink (for PINGs) and the message stream.
pub(crate) type Subscription = (PubSubSink, PubSubStream);

/// Opens a pub/sub connection and subscribes it to `channel`.
pub(crate) async fn subscribe(client: &Client, channel: &str) -> Result<Subscription, BusError> {
    let mut pubsub = conn::within(CONNECT_TIMEOUT, "connect", client.get_async_pubsub()).await?;
    conn::within(COMMAND_TIMEOUT, "subscribe", pubsub.subscribe(channel)).await?;
    Ok(pubsub.split())
}

/// Forwards messages into `hub` forever, reconnecting whenever the subscription is lost.
pub(crate) async fn run(
    client: Client,
    channel: String,
    hub: Arc<EventHub>,
    first: Option<Subscription>,
) {
    let mut live = first;
    let mut backoff = BACKOFF_MIN;
    loop {
        let (sink, stream) = match live.take() {
            Some(subscription) => subscription,
            None => match subscribe(&client, &channel).await {
                Ok(subscription) => {
                    tracing::info!(channel, "redis subscription restored");
                    backoff = BACKOFF_MIN;
                    subscription
                }
                Err(e) => {
                    tracing::warn!(channel, error = %e, retry_in = ?backoff, "redis resubscribe failed");
                    sleep(backoff).await;
                    backoff = (backoff * 2).min(BACKOFF_MAX);
                    continue;
                }
            },
        };
        forward(sink, stream, &hub, &channel).await;
        tracing::warn!(channel, "redis subscription lost; reconnecting");
    }
}

/// Delivers messages until the connection closes or stops answering PINGs.
async fn forward(mut sink: PubSubSink, mut stream: PubSubStream, hub: &EventHub, channel: &str) {
    let mut heartbeat = interval_at(Instant::now() + PING_EVERY, PING_EVERY);
    loop {
        tokio::select! {
            message = stream.next() => match message {
                Some(message) => deliver(hub, channel, message.get_payload_bytes()),
                None => return,
            },
            _ = heartbeat.tick() => {
                let ping = sink.ping::<redis::Value>();
                if let Err(e) = conn::within(COMMAND_TIMEOUT, "ping", ping).await {
                    tracing::warn!(channel, error = %e, "redis subscription unresponsive");
                    return;
                }
            }
        }
    }
}

/// Decodes one message and sends it into the hub; a message that is not a `BusEvent` (another
/// version, a stray PUBLISH) is logged and skipped.
fn deliver(hub: &EventHub, channel: &str, payload: &[u8]) {
    match serde_json::from_slice::<BusEvent>(payload) {
        Ok(event) => {
            hub.send(Arc::new(event));
        }
        Err(e) => tracing::warn!(channel, error = %e, "undecodable message on the event channel"),
    }
}
