//! The schema: migrations go up, down and up again on every backend, and seed the catalogue.

use basma_domain::ports::CatalogLookup;
use basma_migration::{Migrator, MigratorTrait};
use basma_persistence::SqlCatalog;
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};

const TABLES: [&str; 15] = [
    "users",
    "sessions",
    "spent_refresh_tokens",
    "one_time_tokens",
    "audit_log",
    "properties",
    "buildings",
    "categories",
    "user_properties",
    "user_categories",
    "maintenance_requests",
    "request_events",
    "comments",
    "reference_counters",
    "seaql_migrations",
];

async fn tables(db: &DatabaseConnection) -> Vec<String> {
    let backend = db.get_database_backend();
    let sql = match backend {
        sea_orm::DbBackend::Sqlite => {
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        }
        _ => "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()",
    };
    let rows = db
        .query_all_raw(Statement::from_string(backend, sql))
        .await
        .unwrap();
    let mut names: Vec<String> = rows
        .iter()
        .map(|row| row.try_get_by_index::<String>(0).unwrap())
        .collect();
    names.sort();
    names
}

contract! {
    fn migrations_create_every_table(db) {
        let mut expected: Vec<String> = TABLES.iter().map(|t| t.to_string()).collect();
        expected.sort();
        assert_eq!(tables(db.store.connection()).await, expected, "{}", db.backend);
    }

    fn migrations_go_down_completely_and_up_again(db) {
        // One connection, so every step sees the schema the previous step left (SQLite
        // pooled connections were seen to race here: "index already exists").
        let single = basma_persistence::PoolOptions { max_connections: 1, ..crate::support::pool_options() };
        let store = basma_persistence::Store::connect(&db.url, single).await.unwrap();
        let conn = store.connection();
        Migrator::down(conn, None).await.unwrap();
        assert_eq!(tables(conn).await, vec!["seaql_migrations".to_string()], "{}", db.backend);
        Migrator::up(conn, None).await.unwrap();
        assert_eq!(tables(conn).await.len(), TABLES.len());
        let categories = SqlCatalog::new(conn.clone()).list_categories().await.unwrap();
        assert_eq!(categories.len(), 7);
    }

    fn migrating_an_up_to_date_database_changes_nothing(db) {
        db.store.migrate().await.unwrap();
        let pending = Migrator::get_pending_migrations(db.store.connection()).await.unwrap();
        assert!(pending.is_empty());
    }

    fn the_seven_categories_are_seeded_with_both_names(db) {
        let categories = SqlCatalog::new(db.store.connection().clone()).list_categories().await.unwrap();
        let mut seeded: Vec<_> = basma_domain::model::SEEDED_CATEGORIES.to_vec();
        seeded.sort_by_key(|(code, _, _)| *code);
        let stored: Vec<_> = categories
            .iter()
            .map(|c| (c.code.as_str(), c.name_ar.as_str(), c.name_en.as_str()))
            .collect();
        assert_eq!(stored, seeded);
        assert!(categories.iter().all(|c| c.active));
        assert!(categories.iter().all(|c| c.id.0.get_version_num() == 7));
    }
}
