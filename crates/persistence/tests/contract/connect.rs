//! Opening the store, health, the audit log, and how outages surface: fast, as
//! `Unavailable`, never as a 30-second hang.

use crate::support::{now, pool_options};
use basma_domain::model::{AuditAction, AuditEntry, UserId};
use basma_domain::ports::{AuditLog, HealthProbe, RepoError, UserStore};
use basma_persistence::{DbHealth, PoolOptions, SqlAuditLog, SqlUserRepository, Store, StoreError};
use sea_orm::{ConnectionTrait, Statement, TransactionTrait};
use std::time::{Duration, Instant};

#[tokio::test]
async fn connecting_to_a_closed_port_fails_fast_as_unavailable() {
    let options = PoolOptions {
        max_connections: 2,
        acquire_timeout: Duration::from_millis(500),
        connect_timeout: Duration::from_millis(800),
        statement_timeout: None,
    };
    let started = Instant::now();
    let result = Store::connect("mysql://root@127.0.0.1:1/basma", options).await;
    assert!(
        matches!(result, Err(StoreError::Unavailable(_))),
        "{result:?}"
    );
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "took {:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn a_url_of_another_kind_is_invalid() {
    let result = Store::connect("postgres://localhost/basma", pool_options()).await;
    assert!(
        matches!(result, Err(StoreError::InvalidUrl(_))),
        "{result:?}"
    );
}

#[tokio::test]
async fn an_in_memory_sqlite_database_keeps_its_schema() {
    let store = Store::connect("sqlite::memory:", pool_options())
        .await
        .unwrap();
    store.migrate().await.unwrap();
    let users = SqlUserRepository::new(store.connection().clone());
    assert_eq!(users.count_active_super_admins().await.unwrap(), 0);
}

contract! {
    fn the_health_probe_answers_and_the_pool_reports_its_size(db) {
        let health = DbHealth::new(db.store.connection().clone());
        assert_eq!(health.name(), "database");
        health.ping().await.unwrap();
        let state = db.store.pool_state();
        assert!(state.size >= 1 && state.idle <= state.size, "{state:?}");
    }

    fn an_exhausted_pool_is_unavailable_within_the_acquire_timeout(db) {
        let options = PoolOptions {
            max_connections: 1,
            acquire_timeout: Duration::from_millis(300),
            connect_timeout: Duration::from_secs(5),
            statement_timeout: None,
        };
        let store = db.reopen(options).await;
        // Holding a transaction keeps the only connection busy.
        let txn = store.connection().begin().await.unwrap();
        txn.execute_raw(Statement::from_string(txn.get_database_backend(), "SELECT 1")).await.unwrap();
        let started = Instant::now();
        let users = SqlUserRepository::new(store.connection().clone());
        let result = users.get(UserId::new()).await;
        assert!(matches!(result, Err(RepoError::Unavailable(_))), "{result:?}");
        assert!(started.elapsed() < Duration::from_secs(3));
        let ping = DbHealth::new(store.connection().clone()).ping().await;
        assert!(matches!(ping, Err(RepoError::Unavailable(_))), "{ping:?}");
        txn.rollback().await.unwrap();
        assert_eq!(users.get(UserId::new()).await, Err(RepoError::NotFound));
        store.close().await.unwrap();
    }

    fn audit_entries_are_appended(db) {
        let audit = SqlAuditLog::new(db.store.connection().clone());
        for action in [AuditAction::LoginFailed, AuditAction::AccountLocked] {
            let entry = AuditEntry {
                action,
                actor_id: None,
                subject_id: Some(UserId::new()),
                ip: Some("198.51.100.4".into()),
                detail: Some("five failures".into()),
                at: now(),
                target: None,
                changes: None,
            };
            audit.record(entry).await.unwrap();
        }
        let conn = db.store.connection();
        let row = conn
            .query_one_raw(Statement::from_string(conn.get_database_backend(), "SELECT COUNT(*) FROM audit_log"))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(row.try_get_by_index::<i64>(0).unwrap(), 2);
    }
}

contract! {
    fn a_statement_timeout_bounds_every_mariadb_statement(db) {
        let options = PoolOptions {
            statement_timeout: Some(Duration::from_secs(1)),
            ..crate::support::pool_options()
        };
        let store = db.reopen(options).await;
        if db.backend == "mysql" {
            let conn = store.connection();
            let backend = conn.get_database_backend();
            let row = conn
                .query_one_raw(Statement::from_string(backend, "SELECT @@SESSION.max_statement_time AS t"))
                .await
                .unwrap()
                .unwrap();
            let limit: f64 = row.try_get("", "t").unwrap();
            assert!((limit - 1.0).abs() < 1e-9, "max_statement_time = {limit}");
            // A statement that would run 5 s is stopped after about 1 s.
            let started = Instant::now();
            let _ = conn
                .execute_raw(Statement::from_string(backend, "SELECT SLEEP(5)"))
                .await;
            assert!(started.elapsed() < Duration::from_secs(3), "took {:?}", started.elapsed());
        }
        store.close().await.unwrap();
    }
}
