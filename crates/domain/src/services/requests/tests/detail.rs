//! `detail`: the request with its people, place, category, next actions and timeline.

use super::*;
use crate::lifecycle::Action;
use crate::model::EventKind;

#[tokio::test]
async fn detail_names_the_people_place_and_category_and_carries_the_timeline() {
    let world = World::new();
    let owner = world.actor(Role::Customer);
    let technician = world.actor(Role::Technician);
    let building = world.catalog.add_building();
    let category = world.catalog.add_category("PLUMBING", true);
    let mut staged = request(owner.id, Status::Assigned);
    staged.assignee_id = Some(technician.id);
    staged.building_id = building.id;
    staged.category_id = category;
    let id = world.repo.insert(staged);
    let input = CommentInput {
        body: Some("Any news?".into()),
        internal: false,
    };
    world.service.comment(&owner, id, input).await.unwrap();

    let detail = world.service.detail(&owner, id).await.unwrap();

    assert_eq!(detail.view.request.id, id);
    assert_eq!(detail.requester.map(|p| p.id), Some(owner.id));
    let assignee = detail.assignee.unwrap();
    assert_eq!(
        (assignee.id, assignee.name.as_str()),
        (technician.id, "Technician")
    );
    assert_eq!(detail.building, Some(building));
    assert_eq!(
        detail.category.map(|c| (c.id, c.code)),
        Some((category, "PLUMBING".into()))
    );
    assert!(detail.view.allowed_actions.contains(&Action::Comment));
    assert!(!detail.view.allowed_actions.contains(&Action::Start));
    assert_eq!(detail.view.comments.len(), 1);
    assert!(
        detail
            .view
            .events
            .iter()
            .any(|e| e.kind == EventKind::Commented)
    );
}

#[tokio::test]
async fn detail_leaves_out_what_its_ids_no_longer_name() {
    let world = World::new();
    let owner = world.actor(Role::Customer);
    let id = world.stage(&owner, Status::Submitted, None);

    let detail = world.service.detail(&owner, id).await.unwrap();

    assert_eq!(detail.requester.map(|p| p.id), Some(owner.id));
    assert_eq!(detail.assignee, None);
    assert_eq!(detail.building, None);
    assert_eq!(detail.category, None);
    assert!(detail.view.events.is_empty() && detail.view.comments.is_empty());
}

#[tokio::test]
async fn detail_of_a_request_the_caller_may_not_see_is_not_found() {
    let world = World::new();
    let owner = world.actor(Role::Customer);
    let stranger = world.actor(Role::Customer);
    let id = world.stage(&owner, Status::Submitted, None);

    let detail = world.service.detail(&stranger, id).await;

    assert!(matches!(detail, Err(RequestError::NotFound)));
}
