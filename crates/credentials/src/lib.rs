//! Credential adapters: [`BcryptHasher`] implements the domain's `PasswordHasher` (bcrypt over
//! a peppered HMAC pre-hash, run off the async threads), [`JwtAccessTokens`] its
//! `AccessTokens` (HS256 JWTs) and [`RandomSecrets`] its `Secrets` (random refresh and one-time
//! tokens, stored as SHA-256 digests). Pure configuration of well-kept libraries; the app
//! crate wires them.

mod hasher;
mod tokens;

pub use hasher::{BcryptHasher, prehash};
pub use tokens::{JwtAccessTokens, RandomSecrets};
