//! Basma's database schema as sea-orm migrations, portable between SQLite and MySQL 8 /
//! MariaDB 10.11+.
//!
//! Conventions every migration keeps, because the persistence adapters rely on them:
//! - ids are UUIDs in sea-query's `uuid` column type (`BINARY(16)` on MySQL, a 16-byte blob in
//!   a `uuid_text` column on SQLite) and are always bound as `uuid::Uuid`, never as text;
//! - times are UTC with microsecond precision (`DATETIME(6)` on MySQL, RFC 3339 text on
//!   SQLite, which sorts chronologically because every value is written with `+00:00`);
//! - emails are stored lower-cased, so a plain unique index is case-insensitive on both;
//! - every migration has a `down` that undoes exactly its `up`.

mod columns;
mod idents;
mod m20261125_000001_create_accounts;
mod m20261125_000002_create_catalog;
mod m20261125_000003_create_requests;
mod m20261125_000004_seed_categories;
mod m20261125_000005_add_request_list_indexes;
mod m20261125_000006_add_report_index;
mod m20261202_000001_add_event_replay_index;
mod m20261202_000002_extend_audit_log;

pub use sea_orm_migration::MigratorTrait;
use sea_orm_migration::prelude::*;

/// Runs Basma's migrations in order: `Migrator::up(&db, None)`.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261125_000001_create_accounts::Migration),
            Box::new(m20261125_000002_create_catalog::Migration),
            Box::new(m20261125_000003_create_requests::Migration),
            Box::new(m20261125_000004_seed_categories::Migration),
            Box::new(m20261125_000005_add_request_list_indexes::Migration),
            Box::new(m20261125_000006_add_report_index::Migration),
            Box::new(m20261202_000001_add_event_replay_index::Migration),
            Box::new(m20261202_000002_extend_audit_log::Migration),
        ]
    }
}
