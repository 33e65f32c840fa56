//! Request extractors: the JSON body, the authenticated caller, the client's address, the
//! path's id.

pub mod auth;
pub mod id;
pub mod json;
