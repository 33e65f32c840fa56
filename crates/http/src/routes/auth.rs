//! `/api/v1/auth`: registration, verification, login, refresh, logout, sessions, passwords
//! and the caller's own profile.

use crate::context::RequestContext;
use crate::dto::users::{SessionDto, UserDto, nullable};
use crate::envelope;
use crate::error::ApiError;
use crate::error_map::parse_id;
use crate::extract::auth::{Auth, Client};
use crate::extract::json::Json;
use crate::mail_queue::MailJob;
use crate::state::AppState;
use actix_web::{HttpResponse, web};
use basma_domain::model::SessionId;
use basma_domain::ports::MailError;
use basma_domain::services::accounts::{ProfileInput, RegisterInput, TokenPair};
use serde::Deserialize;
use serde_json::json;

type State = web::Data<AppState>;

#[derive(Deserialize, utoipa::ToSchema)]
pub struct RegisterBody {
    #[schema(value_type = String, required = true, min_length = 1, max_length = 100)]
    name: Option<String>,
    #[schema(value_type = String, required = true, format = Email)]
    email: Option<String>,
    #[schema(value_type = String, required = true, min_length = 8, max_length = 128)]
    password: Option<String>,
    /// 7 to 15 digits, optionally with +, spaces, dashes or parentheses.
    #[schema(value_type = Option<String>)]
    phone: Option<String>,
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct TokenBody {
    #[schema(value_type = String, required = true, min_length = 1)]
    token: Option<String>,
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct EmailBody {
    #[schema(value_type = String, required = true)]
    email: Option<String>,
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct LoginBody {
    #[schema(value_type = String, required = true)]
    email: Option<String>,
    #[schema(value_type = String, required = true)]
    password: Option<String>,
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct RefreshBody {
    #[schema(value_type = String, required = true, min_length = 1)]
    refresh_token: Option<String>,
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct ResetBody {
    #[schema(value_type = String, required = true, min_length = 1)]
    token: Option<String>,
    #[schema(value_type = String, required = true, min_length = 8, max_length = 128)]
    password: Option<String>,
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ChangePasswordBody {
    #[schema(value_type = String, required = true)]
    current_password: Option<String>,
    #[schema(value_type = String, required = true, min_length = 8, max_length = 128)]
    new_password: Option<String>,
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct ProfileBody {
    #[schema(value_type = Option<String>, min_length = 1, max_length = 100)]
    name: Option<String>,
    /// `null` removes the phone.
    #[schema(value_type = Option<String>)]
    #[serde(default, deserialize_with = "nullable")]
    phone: Option<Option<String>>,
    #[schema(value_type = Option<crate::docs::shapes::Locale>)]
    locale: Option<String>,
}

fn log_mail_failure(error: Option<MailError>) {
    if let Some(error) = error {
        tracing::warn!(error = %error, "mail not sent; the user can ask again");
    }
}

fn token_pair(pair: TokenPair) -> HttpResponse {
    envelope::ok(json!({
        "accessToken": pair.access_token,
        "refreshToken": pair.refresh_token,
        "tokenType": "Bearer",
        "expiresIn": pair.expires_in_seconds,
        "user": UserDto::from(pair.user),
    }))
}

/// The same answer whatever happened, so it tells nothing about which emails exist.
fn accepted() -> HttpResponse {
    envelope::ok(json!({"accepted": true}))
}

pub async fn register(
    state: State,
    Json(body): Json<RegisterBody>,
) -> Result<HttpResponse, ApiError> {
    let input = RegisterInput {
        name: body.name,
        email: body.email,
        password: body.password,
        phone: body.phone,
    };
    let locale = RequestContext::current().locale;
    let mailed = state.auth.register(input, locale).await?;
    log_mail_failure(mailed.mail_error);
    Ok(envelope::created(
        "/api/v1/auth/me",
        UserDto::from(mailed.value),
    ))
}

pub async fn verify_email(
    state: State,
    Json(body): Json<TokenBody>,
) -> Result<HttpResponse, ApiError> {
    state
        .auth
        .verify_email(body.token.as_deref().unwrap_or_default())
        .await?;
    Ok(envelope::ok(json!({"verified": true})))
}

pub async fn resend_verification(
    state: State,
    Json(body): Json<EmailBody>,
) -> Result<HttpResponse, ApiError> {
    state
        .mail_queue
        .push(MailJob::ResendVerification(body.email.unwrap_or_default()));
    Ok(accepted())
}

pub async fn login(
    state: State,
    client: Client,
    Json(body): Json<LoginBody>,
) -> Result<HttpResponse, ApiError> {
    let (email, password) = (
        body.email.unwrap_or_default(),
        body.password.unwrap_or_default(),
    );
    let outcome = state.auth.login(&email, &password, &client.0).await;
    let result = if outcome.is_ok() {
        "success"
    } else {
        "failure"
    };
    metrics::counter!("auth_logins_total", "result" => result).increment(1);
    Ok(token_pair(outcome?))
}

pub async fn refresh(
    state: State,
    client: Client,
    Json(body): Json<RefreshBody>,
) -> Result<HttpResponse, ApiError> {
    let pair = state
        .auth
        .refresh(body.refresh_token.as_deref().unwrap_or_default(), &client.0)
        .await?;
    Ok(token_pair(pair))
}

/// With a valid access token: ends its session (and the refresh token's, if the caller's).
/// Without one (absent or expired), the live refresh token in the body alone ends its session.
pub async fn logout(
    state: State,
    auth: Result<Auth, ApiError>,
    client: Client,
    body: Option<Json<RefreshBody>>,
) -> Result<HttpResponse, ApiError> {
    let refresh = body
        .and_then(|Json(b)| b.refresh_token)
        .filter(|t| !t.is_empty());
    let ended = match (auth, refresh) {
        (Ok(auth), refresh) => {
            state
                .auth
                .logout(&auth.0, refresh.as_deref(), &client.0)
                .await?;
            auth.0.session_id
        }
        (Err(_), Some(refresh)) => state.auth.logout_with_refresh(&refresh, &client.0).await?,
        (Err(unauthenticated), None) => return Err(unauthenticated),
    };
    state.sockets.close_session(ended);
    Ok(envelope::ok(json!({"loggedOut": true})))
}

pub async fn logout_all(
    state: State,
    auth: Auth,
    client: Client,
) -> Result<HttpResponse, ApiError> {
    let revoked = state.auth.logout_all(&auth.0, &client.0).await?;
    state.sockets.close_user(auth.0.user_id);
    Ok(envelope::ok(json!({"revokedSessions": revoked})))
}

pub async fn sessions(state: State, auth: Auth) -> Result<HttpResponse, ApiError> {
    let sessions = state.auth.sessions(&auth.0).await?;
    let current = auth.0.session_id;
    Ok(envelope::ok(
        sessions
            .into_iter()
            .map(|s| SessionDto::new(s, current))
            .collect::<Vec<_>>(),
    ))
}

pub async fn revoke_session(
    state: State,
    auth: Auth,
    client: Client,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id: SessionId = parse_id(&id)?;
    state.auth.revoke_session(&auth.0, id, &client.0).await?;
    state.sockets.close_session(id);
    Ok(envelope::ok(json!({"revoked": true})))
}

pub async fn forgot_password(
    state: State,
    Json(body): Json<EmailBody>,
) -> Result<HttpResponse, ApiError> {
    state
        .mail_queue
        .push(MailJob::ForgotPassword(body.email.unwrap_or_default()));
    Ok(accepted())
}

pub async fn reset_password(
    state: State,
    client: Client,
    Json(body): Json<ResetBody>,
) -> Result<HttpResponse, ApiError> {
    state
        .auth
        .reset_password(body.token.as_deref(), body.password.as_deref(), &client.0)
        .await?;
    Ok(envelope::ok(json!({"reset": true})))
}

pub async fn change_password(
    state: State,
    auth: Auth,
    client: Client,
    Json(body): Json<ChangePasswordBody>,
) -> Result<HttpResponse, ApiError> {
    let (current, new) = (
        body.current_password.as_deref(),
        body.new_password.as_deref(),
    );
    state
        .auth
        .change_password(&auth.0, current, new, &client.0)
        .await?;
    Ok(envelope::ok(json!({"changed": true})))
}

pub async fn me(state: State, auth: Auth) -> Result<HttpResponse, ApiError> {
    Ok(envelope::ok(UserDto::from(state.auth.me(&auth.0).await?)))
}

pub async fn update_me(
    state: State,
    auth: Auth,
    Json(body): Json<ProfileBody>,
) -> Result<HttpResponse, ApiError> {
    let input = ProfileInput {
        name: body.name,
        phone: body.phone,
        locale: body.locale,
    };
    Ok(envelope::ok(UserDto::from(
        state.auth.update_me(&auth.0, input).await?,
    )))
}
