//! Connecting to Redis the same way everywhere in this crate: short timeouts, so that a Redis
//! outage turns into a quick error instead of a request that hangs.
//!
//! Error messages never repeat the URL, which may carry a password.

use basma_domain::ports::BusError;
use redis::Client;
use redis::aio::{ConnectionManager, ConnectionManagerConfig};
use std::future::Future;
use std::time::Duration;

/// Budget for opening one TCP connection (and its handshake) to Redis.
pub(crate) const CONNECT_TIMEOUT: Duration = Duration::from_secs(2);

/// Budget for one command on an established connection.
pub(crate) const COMMAND_TIMEOUT: Duration = Duration::from_secs(1);

/// Parses the URL without connecting.
pub(crate) fn client(url: &str) -> Result<Client, BusError> {
    Client::open(url).map_err(|e| BusError(format!("invalid redis URL: {e}")))
}

/// A multiplexed command connection that reconnects in the background after a failure (the
/// failing command itself returns the error).
pub(crate) async fn manager(client: &Client) -> Result<ConnectionManager, BusError> {
    let config = ConnectionManagerConfig::new()
        .set_connection_timeout(Some(CONNECT_TIMEOUT))
        .set_response_timeout(Some(COMMAND_TIMEOUT))
        .set_number_of_retries(2)
        .set_max_delay(Duration::from_secs(1));
    within(
        CONNECT_TIMEOUT * 3,
        "connect",
        client.get_connection_manager_with_config(config),
    )
    .await
}

/// Runs a Redis future under a deadline, mapping both failure kinds to `BusError`.
pub(crate) async fn within<T>(
    limit: Duration,
    what: &str,
    fut: impl Future<Output = redis::RedisResult<T>>,
) -> Result<T, BusError> {
    match tokio::time::timeout(limit, fut).await {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(e)) => Err(BusError(format!("redis {what}: {e}"))),
        Err(_) => Err(BusError(format!("redis {what}: timed out after {limit:?}"))),
    }
}
