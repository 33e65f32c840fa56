//! `/api/v1/auth`: registration, verification, login, refresh, logout, sessions, passwords
//! and the caller's own profile.

use crate::context::RequestContext;
use crate::docs::responses::{Conflict, InvalidOrUnauthorized, NotFound, SignIn, Unauthorized};
use crate::dto::auth::{
    Accepted, LoggedOut, PasswordChanged, PasswordReset, Revoked, SessionsRevoked, TokenPair,
    Verified,
};
use crate::dto::users::{SessionDto, UserDto, nullable};
use crate::envelope::{self, Envelope};
use crate::error::ApiError;
use crate::extract::auth::{Auth, Client};
use crate::extract::id::Id;
use crate::extract::json::Json;
use crate::mail_queue::{MailJob, MailQueue};
use crate::routes::Reply;
use crate::ws::registry::SocketRegistry;
use actix_web::{HttpResponse, web};
use basma_domain::model::Locale;
use basma_domain::model::SessionId;
use basma_domain::ports::MailError;
use basma_domain::services::accounts::{self, AuthService, ProfileInput, RegisterInput};
use serde::Deserialize;

type Accounts = web::Data<AuthService>;
type Sockets = web::Data<SocketRegistry>;

body_type! {
    RegisterBody into RegisterInput {
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

body_type! {
    ProfileBody into ProfileInput {
        #[schema(value_type = Option<String>, min_length = 1, max_length = 100)]
        name: Option<String>,
        /// `null` removes the phone.
        #[schema(value_type = Option<String>)]
        #[serde(default, deserialize_with = "nullable")]
        phone: Option<Option<String>>,
        #[schema(value_type = Option<Locale>)]
        locale: Option<String>,
    }
}

fn log_mail_failure(error: Option<MailError>) {
    if let Some(error) = error {
        tracing::warn!(error = %error, "mail not sent; the user can ask again");
    }
}

fn token_pair(pair: accounts::TokenPair) -> HttpResponse {
    envelope::ok(TokenPair::from(pair))
}

/// The same answer whatever happened, so it tells nothing about which emails exist.
fn accepted() -> HttpResponse {
    envelope::ok(Accepted { accepted: true })
}

/// Registers a CUSTOMER and mails a verification link
#[utoipa::path(post, path = "/api/v1/auth/register", tag = "auth", operation_id = "register",
    description = "A taken email is `409 CONFLICT`. A `phone` that another account already uses is not an error and is not revealed: the account is created without it, and the answer shows the phone as submitted (normalised) exactly as for a free one. Once signed in, the owner sees what was stored (`GET /auth/me`) and can add a phone there, where a taken one is `409`.",
    request_body = RegisterBody, responses((status = 201, description = "Created; `Location` points at it.", body = Envelope<UserDto>), Conflict))]
pub async fn register(accounts: Accounts, Json(body): Json<RegisterBody>) -> Reply {
    let input = RegisterInput::from(body);
    let locale = RequestContext::current().locale;
    let mailed = accounts.register(input, locale).await?;
    log_mail_failure(mailed.mail_error);
    Ok(envelope::created(
        "/api/v1/auth/me",
        UserDto::from(mailed.value),
    ))
}

/// Verifies an email with the mailed token
#[utoipa::path(post, path = "/api/v1/auth/verify-email", tag = "auth", operation_id = "verifyEmail",
    request_body = TokenBody, responses((status = 200, description = "Success.", body = Envelope<Verified>), Unauthorized))]
pub async fn verify_email(accounts: Accounts, Json(body): Json<TokenBody>) -> Reply {
    accounts
        .verify_email(body.token.as_deref().unwrap_or_default())
        .await?;
    Ok(envelope::ok(Verified { verified: true }))
}

/// Mails a new verification link (always 200)
#[utoipa::path(post, path = "/api/v1/auth/resend-verification", tag = "auth", operation_id = "resendVerification",
    description = "Answers at once, the same for any address; the link is made and mailed in the background, to an unverified active account only. At most 3 link mails of a kind per address per hour: beyond that nothing is sent, with the same answer.",
    request_body = EmailBody, responses((status = 200, description = "Success.", body = Envelope<Accepted>)))]
pub async fn resend_verification(mail: web::Data<MailQueue>, Json(body): Json<EmailBody>) -> Reply {
    mail.push(MailJob::ResendVerification(body.email.unwrap_or_default()));
    Ok(accepted())
}

/// Signs in and returns a token pair
#[utoipa::path(post, path = "/api/v1/auth/login", tag = "auth", operation_id = "login",
    request_body = LoginBody, responses((status = 200, description = "Success.", body = Envelope<TokenPair>), SignIn))]
pub async fn login(accounts: Accounts, client: Client, Json(body): Json<LoginBody>) -> Reply {
    let (email, password) = (
        body.email.unwrap_or_default(),
        body.password.unwrap_or_default(),
    );
    let outcome = accounts.login(&email, &password, &client.0).await;
    let result = if outcome.is_ok() {
        "success"
    } else {
        "failure"
    };
    metrics::counter!("auth_logins_total", "result" => result).increment(1);
    Ok(token_pair(outcome?))
}

/// Spends a refresh token for a new pair (reuse revokes the family)
#[utoipa::path(post, path = "/api/v1/auth/refresh", tag = "auth", operation_id = "refresh",
    request_body = RefreshBody, responses((status = 200, description = "Success.", body = Envelope<TokenPair>), SignIn))]
pub async fn refresh(accounts: Accounts, client: Client, Json(body): Json<RefreshBody>) -> Reply {
    let pair = accounts
        .refresh(body.refresh_token.as_deref().unwrap_or_default(), &client.0)
        .await?;
    Ok(token_pair(pair))
}

/// Revokes the current session
#[utoipa::path(post, path = "/api/v1/auth/logout", tag = "auth", operation_id = "logout",
    description = "With a valid access token: revokes its session, and the session of `refreshToken` if it is the caller's. Without one (absent or expired), the live `refreshToken` in the body alone revokes its own session; an unknown, spent or revoked refresh token is `401 INVALID_TOKEN`, and neither token is `401 UNAUTHENTICATED`.",
    request_body = Option<RefreshBody>, responses((status = 200, description = "Success.", body = Envelope<LoggedOut>), Unauthorized), security((), ("bearer" = [])))]
pub async fn logout(
    accounts: Accounts,
    sockets: Sockets,
    auth: Result<Auth, ApiError>,
    client: Client,
    body: Option<Json<RefreshBody>>,
) -> Reply {
    let refresh = body
        .and_then(|Json(b)| b.refresh_token)
        .filter(|t| !t.is_empty());
    let ended = match (auth, refresh) {
        (Ok(auth), refresh) => {
            accounts
                .logout(&auth.0, refresh.as_deref(), &client.0)
                .await?;
            auth.0.session_id
        }
        (Err(_), Some(refresh)) => accounts.logout_with_refresh(&refresh, &client.0).await?,
        (Err(unauthenticated), None) => return Err(unauthenticated),
    };
    sockets.close_session(ended);
    Ok(envelope::ok(LoggedOut { logged_out: true }))
}

/// Revokes every session of the caller
#[utoipa::path(post, path = "/api/v1/auth/logout-all", tag = "auth", operation_id = "logoutAll",
    responses((status = 200, description = "Success.", body = Envelope<SessionsRevoked>)))]
pub async fn logout_all(accounts: Accounts, sockets: Sockets, auth: Auth, client: Client) -> Reply {
    let revoked = accounts.logout_all(&auth.0, &client.0).await?;
    sockets.close_user(auth.0.user_id);
    Ok(envelope::ok(SessionsRevoked {
        revoked_sessions: revoked,
    }))
}

/// The caller's active sessions
#[utoipa::path(get, path = "/api/v1/auth/sessions", tag = "auth", operation_id = "listSessions",
    responses((status = 200, description = "Success.", body = Envelope<Vec<SessionDto>>)))]
pub async fn sessions(accounts: Accounts, auth: Auth) -> Reply {
    let sessions = accounts.sessions(&auth.0).await?;
    let current = auth.0.session_id;
    Ok(envelope::ok(
        sessions
            .into_iter()
            .map(|s| SessionDto::new(s, current))
            .collect::<Vec<_>>(),
    ))
}

/// Revokes one of the caller's sessions
#[utoipa::path(delete, path = "/api/v1/auth/sessions/{id}", tag = "auth", operation_id = "revokeSession",
    responses((status = 200, description = "Success.", body = Envelope<Revoked>), NotFound))]
pub async fn revoke_session(
    accounts: Accounts,
    sockets: Sockets,
    auth: Auth,
    client: Client,
    Id(id): Id<SessionId>,
) -> Reply {
    accounts.revoke_session(&auth.0, id, &client.0).await?;
    sockets.close_session(id);
    Ok(envelope::ok(Revoked { revoked: true }))
}

/// Mails a password-reset link (always 200)
#[utoipa::path(post, path = "/api/v1/auth/forgot-password", tag = "auth", operation_id = "forgotPassword",
    description = "Answers at once, the same for any address; the link is made and mailed in the background, to an active account only. At most 3 reset mails per address per hour: beyond that nothing is sent, with the same answer. A successful reset spends every other reset link of the account.",
    request_body = EmailBody, responses((status = 200, description = "Success.", body = Envelope<Accepted>)))]
pub async fn forgot_password(mail: web::Data<MailQueue>, Json(body): Json<EmailBody>) -> Reply {
    mail.push(MailJob::ForgotPassword(body.email.unwrap_or_default()));
    Ok(accepted())
}

/// Sets a new password with the mailed token; revokes all sessions
#[utoipa::path(post, path = "/api/v1/auth/reset-password", tag = "auth", operation_id = "resetPassword",
    description = "The password is checked first: a refused one (`400`) leaves the token usable. A successful reset spends every other reset token of the account.",
    request_body = ResetBody, responses((status = 200, description = "Success.", body = Envelope<PasswordReset>), InvalidOrUnauthorized))]
pub async fn reset_password(
    accounts: Accounts,
    client: Client,
    Json(body): Json<ResetBody>,
) -> Reply {
    accounts
        .reset_password(body.token.as_deref(), body.password.as_deref(), &client.0)
        .await?;
    Ok(envelope::ok(PasswordReset { reset: true }))
}

/// Changes the caller's password; revokes the other sessions
#[utoipa::path(post, path = "/api/v1/auth/change-password", tag = "auth", operation_id = "changePassword",
    request_body = ChangePasswordBody, responses((status = 200, description = "Success.", body = Envelope<PasswordChanged>), Unauthorized))]
pub async fn change_password(
    accounts: Accounts,
    auth: Auth,
    client: Client,
    Json(body): Json<ChangePasswordBody>,
) -> Reply {
    let (current, new) = (
        body.current_password.as_deref(),
        body.new_password.as_deref(),
    );
    accounts
        .change_password(&auth.0, current, new, &client.0)
        .await?;
    Ok(envelope::ok(PasswordChanged { changed: true }))
}

/// The caller's profile
#[utoipa::path(get, path = "/api/v1/auth/me", tag = "auth", operation_id = "getMe",
    responses((status = 200, description = "Success.", body = Envelope<UserDto>)))]
pub async fn me(accounts: Accounts, auth: Auth) -> Reply {
    Ok(envelope::ok(UserDto::from(accounts.me(&auth.0).await?)))
}

/// Changes the caller's name, phone or language
#[utoipa::path(patch, path = "/api/v1/auth/me", tag = "auth", operation_id = "updateMe",
    request_body = ProfileBody, responses((status = 200, description = "Success.", body = Envelope<UserDto>), Conflict))]
pub async fn update_me(accounts: Accounts, auth: Auth, Json(body): Json<ProfileBody>) -> Reply {
    let input = ProfileInput::from(body);
    Ok(envelope::ok(UserDto::from(
        accounts.update_me(&auth.0, input).await?,
    )))
}
