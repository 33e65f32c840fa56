//! Ports: the narrow interfaces the core needs from the outside world, one per aggregate or
//! capability. Adapters live in other crates (`persistence`, `mail`, `redis`, `storage`, `app`); every
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
mod storage;
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
pub use storage::*;
pub use tokens::*;
pub use users::*;

/// What can go wrong in a storage adapter, in terms the core can act on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RepoError {
    /// The addressed row does not exist.
    #[error("not found")]
    NotFound,
    /// A unique or foreign-key rule refused the write; the payload names the rule.
    #[error("conflict on {0}")]
    Conflict(ConflictOn),
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

/// The store rule a [`RepoError::Conflict`] ran into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ConflictOn {
    /// The e-mail is taken (compared case-insensitively).
    Email,
    /// The phone is taken.
    Phone,
    /// A property, building or category code is taken.
    Code,
    /// A referenced row (category, building, user, property) does not exist.
    Reference,
    /// The row is still referenced, so it cannot be deleted.
    InUse,
    /// The change would leave no active SUPER_ADMIN.
    LastSuperAdmin,
    /// The row is not in a state that allows the write (e.g. deleting a non-draft).
    Status,
    /// A refresh-token digest collided.
    RefreshHash,
    /// A one-time-token digest collided.
    TokenHash,
    /// A request reference collided.
    RequestReference,
    /// A unique rule the adapter does not name.
    Unique,
}

impl ConflictOn {
    /// The rule's name as logged (the tags the adapters used before they were typed).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Email => "email",
            Self::Phone => "phone",
            Self::Code => "code",
            Self::Reference => "reference",
            Self::InUse => "in_use",
            Self::LastSuperAdmin => "last_super_admin",
            Self::Status => "status",
            Self::RefreshHash => "refresh_hash",
            Self::TokenHash => "token_hash",
            Self::RequestReference => "request_reference",
            Self::Unique => "unique",
        }
    }
}

impl std::fmt::Display for ConflictOn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
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
