//! Build script shared by the test-carrying crates (`basma-e2e`, `basma-persistence`,
//! `basma-redis`, `basma-storage`): it turns the suites that need an outside server on or off at build time,
//! so a run without them shows those tests as *ignored, with the reason*, never as passed.
//!
//! - `BASMA_TEST_MYSQL_URL` set → `cfg(mysql_suite)`: the MariaDB variants run.
//! - `BASMA_TEST_REDIS_URL` set → `cfg(redis_suite)`: the Redis tests run.
//! - `BASMA_TEST_MOTO` set (the path of a `moto_server` executable) → `cfg(s3_suite)`: the
//!   S3 variants of the storage contract run against a moto server the tests start.
//! - `BASMA_TEST_S3RVER` set (the path of an `s3rver` executable, from npm) →
//!   `cfg(s3rver_suite)`: the same against s3rver, and the presigned-URL refusals (moto does
//!   not check signatures or expiry).

fn main() {
    for (variable, cfg) in [
        ("BASMA_TEST_MYSQL_URL", "mysql_suite"),
        ("BASMA_TEST_REDIS_URL", "redis_suite"),
        ("BASMA_TEST_MOTO", "s3_suite"),
        ("BASMA_TEST_S3RVER", "s3rver_suite"),
    ] {
        println!("cargo::rerun-if-env-changed={variable}");
        println!("cargo::rustc-check-cfg=cfg({cfg})");
        if std::env::var(variable).is_ok_and(|v| !v.is_empty()) {
            println!("cargo::rustc-cfg={cfg}");
        }
    }
}
