//! Validated values. Each `parse` checks once and the private field keeps the guarantee, so
//! code that holds a `Title` never re-checks it. Lengths count characters, not bytes, so an
//! Arabic description has the same limits as an English one.

use crate::validation::Rule;
use serde::Serialize;

fn char_len_in(s: &str, min: usize, max: usize) -> Result<(), Rule> {
    let n = s.chars().count();
    if n < min || n > max {
        Err(Rule::Length { min, max })
    } else {
        Ok(())
    }
}

macro_rules! bounded_text {
    ($($(#[$doc:meta])* $name:ident: $min:expr, $max:expr;)*) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Serialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            pub const MIN: usize = $min;
            pub const MAX: usize = $max;

            /// Trims surrounding white space, then checks the length in characters.
            pub fn parse(raw: &str) -> Result<Self, Rule> {
                let trimmed = raw.trim();
                char_len_in(trimmed, $min, $max)?;
                Ok(Self(trimmed.to_owned()))
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }

            pub fn into_inner(self) -> String {
                self.0
            }
        }
    )*};
}

bounded_text! {
    /// A person's display name.
    PersonName: 1, 100;
    /// A request title.
    Title: 3, 200;
    /// A request description (an Arabic 5000-character text fits the body limit).
    Description: 10, 5000;
    /// Unit or location inside a building ("Flat 12, kitchen").
    Location: 0, 200;
    /// A comment body.
    CommentBody: 1, 2000;
    /// Why a request is rejected, cancelled or reopened.
    Reason: 3, 1000;
    /// A free-text note attached to a transition or assignment.
    Note: 0, 1000;
    /// Feedback that goes with a rating.
    Feedback: 0, 2000;
    /// A name in one language (property, building, category).
    Label: 1, 150;
    /// A street address.
    Address: 0, 300;
}

/// An email address, trimmed and lower-cased so uniqueness is case-insensitive.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct Email(String);

impl Email {
    pub fn parse(raw: &str) -> Result<Self, Rule> {
        let email = raw.trim().to_lowercase();
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
            Ok(Self(email))
        } else {
            Err(Rule::EmailFormat)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A phone number normalised to `+` and digits (spaces, dashes and brackets dropped).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct Phone(String);

impl Phone {
    pub fn parse(raw: &str) -> Result<Self, Rule> {
        let kept: String = raw
            .trim()
            .chars()
            .filter(|c| !matches!(c, ' ' | '-' | '(' | ')'))
            .collect();
        let digits = kept.strip_prefix('+').unwrap_or(&kept);
        let valid = (7..=15).contains(&digits.len()) && digits.chars().all(|c| c.is_ascii_digit());
        if valid {
            Ok(Self(kept))
        } else {
            Err(Rule::PhoneFormat)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A plain-text password that meets the policy: 8–128 characters, at least one letter and
/// one digit, and not the account's email. It is never serialised, logged or stored.
#[derive(Clone, PartialEq, Eq)]
pub struct Password(String);

impl Password {
    pub const MIN: usize = 8;
    pub const MAX: usize = 128;

    pub fn parse(raw: &str, email: Option<&str>) -> Result<Self, Rule> {
        char_len_in(raw, Self::MIN, Self::MAX)?;
        let has_letter = raw.chars().any(char::is_alphabetic);
        let has_digit = raw.chars().any(|c| c.is_ascii_digit());
        let is_email = email.is_some_and(|e| e.trim().eq_ignore_ascii_case(raw.trim()));
        if has_letter && has_digit && !is_email {
            Ok(Self(raw.to_owned()))
        } else {
            Err(Rule::PasswordStrength)
        }
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(<redacted>)")
    }
}

/// A catalogue code: an upper-case letter, then upper-case letters, digits or `_`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct Code(String);

impl Code {
    pub fn parse(raw: &str) -> Result<Self, Rule> {
        let code = raw.trim();
        let mut chars = code.chars();
        let valid = (2..=32).contains(&code.len())
            && chars.next().is_some_and(|c| c.is_ascii_uppercase())
            && chars.all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_' || c == '-');
        if valid {
            Ok(Self(code.to_owned()))
        } else {
            Err(Rule::CodeFormat)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A satisfaction score from 1 to 5.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Score(u8);

impl Score {
    pub fn parse(raw: i64) -> Result<Self, Rule> {
        u8::try_from(raw)
            .ok()
            .filter(|n| (1..=5).contains(n))
            .map(Self)
            .ok_or(Rule::Range { min: 1, max: 5 })
    }

    pub fn get(self) -> u8 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_is_trimmed_and_lowercased() {
        assert_eq!(
            Email::parse("  Ali@Example.COM ").unwrap().as_str(),
            "ali@example.com"
        );
    }

    #[test]
    fn email_without_domain_dot_is_rejected() {
        for bad in [
            "a@b",
            "@b.com",
            "a@@b.com",
            "a b@c.com",
            "a@.com",
            "a@com.",
            "plain",
        ] {
            assert_eq!(Email::parse(bad), Err(Rule::EmailFormat), "{bad}");
        }
    }

    #[test]
    fn password_needs_letter_digit_and_length() {
        assert!(Password::parse("abcdefg1", None).is_ok());
        assert_eq!(
            Password::parse("abcdefgh", None),
            Err(Rule::PasswordStrength)
        );
        assert_eq!(
            Password::parse("12345678", None),
            Err(Rule::PasswordStrength)
        );
        assert_eq!(
            Password::parse("a1", None),
            Err(Rule::Length { min: 8, max: 128 })
        );
        assert!(Password::parse(&"a1".repeat(65), None).is_err());
    }

    #[test]
    fn password_may_not_be_the_email() {
        assert_eq!(
            Password::parse("ali1@x.com", Some("ALI1@x.com")),
            Err(Rule::PasswordStrength)
        );
    }

    #[test]
    fn password_debug_is_redacted() {
        let p = Password::parse("secret123", None).unwrap();
        assert!(!format!("{p:?}").contains("secret"));
    }

    #[test]
    fn lengths_count_arabic_characters_not_bytes() {
        let title = "تسريب مياه في المطبخ";
        assert!(Title::parse(title).is_ok());
        assert!(Title::parse(&"ب".repeat(200)).is_ok());
        assert_eq!(
            Title::parse(&"ب".repeat(201)),
            Err(Rule::Length { min: 3, max: 200 })
        );
    }

    #[test]
    fn phone_is_normalised() {
        assert_eq!(
            Phone::parse("+966 50-123 4567").unwrap().as_str(),
            "+966501234567"
        );
        assert_eq!(Phone::parse("12ab567"), Err(Rule::PhoneFormat));
    }

    #[test]
    fn score_is_one_to_five() {
        assert!(Score::parse(1).is_ok() && Score::parse(5).is_ok());
        assert!(Score::parse(0).is_err() && Score::parse(6).is_err());
    }

    #[test]
    fn code_is_upper_snake() {
        assert!(Code::parse("PLUMBING").is_ok());
        assert!(Code::parse("plumbing").is_err());
    }
}
