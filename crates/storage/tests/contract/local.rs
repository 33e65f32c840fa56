//! The contract on a local directory, plus what only a local store does: no signed URL (the
//! server signs its own), and a probe that notices the directory is gone.

use crate::scenarios::contract;
use crate::support::{chunked, key_under, local_store};
use basma_domain::ports::{AttachmentStorage, HealthProbe};
use basma_storage::{ObjectStoreStorage, StorageHealth};
use std::time::Duration;

struct Local {
    _dir: tempfile::TempDir,
    storage: ObjectStoreStorage,
}

fn local() -> Local {
    let (dir, storage) = local_store();
    Local { _dir: dir, storage }
}

mod contract {
    use super::*;

    contract! {
        attrs = [];
        setup = local()
    }
}

#[tokio::test]
async fn a_local_store_signs_no_url_so_the_server_streams_instead() {
    let Local { _dir, storage } = local();
    let key = key_under("attachments");
    storage.put(&key, chunked(b"photo", 2)).await.unwrap();
    assert_eq!(
        storage.signed_url(&key, Duration::from_secs(60)).await,
        Ok(None)
    );
}

#[tokio::test]
async fn objects_are_files_under_the_directory_at_their_key() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("nested/attachments");
    let storage = ObjectStoreStorage::local(&root).unwrap();
    let key = key_under("attachments/2026");
    storage.put(&key, chunked(b"on disk", 3)).await.unwrap();
    assert_eq!(std::fs::read(root.join(key.as_str())).unwrap(), b"on disk");
}

#[tokio::test]
async fn the_probe_is_up_on_the_directory_and_down_once_it_is_removed() {
    let (dir, storage) = local_store();
    let probe = StorageHealth::new(storage);
    assert_eq!(probe.name(), "storage");
    assert_eq!(probe.ping().await, Ok(()));
    std::fs::remove_dir_all(dir.path().join("attachments")).unwrap();
    assert!(
        probe.ping().await.is_err(),
        "the probe missed the removed directory"
    );
}
