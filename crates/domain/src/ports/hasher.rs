//! Password hashing as a port: the adapter owns the algorithm (bcrypt with a peppered
//! pre-hash) and runs it off the async threads.

use async_trait::async_trait;

#[cfg_attr(feature = "mocks", mockall::automock)]
#[async_trait]
pub trait PasswordHasher: Send + Sync {
    /// Hashes a password for storage.
    ///
    /// # Errors
    /// `Internal` only if the hashing worker fails.
    async fn hash(&self, password: &str) -> Result<String, super::RepoError>;

    /// Checks a password against a stored hash. With `hash = None` it still spends the same
    /// time on a dummy hash, so an unknown email costs what a wrong password costs.
    ///
    /// # Errors
    /// `Internal` only if the hashing worker fails; a mismatch is `Ok(false)`.
    async fn verify<'a>(
        &self,
        password: &str,
        hash: Option<&'a str>,
    ) -> Result<bool, super::RepoError>;
}
