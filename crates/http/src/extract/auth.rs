//! The signed-in caller. Checks the bearer token through the domain's `AuthService` (which
//! consults the session and user, cached for at most a few seconds) and leaves the caller's id
//! for the access log.

use crate::activity::Activity;
use crate::error::{ApiError, ErrorCode};
use crate::middleware::context::CallerId;
use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpMessage, HttpRequest, web};
use basma_domain::services::accounts::{AuthService, ClientInfo, Principal};
use futures_util::future::LocalBoxFuture;

/// An authenticated request's caller.
#[derive(Debug, Clone)]
pub struct Auth(pub Principal);

/// The bearer token of a request, if any.
pub fn bearer_token(req: &HttpRequest) -> Option<String> {
    let value = req.headers().get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim().to_owned())
        .filter(|t| !t.is_empty())
}

impl FromRequest for Auth {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            let token =
                bearer_token(&req).ok_or_else(|| ApiError::new(ErrorCode::Unauthenticated))?;
            let missing = || ApiError::internal("application state missing");
            let auth = req
                .app_data::<web::Data<AuthService>>()
                .ok_or_else(missing)?;
            let activity = req.app_data::<web::Data<Activity>>().ok_or_else(missing)?;
            let principal = auth.authenticate(&token).await.map_err(ApiError::from)?;
            req.extensions_mut().insert(CallerId(principal.user_id));
            activity.touch(principal.user_id);
            Ok(Auth(principal))
        })
    }
}

/// The client's address and user agent, for sessions and the audit log.
#[derive(Debug, Clone)]
pub struct Client(pub ClientInfo);

impl FromRequest for Client {
    type Error = ApiError;
    type Future = std::future::Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let ip = crate::client_ip::client_ip(req).map(|ip| ip.to_string());
        let user_agent = req
            .headers()
            .get(header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        std::future::ready(Ok(Client(ClientInfo { ip, user_agent })))
    }
}
