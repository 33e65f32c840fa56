//! Basma's pure core: the maintenance-request model, the lifecycle state machine, the role
//! policy, the ports adapters implement, and the use-case services that tie them together.
//!
//! Invariants: nothing in here knows about HTTP, SQL, SMTP or Redis. Values that reach the
//! model were validated once by their newtype's `parse`; the lifecycle and the policy are
//! pure functions, so every decision about who may do what is made here and table-tested.

#[cfg(any(test, feature = "fakes"))]
pub mod fakes;
pub mod lifecycle;
pub mod model;
pub mod policy;
pub mod ports;
pub mod services;
pub mod validation;
