//! The role policy of SPEC §1 as pure functions: who may see a request, who may take which
//! [`Action`] on it, and who may administer users, the catalog and reports. The services ask
//! here before they touch a port, and the HTTP layer maps each [`Denied`] to its status code.
//!
//! Invariants: a request the actor may not see is always [`Denied::NotFound`], whatever the
//! action, so no answer leaks its existence; [`can_view`] and [`visibility`] describe the
//! same rule (one for a single request, one for the SQL of a list); the lifecycle's
//! [`next_status`] is the only source of legal moves, this module only narrows it by role.

use crate::lifecycle::{Action, next_status};
use crate::model::{MaintenanceRequest, PropertyId, Role, Status, UserId};
use crate::ports::Visibility;

/// Who is asking, as read from the database (never from the token alone).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub id: UserId,
    pub role: Role,
    /// The properties a BASMA_ADMIN manages; ignored for every other role.
    pub property_ids: Vec<PropertyId>,
}

/// The facts about one request the policy needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RequestFacts {
    pub status: Status,
    pub requester_id: UserId,
    pub assignee_id: Option<UserId>,
    pub property_id: PropertyId,
    pub rated: bool,
}

impl From<&MaintenanceRequest> for RequestFacts {
    fn from(req: &MaintenanceRequest) -> Self {
        Self {
            status: req.status,
            requester_id: req.requester_id,
            assignee_id: req.assignee_id,
            property_id: req.property_id,
            rated: req.rating.is_some(),
        }
    }
}

/// Why [`authorize`] refused; each variant is one HTTP answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Denied {
    /// The actor may not see the request at all: answer 404, never reveal existence.
    #[error("request not found")]
    NotFound,
    /// Visible, but this action is not the actor's to take: 403 FORBIDDEN.
    #[error("this action is not allowed for you")]
    Forbidden,
    /// The actor may take this action, but not in the current status: 409
    /// INVALID_TRANSITION (details = [`allowed_targets`] for this actor).
    #[error("this action is not possible in the request's current status")]
    InvalidTransition,
    /// Allowed in principle but the state refuses it for a reason other than status
    /// (already rated, already taken): 409 CONFLICT.
    #[error("the request's state does not allow this action")]
    Conflict,
}

/// Whether `actor` may see the request at all (SPEC §1 "See requests").
pub fn can_view(actor: &Actor, req: &RequestFacts) -> bool {
    if actor.id == req.requester_id {
        return true;
    }
    // A draft is the author's scratch pad, not yet anybody's work.
    if req.status == Status::Draft {
        return false;
    }
    match actor.role {
        Role::SuperAdmin | Role::MaintenanceAdmin => true,
        Role::BasmaAdmin => actor.property_ids.contains(&req.property_id),
        Role::Technician => req.assignee_id == Some(actor.id) || is_available(req),
        Role::Customer => false,
    }
}

/// Whether `actor` may take `action` on the request now, and the status it leaves behind.
///
/// # Errors
/// Checked in this order: [`Denied::NotFound`] if the actor may not see the request;
/// [`Denied::Forbidden`] if their role and relation to it never allow the action;
/// [`Denied::InvalidTransition`] if the status does not allow it (for them);
/// [`Denied::Conflict`] if it was already rated, or is no longer available to self-assign.
pub fn authorize(actor: &Actor, action: Action, req: &RequestFacts) -> Result<Status, Denied> {
    if !can_view(actor, req) {
        return Err(Denied::NotFound);
    }
    if !may_ever(actor, action, req) {
        return Err(Denied::Forbidden);
    }
    let next = next_status(req.status, action).map_err(|_| Denied::InvalidTransition)?;
    match action {
        // Requesters stop editing once someone works on the request; managers may until final.
        Action::Edit
            if !actor.role.is_manager()
                && !matches!(req.status, Status::Draft | Status::Submitted) =>
        {
            Err(Denied::InvalidTransition)
        }
        Action::Rate if req.rated => Err(Denied::Conflict),
        // SUBMITTED yet assigned means another technician won the race.
        Action::SelfAssign if req.assignee_id.is_some() => Err(Denied::Conflict),
        _ => Ok(next),
    }
}

/// Every action [`authorize`] would allow right now, in [`Action::ALL`] order (for
/// `GET /requests/{id}` "allowedActions").
pub fn allowed_actions(actor: &Actor, req: &RequestFacts) -> Vec<Action> {
    Action::ALL
        .into_iter()
        .filter(|action| authorize(actor, *action, req).is_ok())
        .collect()
}

/// Statuses this actor could move the request to right now, other than the one it is in, in
/// [`Status::ALL`] order (details of 409 INVALID_TRANSITION).
pub fn allowed_targets(actor: &Actor, req: &RequestFacts) -> Vec<Status> {
    let targets: Vec<Status> = Action::ALL
        .into_iter()
        .filter_map(|action| authorize(actor, action, req).ok())
        .collect();
    Status::ALL
        .into_iter()
        .filter(|s| *s != req.status && targets.contains(s))
        .collect()
}

/// The list-side form of [`can_view`], for the repository to turn into SQL.
pub fn visibility(actor: &Actor) -> Visibility {
    let viewer = actor.id;
    match actor.role {
        Role::SuperAdmin | Role::MaintenanceAdmin => Visibility::Everything { viewer },
        Role::BasmaAdmin => Visibility::Properties {
            viewer,
            property_ids: actor.property_ids.clone(),
        },
        Role::Technician => Visibility::Technician { viewer },
        Role::Customer => Visibility::Own { viewer },
    }
}

/// Whether internal comments (and their events) are shown: staff who can see the request.
pub fn may_see_internal(actor: &Actor, req: &RequestFacts) -> bool {
    actor.role.is_staff() && can_view(actor, req)
}

/// Read the audit log: SUPER_ADMIN only.
pub fn may_read_audit(actor: &Actor) -> bool {
    actor.role == Role::SuperAdmin
}

/// Read the server's own figures (`GET /monitoring/stats`: pool, sockets, active users):
/// SUPER_ADMIN only.
pub fn may_read_server_stats(actor: &Actor) -> bool {
    actor.role == Role::SuperAdmin
}

/// Create, change, deactivate any user: SUPER_ADMIN only.
pub fn may_manage_users(actor: &Actor) -> bool {
    actor.role == Role::SuperAdmin
}

/// List or read a user of `target_role`: SUPER_ADMIN any; MAINTENANCE_ADMIN technicians
/// only, since they need them to assign work.
pub fn may_read_user(actor: &Actor, target_role: Role) -> bool {
    match actor.role {
        Role::SuperAdmin => true,
        Role::MaintenanceAdmin => target_role == Role::Technician,
        _ => false,
    }
}

/// Write properties, buildings and categories: SUPER/MAINTENANCE_ADMIN.
pub fn may_manage_catalog(actor: &Actor) -> bool {
    actor.role.is_manager()
}

/// Read reports: SUPER/MAINTENANCE_ADMIN, and BASMA_ADMIN (scoped by [`visibility`]).
pub fn may_read_reports(actor: &Actor) -> bool {
    actor.role.is_manager() || actor.role == Role::BasmaAdmin
}

/// SUBMITTED and nobody has it: any technician may see and take it.
fn is_available(req: &RequestFacts) -> bool {
    req.status == Status::Submitted && req.assignee_id.is_none()
}

/// Whether the actor's role and relation to the request allow `action` in some status.
/// Being the assignee counts only for a technician: a BASMA_ADMIN stays read-only even if
/// a request was (wrongly) assigned to them.
fn may_ever(actor: &Actor, action: Action, req: &RequestFacts) -> bool {
    let requester = actor.id == req.requester_id;
    let manager = actor.role.is_manager();
    let assigned_technician = actor.role == Role::Technician && req.assignee_id == Some(actor.id);
    match action {
        Action::Submit | Action::DeleteDraft | Action::Rate => requester,
        Action::Edit | Action::Reopen | Action::Cancel => requester || manager,
        Action::Assign | Action::Reassign | Action::Close | Action::Reject => manager,
        Action::SelfAssign => actor.role == Role::Technician,
        Action::Unassign | Action::Start | Action::Complete => manager || assigned_technician,
        Action::Comment => requester || manager || assigned_technician,
        Action::CommentInternal => {
            actor.role.is_staff() && (requester || manager || assigned_technician)
        }
    }
}

#[cfg(test)]
mod tests;
