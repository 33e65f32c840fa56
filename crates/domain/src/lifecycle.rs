//! The request lifecycle of SPEC §3 as pure functions: which status each [`Action`] leads to
//! from a given status, independent of who asks. Who may take an action is the policy's
//! business (`crate::policy`); this module only knows the state machine, so the HTTP layer,
//! the services and the tests all share one table of legal moves.
//!
//! Invariants: CLOSED, REJECTED and CANCELLED are final (they accept only comments, and a
//! CLOSED request its rating); actions that do not change the status (edit, comment, rate,
//! delete a draft) still answer with the status they leave the request in, so "is this
//! allowed here?" has a single answer.

use crate::model::Status;
use serde::Serialize;

/// Everything a user can do to a request. Status-changing actions and the ones that leave
/// the status alone share one type so the policy can answer for both in one place.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Action {
    Submit,
    DeleteDraft,
    Edit,
    Assign,
    Reassign,
    SelfAssign,
    Unassign,
    Start,
    Complete,
    Close,
    Reopen,
    Cancel,
    Reject,
    Comment,
    CommentInternal,
    Rate,
}

impl Action {
    pub const ALL: [Action; 16] = [
        Action::Submit,
        Action::DeleteDraft,
        Action::Edit,
        Action::Assign,
        Action::Reassign,
        Action::SelfAssign,
        Action::Unassign,
        Action::Start,
        Action::Complete,
        Action::Close,
        Action::Reopen,
        Action::Cancel,
        Action::Reject,
        Action::Comment,
        Action::CommentInternal,
        Action::Rate,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Action::Submit => "SUBMIT",
            Action::DeleteDraft => "DELETE_DRAFT",
            Action::Edit => "EDIT",
            Action::Assign => "ASSIGN",
            Action::Reassign => "REASSIGN",
            Action::SelfAssign => "SELF_ASSIGN",
            Action::Unassign => "UNASSIGN",
            Action::Start => "START",
            Action::Complete => "COMPLETE",
            Action::Close => "CLOSE",
            Action::Reopen => "REOPEN",
            Action::Cancel => "CANCEL",
            Action::Reject => "REJECT",
            Action::Comment => "COMMENT",
            Action::CommentInternal => "COMMENT_INTERNAL",
            Action::Rate => "RATE",
        }
    }
}

impl std::fmt::Display for Action {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// `action` is not possible while the request is `from` (409 `INVALID_TRANSITION`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cannot {} a request that is {}", .action.as_str(), .from.as_str())]
pub struct InvalidTransition {
    pub from: Status,
    pub action: Action,
}

/// Which status an action leads to from `from`, independent of who asks.
///
/// # Errors
/// [`InvalidTransition`] when the lifecycle has no such move from `from`.
pub fn next_status(from: Status, action: Action) -> Result<Status, InvalidTransition> {
    use Action::*;
    use Status::*;
    let to = match (action, from) {
        (Submit, Draft) => Submitted,
        (Assign | SelfAssign, Submitted) => Assigned,
        // The new technician starts over, so work in progress goes back to ASSIGNED.
        (Reassign, Assigned | InProgress) => Assigned,
        (Unassign, Assigned) => Submitted,
        (Start, Assigned) => InProgress,
        (Complete, InProgress) => Completed,
        (Close, Completed) => Closed,
        (Reopen, Completed) => InProgress,
        (Cancel, Submitted) => Cancelled,
        (Reject, Submitted | Assigned | InProgress | Completed) => Rejected,
        // Anything submitted is cancelled or rejected, never deleted.
        (DeleteDraft, Draft) => Draft,
        (Edit, s) if !s.is_final() => s,
        // A draft is private to its author; there is nobody to talk to yet.
        (Comment | CommentInternal, s) if s != Draft => s,
        (Rate, Completed | Closed) => from,
        _ => return Err(InvalidTransition { from, action }),
    };
    Ok(to)
}

/// The action that moves `from` to `target` via the single `PATCH /status` endpoint, if any.
///
/// SUBMITTED is reached by Submit (from DRAFT) or Unassign (from ASSIGNED), IN_PROGRESS by
/// Start (from ASSIGNED) or Reopen (from COMPLETED); COMPLETED, CLOSED, REJECTED and
/// CANCELLED by Complete, Close, Reject and Cancel. ASSIGNED (it needs a technician) and
/// DRAFT are never targets there. `None` also when the move is not legal from `from`, so
/// `Some(action)` always agrees with [`next_status`].
pub fn action_for_target(from: Status, target: Status) -> Option<Action> {
    let action = match (target, from) {
        (Status::Submitted, Status::Draft) => Action::Submit,
        (Status::Submitted, _) => Action::Unassign,
        (Status::InProgress, Status::Completed) => Action::Reopen,
        (Status::InProgress, _) => Action::Start,
        (Status::Completed, _) => Action::Complete,
        (Status::Closed, _) => Action::Close,
        (Status::Rejected, _) => Action::Reject,
        (Status::Cancelled, _) => Action::Cancel,
        (Status::Draft | Status::Assigned, _) => return None,
    };
    (next_status(from, action) == Ok(target)).then_some(action)
}

/// Statuses reachable from `from` by any action, other than `from` itself, in
/// [`Status::ALL`] order (the details of a 409 `INVALID_TRANSITION`).
pub fn reachable(from: Status) -> Vec<Status> {
    let targets: Vec<Status> = Action::ALL
        .into_iter()
        .filter_map(|action| next_status(from, action).ok())
        .collect();
    Status::ALL
        .into_iter()
        .filter(|s| *s != from && targets.contains(s))
        .collect()
}

/// Whether the action must carry a reason: a rejection or a reopening has to be explained
/// to the other side. A cancellation may give one but need not.
pub fn requires_reason(action: Action) -> bool {
    matches!(action, Action::Reject | Action::Reopen)
}

#[cfg(test)]
mod tests;
