//! Shared helpers: test bodies, reading a body back, and the S3 servers a test starts.

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

/// The settings of a path-style, plain-HTTP S3 endpoint on loopback. The credentials are
/// s3rver's fixed pair; moto accepts any.
pub fn s3_settings(endpoint: String, bucket: &str) -> S3Settings {
    S3Settings {
        endpoint: Some(endpoint),
        bucket: bucket.to_owned(),
        region: "us-east-1".into(),
        access_key: "S3RVER".into(),
        secret_key: "S3RVER".into(),
        allow_http: true,
    }
}

/// An S3-compatible server of this test alone, on a free loopback port, with one bucket;
/// killed when dropped.
pub struct S3Server {
    child: Child,
    pub endpoint: String,
    pub storage: ObjectStoreStorage,
    _data: Option<tempfile::TempDir>,
}

impl S3Server {
    pub const BUCKET: &str = "basma-attachments";

    /// moto (`$BASMA_TEST_MOTO`): the whole S3 API the adapter uses, but it does not check
    /// presigned URLs' signatures or expiry.
    pub async fn moto() -> Self {
        let port = closed_port();
        let args = vec![
            "-H".into(),
            "127.0.0.1".into(),
            "-p".into(),
            port.to_string(),
        ];
        let server = Self::spawn("BASMA_TEST_MOTO", args, port, None).await;
        let created = reqwest::Client::new()
            .put(format!("{}/{}", server.endpoint, Self::BUCKET))
            .send()
            .await
            .unwrap();
        assert!(created.status().is_success(), "{}", created.status());
        server
    }

    /// s3rver (`$BASMA_TEST_S3RVER`): checks SigV4 signatures, presigned ones included, and
    /// their expiry, with its fixed credentials.
    pub async fn s3rver() -> Self {
        let port = closed_port();
        let data = tempfile::tempdir().unwrap();
        let args = vec![
            "-d".into(),
            data.path().display().to_string(),
            "-a".into(),
            "127.0.0.1".into(),
            "-p".into(),
            port.to_string(),
            "--silent".into(),
            "--configure-bucket".into(),
            Self::BUCKET.into(),
        ];
        Self::spawn("BASMA_TEST_S3RVER", args, port, Some(data)).await
    }

    /// Starts the program `$variable` names and waits until it answers HTTP.
    async fn spawn(
        variable: &str,
        args: Vec<String>,
        port: u16,
        data: Option<tempfile::TempDir>,
    ) -> Self {
        let program = std::env::var(variable)
            .ok()
            .filter(|p| !p.is_empty())
            .unwrap_or_else(|| panic!("{variable} names the S3 server for this test"));
        let child = Command::new(&program)
            .args(&args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {program}: {e}"));
        let endpoint = format!("http://127.0.0.1:{port}");
        let mut server = Self {
            child,
            storage: ObjectStoreStorage::s3(&s3_settings(endpoint.clone(), Self::BUCKET)).unwrap(),
            endpoint,
            _data: data,
        };
        let http = reqwest::Client::new();
        for _ in 0..300 {
            if http.get(&server.endpoint).send().await.is_ok() {
                return server;
            }
            if let Some(status) = server.child.try_wait().unwrap() {
                panic!("{program} exited with {status}");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!(
            "{program} did not answer on {} within 30 s",
            server.endpoint
        );
    }
}

impl Drop for S3Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
