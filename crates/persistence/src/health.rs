//! The database readiness probe.

use crate::error::repo_err;
use async_trait::async_trait;
use basma_domain::ports::{HealthProbe, RepoError};
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};
use std::time::Duration;

/// Answers `SELECT 1`; anything else within the deadline (including a pool timeout) is
/// `Unavailable`, because readiness only asks whether we can serve right now.
#[derive(Debug, Clone)]
pub struct DbHealth {
    db: DatabaseConnection,
    timeout: Duration,
}

impl DbHealth {
    pub fn new(db: DatabaseConnection) -> Self {
        Self {
            db,
            timeout: Duration::from_secs(3),
        }
    }

    /// Overrides the default 3 s deadline.
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }
}

#[async_trait]
impl HealthProbe for DbHealth {
    fn name(&self) -> &'static str {
        "database"
    }

    async fn ping(&self) -> Result<(), RepoError> {
        let stmt = Statement::from_string(self.db.get_database_backend(), "SELECT 1");
        match tokio::time::timeout(self.timeout, self.db.query_one_raw(stmt)).await {
            Ok(Ok(_)) => Ok(()),
            Ok(Err(e)) => Err(match repo_err(e) {
                RepoError::Unavailable(msg) | RepoError::Internal(msg) => {
                    RepoError::Unavailable(msg)
                }
                other => other,
            }),
            Err(_) => Err(RepoError::Unavailable("database ping timed out".into())),
        }
    }
}
