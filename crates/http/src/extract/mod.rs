//! Request extractors: the JSON body and, later, the authenticated caller.
pub mod json;
