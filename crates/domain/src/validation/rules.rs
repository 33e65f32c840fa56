//! Basma's field rules, as garde custom validators (`#[garde(custom(...))]`) over the
//! checks the validated newtypes (`Title::parse`, `Email::parse`, …) also run, so each rule
//! and each bound is written once. Every error carries its [`Rule`] as a machine code
//! (see `code.rs`).
//!
//! Why custom rules where garde has a built-in one:
//! - Lengths: garde's `length(chars)` counts the raw value, Basma counts after trimming white
//!   space, and garde's message names only the bound that was crossed while the API reports
//!   both (`Length { min: 3, max: 200 }`). [`text`] trims, then counts with garde's own
//!   `length::chars` rule; the bounds come from the newtype ([`Bounded`]).
//! - The score range: garde's `range` message names one bound too; [`score`] runs garde's
//!   `range` rule and reports both.
//! - E-mail: garde's `email` accepts addresses Basma refuses (`a@b`, no dot in the domain) and
//!   refuses some it accepts (`josé@example.com`, `a@my_host.com`: it allows only ASCII in
//!   the local part and host names in the domain); switching would change which accounts can
//!   register or sign in, so Basma's rule stays (checked on the trimmed, lower-cased address).
//! - Phone, catalogue code, password strength, ids and one-of lists have no garde rule.
//!
//! Password strength stays exactly the rule the API has always applied (8–128 characters, a
//! letter and a digit, not the account's e-mail). A strength estimator such as `zxcvbn`
//! would refuse passwords that are accepted today, which is a change of the API, not a
//! refactoring.

use super::Rule;
use crate::model::{Code, Email, Locale, Phone, Priority, Role, Score, Status};
use std::str::FromStr;

/// A text newtype's length bounds, in characters after trimming.
pub trait Bounded {
    const MIN: usize;
    const MAX: usize;
}

/// Fields that held a well-formed id the store does not know (or will not use, e.g. an
/// inactive category). The service looks ids up before validating, and [`known`] reports
/// them in their place among the other fields.
#[derive(Debug, Default)]
pub struct Refs {
    unknown: Vec<&'static str>,
}

impl Refs {
    pub fn new() -> Self {
        Self::default()
    }

    /// Records `field` as unknown when its look-up said so.
    pub fn note<T>(&mut self, field: &'static str, found: Option<&Result<T, Rule>>) {
        if matches!(found, Some(Err(Rule::Unknown))) {
            self.unknown.push(field);
        }
    }
}

type Outcome = garde::Result;

fn outcome(checked: Result<(), Rule>) -> Outcome {
    checked.map_err(garde::Error::from)
}

/// Length in characters after trimming white space, within `min..=max`.
///
/// # Errors
/// `Length { min, max }`.
pub fn char_length(raw: &str, min: usize, max: usize) -> Result<(), Rule> {
    garde::rules::length::chars::apply(&raw.trim(), (min, max))
        .map_err(|_| Rule::Length { min, max })
}

/// Text whose trimmed length lies within the bounds of the newtype `T`.
pub fn text<T: Bounded>(raw: &str, _: &impl Sized) -> Outcome {
    outcome(char_length(raw, T::MIN, T::MAX))
}

/// The e-mail format, on an address already trimmed and lower-cased.
///
/// # Errors
/// `EmailFormat`.
pub fn email_format(email: &str) -> Result<(), Rule> {
    let valid = email.len() <= 254
        && !email.chars().any(char::is_whitespace)
        && email.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && local.len() <= 64
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !domain.contains("..")
        });
    if valid {
        Ok(())
    } else {
        Err(Rule::EmailFormat)
    }
}

pub fn email(raw: &str, _: &impl Sized) -> Outcome {
    outcome(Email::parse(raw).map(drop))
}

/// A phone number once spaces, dashes and brackets are dropped: an optional `+`, then 7 to
/// 15 digits.
///
/// # Errors
/// `PhoneFormat`.
pub fn phone_format(kept: &str) -> Result<(), Rule> {
    let digits = kept.strip_prefix('+').unwrap_or(kept);
    if (7..=15).contains(&digits.len()) && digits.chars().all(|c| c.is_ascii_digit()) {
        Ok(())
    } else {
        Err(Rule::PhoneFormat)
    }
}

pub fn phone(raw: &str, _: &impl Sized) -> Outcome {
    outcome(Phone::parse(raw).map(drop))
}

/// A phone in a PATCH, where blank clears it.
pub fn phone_or_blank(raw: &str, ctx: &impl Sized) -> Outcome {
    if raw.trim().is_empty() {
        Ok(())
    } else {
        phone(raw, ctx)
    }
}

/// Password length in characters (not trimmed: every character counts).
pub const PASSWORD_MIN: usize = 8;
pub const PASSWORD_MAX: usize = 128;

/// 8–128 characters, at least one letter and one digit, and not the account's e-mail.
///
/// # Errors
/// `Length` for the length, else `PasswordStrength`.
pub fn password_strength(raw: &str, email: Option<&str>) -> Result<(), Rule> {
    garde::rules::length::chars::apply(&raw, (PASSWORD_MIN, PASSWORD_MAX)).map_err(|_| {
        Rule::Length {
            min: PASSWORD_MIN,
            max: PASSWORD_MAX,
        }
    })?;
    let has_letter = raw.chars().any(char::is_alphabetic);
    let has_digit = raw.chars().any(|c| c.is_ascii_digit());
    let is_email = email.is_some_and(|e| e.trim().eq_ignore_ascii_case(raw.trim()));
    if has_letter && has_digit && !is_email {
        Ok(())
    } else {
        Err(Rule::PasswordStrength)
    }
}

/// [`password_strength`] against the account's e-mail (`None` when not known yet).
pub fn password<C>(email: Option<&str>) -> impl FnOnce(&str, &C) -> Outcome + '_ {
    move |raw, _| outcome(password_strength(raw, email))
}

/// A catalogue code (already trimmed): 2–32 bytes, an upper-case letter, then upper-case
/// letters, digits, `_` or `-`.
///
/// # Errors
/// `CodeFormat`.
pub fn code_format(code: &str) -> Result<(), Rule> {
    let mut chars = code.chars();
    let valid = (2..=32).contains(&code.len())
        && chars.next().is_some_and(|c| c.is_ascii_uppercase())
        && chars.all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_' || c == '-');
    if valid { Ok(()) } else { Err(Rule::CodeFormat) }
}

pub fn code(raw: &str, _: &impl Sized) -> Outcome {
    outcome(Code::parse(raw).map(drop))
}

/// A whole number within `min..=max`, checked by garde's `range` rule.
///
/// # Errors
/// `Range { min, max }`.
pub fn in_range(n: i64, min: i64, max: i64) -> Result<(), Rule> {
    garde::rules::range::apply(&n, (Some(min), Some(max))).map_err(|_| Rule::Range { min, max })
}

pub fn score(n: &i64, _: &impl Sized) -> Outcome {
    outcome(Score::parse(*n).map(drop))
}

/// An id in UUID text (surrounding white space ignored).
///
/// # Errors
/// `UuidFormat`.
pub fn parse_id<T: FromStr>(raw: &str) -> Result<T, Rule> {
    raw.trim().parse().map_err(|_| Rule::UuidFormat)
}

pub fn uuid(raw: &str, _: &impl Sized) -> Outcome {
    outcome(parse_id::<uuid::Uuid>(raw).map(drop))
}

/// An id inside a list (`propertyIds`): exactly UUID text, no white space around it.
///
/// # Errors
/// `UuidFormat`.
pub fn parse_listed_id<T: FromStr>(raw: &str) -> Result<T, Rule> {
    raw.parse().map_err(|_| Rule::UuidFormat)
}

pub fn listed_uuid(raw: &str, _: &impl Sized) -> Outcome {
    outcome(parse_listed_id::<uuid::Uuid>(raw).map(drop))
}

fn one_of<T: Copy>(all: &[T], name: fn(T) -> &'static str, found: Option<T>) -> Result<T, Rule> {
    found.ok_or_else(|| Rule::OneOf {
        allowed: all.iter().map(|v| name(*v).to_owned()).collect(),
    })
}

/// # Errors
/// `OneOf` the four priorities.
pub fn parse_priority(raw: &str) -> Result<Priority, Rule> {
    one_of(
        &Priority::ALL,
        Priority::as_str,
        Priority::parse(raw.trim()),
    )
}

pub fn priority(raw: &str, _: &impl Sized) -> Outcome {
    outcome(parse_priority(raw).map(drop))
}

/// Statuses `PATCH /requests/{id}/status` accepts (see [`Status::TARGETS`]).
pub const TARGETS: [Status; 6] = Status::TARGETS;

/// # Errors
/// `OneOf` the [`TARGETS`].
pub fn parse_target(raw: &str) -> Result<Status, Rule> {
    let found = Status::parse(raw.trim()).filter(|s| TARGETS.contains(s));
    one_of(&TARGETS, Status::as_str, found)
}

pub fn target(raw: &str, _: &impl Sized) -> Outcome {
    outcome(parse_target(raw).map(drop))
}

/// # Errors
/// `OneOf` the five roles.
pub fn parse_role(raw: &str) -> Result<Role, Rule> {
    one_of(&Role::ALL, Role::as_str, Role::parse(raw))
}

pub fn role(raw: &str, _: &impl Sized) -> Outcome {
    outcome(parse_role(raw).map(drop))
}

/// # Errors
/// `OneOf` `ar`, `en`.
pub fn parse_locale(raw: &str) -> Result<Locale, Rule> {
    one_of(
        &[Locale::Ar, Locale::En],
        Locale::as_str,
        Locale::parse(raw),
    )
}

pub fn locale(raw: &str, _: &impl Sized) -> Outcome {
    outcome(parse_locale(raw).map(drop))
}

/// Present but empty counts as missing (a token).
pub fn not_empty(raw: &str, _: &impl Sized) -> Outcome {
    if raw.is_empty() {
        Err(Rule::Required.into())
    } else {
        Ok(())
    }
}

/// `Unknown` when the service's look-up did not find what `field` refers to.
pub fn known<T>(field: &'static str) -> impl FnOnce(&T, &Refs) -> Outcome {
    move |_, refs| {
        if refs.unknown.contains(&field) {
            Err(Rule::Unknown.into())
        } else {
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests;
