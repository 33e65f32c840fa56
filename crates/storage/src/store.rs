//! [`ObjectStoreStorage`]: the [`AttachmentStorage`] port over any `object_store` backend,
//! with a constructor per backend Basma supports.

use crate::S3Settings;
use crate::error::storage_error;
use crate::upload::put_streamed;
use async_trait::async_trait;
use basma_domain::model::StorageKey;
use basma_domain::ports::{AttachmentStorage, ObjectInfo, ObjectRead, StorageError};
use futures_util::{StreamExt, TryStreamExt};
use object_store::aws::AmazonS3Builder;
use object_store::local::LocalFileSystem;
use object_store::path::Path;
use object_store::signer::{Method, Signer};
use object_store::{
    BackoffConfig, ClientOptions, GetOptions, ObjectStore, ObjectStoreExt, RetryConfig,
};
use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

/// How long a connection to S3 may take before the store counts as unreachable.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(3);
/// One request's limit, body included: a 5 MiB part or a streamed read of a large object
/// must fit, so it is generous; an unreachable store is caught by the connect timeout.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(300);

/// Attachment storage on a local directory or an S3-compatible bucket.
#[derive(Debug, Clone)]
pub struct ObjectStoreStorage {
    store: Arc<dyn ObjectStore>,
    /// Present for stores that can presign URLs (S3).
    signer: Option<Arc<dyn Signer>>,
    /// The directory of a local store, which the readiness probe checks is still there.
    local_root: Option<PathBuf>,
}

impl ObjectStoreStorage {
    /// Objects as files under `dir`, which is created if missing. Keys are relative paths.
    ///
    /// # Errors
    /// `Internal` when `dir` cannot be created or resolved.
    pub fn local(dir: impl AsRef<std::path::Path>) -> Result<Self, StorageError> {
        let dir = dir.as_ref();
        std::fs::create_dir_all(dir)
            .map_err(|e| StorageError::Internal(format!("creating {}: {e}", dir.display())))?;
        let store = LocalFileSystem::new_with_prefix(dir).map_err(storage_error)?;
        Ok(Self {
            store: Arc::new(store),
            signer: None,
            local_root: Some(dir.to_path_buf()),
        })
    }

    /// Objects in an S3-compatible bucket, addressed path-style (`{endpoint}/{bucket}/{key}`,
    /// what MinIO, Garage and moto expect). Nothing is sent until the first call: an
    /// unreachable endpoint shows in the readiness probe, not here. Failed requests are
    /// retried twice, briefly, so an outage surfaces in seconds rather than minutes.
    ///
    /// # Errors
    /// `Internal` for settings the S3 client refuses (e.g. a malformed endpoint).
    pub fn s3(settings: &S3Settings) -> Result<Self, StorageError> {
        let mut builder = AmazonS3Builder::new()
            .with_bucket_name(&settings.bucket)
            .with_region(&settings.region)
            .with_access_key_id(&settings.access_key)
            .with_secret_access_key(&settings.secret_key)
            .with_virtual_hosted_style_request(false)
            .with_client_options(
                ClientOptions::new()
                    .with_connect_timeout(CONNECT_TIMEOUT)
                    .with_timeout(REQUEST_TIMEOUT)
                    .with_allow_http(settings.allow_http),
            )
            .with_retry(RetryConfig {
                backoff: BackoffConfig {
                    init_backoff: Duration::from_millis(100),
                    max_backoff: Duration::from_secs(1),
                    base: 2.0,
                },
                max_retries: 2,
                retry_timeout: Duration::from_secs(10),
            });
        if let Some(endpoint) = &settings.endpoint {
            builder = builder.with_endpoint(endpoint);
        }
        let s3 = Arc::new(builder.build().map_err(storage_error)?);
        Ok(Self {
            store: s3.clone(),
            signer: Some(s3),
            local_root: None,
        })
    }

    /// One cheap round trip for the readiness probe: a listing under a prefix never
    /// written, which fails when the bucket is missing, the credentials are refused or the
    /// endpoint is unreachable (a HEAD would answer "not found" for a missing bucket too),
    /// and, on local disk, a check that the directory is still there.
    pub(crate) async fn probe(&self) -> Result<(), StorageError> {
        if let Some(root) = &self.local_root {
            let meta = tokio::fs::metadata(root).await;
            if !meta.is_ok_and(|m| m.is_dir()) {
                return Err(StorageError::Unavailable(format!(
                    "{} is gone",
                    root.display()
                )));
            }
        }
        let prefix = Path::from("health-probe");
        self.store
            .list_with_delimiter(Some(&prefix))
            .await
            .map(drop)
            .map_err(storage_error)
    }
}

fn path(key: &StorageKey) -> Result<Path, StorageError> {
    Path::parse(key.as_str()).map_err(|e| StorageError::Internal(e.to_string()))
}

#[async_trait]
impl AttachmentStorage for ObjectStoreStorage {
    async fn put(
        &self,
        key: &StorageKey,
        body: basma_domain::ports::ByteStream,
    ) -> Result<u64, StorageError> {
        put_streamed(self.store.as_ref(), &path(key)?, body).await
    }

    async fn get(
        &self,
        key: &StorageKey,
        range: Option<Range<u64>>,
    ) -> Result<ObjectRead, StorageError> {
        let location = path(key)?;
        let range = match range {
            None => None,
            // Checked against the size first: stores differ on what a range past the end
            // gives, and the port promises one answer.
            Some(wanted) => {
                let size = self.size(key).await?;
                if wanted.start >= wanted.end || wanted.start >= size {
                    return Err(StorageError::RangeNotSatisfiable { size });
                }
                Some(wanted.start..wanted.end.min(size))
            }
        };
        let options = GetOptions::new().with_range(range);
        let result = self
            .store
            .get_opts(&location, options)
            .await
            .map_err(storage_error)?;
        let (size, range) = (result.meta.size, result.range.clone());
        let body = result
            .into_stream()
            .map(|chunk| chunk.map(Vec::from).map_err(storage_error))
            .boxed();
        Ok(ObjectRead { size, range, body })
    }

    async fn size(&self, key: &StorageKey) -> Result<u64, StorageError> {
        let meta = self.store.head(&path(key)?).await.map_err(storage_error)?;
        Ok(meta.size)
    }

    async fn delete(&self, key: &StorageKey) -> Result<(), StorageError> {
        match self.store.delete(&path(key)?).await.map_err(storage_error) {
            Ok(()) | Err(StorageError::NotFound) => Ok(()),
            Err(e) => Err(e),
        }
    }

    async fn list(&self, prefix: &StorageKey) -> Result<Vec<ObjectInfo>, StorageError> {
        self.store
            .list(Some(&path(prefix)?))
            .map_err(storage_error)
            .and_then(|meta| async move {
                let key = StorageKey::parse(meta.location.as_ref()).map_err(|e| {
                    StorageError::Internal(format!("foreign object {}: {e}", meta.location))
                })?;
                Ok(ObjectInfo {
                    key,
                    size: meta.size,
                    modified: meta.last_modified,
                })
            })
            .try_collect()
            .await
    }

    async fn signed_url(
        &self,
        key: &StorageKey,
        expires_in: Duration,
    ) -> Result<Option<String>, StorageError> {
        let Some(signer) = &self.signer else {
            return Ok(None);
        };
        let url = signer
            .signed_url(Method::GET, &path(key)?, expires_in)
            .await
            .map_err(storage_error)?;
        Ok(Some(url.to_string()))
    }
}
