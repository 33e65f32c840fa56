//! Outgoing mail as a port. The adapter renders the templates in the recipient's language.

use crate::model::Locale;
use async_trait::async_trait;

/// A mail the core asks to send.
#[derive(Clone, PartialEq, Eq)]
pub enum Mail {
    /// Carries the verification link `{frontend}/verify-email?token=…`.
    VerifyEmail {
        to: String,
        name: String,
        locale: Locale,
        link: String,
    },
    /// Carries the reset link `{frontend}/reset-password?token=…`.
    ResetPassword {
        to: String,
        name: String,
        locale: Locale,
        link: String,
    },
}

impl std::fmt::Debug for Mail {
    /// Links carry secrets: never print them.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kind = match self {
            Mail::VerifyEmail { .. } => "VerifyEmail",
            Mail::ResetPassword { .. } => "ResetPassword",
        };
        write!(f, "Mail::{kind}(<redacted>)")
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("mail not sent: {0}")]
pub struct MailError(pub String);

#[cfg_attr(any(test, feature = "mocks"), mockall::automock)]
#[async_trait]
pub trait Mailer: Send + Sync {
    /// Sends one mail.
    ///
    /// # Errors
    /// `MailError` when the relay refuses or cannot be reached; callers log it and carry on
    /// (the account and token are already stored, the user can ask again).
    async fn send(&self, mail: Mail) -> Result<(), MailError>;
}
