//! The rules of the account inputs (registration, profile, passwords) and of the user
//! administration inputs, which share them.

use super::*;
use crate::services::accounts::{ProfileInput, RegisterInput};
use crate::services::users::{CreateUserInput, UpdateUserInput};
use crate::validation::{Rule, broken, check};

#[test]
fn registration_reports_every_field_in_body_order() {
    let input = RegisterInput {
        name: Some(" ".into()),
        email: Some("not-an-email".into()),
        password: Some("short".into()),
        phone: Some("12ab".into()),
    };
    assert_eq!(
        broken(check(&input)),
        [
            ("name".to_owned(), Rule::Length { min: 1, max: 100 }),
            ("email".to_owned(), Rule::EmailFormat),
            ("password".to_owned(), Rule::Length { min: 8, max: 128 }),
            ("phone".to_owned(), Rule::PhoneFormat),
        ]
    );
    assert_eq!(
        broken(check(&RegisterInput::default())),
        ["name", "email", "password"].map(|f| (f.to_owned(), Rule::Required))
    );
}

#[test]
fn the_password_may_not_be_the_email_given_with_it() {
    let input = RegisterInput {
        name: Some("Ali".into()),
        email: Some("Ali1@x.com".into()),
        password: Some("ali1@x.com".into()),
        phone: None,
    };
    assert_eq!(
        broken(check(&input)),
        [("password".to_owned(), Rule::PasswordStrength)]
    );
}

#[test]
fn a_profile_patch_may_clear_the_phone_and_names_the_locales() {
    let clear = ProfileInput {
        phone: Some(Some("  ".into())),
        ..ProfileInput::default()
    };
    assert_eq!(check(&clear), Ok(()));
    let bad = ProfileInput {
        name: Some(String::new()),
        phone: Some(Some("1".into())),
        locale: Some("fr".into()),
    };
    assert_eq!(
        broken(check(&bad)),
        [
            ("name".to_owned(), Rule::Length { min: 1, max: 100 }),
            ("phone".to_owned(), Rule::PhoneFormat),
            (
                "locale".to_owned(),
                Rule::OneOf {
                    allowed: vec!["ar".into(), "en".into()]
                }
            ),
        ]
    );
}

#[test]
fn password_inputs_name_their_broken() {
    let reset = ResetPasswordInput {
        token: Some(""),
        password: None,
    };
    assert_eq!(
        broken(check(&reset)),
        [
            ("token".to_owned(), Rule::Required),
            ("password".to_owned(), Rule::Required),
        ]
    );
    let change = ChangePasswordInput {
        current_password: None,
        new_password: Some("me1@x.com"),
        email: "ME1@x.com",
    };
    assert_eq!(
        broken(check(&change)),
        [
            ("currentPassword".to_owned(), Rule::Required),
            ("newPassword".to_owned(), Rule::PasswordStrength),
        ]
    );
}

#[test]
fn user_inputs_report_a_list_once_and_the_roles_allowed() {
    let input = CreateUserInput {
        name: Some("Tech".into()),
        email: Some("t@x.com".into()),
        role: Some("BOSS".into()),
        password: Some("secret123".into()),
        phone: None,
        property_ids: Some(vec!["a".into(), "b".into()]),
        category_ids: Some(vec![uuid::Uuid::nil().to_string()]),
    };
    let got = broken(check(&input));
    assert_eq!(got.len(), 2, "{got:?}");
    assert!(matches!(&got[0], (f, Rule::OneOf { allowed }) if f == "role" && allowed.len() == 5));
    assert_eq!(got[1], ("propertyIds".to_owned(), Rule::UuidFormat));

    let patch = UpdateUserInput {
        phone: Some(None),
        category_ids: Some(vec![" x ".into()]),
        ..UpdateUserInput::default()
    };
    assert_eq!(
        broken(check(&patch)),
        [("categoryIds".to_owned(), Rule::UuidFormat)]
    );
}
