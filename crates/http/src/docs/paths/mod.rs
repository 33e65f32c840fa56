//! The operations of the document, one file per area: each function here carries the
//! `#[utoipa::path]` of the handler of the same name in `crate::routes` (kept apart so the
//! handler files stay small; the route-table test ties the two together, and the e2e
//! conformance test checks the described answers against real ones).

pub mod audit;
pub mod auth;
pub mod catalog;
pub mod monitoring;
pub mod reports;
pub mod requests;
pub mod users;
