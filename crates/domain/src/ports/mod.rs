//! Ports: the narrow interfaces the core needs from the outside world, one per aggregate or
//! capability. Adapters live in other crates (`persistence`, `mail`, `redis`, `app`); every
//! method documents under `# Errors` which [`RepoError`] variants an adapter must return, so
//! services can rely on them (a unique violation is always `Conflict`, never `Internal`).

mod access;
mod audit;
mod catalog;
mod clock;
mod cursor;
mod events;
mod hasher;
mod health;
mod mailer;
mod requests;
mod sessions;
mod tokens;
mod users;

pub use access::*;
pub use audit::*;
pub use catalog::*;
pub use clock::*;
pub use cursor::*;
pub use events::*;
pub use hasher::*;
pub use health::*;
pub use mailer::*;
pub use requests::*;
pub use sessions::*;
pub use tokens::*;
pub use users::*;

/// What can go wrong in a storage adapter, in terms the core can act on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RepoError {
    /// The addressed row does not exist.
    #[error("not found")]
    NotFound,
    /// A unique or foreign-key rule refused the write; the payload names the rule
    /// (e.g. `"email"`, `"phone"`, `"code"`, `"in_use"`).
    #[error("conflict on {0}")]
    Conflict(String),
    /// A conditional update found another `version` (someone else changed it first).
    #[error("version conflict")]
    VersionConflict,
    /// The store cannot be reached now (pool timeout, connection refused): maps to 503.
    #[error("store unavailable: {0}")]
    Unavailable(String),
    /// Anything else; the cause is logged, never shown to clients.
    #[error("store error: {0}")]
    Internal(String),
}

/// One page of a keyset-paginated list.
#[derive(Debug, Clone, PartialEq)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// Opaque cursor for the next page; `None` on the last page.
    pub next_cursor: Option<String>,
    /// Only counted when the caller asked (`includeTotal=true`).
    pub total: Option<u64>,
}
