use super::*;
use crate::model::Status::*;

/// Every legal (from, action, to) move, transcribed from SPEC §3 by hand rather than derived
/// from the implementation, so a slip in either one shows up as a difference.
const LEGAL_MOVES: &[(Status, Action, Status)] = &[
    // Status-changing rows of the SPEC §3 table.
    (Draft, Action::Submit, Submitted),
    (Submitted, Action::Assign, Assigned),
    (Submitted, Action::SelfAssign, Assigned),
    (Assigned, Action::Reassign, Assigned),
    (InProgress, Action::Reassign, Assigned),
    (Assigned, Action::Unassign, Submitted),
    (Assigned, Action::Start, InProgress),
    (InProgress, Action::Complete, Completed),
    (Completed, Action::Close, Closed),
    (Completed, Action::Reopen, InProgress),
    (Submitted, Action::Cancel, Cancelled),
    (Submitted, Action::Reject, Rejected),
    (Assigned, Action::Reject, Rejected),
    (InProgress, Action::Reject, Rejected),
    (Completed, Action::Reject, Rejected),
    // Actions that leave the status where it is.
    (Draft, Action::DeleteDraft, Draft),
    (Draft, Action::Edit, Draft),
    (Submitted, Action::Edit, Submitted),
    (Assigned, Action::Edit, Assigned),
    (InProgress, Action::Edit, InProgress),
    (Completed, Action::Edit, Completed),
    (Submitted, Action::Comment, Submitted),
    (Assigned, Action::Comment, Assigned),
    (InProgress, Action::Comment, InProgress),
    (Completed, Action::Comment, Completed),
    (Closed, Action::Comment, Closed),
    (Rejected, Action::Comment, Rejected),
    (Cancelled, Action::Comment, Cancelled),
    (Submitted, Action::CommentInternal, Submitted),
    (Assigned, Action::CommentInternal, Assigned),
    (InProgress, Action::CommentInternal, InProgress),
    (Completed, Action::CommentInternal, Completed),
    (Closed, Action::CommentInternal, Closed),
    (Rejected, Action::CommentInternal, Rejected),
    (Cancelled, Action::CommentInternal, Cancelled),
    (Completed, Action::Rate, Completed),
    (Closed, Action::Rate, Closed),
];

fn expected_move(from: Status, action: Action) -> Option<Status> {
    LEGAL_MOVES
        .iter()
        .find(|(f, a, _)| *f == from && *a == action)
        .map(|(_, _, to)| *to)
}

#[test]
fn next_status_matches_the_spec_table_for_every_status_and_action() {
    let mut mismatches = Vec::new();
    for from in Status::ALL {
        for action in Action::ALL {
            let expected = expected_move(from, action).ok_or(InvalidTransition { from, action });
            let actual = next_status(from, action);
            if actual != expected {
                mismatches.push(format!(
                    "{from:?} {action:?}: {actual:?}, expected {expected:?}"
                ));
            }
        }
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}

#[test]
fn final_statuses_accept_only_comments_and_a_rating_once_closed() {
    for from in [Closed, Rejected, Cancelled] {
        for action in Action::ALL {
            let allowed = matches!(
                (action, from),
                (Action::Comment | Action::CommentInternal, _) | (Action::Rate, Closed)
            );
            assert_eq!(
                next_status(from, action).is_ok(),
                allowed,
                "{from:?} {action:?}"
            );
        }
    }
}

#[test]
fn reassigning_work_in_progress_sends_it_back_to_assigned() {
    assert_eq!(next_status(InProgress, Action::Reassign), Ok(Assigned));
}

#[test]
fn an_invalid_transition_names_the_status_and_the_action() {
    let err = next_status(Closed, Action::Reopen).unwrap_err();
    assert_eq!(
        err,
        InvalidTransition {
            from: Closed,
            action: Action::Reopen
        }
    );
    assert_eq!(err.to_string(), "cannot REOPEN a request that is CLOSED");
}

/// (from, target, action) for `PATCH /status`, from the design note; all other pairs: none.
const STATUS_ENDPOINT: &[(Status, Status, Action)] = &[
    (Draft, Submitted, Action::Submit),
    (Assigned, Submitted, Action::Unassign),
    (Assigned, InProgress, Action::Start),
    (Completed, InProgress, Action::Reopen),
    (InProgress, Completed, Action::Complete),
    (Completed, Closed, Action::Close),
    (Submitted, Rejected, Action::Reject),
    (Assigned, Rejected, Action::Reject),
    (InProgress, Rejected, Action::Reject),
    (Completed, Rejected, Action::Reject),
    (Submitted, Cancelled, Action::Cancel),
];

#[test]
fn action_for_target_matches_the_status_endpoint_table_for_every_pair() {
    for from in Status::ALL {
        for target in Status::ALL {
            let expected = STATUS_ENDPOINT
                .iter()
                .find(|(f, t, _)| *f == from && *t == target)
                .map(|(_, _, a)| *a);
            assert_eq!(
                action_for_target(from, target),
                expected,
                "{from:?} -> {target:?}"
            );
        }
    }
}

#[test]
fn action_for_target_always_agrees_with_next_status() {
    for from in Status::ALL {
        for target in Status::ALL {
            if let Some(action) = action_for_target(from, target) {
                assert_eq!(
                    next_status(from, action),
                    Ok(target),
                    "{from:?} -> {target:?}"
                );
            }
        }
    }
}

#[test]
fn assigned_and_draft_are_never_targets_of_the_status_endpoint() {
    for from in Status::ALL {
        assert_eq!(action_for_target(from, Assigned), None);
        assert_eq!(action_for_target(from, Draft), None);
    }
}

#[test]
fn reachable_lists_the_other_statuses_each_status_can_move_to() {
    let expected: [(Status, &[Status]); 8] = [
        (Draft, &[Submitted]),
        (Submitted, &[Assigned, Rejected, Cancelled]),
        (Assigned, &[Submitted, InProgress, Rejected]),
        (InProgress, &[Assigned, Completed, Rejected]),
        (Completed, &[InProgress, Closed, Rejected]),
        (Closed, &[]),
        (Rejected, &[]),
        (Cancelled, &[]),
    ];
    for (from, targets) in expected {
        assert_eq!(reachable(from), targets, "{from:?}");
    }
}

#[test]
fn only_rejecting_and_reopening_require_a_reason() {
    for action in Action::ALL {
        let expected = action == Action::Reject || action == Action::Reopen;
        assert_eq!(requires_reason(action), expected, "{action:?}");
    }
}

#[test]
fn every_action_has_a_distinct_screaming_snake_case_name() {
    let names: Vec<&str> = Action::ALL.iter().map(|a| a.as_str()).collect();
    assert_eq!(
        names,
        [
            "SUBMIT",
            "DELETE_DRAFT",
            "EDIT",
            "ASSIGN",
            "REASSIGN",
            "SELF_ASSIGN",
            "UNASSIGN",
            "START",
            "COMPLETE",
            "CLOSE",
            "REOPEN",
            "CANCEL",
            "REJECT",
            "COMMENT",
            "COMMENT_INTERNAL",
            "RATE",
        ]
    );
    assert_eq!(Action::Comment.to_string(), "COMMENT");
}
