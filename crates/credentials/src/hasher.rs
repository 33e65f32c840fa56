//! bcrypt password hashing with a peppered pre-hash, off the async threads.
//!
//! bcrypt reads only the first 72 bytes of its input, so two long passwords sharing a prefix
//! would collide. Every password is therefore first turned into
//! `base64(HMAC-SHA256(pepper, password))` — 44 ASCII bytes that depend on every byte — and
//! that is what bcrypt hashes. Hashing runs in `spawn_blocking` behind a semaphore of one
//! permit per core, so logins queue instead of starving the request workers.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use basma_domain::ports::{HashError, PasswordHasher};
use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::sync::Arc;
use tokio::sync::{OnceCell, Semaphore};

pub struct BcryptHasher {
    cost: u32,
    pepper: Arc<Vec<u8>>,
    permits: Arc<Semaphore>,
    /// Verified against when the account is unknown, so both cases cost one bcrypt.
    dummy_hash: OnceCell<String>,
}

impl BcryptHasher {
    pub fn new(cost: u32, pepper: &str) -> Self {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        Self {
            cost,
            pepper: Arc::new(pepper.as_bytes().to_vec()),
            permits: Arc::new(Semaphore::new(cores)),
            dummy_hash: OnceCell::new(),
        }
    }

    async fn blocking<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> Result<T, bcrypt::BcryptError> + Send + 'static,
    ) -> Result<T, HashError> {
        let _permit = self
            .permits
            .acquire()
            .await
            .map_err(|e| HashError(e.to_string()))?;
        tokio::task::spawn_blocking(work)
            .await
            .map_err(|e| HashError(e.to_string()))?
            .map_err(|e| HashError(e.to_string()))
    }
}

/// `base64(HMAC-SHA256(pepper, password))`: fixed length, every input byte counts.
pub fn prehash(pepper: &[u8], password: &str) -> String {
    // HMAC accepts keys of any length, so this cannot fail.
    let mut mac = match Hmac::<Sha256>::new_from_slice(pepper) {
        Ok(mac) => mac,
        Err(_) => return String::new(),
    };
    mac.update(password.as_bytes());
    STANDARD.encode(mac.finalize().into_bytes())
}

#[async_trait::async_trait]
impl PasswordHasher for BcryptHasher {
    async fn hash(&self, password: &str) -> Result<String, HashError> {
        let input = prehash(&self.pepper, password);
        let cost = self.cost;
        self.blocking(move || bcrypt::hash(input, cost)).await
    }

    async fn verify<'a>(&self, password: &str, hash: Option<&'a str>) -> Result<bool, HashError> {
        let stored = match hash {
            Some(h) => h.to_owned(),
            None => self
                .dummy_hash
                .get_or_try_init(|| self.hash("dummy-password-1"))
                .await?
                .clone(),
        };
        let input = prehash(&self.pepper, password);
        let matched = self
            .blocking(move || bcrypt::verify(input, &stored))
            .await?;
        Ok(matched && hash.is_some())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn passwords_sharing_72_bytes_are_different() {
        let hasher = BcryptHasher::new(4, "pepper");
        let common = "a1".repeat(36);
        let (first, second) = (
            format!("{common}{}", "x".repeat(28)),
            format!("{common}{}", "y".repeat(28)),
        );
        let hash = hasher.hash(&first).await.unwrap();
        assert!(hasher.verify(&first, Some(&hash)).await.unwrap());
        assert!(!hasher.verify(&second, Some(&hash)).await.unwrap());
    }

    #[tokio::test]
    async fn unknown_account_never_verifies() {
        let hasher = BcryptHasher::new(4, "pepper");
        assert!(!hasher.verify("dummy-password-1", None).await.unwrap());
    }

    #[test]
    fn prehash_depends_on_the_pepper() {
        assert_ne!(prehash(b"a", "pw"), prehash(b"b", "pw"));
        assert_eq!(prehash(b"a", "pw").len(), 44);
    }
}
