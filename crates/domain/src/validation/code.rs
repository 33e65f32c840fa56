//! The machine code a [`Rule`] travels as inside a `garde::Error`. garde reports errors as
//! messages; Basma's custom rules put a code there (`length:3:200`, `oneOf:LOW,HIGH`) and
//! [`super::report`] parses it back, so the bounds a field declares reach the API intact and
//! nothing has to match an English sentence.

use super::Rule;

impl Rule {
    /// The stable code of this rule: its serde tag, then its bounds or values after `:`.
    /// `OneOf` values must not contain `,` (they are enum names).
    pub fn code(&self) -> String {
        match self {
            Rule::Required => "required".into(),
            Rule::Length { min, max } => format!("length:{min}:{max}"),
            Rule::Range { min, max } => format!("range:{min}:{max}"),
            Rule::EmailFormat => "emailFormat".into(),
            Rule::PhoneFormat => "phoneFormat".into(),
            Rule::PasswordStrength => "passwordStrength".into(),
            Rule::OneOf { allowed } => format!("oneOf:{}", allowed.join(",")),
            Rule::UuidFormat => "uuidFormat".into(),
            Rule::DateTimeFormat => "dateTimeFormat".into(),
            Rule::CodeFormat => "codeFormat".into(),
            Rule::Unknown => "unknown".into(),
            Rule::Mismatch => "mismatch".into(),
            Rule::WrongType { expected } => format!("wrongType:{expected}"),
        }
    }

    /// The rule [`Rule::code`] wrote, or `None` for anything else.
    pub fn from_code(code: &str) -> Option<Rule> {
        let (tag, args) = code.split_once(':').unwrap_or((code, ""));
        let bounds = || args.split_once(':');
        Some(match (tag, args.is_empty()) {
            ("required", true) => Rule::Required,
            ("length", false) => {
                let (min, max) = bounds()?;
                Rule::Length {
                    min: min.parse().ok()?,
                    max: max.parse().ok()?,
                }
            }
            ("range", false) => {
                let (min, max) = bounds()?;
                Rule::Range {
                    min: min.parse().ok()?,
                    max: max.parse().ok()?,
                }
            }
            ("emailFormat", true) => Rule::EmailFormat,
            ("phoneFormat", true) => Rule::PhoneFormat,
            ("passwordStrength", true) => Rule::PasswordStrength,
            ("oneOf", false) => Rule::OneOf {
                allowed: args.split(',').map(str::to_owned).collect(),
            },
            ("uuidFormat", true) => Rule::UuidFormat,
            ("dateTimeFormat", true) => Rule::DateTimeFormat,
            ("codeFormat", true) => Rule::CodeFormat,
            ("unknown", true) => Rule::Unknown,
            ("mismatch", true) => Rule::Mismatch,
            ("wrongType", false) => Rule::WrongType {
                expected: args.to_owned(),
            },
            _ => return None,
        })
    }
}

impl From<Rule> for garde::Error {
    fn from(rule: Rule) -> Self {
        garde::Error::new(rule.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn every_rule() -> Vec<Rule> {
        vec![
            Rule::Required,
            Rule::Length { min: 0, max: 5000 },
            Rule::Range { min: -3, max: 100 },
            Rule::EmailFormat,
            Rule::PhoneFormat,
            Rule::PasswordStrength,
            Rule::OneOf {
                allowed: vec!["LOW".into(), "URGENT".into()],
            },
            Rule::OneOf {
                allowed: vec!["ar".into()],
            },
            Rule::UuidFormat,
            Rule::DateTimeFormat,
            Rule::CodeFormat,
            Rule::Unknown,
            Rule::Mismatch,
            Rule::WrongType {
                expected: "a string: or not".into(),
            },
        ]
    }

    #[test]
    fn every_rule_survives_the_trip_through_its_code() {
        for rule in every_rule() {
            assert_eq!(
                Rule::from_code(&rule.code()),
                Some(rule.clone()),
                "{rule:?}"
            );
        }
    }

    #[test]
    fn codes_use_the_serde_tag_names() {
        assert_eq!(Rule::Length { min: 3, max: 200 }.code(), "length:3:200");
        assert_eq!(Rule::Range { min: 1, max: 5 }.code(), "range:1:5");
        assert_eq!(Rule::UuidFormat.code(), "uuidFormat");
    }

    #[test]
    fn anything_else_is_no_rule() {
        for text in [
            "",
            "not set",
            "length is lower than 3",
            "length:3",
            "length:a:b",
            "range:1",
            "required:1",
            "oneOf",
            "unknownRule",
        ] {
            assert_eq!(Rule::from_code(text), None, "{text}");
        }
    }
}
