//! Field-level validation results. Newtypes report *which rule* a value broke, never a
//! sentence: the HTTP adapter renders each [`Rule`] in the caller's language, so one error
//! carries every broken field at once and codes never change with the locale.

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

/// Collects field errors while parsing a whole input, so that all are reported at once.
#[derive(Debug, Default)]
pub struct Validator {
    errors: Vec<FieldError>,
}

impl Validator {
    pub fn new() -> Self {
        Self::default()
    }

    /// Keeps the parsed value, or records the rule it broke under `field`.
    pub fn check<T>(&mut self, field: &str, result: Result<T, Rule>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(rule) => {
                self.errors.push(FieldError {
                    field: field.to_owned(),
                    rule,
                });
                None
            }
        }
    }

    /// Like [`Validator::check`] for an optional input: `None` stays `Some(None)`.
    pub fn check_opt<T>(
        &mut self,
        field: &str,
        result: Option<Result<T, Rule>>,
    ) -> Option<Option<T>> {
        match result {
            None => Some(None),
            Some(r) => self.check(field, r).map(Some),
        }
    }

    pub fn push(&mut self, field: &str, rule: Rule) {
        self.errors.push(FieldError {
            field: field.to_owned(),
            rule,
        });
    }

    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }

    /// `Ok(value)` when nothing was recorded, else every recorded error.
    pub fn finish<T>(self, value: impl FnOnce() -> Option<T>) -> Result<T, ValidationErrors> {
        if self.errors.is_empty() {
            value().ok_or_else(|| ValidationErrors::single("body", Rule::Required))
        } else {
            Err(ValidationErrors(self.errors))
        }
    }
}
