//! The link mails only a registered address triggers (password reset, verification resend)
//! run off the request path: the handler queues the address and answers at once, so the
//! answer takes the same time whether or not the address exists (issue 11). A full queue
//! drops the request with a warning; the user can ask again.

use basma_domain::services::accounts::AuthService;
use std::sync::Arc;
use tokio::sync::mpsc;

/// Addresses waiting for the worker; beyond this they are dropped with a warning (the user
/// can ask again).
pub const CAPACITY: usize = 1024;

/// What to do for one submitted address.
#[derive(Debug)]
pub enum MailJob {
    ForgotPassword(String),
    ResendVerification(String),
}

/// The sending side; cheap to clone. The worker stops when every sender is gone.
#[derive(Debug, Clone)]
pub struct MailQueue {
    jobs: mpsc::Sender<MailJob>,
}

impl MailQueue {
    /// Starts the worker on the current Tokio runtime. One job at a time: that keeps the
    /// per-address throttle exact within an instance, and a reset mail is not urgent to the
    /// millisecond.
    pub fn start(auth: Arc<AuthService>, capacity: usize) -> Self {
        let (jobs, mut queue) = mpsc::channel(capacity.max(1));
        tokio::spawn(async move {
            while let Some(job) = queue.recv().await {
                run(&auth, job).await;
            }
        });
        Self { jobs }
    }

    /// Queues a job without waiting.
    pub fn push(&self, job: MailJob) {
        if let Err(e) = self.jobs.try_send(job) {
            let reason = match e {
                mpsc::error::TrySendError::Full(_) => "full",
                mpsc::error::TrySendError::Closed(_) => "closed",
            };
            metrics::counter!("mail_jobs_dropped_total").increment(1);
            tracing::warn!(
                queue = reason,
                "mail request dropped; the user can ask again"
            );
        }
    }
}

async fn run(auth: &AuthService, job: MailJob) {
    let outcome = match &job {
        MailJob::ForgotPassword(email) => auth.forgot_password(email).await,
        MailJob::ResendVerification(email) => auth.resend_verification(email).await,
    };
    let kind = match job {
        MailJob::ForgotPassword(_) => "reset",
        MailJob::ResendVerification(_) => "verification",
    };
    match outcome {
        Ok(mailed) => {
            if let Some(error) = mailed.mail_error {
                tracing::warn!(error = %error, kind, "mail not sent; the user can ask again");
            }
        }
        Err(error) => tracing::warn!(error = %error, kind, "mail request failed"),
    }
}
