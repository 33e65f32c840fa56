//! Catalogue tests against the in-memory catalogue.

use super::*;
use crate::fakes::{FakeAudit, FakeCatalog, FixedClock};
use crate::model::{Role, UserId};
use crate::ports::ConflictOn;

fn actor(role: Role) -> Actor {
    Actor {
        id: UserId::new(),
        role,
        property_ids: Vec::new(),
    }
}

fn world() -> (Arc<FakeCatalog>, CatalogService) {
    let repo = Arc::new(FakeCatalog::default());
    let service = CatalogService::new(
        CatalogStores::of(repo.clone()),
        Arc::new(FakeAudit::default()),
        Arc::new(FixedClock::default()),
    );
    (repo, service)
}

fn property(code: &str) -> PropertyInput {
    PropertyInput {
        name: Some("Basma Towers".into()),
        code: Some(code.into()),
        city: Some("Riyadh".into()),
        address: Some(Some("King Fahd Road".into())),
    }
}

fn fields(err: CatalogError) -> Vec<(String, Rule)> {
    match err {
        CatalogError::Validation(errors) => {
            errors.0.into_iter().map(|e| (e.field, e.rule)).collect()
        }
        other => panic!("expected a validation error, got {other:?}"),
    }
}

#[tokio::test]
async fn only_managers_write_the_catalogue() {
    let (_, service) = world();
    for role in [Role::BasmaAdmin, Role::Technician, Role::Customer] {
        let err = service.create_property(&actor(role), property("BT")).await;
        assert!(matches!(err, Err(CatalogError::Forbidden)), "{role:?}");
        let err = service
            .create_category(&actor(role), CategoryInput::default())
            .await;
        assert!(matches!(err, Err(CatalogError::Forbidden)), "{role:?}");
    }
    for role in [Role::SuperAdmin, Role::MaintenanceAdmin] {
        let code = format!("P{}", role.as_str().len());
        assert!(
            service
                .create_property(&actor(role), property(&code))
                .await
                .is_ok()
        );
    }
}

#[tokio::test]
async fn creating_a_property_reports_every_broken_field_at_once() {
    let (_, service) = world();
    let input = PropertyInput {
        name: None,
        code: Some("lower".into()),
        city: Some(String::new()),
        address: Some(Some("x".repeat(301))),
    };
    let err = service
        .create_property(&actor(Role::SuperAdmin), input)
        .await
        .unwrap_err();
    assert_eq!(
        fields(err),
        [
            ("name".to_owned(), Rule::Required),
            ("code".to_owned(), Rule::CodeFormat),
            ("city".to_owned(), Rule::Length { min: 1, max: 150 }),
            ("address".to_owned(), Rule::Length { min: 0, max: 300 }),
        ]
    );
}

#[tokio::test]
async fn a_taken_code_is_a_conflict() {
    let (_, service) = world();
    let admin = actor(Role::MaintenanceAdmin);
    service
        .create_property(&admin, property("BT"))
        .await
        .unwrap();
    let err = service
        .create_property(&admin, property("BT"))
        .await
        .unwrap_err();
    assert!(
        matches!(err, CatalogError::Conflict(ConflictOn::Code)),
        "{err:?}"
    );
}

#[tokio::test]
async fn a_patch_changes_only_what_it_names_and_may_clear_the_address() {
    let (_, service) = world();
    let admin = actor(Role::SuperAdmin);
    let created = service
        .create_property(&admin, property("BT"))
        .await
        .unwrap();
    let patch = PropertyInput {
        city: Some("Jeddah".into()),
        address: Some(None),
        ..PropertyInput::default()
    };
    let updated = service
        .update_property(&admin, created.id, patch)
        .await
        .unwrap();
    assert_eq!(updated.name, created.name);
    assert_eq!(updated.city, "Jeddah");
    assert_eq!(updated.address, None);
    let missing = service
        .update_property(&admin, PropertyId::new(), PropertyInput::default())
        .await
        .unwrap_err();
    assert!(matches!(missing, CatalogError::NotFound));
}

#[tokio::test]
async fn a_property_still_referenced_cannot_be_deleted() {
    let (repo, service) = world();
    let admin = actor(Role::SuperAdmin);
    let created = service
        .create_property(&admin, property("BT"))
        .await
        .unwrap();
    repo.mark_in_use(created.id.0);
    let err = service
        .delete_property(&admin, created.id)
        .await
        .unwrap_err();
    assert!(
        matches!(err, CatalogError::Conflict(ConflictOn::InUse)),
        "{err:?}"
    );
}

#[tokio::test]
async fn buildings_live_under_an_existing_property() {
    let (_, service) = world();
    let admin = actor(Role::SuperAdmin);
    let parent = service
        .create_property(&admin, property("BT"))
        .await
        .unwrap();
    let input = BuildingInput {
        name: Some("Tower A".into()),
        code: Some("TA".into()),
    };
    let building = service
        .create_building(&admin, parent.id, input.clone())
        .await
        .unwrap();
    assert_eq!(building.property_id, parent.id);
    assert_eq!(service.list_buildings(parent.id).await.unwrap(), [building]);

    let orphan = service
        .create_building(&admin, PropertyId::new(), input)
        .await;
    assert!(matches!(orphan, Err(CatalogError::NotFound)));
    let unknown = service.list_buildings(PropertyId::new()).await;
    assert!(matches!(unknown, Err(CatalogError::NotFound)));
}

#[tokio::test]
async fn a_category_starts_active_and_can_be_deactivated() {
    let (_, service) = world();
    let admin = actor(Role::MaintenanceAdmin);
    let input = CategoryInput {
        code: Some("GARDENING".into()),
        name_ar: Some("الحدائق".into()),
        name_en: Some("Gardening".into()),
        active: None,
    };
    let created = service.create_category(&admin, input).await.unwrap();
    assert!(created.active);
    let patch = CategoryInput {
        active: Some(false),
        ..CategoryInput::default()
    };
    let updated = service
        .update_category(&admin, created.id, patch)
        .await
        .unwrap();
    assert!(!updated.active);
    assert_eq!(updated.name_en, "Gardening");

    let err = service
        .create_category(&admin, CategoryInput::default())
        .await
        .unwrap_err();
    let missing: Vec<_> = fields(err).into_iter().map(|(f, _)| f).collect();
    assert_eq!(missing, ["code", "nameAr", "nameEn"]);
}
