//! Field-level validation. The domain's raw inputs derive `garde::Validate` (see
//! [`rules`] for the custom rules and the machine codes their errors carry) and
//! [`check`] turns garde's report into [`ValidationErrors`]: which *rule* each field broke,
//! never a sentence. The HTTP adapter renders each [`Rule`] in the caller's language, so one
//! error carries every broken field at once and codes never change with the locale.

mod code;
mod collect;
mod declared;
mod report;
pub mod rules;

pub use collect::Validator;
pub use declared::Declared;
pub(crate) use declared::validated;
pub use report::{check, check_with, optional, required};
pub use rules::Refs;

use serde::Serialize;

/// The rule a field broke, with the bounds needed to explain it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "rule", rename_all = "camelCase")]
pub enum Rule {
    Required,
    /// Length in characters (not bytes) must lie in `min..=max`.
    Length {
        min: usize,
        max: usize,
    },
    /// Number must lie in `min..=max`.
    Range {
        min: i64,
        max: i64,
    },
    EmailFormat,
    PhoneFormat,
    /// Password needs a letter and a digit and must not equal the email.
    PasswordStrength,
    /// One of the listed values.
    OneOf {
        allowed: Vec<String>,
    },
    UuidFormat,
    DateTimeFormat,
    /// A code of `A-Z`, digits and `_`.
    CodeFormat,
    /// The referenced thing does not exist (or is inactive).
    Unknown,
    /// Does not match what is stored (e.g. the current password).
    Mismatch,
    /// The JSON value has the wrong type (e.g. a number where text is expected).
    WrongType {
        expected: String,
    },
}

/// One broken field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    pub field: String,
    pub rule: Rule,
}

/// Every broken field of one input, reported together.
#[derive(Debug, Clone, Default, PartialEq, Eq, thiserror::Error)]
#[error("{} field(s) invalid", .0.len())]
pub struct ValidationErrors(pub Vec<FieldError>);

impl ValidationErrors {
    pub fn single(field: &str, rule: Rule) -> Self {
        Self(vec![FieldError {
            field: field.to_owned(),
            rule,
        }])
    }
}

/// The `(field, rule)` pairs a check reported, for assertions; empty when it passed.
#[cfg(test)]
pub(crate) fn broken(result: Result<(), ValidationErrors>) -> Vec<(String, Rule)> {
    result
        .err()
        .map(|e| e.0.into_iter().map(|f| (f.field, f.rule)).collect())
        .unwrap_or_default()
}
