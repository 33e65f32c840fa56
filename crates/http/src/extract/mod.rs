//! Request extractors: the JSON body, the authenticated caller, the client's address.

pub mod auth;
pub mod json;
