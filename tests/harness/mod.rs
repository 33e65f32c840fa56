//! The pieces a black-box test needs.

mod app;
mod backend;
pub mod fixtures;
pub mod logs;
pub mod proxy;
pub use basma_smtp_sink as smtp_sink;
pub mod ws;

pub use app::{ADMIN_EMAIL, ADMIN_PASSWORD, TestApp, json};
pub use backend::{Backend, mysql_addr, mysql_url};

/// Declares one test per backend: `<name>::sqlite` always runs; `<name>::mysql` runs against
/// MariaDB when `BASMA_TEST_MYSQL_URL` is set at build time and is reported as ignored
/// (with the reason) otherwise.
/// With `vars = [(KEY, VALUE), …]` the server starts with those settings changed.
#[macro_export]
macro_rules! db_test {
    ($name:ident, $body:expr) => {
        $crate::db_test!($name, vars = [], $body);
    };
    ($name:ident, vars = [$(($key:expr, $value:expr)),* $(,)?], $body:expr) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let app = $crate::harness::TestApp::spawn_with(
                    $crate::harness::Backend::Sqlite,
                    |_vars| {$(_vars.insert(String::from($key), String::from($value));)*},
                )
                .await;
                ($body)(app).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            #[cfg_attr(not(mysql_suite), ignore = "needs BASMA_TEST_MYSQL_URL (MariaDB)")]
            async fn mysql() {
                let app = $crate::harness::TestApp::spawn_with(
                    $crate::harness::Backend::Mysql,
                    |_vars| {$(_vars.insert(String::from($key), String::from($value));)*},
                )
                .await;
                ($body)(app).await;
            }
        }
    };
}
