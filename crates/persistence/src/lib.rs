//! Basma's storage adapters: SeaORM entities for the `basma-migration` schema and the
//! implementations of the domain's storage ports, for SQLite and MySQL 8 / MariaDB 10.11+.
//!
//! Invariants every adapter keeps:
//! - driver errors are translated once, in [`error`]: a unique violation is
//!   `RepoError::Conflict(<rule>)`, a foreign-key violation `Conflict(Reference)` (or
//!   `Conflict(InUse)` on delete), a pool timeout or lost connection `Unavailable`;
//! - races are decided by the database (conditional updates, checked row counts), never by a
//!   read followed by a write;
//! - times are stored with microsecond precision (see [`time::micros`]) so SQLite and MySQL
//!   hand back exactly what the other would.

mod audit;
mod catalog;
mod connect;
pub mod entities;
mod error;
mod health;
mod like;
mod newest_first;
mod requests;
mod sessions;
mod time;
mod tokens;
mod tx;
mod users;

pub use audit::SqlAuditLog;
pub use catalog::SqlCatalog;
pub use connect::{PoolOptions, PoolState, Store, StoreError};
pub use health::DbHealth;
pub use requests::SqlRequestRepository;
pub use sessions::SqlSessionStore;
pub use tokens::SqlTokenStore;
pub use users::SqlUserRepository;
