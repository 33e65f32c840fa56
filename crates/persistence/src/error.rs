//! Translation of driver errors into the domain's [`RepoError`], the one place that knows
//! how MySQL and SQLite report constraint violations and outages.

use basma_domain::ports::{ConflictOn, RepoError};
use sea_orm::sqlx;
use sea_orm::{DbErr, RuntimeErr, SqlErr};

/// Which unique index a violation names, and the field the port reports for it. MySQL names
/// the index (`for key 'ux_users_email'`, `'users.ux_users_email'` on MySQL 8); SQLite names
/// the columns (`UNIQUE constraint failed: users.email`).
const UNIQUE_RULES: [(&str, &str, ConflictOn); 8] = [
    ("ux_users_email", "users.email", ConflictOn::Email),
    ("ux_users_phone", "users.phone", ConflictOn::Phone),
    ("ux_properties_code", "properties.code", ConflictOn::Code),
    (
        "ux_buildings_property_code",
        "buildings.property_id, buildings.code",
        ConflictOn::Code,
    ),
    ("ux_categories_code", "categories.code", ConflictOn::Code),
    (
        "ux_mr_reference",
        "maintenance_requests.reference",
        ConflictOn::RequestReference,
    ),
    (
        "ux_sessions_refresh_hash",
        "sessions.refresh_hash",
        ConflictOn::RefreshHash,
    ),
    (
        "ux_one_time_tokens_hash",
        "one_time_tokens.token_hash",
        ConflictOn::TokenHash,
    ),
];

/// The general mapping: unique → `Conflict(<rule>)`, foreign key → `Conflict(Reference)`
/// (or `InUse` when MySQL says a parent row is still referenced), outage → `Unavailable`.
pub fn repo_err(err: DbErr) -> RepoError {
    match err.sql_err().or_else(|| sqlite_restrict(&err)) {
        Some(SqlErr::UniqueConstraintViolation(msg)) => RepoError::Conflict(unique_field(&msg)),
        Some(SqlErr::ForeignKeyConstraintViolation(msg)) => {
            // MySQL 1451/1217: deleting or re-keying a row that others still point at.
            RepoError::Conflict(if msg.contains("parent row") {
                ConflictOn::InUse
            } else {
                ConflictOn::Reference
            })
        }
        _ if is_unavailable(&err) => RepoError::Unavailable(err.to_string()),
        // SQLite reports a foreign-key failure raised inside a statement's trigger phase
        // with the extended code 1811, which the driver does not classify.
        _ if err.to_string().contains("FOREIGN KEY constraint failed") => {
            RepoError::Conflict(ConflictOn::InUse)
        }
        _ => match err {
            DbErr::RecordNotFound(_) => RepoError::NotFound,
            other => RepoError::Internal(other.to_string()),
        },
    }
}

/// For deletes: SQLite reports every foreign-key failure alike, and on a delete it can only
/// mean that something still refers to the row.
pub fn delete_err(err: DbErr) -> RepoError {
    match repo_err(err) {
        RepoError::Conflict(ConflictOn::Reference) => RepoError::Conflict(ConflictOn::InUse),
        other => other,
    }
}

/// A row the database handed back that the domain cannot represent (an unknown role, a
/// negative counter): the data is corrupt, not the request.
pub fn corrupt(what: &str, value: impl std::fmt::Display) -> RepoError {
    RepoError::Internal(format!("stored {what} {value} is not valid"))
}

/// SQLite reports an `ON DELETE RESTRICT` refusal as `SQLITE_CONSTRAINT_TRIGGER` (1811)
/// rather than `SQLITE_CONSTRAINT_FOREIGNKEY` (787), which `DbErr::sql_err` does not know;
/// the message is the same for both.
fn sqlite_restrict(err: &DbErr) -> Option<SqlErr> {
    let (DbErr::Exec(RuntimeErr::SqlxError(e)) | DbErr::Query(RuntimeErr::SqlxError(e))) = err
    else {
        return None;
    };
    let sqlx::Error::Database(db) = &**e else {
        return None;
    };
    let is_sqlite = db.try_downcast_ref::<sqlx::sqlite::SqliteError>().is_some();
    (is_sqlite && db.message().contains("FOREIGN KEY constraint failed"))
        .then(|| SqlErr::ForeignKeyConstraintViolation(db.message().to_owned()))
}

fn unique_field(msg: &str) -> ConflictOn {
    // On MySQL the duplicate value is quoted in the message and may itself contain an index
    // name; only the part after "for key" names the index.
    let rule_part = msg.rsplit_once("for key").map_or(msg, |(_, key)| key);
    UNIQUE_RULES
        .iter()
        .find(|(index, columns, _)| rule_part.contains(index) || rule_part.contains(columns))
        .map_or(ConflictOn::Unique, |(_, _, rule)| *rule)
}

fn is_unavailable(err: &DbErr) -> bool {
    match err {
        DbErr::ConnectionAcquire(_) | DbErr::Conn(_) => true,
        DbErr::Exec(RuntimeErr::SqlxError(e)) | DbErr::Query(RuntimeErr::SqlxError(e)) => {
            sqlx_unavailable(e)
        }
        _ => false,
    }
}

fn sqlx_unavailable(err: &sqlx::Error) -> bool {
    match err {
        sqlx::Error::Io(_)
        | sqlx::Error::Tls(_)
        | sqlx::Error::PoolTimedOut
        | sqlx::Error::PoolClosed
        | sqlx::Error::WorkerCrashed => true,
        sqlx::Error::Database(db) => {
            if let Some(mysql) = db.try_downcast_ref::<sqlx::mysql::MySqlDatabaseError>() {
                // Lock wait timeout, deadlock, server shutting down / gone, a statement
                // stopped by `max_statement_time` (MariaDB 1969, MySQL 3024) or interrupted
                // (1317): transient, the client may retry, so a 503 rather than a 500.
                return matches!(
                    mysql.number(),
                    1205 | 1213 | 1053 | 2006 | 2013 | 1969 | 3024 | 1317
                );
            }
            // SQLITE_BUSY / SQLITE_LOCKED and their extended codes (low byte 5 or 6).
            db.code()
                .and_then(|code| code.parse::<u32>().ok())
                .is_some_and(|code| matches!(code & 0xff, 5 | 6))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unique_field_reads_mysql_and_sqlite_messages() {
        assert_eq!(
            unique_field("Duplicate entry 'a@b.c' for key 'ux_users_email'"),
            ConflictOn::Email
        );
        assert_eq!(
            unique_field("Duplicate entry 'x' for key 'users.ux_users_phone'"),
            ConflictOn::Phone
        );
        assert_eq!(
            unique_field("UNIQUE constraint failed: users.email"),
            ConflictOn::Email
        );
        assert_eq!(
            unique_field("UNIQUE constraint failed: buildings.property_id, buildings.code"),
            ConflictOn::Code
        );
        assert_eq!(
            unique_field("UNIQUE constraint failed: other.thing"),
            ConflictOn::Unique
        );
    }

    #[test]
    fn unique_field_ignores_index_names_inside_the_duplicate_value() {
        let msg = "Duplicate entry 'ux_users_phone@x.com' for key 'ux_users_email'";
        assert_eq!(unique_field(msg), ConflictOn::Email);
    }
}
