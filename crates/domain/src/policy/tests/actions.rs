//! Named cases for single cells of the policy table, plus the consistency of
//! `allowed_actions` and `allowed_targets` with `authorize` in every scene.

use super::*;

#[test]
fn customer_cannot_close_their_own_completed_request() {
    let got = attempt(
        Role::Customer,
        Relation::Requester,
        Completed,
        Action::Close,
    );
    assert_eq!(got, Err(Denied::Forbidden));
}

#[test]
fn customer_may_reopen_their_own_completed_request() {
    let got = attempt(
        Role::Customer,
        Relation::Requester,
        Completed,
        Action::Reopen,
    );
    assert_eq!(got, Ok(InProgress));
}

#[test]
fn customer_gets_not_found_for_every_action_on_someone_elses_request() {
    for action in Action::ALL {
        let got = attempt(Role::Customer, Relation::None, Submitted, action);
        assert_eq!(got, Err(Denied::NotFound), "{action:?}");
    }
}

#[test]
fn a_draft_is_seen_by_its_requester_only_even_by_super_admins() {
    for role in Role::ALL {
        for relation in [
            Relation::Assignee,
            Relation::ManagesProperty,
            Relation::None,
        ] {
            let (actor, req) = typical(role, relation, Draft);
            assert!(!can_view(&actor, &req), "{role:?} {relation:?}");
        }
        let (actor, req) = typical(role, Relation::Requester, Draft);
        assert!(can_view(&actor, &req), "{role:?}");
    }
}

#[test]
fn technician_may_self_assign_an_available_request() {
    let got = attempt(
        Role::Technician,
        Relation::None,
        Submitted,
        Action::SelfAssign,
    );
    assert_eq!(got, Ok(Assigned));
}

#[test]
fn technician_cannot_see_a_request_another_technician_holds() {
    let got = attempt(
        Role::Technician,
        Relation::None,
        Assigned,
        Action::SelfAssign,
    );
    assert_eq!(got, Err(Denied::NotFound));
}

#[test]
fn technician_merely_seeing_an_available_request_may_not_comment() {
    for action in [
        Action::Comment,
        Action::CommentInternal,
        Action::Edit,
        Action::Cancel,
    ] {
        let got = attempt(Role::Technician, Relation::None, Submitted, action);
        assert_eq!(got, Err(Denied::Forbidden), "{action:?}");
    }
}

#[test]
fn self_assign_conflicts_when_another_technician_already_holds_the_request() {
    let (actor, req) = scene(
        Role::Technician,
        Relation::Requester,
        Submitted,
        true,
        false,
    );
    assert_eq!(
        authorize(&actor, Action::SelfAssign, &req),
        Err(Denied::Conflict)
    );
}

#[test]
fn managers_do_not_self_assign() {
    for role in [Role::SuperAdmin, Role::MaintenanceAdmin] {
        let got = attempt(role, Relation::None, Submitted, Action::SelfAssign);
        assert_eq!(got, Err(Denied::Forbidden), "{role:?}");
    }
}

#[test]
fn assigned_technician_may_release_the_request_until_work_starts() {
    let before = attempt(
        Role::Technician,
        Relation::Assignee,
        Assigned,
        Action::Unassign,
    );
    let after = attempt(
        Role::Technician,
        Relation::Assignee,
        InProgress,
        Action::Unassign,
    );
    assert_eq!(before, Ok(Submitted));
    assert_eq!(after, Err(Denied::InvalidTransition));
}

#[test]
fn assigned_technician_drives_the_work_but_cannot_close_it() {
    let role = Role::Technician;
    assert_eq!(
        attempt(role, Relation::Assignee, Assigned, Action::Start),
        Ok(InProgress)
    );
    assert_eq!(
        attempt(role, Relation::Assignee, InProgress, Action::Complete),
        Ok(Completed)
    );
    assert_eq!(
        attempt(role, Relation::Assignee, Completed, Action::Close),
        Err(Denied::Forbidden)
    );
}

#[test]
fn basma_admin_sees_requests_in_their_properties_but_only_reads_them() {
    let (actor, req) = typical(Role::BasmaAdmin, Relation::ManagesProperty, InProgress);
    assert!(can_view(&actor, &req));
    assert!(allowed_actions(&actor, &req).is_empty());
    assert_eq!(
        authorize(&actor, Action::Comment, &req),
        Err(Denied::Forbidden)
    );
    let (outsider, req) = typical(Role::BasmaAdmin, Relation::None, InProgress);
    assert_eq!(
        authorize(&outsider, Action::Comment, &req),
        Err(Denied::NotFound)
    );
}

#[test]
fn basma_admin_may_comment_internally_on_a_request_they_raised() {
    let got = attempt(
        Role::BasmaAdmin,
        Relation::Requester,
        Assigned,
        Action::CommentInternal,
    );
    assert_eq!(got, Ok(Assigned));
}

#[test]
fn customer_cannot_write_internal_comments_even_on_their_own_request() {
    let got = attempt(
        Role::Customer,
        Relation::Requester,
        Assigned,
        Action::CommentInternal,
    );
    assert_eq!(got, Err(Denied::Forbidden));
}

#[test]
fn requester_may_not_edit_once_the_request_is_assigned() {
    let got = attempt(Role::Customer, Relation::Requester, Assigned, Action::Edit);
    assert_eq!(got, Err(Denied::InvalidTransition));
}

#[test]
fn admins_may_edit_until_the_request_is_final() {
    let role = Role::MaintenanceAdmin;
    assert_eq!(
        attempt(role, Relation::None, Completed, Action::Edit),
        Ok(Completed)
    );
    assert_eq!(
        attempt(role, Relation::None, Closed, Action::Edit),
        Err(Denied::InvalidTransition)
    );
}

#[test]
fn rating_twice_is_a_conflict_and_rating_too_early_an_invalid_transition() {
    let (actor, rated) = scene(Role::Customer, Relation::Requester, Closed, true, true);
    assert_eq!(
        authorize(&actor, Action::Rate, &rated),
        Err(Denied::Conflict)
    );
    let (actor, early) = scene(Role::Customer, Relation::Requester, InProgress, true, false);
    assert_eq!(
        authorize(&actor, Action::Rate, &early),
        Err(Denied::InvalidTransition)
    );
}

#[test]
fn allowed_actions_are_exactly_the_actions_authorize_allows() {
    for (actor, req, ..) in all_scenes() {
        let allowed = allowed_actions(&actor, &req);
        for action in Action::ALL {
            let ok = authorize(&actor, action, &req).is_ok();
            assert_eq!(
                allowed.contains(&action),
                ok,
                "{actor:?} {req:?} {action:?}"
            );
        }
    }
}

#[test]
fn allowed_targets_are_the_new_statuses_of_the_allowed_actions() {
    for (actor, req, ..) in all_scenes() {
        let mut expected: Vec<Status> = allowed_actions(&actor, &req)
            .into_iter()
            .filter_map(|a| authorize(&actor, a, &req).ok())
            .filter(|s| *s != req.status)
            .collect();
        expected.sort();
        expected.dedup();
        assert_eq!(allowed_targets(&actor, &req), expected, "{actor:?} {req:?}");
    }
}

#[test]
fn allowed_targets_differ_by_role_on_the_same_request() {
    let (admin, req) = typical(Role::SuperAdmin, Relation::None, Assigned);
    assert_eq!(
        allowed_targets(&admin, &req),
        [Submitted, InProgress, Rejected]
    );
    let (customer, req) = typical(Role::Customer, Relation::Requester, Completed);
    assert_eq!(allowed_targets(&customer, &req), [InProgress]);
    let (customer, req) = typical(Role::Customer, Relation::Requester, Closed);
    assert!(allowed_targets(&customer, &req).is_empty());
}
