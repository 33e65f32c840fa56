//! Wire shapes: what the API sends (camelCase JSON) and the bodies it accepts.

pub mod users;
