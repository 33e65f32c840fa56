//! Validated values: the typed result of an input that passed its garde rules. Each `parse`
//! runs the same rule as the input's derive (`crate::validation::rules`, where the formats
//! live; the text bounds are declared here, once, as [`Bounded`]) and the private field
//! keeps the guarantee, so code that holds a `Title` never re-checks it. Lengths count
//! characters after trimming, not bytes, so an Arabic description has the same limits as an
//! English one.

use crate::validation::Rule;
use crate::validation::rules::{self, Bounded};
use serde::Serialize;

macro_rules! bounded_text {
    ($($(#[$doc:meta])* $name:ident: $min:expr, $max:expr;)*) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Serialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl Bounded for $name {
            const MIN: usize = $min;
            const MAX: usize = $max;
        }

        impl $name {
            /// Trims surrounding white space, then checks the length in characters.
            pub fn parse(raw: &str) -> Result<Self, Rule> {
                rules::char_length(raw, Self::MIN, Self::MAX)?;
                Ok(Self(raw.trim().to_owned()))
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
        rules::email_format(&email)?;
        Ok(Self(email))
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
        rules::phone_format(&kept)?;
        Ok(Self(kept))
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
    /// The policy is [`rules::password_strength`].
    pub fn parse(raw: &str, email: Option<&str>) -> Result<Self, Rule> {
        rules::password_strength(raw, email)?;
        Ok(Self(raw.to_owned()))
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
        rules::code_format(code)?;
        Ok(Self(code.to_owned()))
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
    pub const MIN: u8 = 1;
    pub const MAX: u8 = 5;

    pub fn parse(raw: i64) -> Result<Self, Rule> {
        rules::in_range(raw, Self::MIN.into(), Self::MAX.into())?;
        u8::try_from(raw).map(Self).map_err(|_| Rule::Range {
            min: Self::MIN.into(),
            max: Self::MAX.into(),
        })
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
