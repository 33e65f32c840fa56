//! `object_store` errors in the port's terms. A failure to reach the store (connect, timeout,
//! an interrupted request, after the client's retries) is `Unavailable`, so the server
//! answers 503; everything else but `NotFound` is `Internal` (an error status is a refusal
//! or a fault to look into, not an outage to wait out). The readiness probe reports any
//! failure as down.

use basma_domain::ports::StorageError;
use object_store::client::{HttpError, HttpErrorKind};
use std::error::Error as _;

pub(crate) fn storage_error(error: object_store::Error) -> StorageError {
    if let object_store::Error::NotFound { .. } = error {
        return StorageError::NotFound;
    }
    if unreachable(&error) {
        StorageError::Unavailable(error.to_string())
    } else {
        StorageError::Internal(error.to_string())
    }
}

/// Whether the cause chain holds a transport failure.
fn unreachable(error: &object_store::Error) -> bool {
    let mut cause = error.source();
    while let Some(current) = cause {
        if let Some(http) = current.downcast_ref::<HttpError>() {
            return matches!(
                http.kind(),
                HttpErrorKind::Connect
                    | HttpErrorKind::Request
                    | HttpErrorKind::Timeout
                    | HttpErrorKind::Interrupted
            );
        }
        cause = current.source();
    }
    false
}
