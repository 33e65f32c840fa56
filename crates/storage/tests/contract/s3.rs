//! The contract on a real S3-compatible server (moto on loopback, one per test), plus what
//! only S3 does: presigned URLs, and failing fast when the endpoint is unreachable.

use crate::scenarios::contract;
use crate::support::{Moto, chunked, closed_port, key_under, pattern, s3_settings};
use basma_domain::ports::{AttachmentStorage, HealthProbe, StorageError};
use basma_storage::{ObjectStoreStorage, StorageHealth};
use std::time::{Duration, Instant};

mod contract {
    use super::*;

    contract! {
        attrs = [#[cfg_attr(not(s3_suite), ignore = "needs BASMA_TEST_MOTO (a moto_server executable)")]];
        setup = Moto::start().await;
        a_multi_chunk_stream_comes_back_byte_exact,
        small_and_empty_bodies_are_stored,
        a_ranged_get_serves_only_the_range,
        size_and_reads_of_a_missing_key_are_not_found,
        delete_removes_the_object_and_is_idempotent,
        list_returns_exactly_the_objects_under_a_prefix,
        a_body_that_fails_leaves_no_object,
    }
}

#[tokio::test]
#[cfg_attr(
    not(s3_suite),
    ignore = "needs BASMA_TEST_MOTO (a moto_server executable)"
)]
async fn a_presigned_url_serves_the_object_to_a_plain_http_client() {
    let moto = Moto::start().await;
    let data = pattern(100_000);
    let key = key_under("attachments");
    moto.storage.put(&key, chunked(&data, 8192)).await.unwrap();

    let url = moto
        .storage
        .signed_url(&key, Duration::from_secs(60))
        .await
        .unwrap();
    let url = url.expect("S3 signs URLs");
    assert!(
        url.contains("X-Amz-Signature=") && url.contains("X-Amz-Expires=60"),
        "{url}"
    );
    assert!(
        url.contains(&format!("/{}/{key}?", Moto::BUCKET)),
        "path-style: {url}"
    );
    let response = reqwest::get(&url).await.unwrap();
    assert_eq!(response.status(), 200);
    assert!(response.bytes().await.unwrap() == data);
}

#[tokio::test]
#[cfg_attr(
    not(s3_suite),
    ignore = "needs BASMA_TEST_MOTO (a moto_server executable)"
)]
async fn the_probe_is_up_on_the_bucket_and_down_without_it() {
    let moto = Moto::start().await;
    let probe = StorageHealth::new(moto.storage.clone());
    assert_eq!(probe.name(), "storage");
    assert_eq!(probe.ping().await, Ok(()));
    let elsewhere = s3_settings(moto.endpoint.clone(), "no-such-bucket");
    let elsewhere = ObjectStoreStorage::s3(&elsewhere).unwrap();
    assert!(StorageHealth::new(elsewhere).ping().await.is_err());
}

#[tokio::test]
async fn an_unreachable_endpoint_is_unavailable_within_seconds() {
    let endpoint = format!("http://127.0.0.1:{}", closed_port());
    let storage = ObjectStoreStorage::s3(&s3_settings(endpoint, "bucket")).unwrap();
    let key = key_under("attachments");
    let started = Instant::now();

    let put = storage.put(&key, chunked(b"photo", 2)).await;
    assert!(matches!(put, Err(StorageError::Unavailable(_))), "{put:?}");
    let get = storage.get(&key, None).await.map(drop);
    assert!(matches!(get, Err(StorageError::Unavailable(_))), "{get:?}");
    let probe = StorageHealth::new(storage).ping().await;
    assert!(
        probe.is_err(),
        "the probe reported an unreachable store as up"
    );
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "took {:?}",
        started.elapsed()
    );
}
