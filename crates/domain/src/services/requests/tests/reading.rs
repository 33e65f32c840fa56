//! Reading, listing, comments and ratings: who sees what.

use super::*;
use crate::lifecycle::Action;
use crate::model::EventKind;
use crate::ports::Visibility;
use crate::validation::Rule;

fn say(body: &str, internal: bool) -> CommentInput {
    CommentInput {
        body: Some(body.into()),
        internal,
    }
}

#[tokio::test]
async fn a_customer_gets_not_found_for_someone_elses_request() {
    let world = World::new();
    let owner = world.actor(Role::Customer);
    let other = world.actor(Role::Customer);
    let id = world.stage(&owner, Status::Submitted, None);
    let s = &world.service;
    assert!(matches!(
        s.get(&other, id).await,
        Err(RequestError::NotFound)
    ));
    assert!(matches!(
        s.events(&other, id).await,
        Err(RequestError::NotFound)
    ));
    assert!(matches!(
        s.comments(&other, id).await,
        Err(RequestError::NotFound)
    ));
    let comment = s.comment(&other, id, say("Hello?", false)).await;
    assert!(matches!(comment, Err(RequestError::NotFound)));
    let cancel = StatusInput {
        status: "CANCELLED".into(),
        ..StatusInput::default()
    };
    assert!(matches!(
        s.change_status(&other, id, cancel).await,
        Err(RequestError::NotFound)
    ));
    assert!(s.get(&owner, id).await.is_ok());
}

#[tokio::test]
async fn internal_comments_and_their_events_are_hidden_from_customers() {
    let world = World::new();
    let customer = world.actor(Role::Customer);
    let admin = world.actor(Role::MaintenanceAdmin);
    let id = world.stage(&customer, Status::Submitted, None);
    world
        .service
        .comment(&admin, id, say("Tenant is difficult", true))
        .await
        .unwrap();
    world
        .service
        .comment(&admin, id, say("We are on it", false))
        .await
        .unwrap();

    let seen = world.service.get(&customer, id).await.unwrap();
    let bodies: Vec<_> = seen.comments.iter().map(|c| c.body.as_str()).collect();
    assert_eq!(bodies, ["We are on it"]);
    assert_eq!(seen.events.len(), 1);
    assert!(seen.events.iter().all(|e| !e.internal));
    assert_eq!(
        world.service.comments(&customer, id).await.unwrap().len(),
        1
    );
    assert_eq!(world.service.events(&customer, id).await.unwrap().len(), 1);

    let staff = world.service.get(&admin, id).await.unwrap();
    assert_eq!(staff.comments.len(), 2);
    assert_eq!(staff.events.len(), 2);
    assert_eq!(staff.events[0].kind, EventKind::Commented);
    assert!(staff.events[0].internal);
}

#[tokio::test]
async fn a_customer_may_not_write_an_internal_comment() {
    let world = World::new();
    let customer = world.actor(Role::Customer);
    let id = world.stage(&customer, Status::Submitted, None);
    let err = world
        .service
        .comment(&customer, id, say("psst", true))
        .await
        .unwrap_err();
    assert!(matches!(err, RequestError::Forbidden), "{err:?}");
    let empty = world
        .service
        .comment(&customer, id, say("   ", false))
        .await
        .unwrap_err();
    assert_eq!(fields(empty)[0].0, "body");
}

#[tokio::test]
async fn the_view_lists_the_callers_next_actions() {
    let world = World::new();
    let customer = world.actor(Role::Customer);
    let id = world.stage(&customer, Status::Submitted, None);
    let view = world.service.get(&customer, id).await.unwrap();
    assert_eq!(
        view.allowed_actions,
        [Action::Edit, Action::Cancel, Action::Comment]
    );
}

#[tokio::test]
async fn a_property_admin_sees_only_requests_in_their_properties() {
    let world = World::new();
    let customer = world.actor(Role::Customer);
    let id = world.stage(&customer, Status::Submitted, None);
    let property = world.repo.stored(id).property_id;
    let theirs = world.property_admin(property);
    let elsewhere = world.property_admin(PropertyId::new());
    assert!(world.service.get(&theirs, id).await.is_ok());
    let err = world.service.get(&elsewhere, id).await.unwrap_err();
    assert!(matches!(err, RequestError::NotFound));
}

#[tokio::test]
async fn a_list_always_carries_the_callers_visibility() {
    let world = World::new();
    let customer = world.actor(Role::Customer);
    let admin = world.actor(Role::MaintenanceAdmin);
    let someone = UserId::new();
    let params = || ListParams {
        filter: crate::ports::RequestFilter {
            requester_id: Some(someone),
            ..Default::default()
        },
        ..ListParams::default()
    };

    world.service.list(&customer, params()).await.unwrap();
    let query = world.repo.last_query().unwrap();
    assert_eq!(
        query.visibility,
        Visibility::Own {
            viewer: customer.id
        }
    );
    // Customers keep their own scope; the staff-only filter is dropped.
    assert_eq!(query.filter.requester_id, None);
    assert_eq!(query.limit, 20);

    world.service.list(&admin, params()).await.unwrap();
    let query = world.repo.last_query().unwrap();
    assert_eq!(
        query.visibility,
        Visibility::Everything { viewer: admin.id }
    );
    assert_eq!(query.filter.requester_id, Some(someone));
}

#[tokio::test]
async fn a_list_limit_outside_one_to_a_hundred_is_refused() {
    let world = World::new();
    let admin = world.actor(Role::MaintenanceAdmin);
    for limit in [0, 101] {
        let params = ListParams {
            limit,
            ..ListParams::default()
        };
        let err = world.service.list(&admin, params).await.unwrap_err();
        assert_eq!(
            fields(err),
            [("limit".to_owned(), Rule::Range { min: 1, max: 100 })]
        );
    }
}

#[tokio::test]
async fn the_requester_rates_a_completed_request_once() {
    let world = World::new();
    let customer = world.actor(Role::Customer);
    let id = world.stage(&customer, Status::Completed, None);
    let rating = |score| RatingInput {
        score: Some(score),
        feedback: Some("Quick and tidy".into()),
    };
    let err = world
        .service
        .rate(&customer, id, rating(9))
        .await
        .unwrap_err();
    assert_eq!(
        fields(err),
        [("score".to_owned(), Rule::Range { min: 1, max: 5 })]
    );

    let done = world.service.rate(&customer, id, rating(5)).await.unwrap();
    assert_eq!(done.request.rating, Some(5));
    assert_eq!(done.request.feedback.as_deref(), Some("Quick and tidy"));
    assert_eq!(done.event.kind, EventKind::Rated);

    let again = world
        .service
        .rate(&customer, id, rating(4))
        .await
        .unwrap_err();
    assert!(matches!(again, RequestError::AlreadyRated));
}
