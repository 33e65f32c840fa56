//! The readiness probe for the attachment store, shown as `"storage"` by `GET /health/ready`.

use crate::ObjectStoreStorage;
use async_trait::async_trait;
use basma_domain::ports::{HealthProbe, RepoError};
use std::time::Duration;

/// How long the probe's round trip may take before the store counts as unavailable.
const PROBE_TIMEOUT: Duration = Duration::from_secs(2);

/// Readiness probe: one listing under a prefix that is never written (see
/// `ObjectStoreStorage::probe`); any failure, or no answer within [`PROBE_TIMEOUT`], is down.
#[derive(Debug, Clone)]
pub struct StorageHealth {
    storage: ObjectStoreStorage,
}

impl StorageHealth {
    pub fn new(storage: ObjectStoreStorage) -> Self {
        Self { storage }
    }
}

#[async_trait]
impl HealthProbe for StorageHealth {
    fn name(&self) -> &'static str {
        "storage"
    }

    async fn ping(&self) -> Result<(), RepoError> {
        match tokio::time::timeout(PROBE_TIMEOUT, self.storage.probe()).await {
            Err(_) => Err(RepoError::Unavailable("no answer within 2 s".into())),
            Ok(result) => result.map_err(|e| RepoError::Unavailable(e.to_string())),
        }
    }
}
