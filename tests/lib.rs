//! Black-box test support: starts the real server on port 0 against a fresh database per test
//! (a SQLite file in a temp dir, or a `basma_test_<uuid>` MariaDB database created and
//! dropped), and gives tests an HTTP client plus helpers to sign in as each role.

pub mod harness;
