//! The outside-server suites are switched on exactly when their server is named, so a run
//! without MariaDB or Redis reports those tests as ignored instead of as passed.

fn named(variable: &str) -> bool {
    std::env::var(variable).is_ok_and(|v| !v.is_empty())
}

#[test]
fn the_mariadb_variants_run_exactly_when_basma_test_mysql_url_is_set() {
    assert_eq!(
        cfg!(mysql_suite),
        named("BASMA_TEST_MYSQL_URL"),
        "the test binary was built for another BASMA_TEST_MYSQL_URL than it runs with"
    );
}

#[test]
fn the_redis_tests_run_exactly_when_basma_test_redis_url_is_set() {
    assert_eq!(
        cfg!(redis_suite),
        named("BASMA_TEST_REDIS_URL"),
        "the test binary was built for another BASMA_TEST_REDIS_URL than it runs with"
    );
}
