//! How to reach an S3-compatible bucket. Built by the app from its environment; tests build
//! it in code.

use std::fmt;

/// The bucket, where it is, and the credentials to sign with.
#[derive(Clone, PartialEq, Eq)]
pub struct S3Settings {
    /// The endpoint (`http://127.0.0.1:9000` for MinIO); `None` for AWS itself.
    pub endpoint: Option<String>,
    pub bucket: String,
    pub region: String,
    pub access_key: String,
    pub secret_key: String,
    /// Whether a plain-HTTP endpoint is accepted (a local MinIO or moto).
    pub allow_http: bool,
}

impl fmt::Debug for S3Settings {
    /// The secret key is never printed.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("S3Settings")
            .field("endpoint", &self.endpoint)
            .field("bucket", &self.bucket)
            .field("region", &self.region)
            .field("access_key", &self.access_key)
            .field("secret_key", &"[redacted]")
            .field("allow_http", &self.allow_http)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_redacts_the_secret_key() {
        let settings = S3Settings {
            endpoint: None,
            bucket: "b".into(),
            region: "r".into(),
            access_key: "AKIA".into(),
            secret_key: "very-secret".into(),
            allow_http: false,
        };
        let shown = format!("{settings:?}");
        assert!(
            !shown.contains("very-secret") && shown.contains("[redacted]"),
            "{shown}"
        );
    }
}
