//! Settings of the edge between clients and handlers: which proxies are believed about the
//! client's address (`BASMA_TRUSTED_PROXIES`) and how long a request may take
//! (`BASMA_REQUEST_TIMEOUT`).

use super::{ConfigError, bad, duration};
use basma_http::client_ip::TrustedProxies;
use std::time::Duration;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NetworkSettings {
    /// Peers whose `Forwarded` / `X-Forwarded-For` are believed (default: none).
    pub trusted_proxies: TrustedProxies,
    /// Deadline for a response head (default 5 s); also bounds MariaDB statements.
    pub request_timeout: Duration,
}

pub(super) fn read(get: &impl Fn(&str) -> Option<String>) -> Result<NetworkSettings, ConfigError> {
    let trusted_proxies = match get("BASMA_TRUSTED_PROXIES") {
        None => TrustedProxies::default(),
        Some(list) => TrustedProxies::parse(&list).map_err(|e| bad("BASMA_TRUSTED_PROXIES", e))?,
    };
    let request_timeout = get("BASMA_REQUEST_TIMEOUT").map_or(Ok(Duration::from_secs(5)), |v| {
        duration("BASMA_REQUEST_TIMEOUT", &v)
    })?;
    Ok(NetworkSettings {
        trusted_proxies,
        request_timeout,
    })
}
