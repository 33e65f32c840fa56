//! The catalogue inputs: required when creating, optional when patching, same formats.

use super::*;
use crate::validation::{Rule, broken, check_with};

#[test]
fn creating_requires_the_identifying_fields_patching_does_not() {
    assert_eq!(
        broken(check_with(&CategoryInput::default(), &Write::Create)),
        ["code", "nameAr", "nameEn"].map(|f| (f.to_owned(), Rule::Required))
    );
    assert_eq!(
        check_with(&CategoryInput::default(), &Write::Update),
        Ok(())
    );
    assert_eq!(
        broken(check_with(&BuildingInput::default(), &Write::Create)),
        ["name", "code"].map(|f| (f.to_owned(), Rule::Required))
    );
}

#[test]
fn a_patch_still_checks_what_it_sends() {
    let input = PropertyInput {
        code: Some("p1".into()),
        address: Some(Some("x".repeat(301))),
        ..PropertyInput::default()
    };
    assert_eq!(
        broken(check_with(&input, &Write::Update)),
        [
            ("code".to_owned(), Rule::CodeFormat),
            ("address".to_owned(), Rule::Length { min: 0, max: 300 }),
        ]
    );
    let clear = PropertyInput {
        address: Some(None),
        ..PropertyInput::default()
    };
    assert_eq!(check_with(&clear, &Write::Update), Ok(()));
}
