//! Shared helpers: test bodies, reading a body back, and the moto server a test starts.

use basma_domain::model::StorageKey;
use basma_domain::ports::{ByteStream, ObjectRead, StorageError};
use basma_storage::{ObjectStoreStorage, S3Settings};
use futures_util::{StreamExt, TryStreamExt, stream};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// A fresh key under `prefix` (which may hold several segments).
pub fn key_under(prefix: &str) -> StorageKey {
    StorageKey::fresh(&StorageKey::parse(prefix).unwrap()).unwrap()
}

/// `len` bytes whose value depends on the position, so swapped or dropped chunks show.
pub fn pattern(len: usize) -> Vec<u8> {
    (0..len).map(|i| ((i ^ (i >> 16)) % 251) as u8).collect()
}

/// `data` as a body of `chunk`-byte pieces.
pub fn chunked(data: &[u8], chunk: usize) -> ByteStream {
    let pieces: Vec<_> = data.chunks(chunk).map(|c| Ok(c.to_vec())).collect();
    stream::iter(pieces).boxed()
}

/// A body that yields `good` bytes and then fails, like a client cut off mid-upload.
pub fn failing_after(good: &[u8]) -> ByteStream {
    let pieces: Vec<_> = good.chunks(64 * 1024).map(|c| Ok(c.to_vec())).collect();
    stream::iter(pieces)
        .chain(stream::once(async {
            Err(StorageError::Internal("client went away".into()))
        }))
        .boxed()
}

/// The whole body of a read.
pub async fn read_all(read: ObjectRead) -> Vec<u8> {
    read.body
        .try_fold(Vec::new(), |mut all, chunk| async move {
            all.extend_from_slice(&chunk);
            Ok(all)
        })
        .await
        .unwrap()
}

/// A local store in a directory removed with the returned guard.
pub fn local_store() -> (tempfile::TempDir, ObjectStoreStorage) {
    let dir = tempfile::tempdir().unwrap();
    let storage = ObjectStoreStorage::local(dir.path().join("attachments")).unwrap();
    (dir, storage)
}

/// A port nothing listens on (bound, then released).
pub fn closed_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

/// The settings of a path-style, plain-HTTP S3 endpoint on loopback.
pub fn s3_settings(endpoint: String, bucket: &str) -> S3Settings {
    S3Settings {
        endpoint: Some(endpoint),
        bucket: bucket.to_owned(),
        region: "us-east-1".into(),
        access_key: "basma-test".into(),
        secret_key: "basma-test-secret".into(),
        allow_http: true,
    }
}

/// A moto S3 server of this test alone, on a free loopback port, with one bucket; killed
/// when dropped.
pub struct Moto {
    child: Child,
    pub endpoint: String,
    pub storage: ObjectStoreStorage,
}

impl Moto {
    pub const BUCKET: &str = "basma-attachments";

    /// Starts `$BASMA_TEST_MOTO`, waits until it answers, creates [`Self::BUCKET`].
    pub async fn start() -> Self {
        let program = std::env::var("BASMA_TEST_MOTO")
            .ok()
            .filter(|p| !p.is_empty())
            .expect("BASMA_TEST_MOTO names the moto_server executable for this test");
        let port = closed_port();
        let child = Command::new(&program)
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {program}: {e}"));
        let endpoint = format!("http://127.0.0.1:{port}");
        let mut moto = Self {
            child,
            storage: ObjectStoreStorage::s3(&s3_settings(endpoint.clone(), Self::BUCKET)).unwrap(),
            endpoint: endpoint.clone(),
        };
        let http = reqwest::Client::new();
        for _ in 0..300 {
            if http.get(&endpoint).send().await.is_ok() {
                let created = http
                    .put(format!("{endpoint}/{}", Self::BUCKET))
                    .send()
                    .await
                    .unwrap();
                assert!(created.status().is_success(), "{}", created.status());
                return moto;
            }
            if let Some(status) = moto.child.try_wait().unwrap() {
                panic!("moto_server exited with {status}");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("moto_server did not answer on {endpoint} within 30 s");
    }
}

impl Drop for Moto {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
