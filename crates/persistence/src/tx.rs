//! Write transactions.

use sea_orm::{
    DatabaseConnection, DatabaseTransaction, DbErr, SqliteTransactionMode, TransactionOptions,
    TransactionTrait,
};

/// Begins a transaction that will write. On SQLite it is `BEGIN IMMEDIATE`: a deferred
/// transaction that reads first and writes later fails with `SQLITE_BUSY` when another
/// writer got in between (busy_timeout cannot help), whereas an immediate one waits its turn.
/// MySQL ignores the mode and relies on row locks (`SELECT … FOR UPDATE`).
pub async fn begin_write(db: &DatabaseConnection) -> Result<DatabaseTransaction, DbErr> {
    db.begin_with_options(TransactionOptions {
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        ..TransactionOptions::default()
    })
    .await
}
