//! The contract on real S3-compatible servers on loopback, one server per test: moto and
//! s3rver (two implementations catch what one forgives). Plus what only S3 does: presigned
//! URLs, and failing fast when the endpoint is unreachable. Neither server checks a SigV4
//! signature (moto serves any URL naming the object; s3rver checks the access key and the
//! expiry only), so the expiry is refused by s3rver here, and `signature.rs` checks the
//! signature itself against an independent SigV4 computation.

use crate::scenarios::contract;
use crate::support::{S3Server, chunked, closed_port, key_under, pattern, s3_settings};
use basma_domain::ports::{AttachmentStorage, HealthProbe, StorageError};
use basma_storage::{ObjectStoreStorage, StorageHealth};
use std::time::{Duration, Instant};

mod moto {
    use super::*;

    contract! {
        attrs = [#[cfg_attr(not(s3_suite), ignore = "needs BASMA_TEST_MOTO (moto_server)")]];
        setup = S3Server::moto().await
    }
}

mod s3rver {
    use super::*;

    contract! {
        attrs = [#[cfg_attr(not(s3rver_suite), ignore = "needs BASMA_TEST_S3RVER (s3rver)")]];
        setup = S3Server::s3rver().await
    }
}

/// An object of 100 kB on `server` and a URL for it valid `expires_in`.
async fn signed(server: &S3Server, expires_in: Duration) -> (Vec<u8>, String) {
    let data = pattern(100_000);
    let key = key_under("attachments");
    server
        .storage
        .put(&key, chunked(&data, 8192))
        .await
        .unwrap();
    let url = server.storage.signed_url(&key, expires_in).await.unwrap();
    let url = url.expect("S3 signs URLs");
    assert!(
        url.contains(&format!("/{}/{key}?", S3Server::BUCKET)),
        "path-style: {url}"
    );
    (data, url)
}

#[tokio::test]
#[cfg_attr(not(s3rver_suite), ignore = "needs BASMA_TEST_S3RVER (s3rver)")]
async fn a_presigned_url_serves_the_object_to_a_plain_http_client() {
    let server = S3Server::s3rver().await;
    let (data, url) = signed(&server, Duration::from_secs(60)).await;
    let response = reqwest::get(&url).await.unwrap();
    assert_eq!(response.status(), 200);
    assert!(response.bytes().await.unwrap() == data);
}

#[tokio::test]
#[cfg_attr(not(s3rver_suite), ignore = "needs BASMA_TEST_S3RVER (s3rver)")]
async fn an_expired_presigned_url_is_refused_with_403() {
    let server = S3Server::s3rver().await;
    let (_, url) = signed(&server, Duration::from_secs(1)).await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(reqwest::get(&url).await.unwrap().status(), 403);
}

#[tokio::test]
#[cfg_attr(not(s3_suite), ignore = "needs BASMA_TEST_MOTO (moto_server)")]
async fn the_probe_is_up_on_the_bucket_and_down_without_it() {
    let server = S3Server::moto().await;
    let probe = StorageHealth::new(server.storage.clone());
    assert_eq!(probe.name(), "storage");
    assert_eq!(probe.ping().await, Ok(()));
    let elsewhere = s3_settings(server.endpoint.clone(), "no-such-bucket");
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
