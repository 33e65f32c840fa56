//! The black-box suite: one test binary, one module per area.
#![recursion_limit = "256"]
// Test code: a panic is how a test reports a failure.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod accounts;
mod audit;
mod docs;
mod foundation;
mod observability;
mod realtime;
mod requests;
