//! Time normalisation shared by the adapters.

use chrono::{DateTime, SubsecRound, Utc};

/// Truncates to microseconds: MySQL's `DATETIME(6)` keeps no more, and cutting here (rather
/// than letting MySQL round) means both backends store, compare and return the same instant.
pub fn micros(at: DateTime<Utc>) -> DateTime<Utc> {
    at.trunc_subsecs(6)
}

pub fn micros_opt(at: Option<DateTime<Utc>>) -> Option<DateTime<Utc>> {
    at.map(micros)
}
