//! Middleware that every response passes through.

pub mod context;
pub mod deadline;
pub mod headers;
