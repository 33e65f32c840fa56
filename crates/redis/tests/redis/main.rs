//! Tests of the event bus adapters, in one test binary. The Redis scenarios run only when
//! `BASMA_TEST_REDIS_URL` names a Redis server (e.g. `redis://127.0.0.1:6379`) at build time;
//! without it they are reported as ignored, with the reason (see `tests/build.rs`).

// Helpers outside `#[test]` functions panic on failure too; that is what a test wants.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod local_bus;
mod redis_bus;
mod redis_extras;
mod support;
