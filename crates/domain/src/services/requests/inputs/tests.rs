//! The rules each request input declares, field by field.

use super::*;
use crate::validation::{Rule, broken, check, check_with};

fn id() -> String {
    uuid::Uuid::now_v7().to_string()
}

#[test]
fn create_reports_missing_fields_then_unknown_references_in_place() {
    let mut refs = Refs::new();
    refs.note::<()>("categoryId", Some(&Err(Rule::Unknown)));
    let input = CreateRequestInput {
        description: Some("x".repeat(5001)),
        category_id: Some(id()),
        priority: Some("SOON".into()),
        location: Some("  ".into()),
        ..CreateRequestInput::default()
    };
    let got = broken(check_with(&input, &refs));
    let names: Vec<&str> = got.iter().map(|(f, _)| f.as_str()).collect();
    assert_eq!(
        names,
        [
            "title",
            "description",
            "categoryId",
            "priority",
            "buildingId"
        ]
    );
    assert_eq!(got[1].1, Rule::Length { min: 10, max: 5000 });
    assert_eq!(got[2].1, Rule::Unknown);
    assert_eq!(got[4].1, Rule::Required);
}

#[test]
fn an_edit_may_clear_the_location_but_not_overflow_it() {
    let clear = EditInput {
        location: Some(None),
        ..EditInput::default()
    };
    assert_eq!(check_with(&clear, &Refs::new()), Ok(()));
    let long = EditInput {
        location: Some(Some("x".repeat(201))),
        category_id: Some("nope".into()),
        ..EditInput::default()
    };
    assert_eq!(
        broken(check_with(&long, &Refs::new())),
        [
            ("categoryId".to_owned(), Rule::UuidFormat),
            ("location".to_owned(), Rule::Length { min: 0, max: 200 }),
        ]
    );
}

#[test]
fn a_status_change_names_its_target_and_bounds_its_texts() {
    let input = StatusInput {
        status: "DRAFT".into(),
        note: Some("n".repeat(1001)),
        reason: Some("no".into()),
        version: None,
    };
    let got = broken(check(&input));
    assert!(matches!(got[0], (ref f, Rule::OneOf { .. }) if f == "status"));
    assert_eq!(
        got[1],
        ("note".to_owned(), Rule::Length { min: 0, max: 1000 })
    );
    assert_eq!(
        got[2],
        ("reason".to_owned(), Rule::Length { min: 3, max: 1000 })
    );
}

#[test]
fn assignment_comment_and_rating_require_their_value() {
    let assign = AssignInput::default();
    assert_eq!(
        broken(check_with(&assign, &Refs::new())),
        [("technicianId".to_owned(), Rule::Required)]
    );
    assert_eq!(
        broken(check(&CommentInput {
            body: Some("   ".into()),
            internal: true
        })),
        [("body".to_owned(), Rule::Length { min: 1, max: 2000 })]
    );
    assert_eq!(
        broken(check(&RatingInput::default())),
        [("score".to_owned(), Rule::Required)]
    );
    assert_eq!(
        broken(check(&RatingInput {
            score: Some(9),
            feedback: Some("f".repeat(2001)),
        })),
        [
            ("score".to_owned(), Rule::Range { min: 1, max: 5 }),
            ("feedback".to_owned(), Rule::Length { min: 0, max: 2000 }),
        ]
    );
    assert_eq!(check(&UnassignInput { note: Some("ok") }), Ok(()));
}
