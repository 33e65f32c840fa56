//! The scenarios every store must pass, each a function of the store under test; `local.rs`
//! and `s3.rs` run them all through [`contract!`].

use crate::support::{chunked, failing_after, key_under, pattern, read_all};
use basma_domain::model::StorageKey;
use basma_domain::ports::{AttachmentStorage, StorageError};

/// One `#[tokio::test]` per scenario below, each on a fresh store from `$setup` (an
/// expression whose value has a `.storage` field and is kept alive for the test), with the
/// attributes in `attrs = [...]` (a gate on the outside server).
macro_rules! contract {
    (attrs = $attrs:tt; setup = $setup:expr) => {
        crate::scenarios::contract!(@each $attrs $setup;
            a_multi_chunk_stream_comes_back_byte_exact,
            small_and_empty_bodies_are_stored,
            a_ranged_get_serves_only_the_range,
            size_and_reads_of_a_missing_key_are_not_found,
            delete_removes_the_object_and_is_idempotent,
            list_returns_exactly_the_objects_under_a_prefix,
            a_body_that_fails_leaves_no_object);
    };
    (@each $attrs:tt $setup:expr; $($scenario:ident),+) => {$(
        crate::scenarios::contract!(@one $attrs $setup; $scenario);
    )+};
    (@one [$(#[$attr:meta])*] $setup:expr; $scenario:ident) => {
        #[tokio::test]
        $(#[$attr])*
        async fn $scenario() {
            let fixture = $setup;
            crate::scenarios::$scenario(&fixture.storage).await;
        }
    };
}
pub(crate) use contract;

/// 12 MiB in 64 KiB chunks: three multipart parts; every byte must come back in place.
pub async fn a_multi_chunk_stream_comes_back_byte_exact(storage: &dyn AttachmentStorage) {
    let data = pattern(12 * 1024 * 1024);
    let key = key_under("attachments");
    let written = storage.put(&key, chunked(&data, 64 * 1024)).await.unwrap();
    assert_eq!(written, data.len() as u64);
    let read = storage.get(&key, None).await.unwrap();
    assert_eq!(
        (read.size, read.range.clone()),
        (data.len() as u64, 0..data.len() as u64)
    );
    assert!(
        read_all(read).await == data,
        "the bytes read differ from the bytes written"
    );
}

/// A body under one part is a plain put; an empty body is a zero-byte object.
pub async fn small_and_empty_bodies_are_stored(storage: &dyn AttachmentStorage) {
    for len in [0, 1, 70_000] {
        let data = pattern(len);
        let key = key_under("attachments");
        assert_eq!(
            storage.put(&key, chunked(&data, 4096)).await.unwrap(),
            len as u64
        );
        assert_eq!(storage.size(&key).await.unwrap(), len as u64);
        assert_eq!(read_all(storage.get(&key, None).await.unwrap()).await, data);
    }
}

/// Video seeking: a range inside, a range running past the end (clamped), and ranges the
/// object cannot satisfy.
pub async fn a_ranged_get_serves_only_the_range(storage: &dyn AttachmentStorage) {
    let data = pattern(300_000);
    let key = key_under("attachments");
    storage.put(&key, chunked(&data, 10_000)).await.unwrap();

    let read = storage.get(&key, Some(1_000..5_000)).await.unwrap();
    assert_eq!((read.size, read.range.clone()), (300_000, 1_000..5_000));
    assert_eq!(read_all(read).await, &data[1_000..5_000]);

    let tail = storage.get(&key, Some(299_990..400_000)).await.unwrap();
    assert_eq!(tail.range, 299_990..300_000);
    assert_eq!(read_all(tail).await, &data[299_990..]);

    for bad in [300_000..300_001, 5..5] {
        let refused = storage.get(&key, Some(bad.clone())).await.map(drop);
        assert_eq!(
            refused,
            Err(StorageError::RangeNotSatisfiable { size: 300_000 }),
            "{bad:?}"
        );
    }
}

/// `size` is the stored size; a missing key is `NotFound` for every read.
pub async fn size_and_reads_of_a_missing_key_are_not_found(storage: &dyn AttachmentStorage) {
    let key = key_under("attachments");
    storage
        .put(&key, chunked(&pattern(12_345), 1000))
        .await
        .unwrap();
    assert_eq!(storage.size(&key).await, Ok(12_345));

    let missing = key_under("attachments");
    assert_eq!(storage.size(&missing).await, Err(StorageError::NotFound));
    assert_eq!(
        storage.get(&missing, None).await.map(drop),
        Err(StorageError::NotFound)
    );
    assert_eq!(
        storage.get(&missing, Some(0..1)).await.map(drop),
        Err(StorageError::NotFound)
    );
}

/// Deleting removes the object; deleting again (or a key never written) is still `Ok`.
pub async fn delete_removes_the_object_and_is_idempotent(storage: &dyn AttachmentStorage) {
    let key = key_under("attachments");
    storage.put(&key, chunked(b"bytes", 2)).await.unwrap();
    storage.delete(&key).await.unwrap();
    assert_eq!(
        storage.get(&key, None).await.map(drop),
        Err(StorageError::NotFound)
    );
    assert_eq!(storage.delete(&key).await, Ok(()));
    assert_eq!(storage.delete(&key_under("never/written")).await, Ok(()));
}

/// The listing under a prefix holds exactly the objects under it, with their sizes, and
/// nothing from a sibling prefix that shares its first letters.
pub async fn list_returns_exactly_the_objects_under_a_prefix(storage: &dyn AttachmentStorage) {
    let mut inside = vec![
        key_under("sweep/a"),
        key_under("sweep/a"),
        key_under("sweep/a/deep"),
    ];
    for (n, key) in inside.iter().enumerate() {
        storage.put(key, chunked(&pattern(n + 1), 1)).await.unwrap();
    }
    storage
        .put(&key_under("sweep/ab"), chunked(b"x", 1))
        .await
        .unwrap();

    let prefix = StorageKey::parse("sweep/a").unwrap();
    let mut listed = storage.list(&prefix).await.unwrap();
    listed.sort_by(|a, b| a.key.cmp(&b.key));
    inside.sort();
    let keys: Vec<_> = listed.iter().map(|o| o.key.clone()).collect();
    assert_eq!(keys, inside);
    assert!(
        listed.iter().all(|o| (1..=3).contains(&o.size)),
        "{listed:?}"
    );
    let age = chrono::Utc::now() - listed[0].modified;
    assert!(age < chrono::Duration::minutes(5), "modified {age} ago");
    assert_eq!(
        storage.list(&StorageKey::parse("empty").unwrap()).await,
        Ok(vec![])
    );
}

/// A body that fails mid-way (small or past the first part) is reported as its own error and
/// leaves no object behind.
pub async fn a_body_that_fails_leaves_no_object(storage: &dyn AttachmentStorage) {
    for good in [1_000, 6 * 1024 * 1024] {
        let key = key_under("attachments");
        let failed = storage.put(&key, failing_after(&pattern(good))).await;
        assert_eq!(
            failed,
            Err(StorageError::Internal("client went away".into()))
        );
        assert_eq!(
            storage.size(&key).await,
            Err(StorageError::NotFound),
            "{good}"
        );
        let prefix = StorageKey::parse("attachments").unwrap();
        let listed = storage.list(&prefix).await.unwrap();
        assert!(listed.iter().all(|o| o.key != key), "{listed:?}");
    }
}
