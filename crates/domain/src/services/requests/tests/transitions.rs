//! The status endpoint, assignment, self-assignment races and unassignment.

use super::*;
use crate::model::EventKind;
use crate::validation::Rule;

pub(super) fn to(status: &str) -> StatusInput {
    StatusInput {
        status: status.into(),
        ..StatusInput::default()
    }
}

fn with_reason(status: &str) -> StatusInput {
    StatusInput {
        reason: Some("The tenant fixed it themselves".into()),
        ..to(status)
    }
}

#[tokio::test]
async fn each_status_target_takes_its_action_and_stamps_its_milestone() {
    let world = World::new();
    let admin = world.actor(Role::MaintenanceAdmin);
    let customer = world.actor(Role::Customer);
    let tech = world.actor(Role::Technician);
    let now = world.now();
    let cases = [
        (Status::Assigned, to("IN_PROGRESS"), Status::InProgress),
        (Status::InProgress, to("COMPLETED"), Status::Completed),
        (Status::Completed, to("CLOSED"), Status::Closed),
        (
            Status::Completed,
            with_reason("IN_PROGRESS"),
            Status::InProgress,
        ),
        (Status::Submitted, to("CANCELLED"), Status::Cancelled),
        (
            Status::InProgress,
            with_reason("REJECTED"),
            Status::Rejected,
        ),
        (Status::Assigned, to("SUBMITTED"), Status::Submitted),
    ];
    let count = cases.len();
    for (from, input, expected) in cases {
        let id = world.stage(&customer, from, Some(tech.id));
        let mut staged = world.repo.stored(id);
        staged.completed_at = (from == Status::Completed).then_some(now);
        world.repo.insert(staged);
        let done = world
            .service
            .change_status(&admin, id, input)
            .await
            .unwrap();
        let r = &done.request;
        assert_eq!(r.status, expected, "{from:?}");
        assert_eq!(done.event.from_status, Some(from));
        assert_eq!(done.event.to_status, Some(expected));
        match (from, expected) {
            (Status::Assigned, Status::InProgress) => assert_eq!(r.started_at, Some(now)),
            (_, Status::Completed) => assert_eq!(r.completed_at, Some(now)),
            (_, Status::Closed) => assert_eq!(r.closed_at, Some(now)),
            (Status::Completed, Status::InProgress) => {
                assert_eq!(r.completed_at, None);
                assert_eq!(r.reason.as_deref(), Some("The tenant fixed it themselves"));
            }
            (_, Status::Rejected) => assert!(r.reason.is_some()),
            (_, Status::Submitted) => {
                assert_eq!((r.assignee_id, r.assigned_at), (None, None));
                assert_eq!(done.event.kind, EventKind::Unassigned);
                assert_eq!(done.event.technician_id, Some(tech.id));
            }
            _ => {}
        }
    }
    assert_eq!(world.bus.published().len(), count);
}

#[tokio::test]
async fn submitting_a_draft_starts_its_due_time() {
    let world = World::new();
    let customer = world.actor(Role::Customer);
    let id = world.stage(&customer, Status::Draft, None);
    let done = world
        .service
        .change_status(&customer, id, to("SUBMITTED"))
        .await
        .unwrap();
    let now = world.now();
    assert_eq!(done.request.submitted_at, Some(now));
    assert_eq!(done.request.due_at, Some(now + chrono::Duration::hours(72)));
}

#[tokio::test]
async fn rejecting_without_a_reason_is_a_validation_error_that_changes_nothing() {
    let world = World::new();
    let admin = world.actor(Role::SuperAdmin);
    let customer = world.actor(Role::Customer);
    let id = world.stage(&customer, Status::Submitted, None);
    let err = world
        .service
        .change_status(&admin, id, to("REJECTED"))
        .await
        .unwrap_err();
    assert_eq!(fields(err), [("reason".to_owned(), Rule::Required)]);
    assert_eq!(world.repo.stored(id).status, Status::Submitted);
}

#[tokio::test]
async fn an_unreachable_target_answers_with_the_allowed_ones() {
    let world = World::new();
    let admin = world.actor(Role::MaintenanceAdmin);
    let customer = world.actor(Role::Customer);
    let id = world.stage(&customer, Status::Submitted, None);
    let err = world
        .service
        .change_status(&admin, id, to("CLOSED"))
        .await
        .unwrap_err();
    match err {
        RequestError::InvalidTransition { allowed } => assert_eq!(
            allowed,
            [Status::Assigned, Status::Rejected, Status::Cancelled]
        ),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn an_unknown_or_unsettable_status_is_a_validation_error() {
    let world = World::new();
    let admin = world.actor(Role::MaintenanceAdmin);
    let customer = world.actor(Role::Customer);
    let id = world.stage(&customer, Status::Submitted, None);
    for bad in ["DONE", "ASSIGNED", "DRAFT"] {
        let err = world
            .service
            .change_status(&admin, id, to(bad))
            .await
            .unwrap_err();
        let got = fields(err);
        assert_eq!(got[0].0, "status", "{bad}");
        assert!(matches!(got[0].1, Rule::OneOf { .. }), "{bad}");
    }
}

#[tokio::test]
async fn a_stale_version_conflicts_and_nothing_changes_or_is_published() {
    let world = World::new();
    let admin = world.actor(Role::MaintenanceAdmin);
    let customer = world.actor(Role::Customer);
    let id = world.stage(&customer, Status::Submitted, None);
    let stale = StatusInput {
        version: Some(7),
        ..to("CANCELLED")
    };
    let err = world
        .service
        .change_status(&admin, id, stale)
        .await
        .unwrap_err();
    assert!(matches!(err, RequestError::VersionConflict), "{err:?}");
    assert_eq!(world.repo.stored(id).status, Status::Submitted);
    assert_eq!(world.repo.stored(id).version, 1);
    assert!(world.repo.events_of(id).is_empty());
    assert!(world.bus.published().is_empty());
}

#[tokio::test]
async fn a_stale_version_is_a_conflict_even_for_a_move_the_status_forbids() {
    let world = World::new();
    let admin = world.actor(Role::MaintenanceAdmin);
    let customer = world.actor(Role::Customer);
    let id = world.stage(&customer, Status::Submitted, None);
    // SUBMITTED cannot be closed; the stale version is still what the client must hear.
    let stale = StatusInput {
        version: Some(7),
        ..to("CLOSED")
    };
    let err = world
        .service
        .change_status(&admin, id, stale)
        .await
        .unwrap_err();
    assert!(matches!(err, RequestError::VersionConflict), "{err:?}");
}

#[tokio::test]
async fn a_customer_may_not_close_their_own_completed_request() {
    let world = World::new();
    let customer = world.actor(Role::Customer);
    let id = world.stage(&customer, Status::Completed, None);
    let err = world
        .service
        .change_status(&customer, id, to("CLOSED"))
        .await
        .unwrap_err();
    assert!(matches!(err, RequestError::Forbidden), "{err:?}");
}

fn assign_to(id: impl ToString) -> AssignInput {
    AssignInput {
        technician_id: Some(id.to_string()),
        note: None,
    }
}

#[tokio::test]
async fn work_goes_only_to_an_active_technician() {
    let world = World::new();
    let admin = world.actor(Role::MaintenanceAdmin);
    let customer = world.actor(Role::Customer);
    let id = world.stage(&customer, Status::Submitted, None);
    let inactive = world.users.add(Role::Technician, false);
    let not_a_technician = world.users.add(Role::BasmaAdmin, true);
    for who in [inactive, not_a_technician, UserId::new()] {
        let err = world
            .service
            .assign(&admin, id, assign_to(who))
            .await
            .unwrap_err();
        assert_eq!(fields(err), [("technicianId".to_owned(), Rule::Unknown)]);
    }
    let err = world
        .service
        .assign(&admin, id, assign_to("x"))
        .await
        .unwrap_err();
    assert_eq!(fields(err), [("technicianId".to_owned(), Rule::UuidFormat)]);

    let tech = world.users.add(Role::Technician, true);
    let done = world
        .service
        .assign(&admin, id, assign_to(tech))
        .await
        .unwrap();
    assert_eq!(done.request.status, Status::Assigned);
    assert_eq!(done.request.assignee_id, Some(tech));
    assert_eq!(done.request.assigned_at, Some(world.now()));
    assert_eq!(done.event.kind, EventKind::Assigned);
    assert_eq!(done.event.technician_id, Some(tech));
}

#[tokio::test]
async fn reassigning_work_in_progress_sends_it_back_to_assigned() {
    let world = World::new();
    let admin = world.actor(Role::SuperAdmin);
    let customer = world.actor(Role::Customer);
    let first = world.actor(Role::Technician);
    let id = world.stage(&customer, Status::InProgress, Some(first.id));
    let second = world.users.add(Role::Technician, true);
    let done = world
        .service
        .assign(&admin, id, assign_to(second))
        .await
        .unwrap();
    assert_eq!(done.request.status, Status::Assigned);
    assert_eq!(done.request.assignee_id, Some(second));
    let again = world
        .service
        .assign(&admin, id, assign_to(second))
        .await
        .unwrap_err();
    assert!(matches!(again, RequestError::AlreadyAssigned));
}

#[tokio::test]
async fn a_customer_may_not_assign() {
    let world = World::new();
    let customer = world.actor(Role::Customer);
    let id = world.stage(&customer, Status::Submitted, None);
    let tech = world.users.add(Role::Technician, true);
    let err = world
        .service
        .assign(&customer, id, assign_to(tech))
        .await
        .unwrap_err();
    assert!(matches!(err, RequestError::Forbidden), "{err:?}");
}

#[tokio::test]
async fn the_loser_of_a_self_assignment_race_gets_a_conflict() {
    let world = World::new();
    let customer = world.actor(Role::Customer);
    let (a, b) = (world.actor(Role::Technician), world.actor(Role::Technician));
    let id = world.stage(&customer, Status::Submitted, None);
    // Both technicians read version 1 before either writes.
    world.repo.freeze_reads();
    let won = world.service.self_assign(&a, id).await.unwrap();
    let lost = world.service.self_assign(&b, id).await.unwrap_err();
    assert_eq!(won.request.assignee_id, Some(a.id));
    assert!(matches!(lost, RequestError::AlreadyAssigned));
    assert_eq!(world.repo.stored(id).assignee_id, Some(a.id));
    assert_eq!(world.repo.events_of(id).len(), 1);
}

#[tokio::test]
async fn a_technician_who_arrives_after_the_winner_gets_a_404_as_for_an_unknown_id() {
    let world = World::new();
    let customer = world.actor(Role::Customer);
    let (a, b) = (world.actor(Role::Technician), world.actor(Role::Technician));
    let id = world.stage(&customer, Status::Submitted, None);
    world.service.self_assign(&a, id).await.unwrap();
    // The request is no longer visible to b: it answers like one that does not exist.
    let lost = world.service.self_assign(&b, id).await.unwrap_err();
    assert!(matches!(lost, RequestError::NotFound), "{lost:?}");
    // Customers learn nothing about requests that are not theirs.
    let stranger = world.actor(Role::Customer);
    let hidden = world.service.self_assign(&stranger, id).await.unwrap_err();
    assert!(matches!(hidden, RequestError::NotFound), "{hidden:?}");
}

#[tokio::test]
async fn the_assigned_technician_may_release_the_request() {
    let world = World::new();
    let customer = world.actor(Role::Customer);
    let tech = world.actor(Role::Technician);
    let id = world.stage(&customer, Status::Assigned, Some(tech.id));
    let done = world
        .service
        .unassign(&tech, id, Some("Need a specialist".into()))
        .await
        .unwrap();
    assert_eq!(done.request.status, Status::Submitted);
    assert_eq!(done.request.assignee_id, None);
    assert_eq!(done.event.kind, EventKind::Unassigned);
    assert_eq!(done.event.technician_id, Some(tech.id));
    assert_eq!(done.event.note.as_deref(), Some("Need a specialist"));
}
