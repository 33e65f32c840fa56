//! Adapter contract tests: every scenario runs against SQLite (always, one temporary file
//! per test) and against MySQL/MariaDB when `BASMA_TEST_MYSQL_URL` is set (e.g.
//! `mysql://root@127.0.0.1:3306`; each test gets its own `basma_test_<uuid>` database, dropped
//! afterwards). One binary, one module per port.
//!
//! The scenarios written with `port_contract!` run a third time, as `on_fakes`, against the
//! domain's in-memory adapters (`basma_domain::fakes`, feature `fakes`), so a fake the service
//! tests rely on cannot drift from SQL: the catalogue, the audit log, and the request store's
//! writes and timeline. The rest stays SQL-only (`contract!`), and why:
//! - `migrations`, `connect`, `requests::explain`, `requests::summary`: schema, pools and
//!   outages, query plans and the summary cache are what SQL itself does;
//! - `requests::{list, pagination, visibility}` and the replay in `requests::timeline`: the
//!   fake request store records these queries for the service tests instead of answering
//!   them, so there is no in-memory implementation to hold to the contract;
//! - `users`, `sessions`, `tokens`: these ports have no in-memory adapter; the services that
//!   use them are unit-tested with mockall mocks, which state each expected call instead;
//! - a manager's link keeping a property (`catalog`) spans the users' store, likewise.

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
