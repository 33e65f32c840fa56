//! Opening the database: pool limits and timeouts, creating the MySQL database or SQLite file
//! when it is missing, running the migrations, and reading the pool's size for the metrics.

use basma_migration::{Migrator, MigratorTrait};
use sea_orm::sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqliteSynchronous};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DatabaseConnectionType, DbErr,
};
use std::time::Duration;

/// How the pool behaves. The timeouts are short on purpose: sqlx would wait 30 s for a
/// connection, and an outage should turn into a fast 503 instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PoolOptions {
    pub max_connections: u32,
    /// How long a query waits for a free pooled connection.
    pub acquire_timeout: Duration,
    /// How long [`Store::connect`] may take to reach the server.
    pub connect_timeout: Duration,
    /// MariaDB: `max_statement_time` of every pooled session, so a statement cannot run on
    /// after its request gave up (other servers ignore it; SQLite has no server side).
    pub statement_timeout: Option<Duration>,
}

impl Default for PoolOptions {
    fn default() -> Self {
        Self {
            max_connections: 10,
            acquire_timeout: Duration::from_secs(3),
            connect_timeout: Duration::from_secs(3),
            statement_timeout: None,
        }
    }
}

/// Connections the pool holds right now (the `db_pool_connections{state}` gauge).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PoolState {
    /// Open connections, busy and idle.
    pub size: u32,
    pub idle: u32,
}

/// Why the store could not be opened or migrated.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The URL is not a usable `sqlite:` or `mysql:` URL.
    #[error("invalid database url: {0}")]
    InvalidUrl(String),
    /// The server did not answer within the connect timeout, or refused us.
    #[error("database unavailable: {0}")]
    Unavailable(String),
    #[error("migration failed: {0}")]
    Migration(String),
    #[error("database error: {0}")]
    Database(String),
}

/// The database behind every adapter of this crate; cheap to clone (it is a pool handle).
#[derive(Debug, Clone)]
pub struct Store {
    db: DatabaseConnection,
}

impl Store {
    /// Connects to `sqlite:…` or `mysql:…`. A missing MySQL database is created
    /// (`utf8mb4`, `utf8mb4_unicode_ci`); a missing SQLite file is created and opened in WAL
    /// mode with foreign keys on and a 5 s busy timeout.
    ///
    /// # Errors
    /// `InvalidUrl` for an unusable URL, `Unavailable` when the server cannot be reached
    /// within `options.connect_timeout`, `Database` for anything else.
    pub async fn connect(url: &str, options: PoolOptions) -> Result<Store, StoreError> {
        let db = if url.starts_with("sqlite:") {
            connect_sqlite(url, options).await?
        } else if url.starts_with("mysql:") || url.starts_with("mariadb:") {
            let url = url.replacen("mariadb:", "mysql:", 1);
            create_mysql_database(&url, options).await?;
            connect_bounded(mysql_options(&url, options), options).await?
        } else {
            return Err(StoreError::InvalidUrl(
                "expected a sqlite: or mysql: URL".into(),
            ));
        };
        Ok(Store { db })
    }

    /// Applies every pending migration.
    ///
    /// # Errors
    /// `Migration` with the failing migration's error.
    pub async fn migrate(&self) -> Result<(), StoreError> {
        Migrator::up(&self.db, None)
            .await
            .map_err(|e| StoreError::Migration(e.to_string()))
    }

    pub fn connection(&self) -> &DatabaseConnection {
        &self.db
    }

    pub fn pool_state(&self) -> PoolState {
        let (size, idle) = match &self.db.inner {
            DatabaseConnectionType::SqlxMySqlPoolConnection(_) => {
                let pool = self.db.get_mysql_connection_pool();
                (pool.size(), pool.num_idle())
            }
            DatabaseConnectionType::SqlxSqlitePoolConnection(_) => {
                let pool = self.db.get_sqlite_connection_pool();
                (pool.size(), pool.num_idle())
            }
            _ => (0, 0),
        };
        PoolState {
            size,
            idle: u32::try_from(idle).unwrap_or(u32::MAX),
        }
    }

    /// Closes the pool, waiting for connections in use to come back.
    ///
    /// # Errors
    /// `Database` when closing fails.
    pub async fn close(self) -> Result<(), StoreError> {
        self.db
            .close()
            .await
            .map_err(|e| StoreError::Database(e.to_string()))
    }

    /// Drops the database named in a `mysql://…/<name>` URL (test helper for the
    /// `basma_test_<uuid>` databases). Does nothing for other URLs.
    ///
    /// # Errors
    /// `InvalidUrl`, `Unavailable` or `Database` as for [`Store::connect`].
    pub async fn drop_mysql_database(url: &str) -> Result<(), StoreError> {
        if !url.starts_with("mysql:") {
            return Ok(());
        }
        let (server, name) = split_mysql_url(url)?;
        let options = PoolOptions {
            max_connections: 1,
            ..PoolOptions::default()
        };
        let db = connect_bounded(mysql_options(&server, options), options).await?;
        let result = db
            .execute_unprepared(&format!("DROP DATABASE IF EXISTS `{name}`"))
            .await;
        let _closed = db.close().await;
        result
            .map(|_| ())
            .map_err(|e| StoreError::Database(e.to_string()))
    }
}

async fn connect_sqlite(url: &str, options: PoolOptions) -> Result<DatabaseConnection, StoreError> {
    let in_memory = url.contains(":memory:") || url.contains("mode=memory");
    let mut opts = base_options(url, options);
    opts.map_sqlx_sqlite_opts(|o: SqliteConnectOptions| {
        o.create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            // NORMAL is durable in WAL mode except for the last commits on power loss.
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(5))
    });
    if in_memory {
        // Each connection to `:memory:` is a database of its own, and it vanishes with the
        // connection: keep exactly one, forever.
        opts.max_connections(1)
            .min_connections(1)
            .idle_timeout(None)
            .max_lifetime(None);
    }
    connect_bounded(opts, options).await
}

fn base_options(url: &str, options: PoolOptions) -> ConnectOptions {
    let mut opts = ConnectOptions::new(url);
    opts.max_connections(options.max_connections.max(1))
        .connect_timeout(options.connect_timeout)
        .acquire_timeout(options.acquire_timeout)
        // Statement logging would put user data (emails, hashes) into the logs.
        .sqlx_logging(false);
    opts
}

fn mysql_options(url: &str, options: PoolOptions) -> ConnectOptions {
    let mut opts = base_options(url, options);
    // Match the database default, so literals and columns never mix collations.
    opts.map_sqlx_mysql_opts(|o| o.charset("utf8mb4").collation("utf8mb4_unicode_ci"));
    if let Some(limit) = options.statement_timeout {
        let set = format!(
            "SET SESSION max_statement_time = {:.3}",
            limit.as_secs_f64()
        );
        opts.map_sqlx_mysql_pool_opts(move |pool| {
            let set = set.clone();
            pool.after_connect(move |conn, _| {
                let set = set.clone();
                Box::pin(async move {
                    // MySQL has no such variable (its `max_execution_time` bounds SELECTs
                    // only): the request deadline still applies there.
                    let statement = sea_orm::sqlx::raw_sql(sea_orm::sqlx::AssertSqlSafe(set));
                    if let Err(e) = statement.execute(&mut *conn).await {
                        tracing::warn!(error = %e, "max_statement_time not supported; statements are unbounded on the server");
                    }
                    Ok(())
                })
            })
        });
    }
    opts
}

/// sqlx keeps retrying a refused connection until the pool's acquire timeout; the outer
/// timeout makes `connect_timeout` the hard limit even if that is set longer.
async fn connect_bounded(
    opts: ConnectOptions,
    options: PoolOptions,
) -> Result<DatabaseConnection, StoreError> {
    match tokio::time::timeout(options.connect_timeout, Database::connect(opts)).await {
        Ok(result) => result.map_err(connect_error),
        Err(_) => Err(StoreError::Unavailable(format!(
            "no connection within {} ms",
            options.connect_timeout.as_millis()
        ))),
    }
}

fn connect_error(err: DbErr) -> StoreError {
    match err {
        DbErr::Conn(_) | DbErr::ConnectionAcquire(_) => StoreError::Unavailable(err.to_string()),
        other => StoreError::Database(other.to_string()),
    }
}

async fn create_mysql_database(url: &str, options: PoolOptions) -> Result<(), StoreError> {
    let (server, name) = split_mysql_url(url)?;
    let admin = PoolOptions {
        max_connections: 1,
        ..options
    };
    let db = connect_bounded(mysql_options(&server, admin), admin).await?;
    let sql = format!(
        "CREATE DATABASE IF NOT EXISTS `{name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
    );
    let result = db.execute_unprepared(&sql).await;
    let _closed = db.close().await;
    result
        .map(|_| ())
        .map_err(|e| StoreError::Database(e.to_string()))
}

/// Splits `mysql://user@host/db?x` into the server URL (no database) and the database name.
/// The name is restricted to `[A-Za-z0-9_$]`, because it is spliced into DDL.
fn split_mysql_url(url: &str) -> Result<(String, String), StoreError> {
    let mut parsed = url::Url::parse(url).map_err(|e| StoreError::InvalidUrl(e.to_string()))?;
    let name = parsed.path().trim_start_matches('/').to_owned();
    if name.is_empty() {
        return Err(StoreError::InvalidUrl(
            "the mysql URL names no database".into(),
        ));
    }
    if !name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
        || name.len() > 64
    {
        return Err(StoreError::InvalidUrl(format!(
            "unsupported database name {name:?}"
        )));
    }
    parsed.set_path("");
    Ok((parsed.to_string(), name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mysql_url_splits_into_server_and_database() {
        let (server, name) =
            split_mysql_url("mysql://root:pw@127.0.0.1:3306/basma?ssl-mode=disabled").unwrap();
        assert_eq!(name, "basma");
        assert_eq!(server, "mysql://root:pw@127.0.0.1:3306?ssl-mode=disabled");
    }

    #[test]
    fn mysql_url_without_a_safe_database_name_is_refused() {
        assert!(split_mysql_url("mysql://root@127.0.0.1:3306").is_err());
        assert!(split_mysql_url("mysql://root@127.0.0.1:3306/a`b").is_err());
    }
}
