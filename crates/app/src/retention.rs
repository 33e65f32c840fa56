//! The audit log's retention (`BASMA_AUDIT_RETENTION`): a background task deletes entries
//! older than the period at start and then every hour, in bounded batches, so the log
//! neither grows without end nor takes long locks to trim.

use basma_domain::services::audit::AuditService;
use std::sync::Arc;
use std::time::Duration;

/// How often the purge runs; a day's backlog at most an hour late is of no consequence.
const PURGE_EVERY: Duration = Duration::from_secs(3600);

/// Starts the purge; `None` keeps every entry forever.
pub fn keep_audit_trimmed(audit: Arc<AuditService>, retention: Option<Duration>) {
    let Some(retention) = retention.and_then(|r| chrono::Duration::from_std(r).ok()) else {
        return;
    };
    tokio::spawn(async move {
        let mut every = tokio::time::interval(PURGE_EVERY);
        loop {
            every.tick().await;
            match audit.purge_expired(retention).await {
                Ok(0) => {}
                Ok(deleted) => tracing::info!(deleted, "audit entries past retention deleted"),
                Err(e) => tracing::warn!(error = %e, "audit retention purge failed"),
            }
        }
    });
}
