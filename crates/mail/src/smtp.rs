//! The SMTP adapter: renders a [`Mail`] and hands it to a relay through lettre.
//!
//! Configured by one URL (`SMTP_URL`): `smtp://host:port` speaks plain SMTP (local relays,
//! tests), `?tls=required` insists on STARTTLS, `?tls=opportunistic` upgrades when offered,
//! `smtps://` wraps the connection in TLS from the first byte. TLS is rustls with the ring
//! provider and the Mozilla roots. Credentials come from the URL's user info. Every send is
//! bounded by a timeout so a stuck relay never holds a request.

use crate::templates::{self, MailKind};
use async_trait::async_trait;
use basma_domain::ports::{Mail, MailError, Mailer};
use lettre::message::{Mailbox, MultiPart};
use lettre::{Address, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::time::Duration;

/// Why an SMTP configuration was refused. Messages never include the URL (it may hold a
/// password).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MailConfigError {
    #[error("SMTP_URL is not a valid URL: {0}")]
    InvalidUrl(String),
    #[error("SMTP_URL must start with smtp:// or smtps://, got `{0}://`")]
    UnsupportedScheme(String),
    #[error("SMTP_URL has no host")]
    MissingHost,
    #[error(
        "SMTP_URL: tls must be `required` or `opportunistic` (or absent for plain SMTP), got `{0}`"
    )]
    UnsupportedTls(String),
    #[error("SMTP_URL: unknown parameter `{0}` (only `tls` is understood)")]
    UnknownParameter(String),
    #[error("SMTP_URL was refused by the SMTP client: {0}")]
    Transport(String),
    #[error("BASMA_MAIL_FROM is not a valid mailbox (`Name <addr@host>` or `addr@host`): {0}")]
    InvalidFrom(String),
    #[error("the SMTP mailer must be built inside a Tokio runtime")]
    NoRuntime,
}

impl MailConfigError {
    /// The environment variable at fault, for the one-line start-up error.
    pub fn variable(&self) -> &'static str {
        match self {
            MailConfigError::InvalidFrom(_) => "BASMA_MAIL_FROM",
            _ => "SMTP_URL",
        }
    }
}

/// Sends mails through an SMTP relay (pooled connections).
pub struct SmtpMailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    timeout: Duration,
    /// `host:port` and TLS mode, for `Debug` and logs; never the credentials.
    describe: String,
}

impl std::fmt::Debug for SmtpMailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmtpMailer")
            .field("relay", &self.describe)
            .field("from", &self.from.email.to_string())
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

impl SmtpMailer {
    /// The default bound on one send: connection, TLS, authentication and the whole dialogue.
    pub const SEND_TIMEOUT: Duration = Duration::from_secs(10);

    /// Builds a mailer from `SMTP_URL` and the sender mailbox (`BASMA_MAIL_FROM`).
    ///
    /// Nothing is connected yet: the first send opens the connection.
    ///
    /// # Errors
    /// A [`MailConfigError`] naming what is wrong with the URL or the sender; also
    /// [`MailConfigError::NoRuntime`] when called outside a Tokio runtime (the connection
    /// pool spawns its housekeeping task there).
    pub fn from_url(smtp_url: &str, from: &str) -> Result<Self, MailConfigError> {
        let smtp_url = smtp_url.trim();
        let describe = validate_url(smtp_url)?;
        let from: Mailbox = from
            .trim()
            .parse()
            .map_err(|e: lettre::address::AddressError| {
                MailConfigError::InvalidFrom(e.to_string())
            })?;
        if tokio::runtime::Handle::try_current().is_err() {
            return Err(MailConfigError::NoRuntime);
        }
        let timeout = Self::SEND_TIMEOUT;
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(smtp_url)
            .map_err(|e| MailConfigError::Transport(e.to_string()))?
            .timeout(Some(timeout))
            .build();
        Ok(Self {
            transport,
            from,
            timeout,
            describe,
        })
    }

    /// Replaces the send timeout (default [`Self::SEND_TIMEOUT`]).
    #[must_use]
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    fn message(&self, mail: &Mail) -> Result<Message, MailError> {
        let (Mail::VerifyEmail { to, name, .. } | Mail::ResetPassword { to, name, .. }) = mail;
        let address: Address = to
            .parse()
            .map_err(|e: lettre::address::AddressError| MailError(format!("bad recipient: {e}")))?;
        let name = name.trim();
        let to = Mailbox::new((!name.is_empty()).then(|| name.to_owned()), address);
        let rendered = templates::render(mail);
        Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(rendered.subject)
            .message_id(None)
            .multipart(MultiPart::alternative_plain_html(
                rendered.text,
                rendered.html,
            ))
            .map_err(|e| MailError(format!("cannot build message: {e}")))
    }
}

#[async_trait]
impl Mailer for SmtpMailer {
    async fn send(&self, mail: Mail) -> Result<(), MailError> {
        let kind = MailKind::of(&mail).as_str();
        let domain = templates::recipient_domain(templates::recipient(&mail)).to_owned();
        let message = self.message(&mail)?;
        let outcome = tokio::time::timeout(self.timeout, self.transport.send(message)).await;
        let result = match outcome {
            Ok(Ok(_response)) => Ok(()),
            Ok(Err(e)) => Err(MailError(format!("SMTP relay {}: {e}", self.describe))),
            Err(_) => Err(MailError(format!(
                "SMTP relay {}: no answer within {} ms",
                self.describe,
                self.timeout.as_millis()
            ))),
        };
        match &result {
            Ok(()) => {
                tracing::info!(mail.kind = kind, mail.recipient_domain = %domain, "mail sent")
            }
            Err(e) => tracing::warn!(
                mail.kind = kind,
                mail.recipient_domain = %domain,
                error = %e,
                "mail not sent"
            ),
        }
        result
    }
}

/// Checks the URL up front so a mistake gives a precise message rather than lettre's generic
/// one. Returns `host:port (mode)` for logs.
fn validate_url(smtp_url: &str) -> Result<String, MailConfigError> {
    let url = url::Url::parse(smtp_url).map_err(|e| MailConfigError::InvalidUrl(e.to_string()))?;
    let scheme = url.scheme();
    if scheme != "smtp" && scheme != "smtps" {
        return Err(MailConfigError::UnsupportedScheme(scheme.to_owned()));
    }
    let host = url
        .host_str()
        .filter(|h| !h.is_empty())
        .ok_or(MailConfigError::MissingHost)?;
    let mut tls = None;
    for (key, value) in url.query_pairs() {
        match key.as_ref() {
            "tls" => match value.as_ref() {
                "required" | "opportunistic" => tls = Some(value.into_owned()),
                other => return Err(MailConfigError::UnsupportedTls(other.to_owned())),
            },
            other => return Err(MailConfigError::UnknownParameter(other.to_owned())),
        }
    }
    let (mode, default_port) = match (scheme, tls.as_deref()) {
        ("smtps", _) => ("tls", 465),
        (_, Some(mode)) => (
            if mode == "required" {
                "starttls"
            } else {
                "opportunistic"
            },
            587,
        ),
        _ => ("plain", 25),
    };
    let port = url.port().unwrap_or(default_port);
    Ok(format!("{host}:{port} ({mode})"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use basma_domain::model::Locale;

    const FROM: &str = "Basma <no-reply@basma.local>";

    #[tokio::test]
    async fn accepts_plain_starttls_opportunistic_and_wrapped_urls() {
        for (url, described) in [
            ("smtp://127.0.0.1:2525", "127.0.0.1:2525 (plain)"),
            (
                "smtp://user:p%40ss@mail.example.com:587?tls=required",
                "mail.example.com:587 (starttls)",
            ),
            (
                "smtp://mail.example.com?tls=opportunistic",
                "mail.example.com:587 (opportunistic)",
            ),
            (
                "smtps://user:pass@mail.example.com",
                "mail.example.com:465 (tls)",
            ),
        ] {
            let mailer = SmtpMailer::from_url(url, FROM).unwrap();
            assert_eq!(mailer.describe, described);
        }
    }

    #[tokio::test]
    async fn rejects_bad_urls_with_a_precise_error() {
        let cases = [
            ("not a url", "InvalidUrl"),
            ("http://mail.example.com", "UnsupportedScheme"),
            ("smtp://mail.example.com?tls=yes", "UnsupportedTls"),
            ("smtp://mail.example.com?tls=none", "UnsupportedTls"),
            ("smtp://mail.example.com?starttls=1", "UnknownParameter"),
        ];
        for (url, variant) in cases {
            let err = SmtpMailer::from_url(url, FROM).unwrap_err();
            assert!(format!("{err:?}").starts_with(variant), "{url}: {err:?}");
            assert_eq!(err.variable(), "SMTP_URL");
        }
    }

    #[tokio::test]
    async fn errors_and_debug_never_show_the_password() {
        let err =
            SmtpMailer::from_url("smtp://u:hunter2@mail.example.com?tls=bad", FROM).unwrap_err();
        assert!(!err.to_string().contains("hunter2"));
        let mailer = SmtpMailer::from_url("smtp://u:hunter2@mail.example.com:587", FROM).unwrap();
        assert!(!format!("{mailer:?}").contains("hunter2"));
    }

    #[tokio::test]
    async fn rejects_an_invalid_sender() {
        let err =
            SmtpMailer::from_url("smtp://127.0.0.1:2525", "Basma <not an address>").unwrap_err();
        assert!(matches!(err, MailConfigError::InvalidFrom(_)));
        assert_eq!(err.variable(), "BASMA_MAIL_FROM");
    }

    #[test]
    fn outside_a_runtime_is_an_error_not_a_panic() {
        let err = SmtpMailer::from_url("smtp://127.0.0.1:2525", FROM).unwrap_err();
        assert_eq!(err, MailConfigError::NoRuntime);
    }

    #[tokio::test]
    async fn a_bad_recipient_is_a_mail_error() {
        let mailer = SmtpMailer::from_url("smtp://127.0.0.1:9", FROM).unwrap();
        let mail = Mail::VerifyEmail {
            to: "not-an-address".into(),
            name: "A".into(),
            locale: Locale::En,
            link: "http://x/verify-email?token=t".into(),
        };
        assert!(mailer.send(mail).await.is_err());
    }
}
