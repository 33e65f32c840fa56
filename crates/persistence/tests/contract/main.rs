//! Adapter contract tests: every scenario runs against SQLite (always, one temporary file
//! per test) and against MySQL/MariaDB when `BASMA_TEST_MYSQL_URL` is set (e.g.
//! `mysql://root@127.0.0.1:3306`; each test gets its own `basma_test_<uuid>` database, dropped
//! afterwards). One binary, one module per port.

// Test code: a panic is how a test reports a failure.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[macro_use]
mod support;

mod audit;
mod catalog;
mod connect;
mod migrations;
mod requests;
mod sessions;
mod tokens;
mod users;
