//! The answers of the auth routes: token pairs and the acknowledgements that carry a single
//! flag or count.

use crate::dto::users::UserDto;
use basma_domain::services::accounts;

wire_type! {
    /// A fresh access/refresh token pair and the signed-in user.
    TokenPair from accounts::TokenPair as pair {
        /// JWT for `Authorization: Bearer`.
        access_token: String = pair.access_token,
        /// Opaque; single use (a spent one revokes its whole family).
        refresh_token: String = pair.refresh_token,
        #[schema(pattern = "^Bearer$")]
        token_type: &'static str = "Bearer",
        /// Access-token lifetime in seconds.
        #[schema(value_type = u64)]
        expires_in: i64 = pair.expires_in_seconds,
        user: UserDto = pair.user.into(),
    }
}

wire_type! {
    /// The same answer whatever happened, so it tells nothing about which emails exist.
    Accepted { accepted: bool }
}

wire_type! { Verified { verified: bool } }
wire_type! { LoggedOut { logged_out: bool } }
wire_type! { SessionsRevoked { revoked_sessions: u64 } }
wire_type! { Revoked { revoked: bool } }
wire_type! { PasswordReset { reset: bool } }
wire_type! { PasswordChanged { changed: bool } }
