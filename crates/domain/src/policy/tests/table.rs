//! The acceptance table: every status × action × role × relation cell (also varying whether
//! someone else holds the request and whether it was rated) is checked against an outcome
//! computed from an explicit list of rights transcribed from SPEC §1 and §3, written as data
//! rather than as the implementation's match, so the two can disagree.

use super::*;

/// Who a right belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Who {
    /// Whoever created the request, whatever their role.
    Requester,
    /// A requester who is not a customer.
    StaffRequester,
    /// SUPER_ADMIN or MAINTENANCE_ADMIN, whatever their relation.
    Manager,
    /// A technician the request is assigned to.
    AssignedTechnician,
    /// Any technician who can see the request.
    AnyTechnician,
}

use Who::*;

const AFTER_DRAFT: &[(Status, Status)] = &[
    (Submitted, Submitted),
    (Assigned, Assigned),
    (InProgress, InProgress),
    (Completed, Completed),
    (Closed, Closed),
    (Rejected, Rejected),
    (Cancelled, Cancelled),
];

/// One right: who holds it, the action, and the (from → to) moves it allows.
struct Right {
    who: &'static [Who],
    action: Action,
    moves: &'static [(Status, Status)],
}

const fn right(who: &'static [Who], action: Action, moves: &'static [(Status, Status)]) -> Right {
    Right { who, action, moves }
}

// One row per line reads like the SPEC table it transcribes.
#[rustfmt::skip]
const RIGHTS: &[Right] = &[
    right(&[Requester], Action::Submit, &[(Draft, Submitted)]),
    right(&[Requester], Action::DeleteDraft, &[(Draft, Draft)]),
    right(&[Requester], Action::Edit, &[(Draft, Draft), (Submitted, Submitted)]),
    right(&[Manager], Action::Edit, &[(Submitted, Submitted), (Assigned, Assigned), (InProgress, InProgress), (Completed, Completed)]),
    right(&[Manager], Action::Assign, &[(Submitted, Assigned)]),
    right(&[AnyTechnician], Action::SelfAssign, &[(Submitted, Assigned)]),
    right(&[Manager], Action::Reassign, &[(Assigned, Assigned), (InProgress, Assigned)]),
    right(&[Manager, AssignedTechnician], Action::Unassign, &[(Assigned, Submitted)]),
    right(&[Manager, AssignedTechnician], Action::Start, &[(Assigned, InProgress)]),
    right(&[Manager, AssignedTechnician], Action::Complete, &[(InProgress, Completed)]),
    right(&[Manager], Action::Close, &[(Completed, Closed)]),
    right(&[Requester, Manager], Action::Reopen, &[(Completed, InProgress)]),
    right(&[Requester, Manager], Action::Cancel, &[(Submitted, Cancelled)]),
    right(&[Manager], Action::Reject, &[(Submitted, Rejected), (Assigned, Rejected), (InProgress, Rejected), (Completed, Rejected)]),
    right(&[Requester, AssignedTechnician, Manager], Action::Comment, AFTER_DRAFT),
    right(&[StaffRequester, AssignedTechnician, Manager], Action::CommentInternal, AFTER_DRAFT),
    right(&[Requester], Action::Rate, &[(Completed, Completed), (Closed, Closed)]),
];

fn is(who: Who, role: Role, relation: Relation) -> bool {
    match who {
        Requester => relation == Relation::Requester,
        StaffRequester => relation == Relation::Requester && role != Role::Customer,
        Manager => role == Role::SuperAdmin || role == Role::MaintenanceAdmin,
        AssignedTechnician => relation == Relation::Assignee && role == Role::Technician,
        AnyTechnician => role == Role::Technician,
    }
}

/// SPEC §1 "See requests", read column by column.
fn expected_visible(role: Role, relation: Relation, req: &RequestFacts) -> bool {
    let available = req.status == Submitted && req.assignee_id.is_none();
    match (relation, req.status, role) {
        (Relation::Requester, _, _) => true,
        (_, Draft, _) => false,
        (_, _, Role::SuperAdmin | Role::MaintenanceAdmin) => true,
        (Relation::ManagesProperty, _, Role::BasmaAdmin) => true,
        (Relation::Assignee, _, Role::Technician) => true,
        (_, _, Role::Technician) => available,
        _ => false,
    }
}

fn expected(
    role: Role,
    relation: Relation,
    action: Action,
    req: &RequestFacts,
) -> Result<Status, Denied> {
    if !expected_visible(role, relation, req) {
        return Err(Denied::NotFound);
    }
    let moves: Vec<(Status, Status)> = RIGHTS
        .iter()
        .filter(|r| r.action == action && r.who.iter().any(|w| is(*w, role, relation)))
        .flat_map(|r| r.moves.iter().copied())
        .collect();
    if moves.is_empty() {
        return Err(Denied::Forbidden);
    }
    let Some((_, to)) = moves.into_iter().find(|(from, _)| *from == req.status) else {
        return Err(Denied::InvalidTransition);
    };
    if action == Action::Rate && req.rated {
        return Err(Denied::Conflict);
    }
    if action == Action::SelfAssign && req.assignee_id.is_some() {
        return Err(Denied::Conflict);
    }
    Ok(to)
}

#[test]
fn authorize_matches_the_spec_rights_in_every_status_action_role_and_relation_cell() {
    let mut cells = 0;
    let mut mismatches = Vec::new();
    for (actor, req, role, relation) in all_scenes() {
        for action in Action::ALL {
            cells += 1;
            let want = expected(role, relation, action, &req);
            let got = authorize(&actor, action, &req);
            if got != want {
                mismatches.push(format!(
                    "{role:?} as {relation:?}, {action:?} on {req:?}: got {got:?}, want {want:?}"
                ));
            }
        }
    }
    // 8 statuses × 16 actions × 5 roles × (3 relations × 2 holders + assignee) × 2 ratings.
    assert_eq!(cells, 8 * 16 * 5 * 7 * 2);
    assert!(
        mismatches.is_empty(),
        "{} cells differ:\n{}",
        mismatches.len(),
        mismatches.join("\n")
    );
}

#[test]
fn every_right_in_the_table_is_granted_to_someone_in_some_scene() {
    // Guards the table itself: a right no scene can exercise would make the test vacuous.
    let scenes = all_scenes();
    for right in RIGHTS {
        for (from, to) in right.moves {
            let granted = scenes.iter().any(|(actor, req, role, relation)| {
                req.status == *from
                    && right.who.iter().any(|w| is(*w, *role, *relation))
                    && authorize(actor, right.action, req) == Ok(*to)
            });
            let (who, action) = (right.who, right.action);
            assert!(granted, "{who:?} {action:?} {from:?} -> {to:?}");
        }
    }
}
