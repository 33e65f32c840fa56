//! Fresh databases per test.

use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Mysql,
}

/// `host:port` of the MariaDB server, for a proxy in front of it.
pub fn mysql_addr() -> String {
    let server = url::Url::parse(&mysql_url()).expect("BASMA_TEST_MYSQL_URL is a URL");
    format!(
        "{}:{}",
        server.host_str().unwrap_or("127.0.0.1"),
        server.port().unwrap_or(3306)
    )
}

/// The MariaDB server URL (without database). The MariaDB tests are compiled as ignored
/// without `BASMA_TEST_MYSQL_URL` (see `tests/build.rs`), so one that runs needs it: running
/// it anyway (`--ignored`) fails loudly instead of passing without testing anything.
pub fn mysql_url() -> String {
    std::env::var("BASMA_TEST_MYSQL_URL")
        .ok()
        .filter(|v| !v.is_empty())
        .expect("BASMA_TEST_MYSQL_URL names the MariaDB server for this test")
}

/// A database that exists for one test and is removed when dropped.
pub struct TestDatabase {
    pub url: String,
    cleanup: Cleanup,
}

enum Cleanup {
    /// Another test database owns it (a second instance on the same data).
    Borrowed,
    Dir(PathBuf),
    MysqlDatabase {
        server: String,
        name: String,
    },
}

impl TestDatabase {
    pub fn create(backend: Backend) -> Self {
        let id = uuid::Uuid::new_v4().simple().to_string();
        match backend {
            Backend::Sqlite => {
                let dir = std::env::temp_dir().join(format!("basma_test_{id}"));
                std::fs::create_dir_all(&dir).expect("temp dir");
                let url = format!("sqlite://{}?mode=rwc", dir.join("basma.db").display());
                Self {
                    url,
                    cleanup: Cleanup::Dir(dir),
                }
            }
            Backend::Mysql => {
                let server = mysql_url();
                let name = format!("basma_test_{id}");
                // The app creates the database itself when it does not exist.
                let url = format!("{}/{name}", server.trim_end_matches('/'));
                Self {
                    url,
                    cleanup: Cleanup::MysqlDatabase { server, name },
                }
            }
        }
    }

    /// The same database again, without taking over its removal.
    pub fn borrow(&self) -> Self {
        Self {
            url: self.url.clone(),
            cleanup: Cleanup::Borrowed,
        }
    }

    /// A URL reaching the same database through another host:port (for the outage proxy).
    pub fn url_via(&self, addr: &str) -> String {
        match &self.cleanup {
            Cleanup::MysqlDatabase { server, name } => {
                let parsed = url::Url::parse(server).expect("mysql url");
                let userinfo = match (parsed.username(), parsed.password()) {
                    ("", _) => String::new(),
                    (u, None) => format!("{u}@"),
                    (u, Some(p)) => format!("{u}:{p}@"),
                };
                format!("mysql://{userinfo}{addr}/{name}")
            }
            Cleanup::Dir(_) | Cleanup::Borrowed => self.url.clone(),
        }
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        match &self.cleanup {
            Cleanup::Borrowed => {}
            Cleanup::Dir(dir) => {
                let _ = std::fs::remove_dir_all(dir);
            }
            Cleanup::MysqlDatabase { server, name } => {
                let (server, name) = (server.clone(), name.clone());
                // Drop runs inside the test's runtime: use a thread with its own.
                let _ = std::thread::spawn(move || {
                    let rt = tokio::runtime::Builder::new_current_thread()
                        .enable_all()
                        .build()
                        .expect("rt");
                    rt.block_on(async {
                        use sea_orm::ConnectionTrait;
                        if let Ok(db) = sea_orm::Database::connect(server.as_str()).await {
                            let _ = db
                                .execute_unprepared(&format!("DROP DATABASE IF EXISTS `{name}`"))
                                .await;
                            let _ = db.close().await;
                        }
                    });
                })
                .join();
            }
        }
    }
}
