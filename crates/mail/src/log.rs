//! The development mailer: used when `SMTP_URL` is unset. It records that a mail would have
//! gone out (its kind, language and the recipient's domain) and sends nothing. It never logs
//! the link, the token or the full address: the link is a credential.

use crate::templates::{self, MailKind};
use async_trait::async_trait;
use basma_domain::ports::{Mail, MailError, Mailer};

/// Logs mails instead of sending them. Always succeeds.
#[derive(Debug, Default, Clone, Copy)]
pub struct LogMailer;

#[async_trait]
impl Mailer for LogMailer {
    async fn send(&self, mail: Mail) -> Result<(), MailError> {
        let (Mail::VerifyEmail { to, locale, .. } | Mail::ResetPassword { to, locale, .. }) = &mail;
        tracing::info!(
            mail.kind = MailKind::of(&mail).as_str(),
            mail.locale = locale.as_str(),
            mail.recipient_domain = templates::recipient_domain(to),
            "SMTP_URL is unset: mail not sent (logged only)"
        );
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use basma_domain::model::Locale;

    #[tokio::test]
    async fn log_mailer_always_succeeds() {
        let mail = Mail::ResetPassword {
            to: "a@example.com".into(),
            name: "A".into(),
            locale: Locale::Ar,
            link: "http://x/reset-password?token=secret".into(),
        };
        assert_eq!(LogMailer.send(mail).await, Ok(()));
    }
}
