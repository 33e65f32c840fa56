//! The black-box suite: one test binary, one module per area.
#![recursion_limit = "256"]

mod accounts;
mod foundation;
