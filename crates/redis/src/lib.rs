//! Basma's Redis adapters: the event bus for the domain's
//! [`EventBus`](basma_domain::ports::EventBus) port (with its in-process fallback for a single
//! instance), the rate limits shared by all instances, and Redis's readiness probe.
//!
//! Every instance owns one [`EventHub`]: the tokio broadcast its WebSocket sessions listen
//! to. A bus decides how a published event reaches the hubs:
//!
//! - [`LocalBus`] (the default, one instance): straight into the local hub.
//! - [`RedisBus`] (with `REDIS_URL`): `PUBLISH` on a Redis channel; every instance, this one
//!   included, subscribes and forwards what arrives into its own hub. The event therefore
//!   reaches each instance exactly once, whichever instance published it.
//!
//! Delivery is best effort on both buses (an event published while Redis is away, or missed
//! by a lagging receiver, is recovered by clients through `resume` from the stored
//! timeline), so publishing never holds a request for more than about a second.
//!
//! Alongside the bus: [`RedisHealth`] (the readiness probe named `"redis"`) and
//! [`RedisRateLimiter`] (per-key limits shared by all instances). All three share one
//! [`RedisLink`]: a command connection behind a circuit breaker, so that Redis being away
//! costs a request nothing, and a server can start while Redis is unreachable.

mod conn;
mod health;
mod hub;
mod link;
mod local;
mod rate;
mod redis_bus;
mod subscriber;

pub use health::RedisHealth;
pub use hub::EventHub;
pub use link::{COOL_DOWN, RedisLink};
pub use local::LocalBus;
pub use rate::{RateDecision, RedisRateLimiter};
pub use redis_bus::{DEFAULT_CHANNEL, RedisBus};
