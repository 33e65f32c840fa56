//! The answers of the auth routes: token pairs and the acknowledgements that carry a single
//! flag or count.

use crate::dto::users::UserDto;
use basma_domain::services::accounts;
use serde::Serialize;
use utoipa::ToSchema;

/// A fresh access/refresh token pair and the signed-in user.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct TokenPair {
    /// JWT for `Authorization: Bearer`.
    pub access_token: String,
    /// Opaque; single use (a spent one revokes its whole family).
    pub refresh_token: String,
    #[schema(pattern = "^Bearer$")]
    pub token_type: &'static str,
    /// Access-token lifetime in seconds.
    #[schema(value_type = u64)]
    pub expires_in: i64,
    pub user: UserDto,
}

impl From<accounts::TokenPair> for TokenPair {
    fn from(pair: accounts::TokenPair) -> Self {
        Self {
            access_token: pair.access_token,
            refresh_token: pair.refresh_token,
            token_type: "Bearer",
            expires_in: pair.expires_in_seconds,
            user: pair.user.into(),
        }
    }
}

/// The same answer whatever happened, so it tells nothing about which emails exist.
#[derive(Serialize, ToSchema)]
pub struct Accepted {
    pub accepted: bool,
}

#[derive(Serialize, ToSchema)]
pub struct Verified {
    pub verified: bool,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct LoggedOut {
    pub logged_out: bool,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct SessionsRevoked {
    pub revoked_sessions: u64,
}

#[derive(Serialize, ToSchema)]
pub struct Revoked {
    pub revoked: bool,
}

#[derive(Serialize, ToSchema)]
pub struct PasswordReset {
    pub reset: bool,
}

#[derive(Serialize, ToSchema)]
pub struct PasswordChanged {
    pub changed: bool,
}
