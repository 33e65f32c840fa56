//! The presigned URL's signature, checked against an independent AWS SigV4 computation
//! (the query-string form S3 verifies): the test servers do not verify SigV4, so this is
//! what shows a URL is bound to its one object and its expiry, and that changing either
//! leaves a signature S3 refuses. Signing is local, so no server is needed.

use crate::support::{closed_port, key_under, s3_settings};
use basma_domain::ports::AttachmentStorage;
use basma_storage::ObjectStoreStorage;
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};
use std::time::Duration;

fn hmac(key: &[u8], data: &str) -> Vec<u8> {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).unwrap();
    mac.update(data.as_bytes());
    mac.finalize().into_bytes().to_vec()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The SigV4 signature S3 computes for a presigned `GET` of `url` (its own
/// `X-Amz-Signature` left out) with `secret`.
fn expected_signature(url: &str, secret: &str) -> String {
    let url = url::Url::parse(url).unwrap();
    let mut query: Vec<(String, String)> = url
        .query()
        .unwrap()
        .split('&')
        .map(|pair| pair.split_once('=').unwrap())
        .filter(|(name, _)| *name != "X-Amz-Signature")
        .map(|(n, v)| (n.to_owned(), v.to_owned()))
        .collect();
    query.sort();
    let canonical_query: Vec<String> = query.iter().map(|(n, v)| format!("{n}={v}")).collect();
    let param = |name: &str| query.iter().find(|(n, _)| n == name).unwrap().1.clone();
    let host = format!("{}:{}", url.host_str().unwrap(), url.port().unwrap());
    let canonical_request = format!(
        "GET\n{}\n{}\nhost:{host}\n\nhost\nUNSIGNED-PAYLOAD",
        url.path(),
        canonical_query.join("&")
    );
    let credential = param("X-Amz-Credential").replace("%2F", "/");
    let (_, scope) = credential.split_once('/').unwrap();
    let to_sign = format!(
        "AWS4-HMAC-SHA256\n{}\n{scope}\n{}",
        param("X-Amz-Date"),
        hex(&Sha256::digest(canonical_request.as_bytes()))
    );
    let mut key = format!("AWS4{secret}").into_bytes();
    for part in scope.split('/') {
        key = hmac(&key, part);
    }
    hex(&hmac(&key, &to_sign))
}

fn carried_signature(url: &str) -> &str {
    url.split_once("X-Amz-Signature=").unwrap().1
}

#[tokio::test]
async fn a_presigned_url_is_signed_for_its_one_object_and_its_expiry() {
    let endpoint = format!("http://127.0.0.1:{}", closed_port());
    let settings = s3_settings(endpoint, "basma-attachments");
    let storage = ObjectStoreStorage::s3(&settings).unwrap();
    let key = key_under("attachments");
    let url = storage
        .signed_url(&key, Duration::from_secs(60))
        .await
        .unwrap()
        .unwrap();
    assert!(url.contains("X-Amz-Expires=60&"), "{url}");
    assert_eq!(
        carried_signature(&url),
        expected_signature(&url, &settings.secret_key),
        "{url}"
    );

    let other_object = url.replacen(key.as_str(), key_under("attachments").as_str(), 1);
    let longer = url.replace("X-Amz-Expires=60&", "X-Amz-Expires=3600&");
    for altered in [other_object, longer] {
        assert_ne!(altered, url);
        let carried = carried_signature(&altered);
        assert_ne!(
            carried,
            expected_signature(&altered, &settings.secret_key),
            "{altered}"
        );
    }
    let other_secret = expected_signature(&url, "another-secret");
    assert_ne!(carried_signature(&url), other_secret);
}
