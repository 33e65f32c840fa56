//! The model: identifiers, roles, statuses and the validated values every use case works with.

mod audit;
mod catalog;
mod ids;
mod request;
mod role;
mod storage_key;
mod text;
mod user;

pub use audit::*;
pub use catalog::*;
pub use ids::*;
pub use request::*;
pub use role::*;
pub use storage_key::*;
pub use text::*;
pub use user::*;
