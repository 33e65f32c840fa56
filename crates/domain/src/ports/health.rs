//! Readiness probes for the stores the server depends on.

use super::RepoError;
use async_trait::async_trait;

/// Answers whether a dependency can serve right now.
#[async_trait]
pub trait HealthProbe: Send + Sync {
    /// Short name shown in the readiness checks (`"database"`, `"redis"`).
    fn name(&self) -> &'static str;

    /// One cheap round trip.
    ///
    /// # Errors
    /// `Unavailable` when the dependency does not answer within a few seconds.
    async fn ping(&self) -> Result<(), RepoError>;
}
