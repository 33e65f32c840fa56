//! Adapters that live with the app because they only bridge two other crates: the HTTP
//! layer's shared limiter over `basma-redis`'s Redis counters.

pub mod limits;
