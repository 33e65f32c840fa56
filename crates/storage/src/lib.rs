//! Object storage adapters for attachments, behind the domain's
//! [`AttachmentStorage`](basma_domain::ports::AttachmentStorage) port: one
//! [`ObjectStoreStorage`] over the `object_store` crate, built either on a local directory
//! (the default; nothing to install) or on an S3-compatible bucket (AWS S3, MinIO, Garage,
//! R2, moto). Bodies pass through chunk by chunk: puts larger than one part become multipart
//! uploads, gets are streams, so a 100 MB video is never held whole. [`StorageHealth`] is the
//! readiness probe (`"storage"`).

mod error;
mod health;
mod settings;
mod store;
mod upload;

pub use health::StorageHealth;
pub use settings::S3Settings;
pub use store::ObjectStoreStorage;
