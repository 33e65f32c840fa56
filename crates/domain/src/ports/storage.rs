//! Where attachment bytes live: an object store addressed by [`StorageKey`]. Adapters (the
//! `basma-storage` crate: a local directory or an S3-compatible bucket) pass bodies through
//! chunk by chunk in both directions, so no method ever holds a whole file in memory; the
//! size limits, content sniffing and the database row belong to the caller. Keys come only
//! from [`StorageKey::fresh`], never from a client's file name.

use crate::model::StorageKey;
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use futures_util::stream::BoxStream;
use std::ops::Range;
use std::time::Duration;

/// A body in chunks, in order; an `Err` item ends it (the upload is then abandoned).
pub type ByteStream = BoxStream<'static, Result<Vec<u8>, StorageError>>;

/// What can go wrong in an object store, in terms the core can act on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StorageError {
    /// No object under that key.
    #[error("object not found")]
    NotFound,
    /// The requested byte range starts at or past the end of the object (HTTP 416).
    #[error("range not satisfiable for an object of {size} bytes")]
    RangeNotSatisfiable { size: u64 },
    /// The store cannot be reached now (connection refused, timeout, 5xx): maps to 503.
    #[error("object store unavailable: {0}")]
    Unavailable(String),
    /// Anything else (refused credentials, a malformed answer); logged, never shown.
    #[error("object store error: {0}")]
    Internal(String),
}

/// One object as a listing sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObjectInfo {
    pub key: StorageKey,
    pub size: u64,
    /// When it was last written: the orphan sweeper leaves young objects alone, since an
    /// upload in progress has its object before its row.
    pub modified: DateTime<Utc>,
}

/// A read in progress: the served byte range and its body.
pub struct ObjectRead {
    /// The whole object's size (for `Content-Range: bytes a-b/size`).
    pub size: u64,
    /// The bytes `body` yields: `0..size` without a range, else the requested range with its
    /// end clamped to `size`.
    pub range: Range<u64>,
    pub body: ByteStream,
}

impl std::fmt::Debug for ObjectRead {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ObjectRead")
            .field("size", &self.size)
            .field("range", &self.range)
            .finish_non_exhaustive()
    }
}

/// The object store that holds attachments and their thumbnails.
#[cfg_attr(feature = "mocks", mockall::automock)]
#[async_trait]
pub trait AttachmentStorage: Send + Sync {
    /// Stores `body` under `key`, replacing any object there, and returns the bytes written.
    /// The object appears whole or not at all: a failed put leaves nothing readable.
    ///
    /// # Errors
    /// The first `Err` item of `body`, unchanged (the upload is aborted); `Unavailable` when
    /// the store cannot be reached; `Internal` otherwise.
    async fn put(&self, key: &StorageKey, body: ByteStream) -> Result<u64, StorageError>;

    /// Starts reading the object under `key`, all of it or the half-open byte `range`.
    ///
    /// # Errors
    /// `NotFound` when there is no such object; `RangeNotSatisfiable` when `range` is empty
    /// or starts at or past its end; `Unavailable`; `Internal`. Items of the body may fail
    /// with `Unavailable` or `Internal` if the store goes away mid-read.
    async fn get(
        &self,
        key: &StorageKey,
        range: Option<Range<u64>>,
    ) -> Result<ObjectRead, StorageError>;

    /// The object's size in bytes.
    ///
    /// # Errors
    /// `NotFound` when there is no such object; `Unavailable`; `Internal`.
    async fn size(&self, key: &StorageKey) -> Result<u64, StorageError>;

    /// Removes the object. Idempotent: a missing object is `Ok`.
    ///
    /// # Errors
    /// `Unavailable` when the store cannot be reached; `Internal` otherwise.
    async fn delete(&self, key: &StorageKey) -> Result<(), StorageError>;

    /// Every object under `prefix` (whole segments: `a/b` does not list `a/bc/x`), in no
    /// particular order.
    ///
    /// # Errors
    /// `Unavailable`; `Internal`, also for an object whose name is not a [`StorageKey`]
    /// (something other than Basma wrote into its space).
    async fn list(&self, prefix: &StorageKey) -> Result<Vec<ObjectInfo>, StorageError>;

    /// A URL that lets anyone holding it `GET` this one object until `expires_in` has passed,
    /// or `None` when the store cannot sign (local disk: the server streams the bytes and
    /// signs its own URLs).
    ///
    /// # Errors
    /// `Internal` when the store's credentials cannot sign.
    async fn signed_url(
        &self,
        key: &StorageKey,
        expires_in: Duration,
    ) -> Result<Option<String>, StorageError>;
}
