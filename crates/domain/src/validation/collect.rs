//! A hand-held collector for values that are not a domain input struct: the HTTP adapter's
//! query strings (filters, paging) are parsed one key at a time, so they gather their field
//! errors here instead of through a garde derive.

use super::{FieldError, Rule, ValidationErrors};

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
