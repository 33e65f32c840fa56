//! The audit log as the services see it while a request is served: an entry written without
//! an address gets the client address of that request (from the request context, resolved
//! once by the `Client` extractor), so user, catalog and request changes carry it without
//! every service taking the address as an argument.

use crate::context::RequestContext;
use async_trait::async_trait;
use basma_domain::model::{AuditEntry, AuditFilter, AuditRecord};
use basma_domain::ports::{AuditLog, Page, RepoError};
use chrono::{DateTime, Utc};
use std::sync::Arc;

/// Wraps the stored log; reads and the purge pass through unchanged.
pub struct WithClientIp(pub Arc<dyn AuditLog>);

#[async_trait]
impl AuditLog for WithClientIp {
    async fn record(&self, mut entry: AuditEntry) -> Result<(), RepoError> {
        if entry.ip.is_none() {
            entry.ip = RequestContext::client_ip();
        }
        self.0.record(entry).await
    }

    async fn list(
        &self,
        filter: AuditFilter,
        cursor: Option<String>,
        limit: u16,
    ) -> Result<Page<AuditRecord>, RepoError> {
        self.0.list(filter, cursor, limit).await
    }

    async fn purge(&self, before: DateTime<Utc>, batch: u32) -> Result<u64, RepoError> {
        self.0.purge(before, batch).await
    }
}
