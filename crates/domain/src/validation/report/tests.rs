//! The mapping from a garde report, on a probe input that exercises every shape.

use super::*;
use crate::model::Title;
use crate::validation::broken;
use crate::validation::rules;

crate::validation::validated! {
    #[derive(Debug, Default, Validate)]
    struct Probe {
        #[garde(required, inner(custom(rules::text::<Title>)))]
        title: Option<String>,
        #[garde(inner(custom(rules::uuid)))]
        category_id: Option<String>,
        #[garde(inner(inner(custom(rules::listed_uuid))))]
        property_ids: Option<Vec<String>>,
        #[garde(inner(length(max = 2)))]
        legacy_note: Option<String>,
    }
}

#[test]
fn a_valid_input_passes() {
    let probe = Probe {
        title: Some("A title".into()),
        ..Probe::default()
    };
    assert_eq!(check(&probe), Ok(()));
}

#[test]
fn every_broken_field_is_reported_in_declaration_order_under_its_api_name() {
    let probe = Probe {
        title: None,
        category_id: Some("x".into()),
        property_ids: Some(vec![
            uuid::Uuid::nil().to_string(),
            "bad".into(),
            "worse".into(),
        ]),
        legacy_note: None,
    };
    assert_eq!(
        broken(check(&probe)),
        [
            ("title".to_owned(), Rule::Required),
            ("categoryId".to_owned(), Rule::UuidFormat),
            ("propertyIds".to_owned(), Rule::UuidFormat),
        ]
    );
}

#[test]
fn custom_rules_keep_both_bounds() {
    let probe = Probe {
        title: Some(" ab ".into()),
        ..Probe::default()
    };
    assert_eq!(
        broken(check(&probe)),
        [("title".to_owned(), Rule::Length { min: 3, max: 200 })]
    );
}

#[test]
fn a_builtin_rule_without_a_code_is_still_a_field_error() {
    let probe = Probe {
        title: Some("A title".into()),
        legacy_note: Some("long".into()),
        ..Probe::default()
    };
    let got = broken(check(&probe));
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].0, "legacyNote");
    assert!(matches!(&got[0].1, Rule::WrongType { expected } if expected.contains('2')));
}

#[test]
fn field_names_are_camel_case_and_lists_report_once() {
    assert_eq!(field_name("title"), "title");
    assert_eq!(field_name("name_ar"), "nameAr");
    assert_eq!(field_name("current_password"), "currentPassword");
    assert_eq!(field_name("property_ids[3]"), "propertyIds");
    assert_eq!(field_name("address.inner"), "address");
    assert_eq!(field_name(""), "body");
}

#[test]
fn garde_required_is_the_required_rule() {
    assert_eq!(rule(&DefaultI18n.required_not_set()), Rule::Required);
    assert_eq!(rule("length:1:150"), Rule::Length { min: 1, max: 150 });
}

#[test]
fn typed_values_come_from_the_same_parse() {
    assert_eq!(
        required("title", Some("  Tap  "), Title::parse).map(Title::into_inner),
        Ok("Tap".to_owned())
    );
    assert_eq!(
        required("title", None::<&str>, Title::parse),
        Err(ValidationErrors::single("title", Rule::Required))
    );
    assert_eq!(
        required("title", Some("x"), Title::parse),
        Err(ValidationErrors::single(
            "title",
            Rule::Length { min: 3, max: 200 }
        ))
    );
    assert_eq!(optional("title", None::<&str>, Title::parse), Ok(None));
    assert!(optional("title", Some("Tap"), Title::parse).is_ok_and(|t| t.is_some()));
}
