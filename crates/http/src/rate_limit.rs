//! Per-IP rate limits through actix-governor (GCRA), answering with the API's own
//! `RATE_LIMITED` envelope and `Retry-After`.

use crate::error::{ApiError, ErrorCode};
use actix_governor::governor::NotUntil;
use actix_governor::governor::clock::{Clock, DefaultClock, QuantaInstant};
use actix_governor::governor::middleware::NoOpMiddleware;
use actix_governor::{
    GovernorConfig, GovernorConfigBuilder, KeyExtractor, SimpleKeyExtractionError,
};
use actix_web::dev::ServiceRequest;
use actix_web::{HttpResponse, HttpResponseBuilder, ResponseError};
use std::net::IpAddr;
use std::time::Duration;

/// Keys requests by the peer's IP address.
#[derive(Debug, Clone, Copy)]
pub struct PeerIp;

impl KeyExtractor for PeerIp {
    type Key = IpAddr;
    type KeyExtractionError = SimpleKeyExtractionError<&'static str>;

    fn extract(&self, req: &ServiceRequest) -> Result<Self::Key, Self::KeyExtractionError> {
        req.peer_addr()
            .map(|a| a.ip())
            .ok_or_else(|| SimpleKeyExtractionError::new("no peer address"))
    }

    fn exceed_rate_limit_response(
        &self,
        negative: &NotUntil<QuantaInstant>,
        _: HttpResponseBuilder,
    ) -> HttpResponse {
        let wait = negative
            .wait_time_from(DefaultClock::default().now())
            .as_secs()
            .max(1);
        ApiError::new(ErrorCode::RateLimited)
            .retry_after(wait)
            .error_response()
    }
}

pub type Limit = GovernorConfig<PeerIp, NoOpMiddleware<QuantaInstant>>;

/// `per_minute` requests a minute per IP, allowed in a burst of the same size.
pub fn per_minute(per_minute: u32) -> Option<Limit> {
    let per_minute = per_minute.max(1);
    GovernorConfigBuilder::default()
        .period(Duration::from_secs(60) / per_minute)
        .burst_size(per_minute)
        .key_extractor(PeerIp)
        .finish()
}
