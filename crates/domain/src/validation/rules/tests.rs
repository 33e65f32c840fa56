//! Each custom rule, on its edges, and the code its garde error carries.

use super::*;
use crate::model::{Address, Title};

fn rule_of(outcome: Outcome) -> Option<Rule> {
    outcome.err().and_then(|e| Rule::from_code(e.message()))
}

#[test]
fn text_counts_characters_after_trimming() {
    assert_eq!(rule_of(text::<Title>("  abc  ", &())), None);
    assert_eq!(
        rule_of(text::<Title>("  ab  ", &())),
        Some(Rule::Length { min: 3, max: 200 })
    );
    assert_eq!(rule_of(text::<Title>(&"ب".repeat(200), &())), None);
    assert_eq!(
        rule_of(text::<Title>(&"ب".repeat(201), &())),
        Some(Rule::Length { min: 3, max: 200 })
    );
    assert_eq!(rule_of(text::<Address>("   ", &())), None);
}

#[test]
fn email_is_checked_trimmed_and_lower_cased() {
    assert_eq!(rule_of(email(" Ali@Example.COM ", &())), None);
    // The refused shapes are pinned by `Email::parse`'s tests; the rule is the same function.
    assert_eq!(rule_of(email("a@b", &())), Some(Rule::EmailFormat));
    assert_eq!(rule_of(email("", &())), Some(Rule::EmailFormat));
    // Basma's rule, not garde's: any non-blank local part, any dotted domain.
    assert_eq!(rule_of(email("josé@example.com", &())), None);
    assert_eq!(rule_of(email("a@my_host.com", &())), None);
    assert_eq!(
        email_format(&format!("{}@x.com", "a".repeat(65))),
        Err(Rule::EmailFormat)
    );
}

#[test]
fn phone_ignores_spaces_dashes_and_brackets() {
    assert_eq!(rule_of(phone("+966 (50) 123-4567", &())), None);
    assert_eq!(rule_of(phone("123456", &())), Some(Rule::PhoneFormat));
    assert_eq!(rule_of(phone("1234567", &())), None);
    assert_eq!(
        rule_of(phone(&"1".repeat(16), &())),
        Some(Rule::PhoneFormat)
    );
    assert_eq!(rule_of(phone("12ab567", &())), Some(Rule::PhoneFormat));
    assert_eq!(rule_of(phone_or_blank("  ", &())), None);
    assert_eq!(rule_of(phone_or_blank("12", &())), Some(Rule::PhoneFormat));
}

#[test]
fn password_needs_length_letter_digit_and_not_the_email() {
    let check = |raw: &str, email: Option<&str>| rule_of(password::<()>(email)(raw, &()));
    assert_eq!(check("abcdefg1", None), None);
    assert_eq!(check("abcdefgh", None), Some(Rule::PasswordStrength));
    assert_eq!(check("12345678", None), Some(Rule::PasswordStrength));
    assert_eq!(check("a1", None), Some(Rule::Length { min: 8, max: 128 }));
    assert_eq!(check(&"a1".repeat(64), None), None);
    assert_eq!(
        check(&"a1".repeat(65), None),
        Some(Rule::Length { min: 8, max: 128 })
    );
    // Length counts every character, white space included, untrimmed.
    assert_eq!(check(" a1     ", None), None);
    assert_eq!(
        check("ali1@x.com", Some(" ALI1@x.com ")),
        Some(Rule::PasswordStrength)
    );
    assert_eq!(check("ali1@x.com", Some("other1@x.com")), None);
}

#[test]
fn codes_are_upper_case_letters_digits_and_separators() {
    for good in ["PLUMBING", "B1", "HVAC_2", "A-B", " TRIMMED "] {
        assert_eq!(rule_of(code(good, &())), None, "{good}");
    }
    for bad in ["plumbing", "1A", "A", "_A", "A B", &"A".repeat(33)] {
        assert_eq!(rule_of(code(bad, &())), Some(Rule::CodeFormat), "{bad}");
    }
}

#[test]
fn score_is_one_to_five() {
    assert_eq!(rule_of(score(&1, &())), None);
    assert_eq!(rule_of(score(&5, &())), None);
    for bad in [0, 6, -1, i64::MAX] {
        assert_eq!(
            rule_of(score(&bad, &())),
            Some(Rule::Range { min: 1, max: 5 })
        );
    }
}

#[test]
fn ids_are_uuid_text() {
    let id = uuid::Uuid::nil().to_string();
    assert_eq!(rule_of(uuid(&format!(" {id} "), &())), None);
    assert_eq!(rule_of(uuid("nope", &())), Some(Rule::UuidFormat));
    assert_eq!(rule_of(listed_uuid(&id, &())), None);
    // Inside a list the id must be exact.
    assert_eq!(
        rule_of(listed_uuid(&format!(" {id}"), &())),
        Some(Rule::UuidFormat)
    );
}

#[test]
fn one_of_rules_list_what_is_allowed() {
    assert_eq!(rule_of(priority(" HIGH ", &())), None);
    assert_eq!(
        rule_of(priority("SOON", &())),
        Some(Rule::OneOf {
            allowed: ["LOW", "MEDIUM", "HIGH", "URGENT"]
                .map(String::from)
                .to_vec()
        })
    );
    assert_eq!(rule_of(target("CLOSED", &())), None);
    let Some(Rule::OneOf { allowed }) = rule_of(target("ASSIGNED", &())) else {
        panic!("ASSIGNED is no target");
    };
    assert_eq!(allowed.len(), TARGETS.len());
    assert!(!allowed.contains(&"DRAFT".to_owned()));
    assert_eq!(rule_of(role("TECHNICIAN", &())), None);
    assert!(
        matches!(rule_of(role("technician", &())), Some(Rule::OneOf { allowed }) if allowed.len() == 5)
    );
    assert_eq!(rule_of(locale(" EN ", &())), None);
    assert_eq!(
        rule_of(locale("fr", &())),
        Some(Rule::OneOf {
            allowed: vec!["ar".into(), "en".into()]
        })
    );
}

#[test]
fn an_empty_token_counts_as_missing() {
    assert_eq!(rule_of(not_empty("", &())), Some(Rule::Required));
    assert_eq!(rule_of(not_empty("t", &())), None);
}

#[test]
fn known_reports_only_the_fields_the_look_up_did_not_find() {
    let mut refs = Refs::new();
    refs.note::<()>("categoryId", Some(&Err(Rule::Unknown)));
    refs.note("buildingId", Some(&Ok(())));
    refs.note::<()>("technicianId", None);
    let known_as = |field| rule_of(known::<()>(field)(&(), &refs));
    assert_eq!(known_as("categoryId"), Some(Rule::Unknown));
    assert_eq!(known_as("buildingId"), None);
    assert_eq!(known_as("technicianId"), None);
}
