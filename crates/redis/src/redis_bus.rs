//! The Redis bus: events cross instances over one Redis pub/sub channel.
//!
//! Wire format: each message is the JSON of a [`BusEvent`] (camelCase, as serde derives it in
//! the domain). Publishing goes through a command connection; a background task keeps a
//! separate subscription (see `subscriber`) that feeds the local [`EventHub`]. Publishing
//! never delivers locally by itself, so an instance sees its own events exactly once: when
//! they come back from Redis.

use crate::{EventHub, RedisLink, subscriber};
use async_trait::async_trait;
use basma_domain::ports::{BusError, BusEvent, EventBus};
use redis::AsyncCommands;
use std::sync::Arc;
use std::time::Duration;
use tokio::task::JoinHandle;

/// The channel every instance publishes to and subscribes to.
pub const DEFAULT_CHANNEL: &str = "basma:events";

/// The longest a request waits for a PUBLISH.
const PUBLISH_TIMEOUT: Duration = Duration::from_secs(1);

/// Redis bus: publish = PUBLISH JSON on a channel ("basma:events"); a background task
/// SUBSCRIBEs and forwards every message (from any instance, including this one) into the
/// local hub, reconnecting with backoff when Redis goes away; so each event reaches each
/// instance exactly once.
#[derive(Clone)]
pub struct RedisBus {
    link: Arc<RedisLink>,
    channel: Arc<str>,
    _subscriber: Arc<AbortOnDrop>,
}

impl RedisBus {
    /// Connects on [`DEFAULT_CHANNEL`].
    ///
    /// # Errors
    /// See [`RedisBus::connect_with_channel`].
    pub async fn connect(url: &str, hub: Arc<EventHub>) -> Result<Self, BusError> {
        Self::connect_with_channel(url, DEFAULT_CHANNEL, hub).await
    }

    /// Connects, subscribes to `channel` and starts forwarding its messages into `hub`. When
    /// this returns, the subscription is live: any event published afterwards, by any
    /// instance, reaches `hub`. The forwarding task stops when the last clone of the bus is
    /// dropped.
    ///
    /// # Errors
    /// `BusError` for an invalid URL, or when Redis cannot be reached or refuses the
    /// subscription now.
    pub async fn connect_with_channel(
        url: &str,
        channel: &str,
        hub: Arc<EventHub>,
    ) -> Result<Self, BusError> {
        let link = RedisLink::connect(url).await?;
        let first = subscriber::subscribe(link.client(), channel).await?;
        Ok(Self::start(link, channel, hub, Some(first)))
    }

    /// The bus over a shared link, for a server that must start whether or not Redis answers:
    /// it tries one subscription now (a few seconds at most) and, when that fails, keeps
    /// trying in the background; publishing fails fast until the link's breaker closes.
    pub async fn on(link: Arc<RedisLink>, channel: &str, hub: Arc<EventHub>) -> Self {
        let first = match subscriber::subscribe(link.client(), channel).await {
            Ok(subscription) => Some(subscription),
            Err(e) => {
                tracing::warn!(channel, error = %e, "redis subscription not live yet; retrying in the background");
                None
            }
        };
        Self::start(link, channel, hub, first)
    }

    fn start(
        link: Arc<RedisLink>,
        channel: &str,
        hub: Arc<EventHub>,
        first: Option<subscriber::Subscription>,
    ) -> Self {
        let client = link.client().clone();
        let task = tokio::spawn(subscriber::run(client, channel.to_owned(), hub, first));
        Self {
            link,
            channel: channel.into(),
            _subscriber: Arc::new(AbortOnDrop(task)),
        }
    }

    /// The channel this bus publishes to and listens on.
    pub fn channel(&self) -> &str {
        &self.channel
    }
}

impl std::fmt::Debug for RedisBus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RedisBus")
            .field("channel", &self.channel)
            .finish_non_exhaustive()
    }
}

#[async_trait]
impl EventBus for RedisBus {
    async fn publish(&self, event: BusEvent) -> Result<(), BusError> {
        let payload =
            serde_json::to_string(&event).map_err(|e| BusError(format!("encode event: {e}")))?;
        let channel = self.channel.clone();
        self.link
            .run(PUBLISH_TIMEOUT, "publish", |mut conn| async move {
                let first: redis::RedisResult<usize> = conn.publish(&*channel, &payload).await;
                match first {
                    // Redis closed the idle connection (restart, timeout, CLIENT KILL): the
                    // manager is reconnecting and the command most likely never left this
                    // process, so one retry saves the event. A duplicate needs the connection
                    // to die between Redis running the PUBLISH and its reply; receivers may
                    // dedupe by `seq`.
                    Err(e) if e.is_connection_dropped() => conn.publish(&*channel, &payload).await,
                    other => other,
                }
            })
            .await
            .map(drop)
    }
}

/// Stops the subscription task with the bus, so a dropped bus leaves no connection behind.
struct AbortOnDrop(JoinHandle<()>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}
