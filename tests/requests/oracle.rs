//! What the server must answer for one (status, role, relation, operation) cell, derived from
//! the domain's pure lifecycle and policy. The handlers call the same functions, but through
//! services, SQL and error mapping; this derives the HTTP answer on its own so the matrix
//! test checks the whole path.

use basma_domain::lifecycle::{Action, action_for_target, requires_reason};
use basma_domain::model::Status;
use basma_domain::policy::{Actor, Denied, RequestFacts, allowed_targets, authorize, can_view};
use reqwest::Method;
use serde_json::{Value, json};

/// One thing a client can do to a request over HTTP.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// `PATCH /{id}/status` to this target.
    To(Status),
    Assign,
    SelfAssign,
    Unassign,
    Edit,
    Delete,
    Comment,
    InternalComment,
    Rate,
}

/// Every operation, the status endpoint once per target it accepts.
pub const OPS: [Op; 14] = [
    Op::To(Status::Submitted),
    Op::To(Status::InProgress),
    Op::To(Status::Completed),
    Op::To(Status::Closed),
    Op::To(Status::Rejected),
    Op::To(Status::Cancelled),
    Op::Assign,
    Op::SelfAssign,
    Op::Unassign,
    Op::Edit,
    Op::Delete,
    Op::Comment,
    Op::InternalComment,
    Op::Rate,
];

/// The answer a cell must get.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expected {
    /// The server takes `action`, which leaves the request in `to`.
    Done { action: Action, to: Status },
    Refused {
        status: u16,
        code: &'static str,
        /// For 409 INVALID_TRANSITION: the statuses this actor may move the request to.
        allowed: Option<Vec<String>>,
    },
}

impl Op {
    /// The request the client sends; `technician` is who an assignment goes to.
    pub fn request(self, id: &str, from: Status, technician: &str) -> (Method, String, Value) {
        let base = format!("/api/v1/requests/{id}");
        match self {
            Op::To(target) => {
                let mut body = json!({"status": target.as_str(), "note": "matrix note"});
                if action_for_target(from, target).is_some_and(requires_reason) {
                    body["reason"] = json!("matrix reason");
                }
                (Method::PATCH, format!("{base}/status"), body)
            }
            Op::Assign => (
                Method::POST,
                format!("{base}/assign"),
                json!({"technicianId": technician}),
            ),
            Op::SelfAssign => (Method::POST, format!("{base}/self-assign"), Value::Null),
            Op::Unassign => (Method::POST, format!("{base}/unassign"), Value::Null),
            Op::Edit => (
                Method::PATCH,
                base,
                json!({"title": "Edited by the matrix"}),
            ),
            Op::Delete => (Method::DELETE, base, Value::Null),
            Op::Comment => (
                Method::POST,
                format!("{base}/comments"),
                json!({"body": "A word for everyone"}),
            ),
            Op::InternalComment => (
                Method::POST,
                format!("{base}/comments"),
                json!({"body": "A word for staff", "internal": true}),
            ),
            Op::Rate => (
                Method::POST,
                format!("{base}/rating"),
                json!({"score": 4, "feedback": "Quick and tidy"}),
            ),
        }
    }

    /// The HTTP status of success.
    pub fn created(self) -> bool {
        matches!(self, Op::Comment | Op::InternalComment)
    }
}

/// What the server answers `actor` for `op` on a request with `facts`.
pub fn expected(op: Op, actor: &Actor, facts: &RequestFacts) -> Expected {
    let action = match op {
        Op::To(target) => match action_for_target(facts.status, target) {
            Some(action) => action,
            // No move leads there: 409 for whoever may see the request, 404 for the others.
            None if can_view(actor, facts) => {
                return refusal(Denied::InvalidTransition, actor, facts);
            }
            None => return refusal(Denied::NotFound, actor, facts),
        },
        Op::Assign if facts.status == Status::Submitted => Action::Assign,
        Op::Assign => Action::Reassign,
        Op::SelfAssign => Action::SelfAssign,
        Op::Unassign => Action::Unassign,
        Op::Edit => Action::Edit,
        Op::Delete => Action::DeleteDraft,
        Op::Comment => Action::Comment,
        Op::InternalComment => Action::CommentInternal,
        Op::Rate => Action::Rate,
    };
    match authorize(actor, action, facts) {
        Ok(to) => Expected::Done { action, to },
        Err(denied) => refusal(denied, actor, facts),
    }
}

fn refusal(denied: Denied, actor: &Actor, facts: &RequestFacts) -> Expected {
    let (status, code, allowed) = match denied {
        Denied::NotFound => (404, "NOT_FOUND", None),
        Denied::Forbidden => (403, "FORBIDDEN", None),
        Denied::InvalidTransition => {
            let allowed = allowed_targets(actor, facts);
            let allowed = allowed.iter().map(|s| s.as_str().to_owned()).collect();
            (409, "INVALID_TRANSITION", Some(allowed))
        }
        Denied::Conflict => (409, "CONFLICT", None),
    };
    Expected::Refused {
        status,
        code,
        allowed,
    }
}

/// The timeline entry a successful action writes; `None` for deleting a draft, whose
/// timeline goes with it.
pub fn event_kind(action: Action) -> Option<&'static str> {
    Some(match action {
        Action::Assign | Action::Reassign | Action::SelfAssign => "ASSIGNED",
        Action::Unassign => "UNASSIGNED",
        Action::Edit => "EDITED",
        Action::Comment | Action::CommentInternal => "COMMENTED",
        Action::Rate => "RATED",
        Action::DeleteDraft => return None,
        Action::Submit
        | Action::Start
        | Action::Complete
        | Action::Close
        | Action::Reopen
        | Action::Cancel
        | Action::Reject => "STATUS_CHANGED",
    })
}
