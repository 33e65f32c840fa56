//! Black-box test support: starts the real server on port 0 against a fresh database per test
//! (a SQLite file in a temp dir, or a `basma_test_<uuid>` MariaDB database created and
//! dropped), and gives tests an HTTP client plus helpers to sign in as each role.

// Test support: a panic here is how a test reports a broken environment.
#![allow(clippy::unwrap_used, clippy::expect_used)]

pub mod harness;
