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

/// Keys requests by the client's IP address (the peer, or the client a trusted proxy names).
#[derive(Debug, Clone, Copy)]
pub struct PeerIp;

impl KeyExtractor for PeerIp {
    type Key = IpAddr;
    type KeyExtractionError = SimpleKeyExtractionError<&'static str>;

    fn extract(&self, req: &ServiceRequest) -> Result<Self::Key, Self::KeyExtractionError> {
        crate::client_ip::client_ip(req.request())
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

/// Counters shared by every instance (Redis), when configured. Per-instance governor limits
/// still apply underneath, so an unreachable Redis fails open to them rather than to none.
#[async_trait::async_trait]
pub trait SharedLimiter: Send + Sync {
    /// `Ok(None)` when allowed, `Ok(Some(retry_after_seconds))` when limited.
    ///
    /// # Errors
    /// When the shared store cannot be asked.
    async fn check(&self, key: &str, per_minute: u32) -> Result<Option<u64>, String>;
}

/// Applies the shared per-IP limits: the general one on every request, the auth one on
/// `/api/v1/auth/*` too.
pub async fn shared_limits(
    req: actix_web::dev::ServiceRequest,
    next: actix_web::middleware::Next<impl actix_web::body::MessageBody + 'static>,
) -> Result<actix_web::dev::ServiceResponse<actix_web::body::BoxBody>, actix_web::Error> {
    use actix_web::web::Data;
    let limiter = req.app_data::<Data<dyn SharedLimiter>>().cloned();
    let settings = req
        .app_data::<Data<crate::settings::HttpSettings>>()
        .cloned();
    let ip = crate::client_ip::client_ip(req.request()).map(|ip| ip.to_string());
    if let (Some(limiter), Some(settings), Some(ip)) = (limiter, settings, ip) {
        let mut checks = vec![(format!("all:{ip}"), settings.rate_limit_per_minute)];
        if req.path().starts_with("/api/v1/auth/") {
            checks.push((format!("auth:{ip}"), settings.auth_rate_limit_per_minute));
        }
        for (key, per_minute) in checks {
            match limiter.check(&key, per_minute).await {
                Ok(None) => {}
                Ok(Some(wait)) => {
                    let response = ApiError::new(ErrorCode::RateLimited)
                        .retry_after(wait)
                        .error_response();
                    return Ok(req.into_response(response));
                }
                // The limiter's circuit breaker logged the outage once; the per-instance
                // limits (governor, underneath) still apply.
                Err(e) => {
                    tracing::debug!(error = %e, "shared rate limit unavailable; per-instance limits apply")
                }
            }
        }
    }
    next.call(req)
        .await
        .map(actix_web::dev::ServiceResponse::map_into_boxed_body)
}
