//! The storage contract, in one test binary: the same scenarios against a local directory
//! and against a real S3-compatible server (moto) on loopback. The S3 variants run only when
//! `BASMA_TEST_MOTO` names a `moto_server` executable at build time; without it they are
//! reported as ignored, with the reason (see `tests/build.rs`).

// Helpers outside `#[test]` functions panic on failure too; that is what a test wants.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod local;
mod s3;
mod scenarios;
mod signature;
mod support;
