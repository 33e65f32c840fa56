//! `basma-mail` is the outgoing-mail adapter: it implements the domain's
//! [`Mailer`](basma_domain::ports::Mailer) port. [`SmtpMailer`] renders the account mails
//! (email verification, password reset) in the recipient's language, Arabic or English, as
//! `multipart/alternative` plain text + HTML (right-to-left for Arabic), and sends them
//! through an SMTP relay with lettre (plain, STARTTLS or implicit TLS via rustls/ring), each
//! send bounded by a timeout. [`LogMailer`] stands in during development when no relay is
//! configured. Invariant: links carry one-time secrets, so neither mailer ever logs a link,
//! a token or a full recipient address — only the mail's kind and the recipient's domain.
//! A failed send is a [`MailError`](basma_domain::ports::MailError); callers log it and
//! carry on.

mod log;
mod smtp;
pub mod templates;

pub use log::LogMailer;
pub use smtp::{MailConfigError, SmtpMailer};
