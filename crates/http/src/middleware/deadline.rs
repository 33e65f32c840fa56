//! The overall deadline of a request (`BASMA_REQUEST_TIMEOUT`): a request that has not
//! produced its response head in time is answered `503 SERVICE_UNAVAILABLE` with
//! `Retry-After`, so nothing a client waits on hangs as long as a stalled database.
//!
//! Only the head is bounded: a WebSocket session (its handler answers 101 at once and the
//! session runs in its own task) and a streaming body that has started (the CSV export) go on.
//! Dropping the handler's future drops any open database transaction with it, which rolls it
//! back: a write that times out is never half-applied (it was either committed before the
//! deadline, e.g. when only the event publishing after the commit was late, or not at all).

use crate::error::{ApiError, ErrorCode};
use crate::settings::HttpSettings;
use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::{Error, web};
use std::time::Duration;

/// The deadline from the application's settings (none when it is zero).
pub async fn deadline(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    let limit = req
        .app_data::<web::Data<HttpSettings>>()
        .map(|s| s.request_timeout)
        .filter(|limit| !limit.is_zero());
    match limit {
        Some(limit) => within(limit, req, next).await,
        None => next
            .call(req)
            .await
            .map(ServiceResponse::map_into_boxed_body),
    }
}

/// Runs the rest of the chain until it produces a response head, for at most `limit`.
///
/// The 503 travels as an error: the request itself moved into the chain (actix routes on it
/// and must own it alone), and the context middleware renders errors with the envelope.
pub async fn within(
    limit: Duration,
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    let path = req.path().to_owned();
    match tokio::time::timeout(limit, next.call(req)).await {
        Ok(result) => result.map(ServiceResponse::map_into_boxed_body),
        Err(_) => {
            tracing::warn!(path, deadline = ?limit, "request deadline passed");
            Err(ApiError::new(ErrorCode::ServiceUnavailable)
                .with_cause(format!("no response within the {limit:?} request deadline"))
                .retry_after(limit.as_secs().max(1))
                .into())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::middleware::from_fn;
    use actix_web::web::Bytes;
    use actix_web::{App, HttpResponse, test};
    use std::time::Instant;

    async fn slow() -> HttpResponse {
        tokio::time::sleep(Duration::from_secs(3)).await;
        HttpResponse::Ok().finish()
    }

    /// The head at once, then a body that takes longer than the deadline.
    async fn slow_stream() -> HttpResponse {
        let chunks = futures_util::stream::unfold(0u8, |n| async move {
            if n == 3 {
                return None;
            }
            tokio::time::sleep(Duration::from_millis(150)).await;
            Some((Ok::<_, std::io::Error>(Bytes::from(vec![b'a' + n])), n + 1))
        });
        HttpResponse::Ok().streaming(chunks)
    }

    #[actix_web::test]
    async fn a_slow_head_is_answered_503_and_a_started_stream_is_not_cut() {
        let app = test::init_service(
            App::new()
                .route("/slow", web::get().to(slow))
                .route("/stream", web::get().to(slow_stream))
                .wrap(from_fn(|req, next| {
                    within(Duration::from_millis(200), req, next)
                })),
        )
        .await;
        let started = Instant::now();
        let answer =
            test::try_call_service(&app, test::TestRequest::get().uri("/slow").to_request()).await;
        let Err(error) = answer else {
            panic!("the slow handler answered before the deadline");
        };
        let response = error.error_response();
        assert_eq!(response.status(), 503);
        assert!(response.headers().contains_key("retry-after"));
        assert!(started.elapsed() < Duration::from_secs(2));
        let response =
            test::call_service(&app, test::TestRequest::get().uri("/stream").to_request()).await;
        assert_eq!(response.status(), 200);
        assert_eq!(test::read_body(response).await, Bytes::from_static(b"abc"));
    }
}
