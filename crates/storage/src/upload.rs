//! The streamed put. The first [`PART_SIZE`] bytes are buffered; a body that ends within
//! them is one plain PUT (one request, and S3 refuses multipart parts under 5 MiB anyway).
//! A longer body becomes a multipart upload of `PART_SIZE` parts with at most
//! [`MAX_PARTS_IN_FLIGHT`] uploading at once, so memory stays near
//! `PART_SIZE × (MAX_PARTS_IN_FLIGHT + 1)` whatever the file's size. Any failure, of the body
//! or of the store, aborts the upload, so no partial object becomes readable.

use crate::error::storage_error;
use basma_domain::ports::{ByteStream, StorageError};
use bytes::Bytes;
use futures_util::StreamExt;
use object_store::path::Path;
use object_store::{ObjectStore, ObjectStoreExt, PutPayloadMut, WriteMultipart};

/// One multipart part: S3's minimum part size (the last part may be smaller).
pub(crate) const PART_SIZE: usize = 5 * 1024 * 1024;

/// Parts uploading concurrently while the body goes on arriving.
const MAX_PARTS_IN_FLIGHT: usize = 2;

/// Writes `body` to `path`; returns the bytes written.
pub(crate) async fn put_streamed(
    store: &dyn ObjectStore,
    path: &Path,
    mut body: ByteStream,
) -> Result<u64, StorageError> {
    let mut head = PutPayloadMut::new();
    while head.content_length() < PART_SIZE {
        match body.next().await {
            Some(chunk) => head.push(Bytes::from(chunk?)),
            None => {
                let written = head.content_length() as u64;
                store
                    .put(path, head.freeze())
                    .await
                    .map_err(storage_error)?;
                return Ok(written);
            }
        }
    }
    let upload = store.put_multipart(path).await.map_err(storage_error)?;
    let mut writer = WriteMultipart::new_with_chunk_size(upload, PART_SIZE);
    let mut written = head.content_length() as u64;
    for chunk in head.freeze() {
        writer.put(chunk);
    }
    while let Some(chunk) = body.next().await {
        let next = match chunk {
            Ok(bytes) => writer
                .wait_for_capacity(MAX_PARTS_IN_FLIGHT)
                .await
                .map(|()| bytes),
            Err(e) => {
                // The body's own error is the one to report; a failed abort only leaves
                // parts the bucket's lifecycle rule removes.
                let _ = writer.abort().await;
                return Err(e);
            }
        };
        match next {
            Ok(bytes) => {
                written += bytes.len() as u64;
                writer.put(Bytes::from(bytes));
            }
            Err(e) => {
                let _ = writer.abort().await;
                return Err(storage_error(e));
            }
        }
    }
    writer.finish().await.map_err(storage_error)?;
    Ok(written)
}
