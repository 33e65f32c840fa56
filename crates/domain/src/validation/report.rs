//! From a garde [`garde::Report`] to [`ValidationErrors`], written once for every input.
//!
//! - The field is the report path's first component in camelCase (`category_id` →
//!   `categoryId`, `property_ids[2]` → `propertyIds`): the API names fields as the JSON
//!   bodies do, and a list reports itself once, not per item.
//! - The rule is parsed back from the error's code ([`Rule::from_code`]); garde's own
//!   `required` rule, whose message is garde's, is `Rule::Required`.
//! - One error per field, the first: garde runs a field's rules in a fixed order and a field
//!   that is missing cannot also be malformed, so this only folds list items.
//! - The order is the one the input declares ([`Declared`]); garde's own is by field name.

use super::{Declared, FieldError, Rule, ValidationErrors};
use garde::Validate;
use garde::i18n::{DefaultI18n, I18n};

/// Validates an input whose rules need no context.
///
/// # Errors
/// Every broken field, in declaration order.
pub fn check<T>(input: &T) -> Result<(), ValidationErrors>
where
    T: Validate + Declared,
    T::Context: Default,
{
    check_with(input, &T::Context::default())
}

/// Validates an input against `ctx` (e.g. the look-ups in [`super::Refs`]).
///
/// # Errors
/// Every broken field, in declaration order.
pub fn check_with<T>(input: &T, ctx: &T::Context) -> Result<(), ValidationErrors>
where
    T: Validate + Declared,
{
    input
        .validate_with(ctx)
        .map_err(|report| errors(&report, T::FIELDS))
}

/// The typed value of a field that passed validation: absent is `Required`, present must
/// parse. The one `required` of the services; after [`check`] it cannot fail, but the
/// types do not know that, so a failure is still a field error and never a panic.
///
/// # Errors
/// `field` with `Required` or the rule `parse` reports.
pub fn required<R, T>(
    field: &str,
    raw: Option<R>,
    parse: impl FnOnce(R) -> Result<T, Rule>,
) -> Result<T, ValidationErrors> {
    raw.ok_or(Rule::Required)
        .and_then(parse)
        .map_err(|rule| ValidationErrors::single(field, rule))
}

/// Like [`required`] for an optional field: absent stays `None`.
///
/// # Errors
/// `field` with the rule `parse` reports.
pub fn optional<R, T>(
    field: &str,
    raw: Option<R>,
    parse: impl FnOnce(R) -> Result<T, Rule>,
) -> Result<Option<T>, ValidationErrors> {
    raw.map(|raw| required(field, Some(raw), parse)).transpose()
}

fn errors(report: &garde::Report, declared: &[&str]) -> ValidationErrors {
    let mut errors: Vec<(usize, FieldError)> = Vec::new();
    for (path, error) in report.iter() {
        let path = path.to_string();
        let rust_name = path.split(['.', '[']).next().unwrap_or_default();
        let field = field_name(rust_name);
        if errors.iter().any(|(_, e)| e.field == field) {
            continue;
        }
        let position = declared.iter().position(|f| *f == rust_name);
        let error = FieldError {
            field,
            rule: rule(error.message()),
        };
        errors.push((position.unwrap_or(declared.len()), error));
    }
    // Stable: the items of one list and anything undeclared keep garde's order.
    errors.sort_by_key(|(position, _)| *position);
    ValidationErrors(errors.into_iter().map(|(_, e)| e).collect())
}

fn rule(message: &str) -> Rule {
    if message == DefaultI18n.required_not_set() {
        return Rule::Required;
    }
    // Only Basma's custom rules and garde's `required` are declared on inputs (each input's
    // tests pin the rules it reports). Were a built-in rule with an English message added, its
    // field must still answer 400, never 500: it is reported with garde's sentence.
    Rule::from_code(message).unwrap_or_else(|| Rule::WrongType {
        expected: message.to_owned(),
    })
}

/// `property_ids[2]` → `propertyIds`; an empty path (a rule on the whole input) is `body`.
fn field_name(path: &str) -> String {
    let first = path.split(['.', '[']).next().unwrap_or_default();
    if first.is_empty() {
        return "body".to_owned();
    }
    let mut name = String::with_capacity(first.len());
    let mut upper = false;
    for c in first.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            name.extend(c.to_uppercase());
            upper = false;
        } else {
            name.push(c);
        }
    }
    name
}

#[cfg(test)]
mod tests;
