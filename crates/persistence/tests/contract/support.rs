//! Test databases, the `contract!` macro that runs one SQL scenario on SQLite and MariaDB,
//! and the `port_contract!` macro that runs one scenario on the ports of every backend:
//! SQLite, MariaDB and the domain's in-memory fakes.

use basma_domain::fakes::{FakeAudit, FakeCatalog, FakeRequests};
use basma_domain::model::{Email, NewUser, PersonName, Role, UserId};
use basma_domain::ports::{
    AuditLog, BuildingStore, CatalogLookup, CategoryStore, PropertyStore, RequestStore, UserStore,
};
use basma_persistence::{
    PoolOptions, SqlAuditLog, SqlCatalog, SqlRequestRepository, SqlUserRepository, Store,
};
use chrono::{DateTime, SubsecRound, Utc};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

/// A migrated, empty (but seeded) database that disappears after the test.
pub struct TestDb {
    pub store: Store,
    pub url: String,
    pub backend: &'static str,
    sqlite_file: Option<PathBuf>,
}

pub fn pool_options() -> PoolOptions {
    PoolOptions {
        max_connections: 8,
        acquire_timeout: Duration::from_secs(5),
        connect_timeout: Duration::from_secs(5),
        statement_timeout: None,
    }
}

impl TestDb {
    pub async fn sqlite() -> TestDb {
        let file =
            std::env::temp_dir().join(format!("basma_test_{}.db", uuid::Uuid::now_v7().simple()));
        let url = format!("sqlite://{}?mode=rwc", file.display());
        let store = Store::connect(&url, pool_options())
            .await
            .expect("open sqlite");
        store.migrate().await.expect("migrate sqlite");
        TestDb {
            store,
            url,
            backend: "sqlite",
            sqlite_file: Some(file),
        }
    }

    /// A fresh MariaDB database. The MariaDB scenarios are compiled as ignored without
    /// `BASMA_TEST_MYSQL_URL` (see `tests/build.rs`), so one that runs needs it.
    pub async fn mysql() -> TestDb {
        let base = std::env::var("BASMA_TEST_MYSQL_URL")
            .ok()
            .filter(|u| !u.is_empty())
            .expect("BASMA_TEST_MYSQL_URL names the MariaDB server for this test");
        let mut url = url::Url::parse(&base).expect("BASMA_TEST_MYSQL_URL is a URL");
        url.set_path(&format!("basma_test_{}", uuid::Uuid::now_v7().simple()));
        let url = url.to_string();
        let store = Store::connect(&url, pool_options())
            .await
            .expect("open mysql");
        store.migrate().await.expect("migrate mysql");
        TestDb {
            store,
            url,
            backend: "mysql",
            sqlite_file: None,
        }
    }

    /// Opens another pool on the same database with other options.
    pub async fn reopen(&self, options: PoolOptions) -> Store {
        Store::connect(&self.url, options).await.expect("reopen")
    }

    pub async fn finish(self) {
        let _ = self.store.close().await;
        if let Some(file) = self.sqlite_file {
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", file.display()));
            }
        } else {
            Store::drop_mysql_database(&self.url)
                .await
                .expect("drop test database");
        }
    }
}

/// Runs each scenario once per backend, as `<scenario>::on_sqlite` and `<scenario>::on_mysql`;
/// the database is cleaned up even when the scenario panics.
macro_rules! contract {
    ($(fn $name:ident($db:ident) $body:block)*) => {$(
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            async fn scenario($db: &$crate::support::TestDb) $body

            async fn run(db: $crate::support::TestDb) {
                use futures_util::FutureExt;
                let outcome = std::panic::AssertUnwindSafe(scenario(&db)).catch_unwind().await;
                db.finish().await;
                if let Err(panic) = outcome {
                    std::panic::resume_unwind(panic);
                }
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn on_sqlite() {
                run($crate::support::TestDb::sqlite().await).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            #[cfg_attr(not(mysql_suite), ignore = "needs BASMA_TEST_MYSQL_URL (MariaDB)")]
            async fn on_mysql() {
                run($crate::support::TestDb::mysql().await).await;
            }
        }
    )*};
}

/// The whole catalogue as one port object, whichever adapter serves it.
pub trait Catalog: PropertyStore + BuildingStore + CategoryStore + CatalogLookup {}
impl<T: PropertyStore + BuildingStore + CategoryStore + CatalogLookup> Catalog for T {}

/// The ports a `port_contract!` scenario drives, served by one backend.
pub struct Adapters {
    pub backend: &'static str,
    pub catalog: Arc<dyn Catalog>,
    pub audit: Arc<dyn AuditLog>,
    pub requests: Arc<dyn RequestStore>,
    people: People,
    db: Option<TestDb>,
}

/// Where the accounts that requests refer to live.
enum People {
    Sql(SqlUserRepository),
    /// No in-memory user store: the fake request store is told which ids exist.
    Fake(Arc<FakeRequests>),
}

impl Adapters {
    pub async fn sqlite() -> Adapters {
        Self::sql(TestDb::sqlite().await)
    }

    pub async fn mysql() -> Adapters {
        Self::sql(TestDb::mysql().await)
    }

    fn sql(db: TestDb) -> Adapters {
        let conn = db.store.connection().clone();
        Adapters {
            backend: db.backend,
            catalog: Arc::new(SqlCatalog::new(conn.clone())),
            audit: Arc::new(SqlAuditLog::new(conn.clone())),
            requests: Arc::new(SqlRequestRepository::new(conn.clone())),
            people: People::Sql(SqlUserRepository::new(conn)),
            db: Some(db),
        }
    }

    /// The in-memory fakes, with the categories the migrations seed.
    pub async fn fakes() -> Adapters {
        let requests = Arc::new(FakeRequests::default());
        Adapters {
            backend: "fakes",
            catalog: Arc::new(FakeCatalog::seeded()),
            audit: Arc::new(FakeAudit::default()),
            requests: requests.clone(),
            people: People::Fake(requests),
            db: None,
        }
    }

    /// A stored account of `role` with `email`, for requests to refer to.
    pub async fn person(&self, email: &str, role: Role) -> UserId {
        match &self.people {
            People::Sql(users) => users.create(new_user(email, role)).await.unwrap().id,
            People::Fake(requests) => {
                let id = UserId::new();
                requests.know([id.0]);
                id
            }
        }
    }

    /// Catalogue rows requests may refer to: a no-op for SQL, where the foreign keys see
    /// them; the fake request store is told.
    pub fn refer_to(&self, ids: &[uuid::Uuid]) {
        if let People::Fake(requests) = &self.people {
            requests.know(ids.iter().copied());
        }
    }

    pub async fn finish(self) {
        if let Some(db) = self.db {
            db.finish().await;
        }
    }
}

/// Runs each scenario once per backend, as `<scenario>::on_sqlite`, `<scenario>::on_mysql`
/// and `<scenario>::on_fakes`, with the [`Adapters`] of that backend.
macro_rules! port_contract {
    ($(fn $name:ident($ports:ident) $body:block)*) => {$(
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            async fn scenario($ports: &$crate::support::Adapters) $body

            async fn run(ports: $crate::support::Adapters) {
                use futures_util::FutureExt;
                let outcome = std::panic::AssertUnwindSafe(scenario(&ports)).catch_unwind().await;
                ports.finish().await;
                if let Err(panic) = outcome {
                    std::panic::resume_unwind(panic);
                }
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn on_sqlite() {
                run($crate::support::Adapters::sqlite().await).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            #[cfg_attr(not(mysql_suite), ignore = "needs BASMA_TEST_MYSQL_URL (MariaDB)")]
            async fn on_mysql() {
                run($crate::support::Adapters::mysql().await).await;
            }

            #[tokio::test]
            async fn on_fakes() {
                run($crate::support::Adapters::fakes().await).await;
            }
        }
    )*};
}

/// Now, at the precision the store keeps.
pub fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(6)
}

pub fn new_user(email: &str, role: Role) -> NewUser {
    let name = PersonName::parse("Test User").expect("name");
    let email = Email::parse(email).expect("email");
    NewUser::new(name, email, "$2b$10$hash".into(), role, now())
}
