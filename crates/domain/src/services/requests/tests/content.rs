//! Creating, editing and deleting drafts.

use super::*;
use crate::model::{BuildingId, EventKind, Priority};
use crate::validation::Rule;
use chrono::Duration;

fn valid_input(world: &World) -> CreateRequestInput {
    CreateRequestInput {
        title: Some("Leaking kitchen tap".into()),
        description: Some("Water drips under the sink all night.".into()),
        category_id: Some(world.catalog.add_category("PLUMBING", true).to_string()),
        priority: None,
        building_id: Some(world.catalog.add_building().id.to_string()),
        location: Some("Flat 12".into()),
        draft: false,
    }
}

#[tokio::test]
async fn create_reports_every_broken_field_at_once() {
    let world = World::new();
    let customer = world.actor(Role::Customer);
    let input = CreateRequestInput {
        title: Some("ab".into()),
        description: Some("short".into()),
        category_id: Some("not-a-uuid".into()),
        priority: Some("SOON".into()),
        building_id: Some(BuildingId::new().to_string()),
        location: Some("x".repeat(201)),
        draft: false,
    };
    let err = world.service.create(&customer, input).await.unwrap_err();
    let got: Vec<String> = fields(err).into_iter().map(|(f, _)| f).collect();
    assert_eq!(
        got,
        [
            "title",
            "description",
            "categoryId",
            "priority",
            "buildingId",
            "location"
        ]
    );
    assert!(world.bus.published().is_empty());
}

#[tokio::test]
async fn create_requires_title_description_category_and_building() {
    let world = World::new();
    let customer = world.actor(Role::Customer);
    let err = world
        .service
        .create(&customer, CreateRequestInput::default())
        .await
        .unwrap_err();
    let got = fields(err);
    assert_eq!(got.len(), 4);
    assert!(got.iter().all(|(_, rule)| *rule == Rule::Required));
}

#[tokio::test]
async fn an_inactive_category_is_an_unknown_one() {
    let world = World::new();
    let customer = world.actor(Role::Customer);
    let input = CreateRequestInput {
        category_id: Some(world.catalog.add_category("OLD", false).to_string()),
        ..valid_input(&world)
    };
    let err = world.service.create(&customer, input).await.unwrap_err();
    assert_eq!(fields(err), [("categoryId".to_owned(), Rule::Unknown)]);
}

#[tokio::test]
async fn a_submitted_request_is_due_by_its_priority_and_records_its_creation() {
    let world = World::new();
    let customer = world.actor(Role::Customer);
    let input = CreateRequestInput {
        priority: Some("URGENT".into()),
        ..valid_input(&world)
    };
    let building: BuildingId = input.building_id.as_deref().unwrap().parse().unwrap();
    let done = world.service.create(&customer, input).await.unwrap();

    let now = world.now();
    assert_eq!(done.request.status, Status::Submitted);
    assert_eq!(done.request.priority, Priority::Urgent);
    assert_eq!(done.request.submitted_at, Some(now));
    assert_eq!(done.request.due_at, Some(now + Duration::hours(4)));
    assert_eq!(done.request.requester_id, customer.id);
    let stored_building = world.catalog.get_building(building).await.unwrap();
    assert_eq!(done.request.property_id, stored_building.property_id);
    assert_eq!(done.event.kind, EventKind::Created);
    assert_eq!(done.event.to_status, Some(Status::Submitted));
    assert_eq!(world.bus.published().len(), 1);
}

#[tokio::test]
async fn a_draft_has_no_due_time_and_priority_defaults_to_medium() {
    let world = World::new();
    let customer = world.actor(Role::Customer);
    let input = CreateRequestInput {
        draft: true,
        ..valid_input(&world)
    };
    let done = world.service.create(&customer, input).await.unwrap();
    assert_eq!(done.request.status, Status::Draft);
    assert_eq!(done.request.priority, Priority::Medium);
    assert_eq!(
        (done.request.due_at, done.request.submitted_at),
        (None, None)
    );
    assert_eq!(done.event.to_status, Some(Status::Draft));
}

#[tokio::test]
async fn editing_the_priority_moves_the_due_time_from_submission() {
    let world = World::new();
    let customer = world.actor(Role::Customer);
    let id = world.stage(&customer, Status::Submitted, None);
    let submitted = world.repo.stored(id).submitted_at.unwrap();
    let input = EditInput {
        priority: Some("HIGH".into()),
        title: Some("Leaking kitchen tap".into()),
        ..EditInput::default()
    };
    let edited = world.service.edit(&customer, id, input).await.unwrap();
    assert_eq!(edited.due_at, Some(submitted + Duration::hours(24)));
    let events = world.repo.events_of(id);
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].kind, EventKind::Edited);
    // The unchanged title is not reported as an edit.
    assert_eq!(events[0].note.as_deref(), Some("priority"));
}

#[tokio::test]
async fn an_edit_that_changes_nothing_writes_nothing() {
    let world = World::new();
    let customer = world.actor(Role::Customer);
    let id = world.stage(&customer, Status::Submitted, None);
    let same = EditInput {
        priority: Some("MEDIUM".into()),
        ..EditInput::default()
    };
    let edited = world.service.edit(&customer, id, same).await.unwrap();
    assert_eq!(edited.version, 1);
    assert!(world.repo.events_of(id).is_empty());
}

#[tokio::test]
async fn an_edit_with_a_stale_version_conflicts_and_changes_nothing() {
    let world = World::new();
    let customer = world.actor(Role::Customer);
    let id = world.stage(&customer, Status::Submitted, None);
    let stale = EditInput {
        title: Some("A brand new title".into()),
        version: Some(0),
        ..EditInput::default()
    };
    let err = world.service.edit(&customer, id, stale).await.unwrap_err();
    assert!(matches!(err, RequestError::VersionConflict), "{err:?}");
    assert_eq!(world.repo.stored(id).title, "Leaking kitchen tap");
    assert!(world.repo.events_of(id).is_empty());
}

#[tokio::test]
async fn the_requester_stops_editing_once_a_technician_has_it() {
    let world = World::new();
    let customer = world.actor(Role::Customer);
    let tech = world.actor(Role::Technician);
    let id = world.stage(&customer, Status::Assigned, Some(tech.id));
    let input = EditInput {
        title: Some("A brand new title".into()),
        ..EditInput::default()
    };
    let err = world.service.edit(&customer, id, input).await.unwrap_err();
    assert!(
        matches!(err, RequestError::InvalidTransition { .. }),
        "{err:?}"
    );
}

#[tokio::test]
async fn a_draft_is_deleted_but_a_submitted_request_is_not() {
    let world = World::new();
    let customer = world.actor(Role::Customer);
    let draft = world.stage(&customer, Status::Draft, None);
    world
        .service
        .delete_draft(&customer, draft, Some(1))
        .await
        .unwrap();
    let gone = world.service.get(&customer, draft).await.unwrap_err();
    assert!(matches!(gone, RequestError::NotFound));

    let submitted = world.stage(&customer, Status::Submitted, None);
    let err = world
        .service
        .delete_draft(&customer, submitted, None)
        .await
        .unwrap_err();
    assert!(
        matches!(err, RequestError::InvalidTransition { .. }),
        "{err:?}"
    );
}
