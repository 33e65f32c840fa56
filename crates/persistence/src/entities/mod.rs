//! SeaORM entities, one per table of the `basma-migration` schema. They are plain row types:
//! the adapters convert them to and from the domain model, so nothing outside this crate
//! sees them. Relations are left out on purpose: every join is written where it is used.

pub mod audit_log;
pub mod buildings;
pub mod categories;
pub mod comments;
pub mod maintenance_requests;
pub mod one_time_tokens;
pub mod properties;
pub mod reference_counters;
pub mod request_events;
pub mod sessions;
pub mod spent_refresh_tokens;
pub mod user_categories;
pub mod user_properties;
pub mod users;
