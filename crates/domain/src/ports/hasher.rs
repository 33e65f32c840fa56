//! Password hashing as a port: the adapter owns the algorithm (bcrypt with a peppered
//! pre-hash) and runs it off the async threads.

use async_trait::async_trait;

/// The hashing worker failed (a panicked or cancelled blocking task, a library error); the
/// cause is logged, never shown to clients.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("password hashing failed: {0}")]
pub struct HashError(pub String);

#[cfg_attr(any(test, feature = "mocks"), mockall::automock)]
#[async_trait]
pub trait PasswordHasher: Send + Sync {
    /// Hashes a password for storage.
    ///
    /// # Errors
    /// [`HashError`] only if the hashing worker fails.
    async fn hash(&self, password: &str) -> Result<String, HashError>;

    /// Checks a password against a stored hash. With `hash = None` it still spends the same
    /// time on a dummy hash, so an unknown email costs what a wrong password costs.
    ///
    /// # Errors
    /// [`HashError`] only if the hashing worker fails; a mismatch is `Ok(false)`.
    async fn verify<'a>(&self, password: &str, hash: Option<&'a str>) -> Result<bool, HashError>;
}
