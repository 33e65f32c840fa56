//! Adapters that live with the app because they are pure configuration of a library:
//! password hashing (bcrypt) and access tokens (JWT).

pub mod hasher;
pub mod limits;
pub mod tokens;
