//! Moving a request through its lifecycle: the single status endpoint, assignment by a
//! manager, self-assignment by a technician, and unassignment. Each move stamps its
//! milestone and writes one timeline event in the same commit.

use super::fields::{blank_is_none, found, well_formed};
use super::inputs::UnassignInput;
use super::{
    AssignInput, Recorded, RequestError, RequestService, StatusInput, authorize, check_version,
};
use crate::lifecycle::{self, Action};
use crate::model::{
    EventKind, MaintenanceRequest, NewEvent, Note, Reason, RequestId, Status, UserId,
};
use crate::policy::{self, Actor};
use crate::ports::RequestChange;
use crate::validation::{
    Refs, Rule, ValidationErrors, check, check_with, optional, required, rules,
};

/// One lifecycle move, already authorized.
struct Step {
    action: Action,
    to: Status,
    note: Option<String>,
    reason: Option<String>,
    /// Who gets the work on Assign / Reassign; a self-assignment gives it to the actor.
    technician: Option<UserId>,
}

impl RequestService {
    /// `PATCH /requests/{id}/status`: finds the action that leads from the current status to
    /// `input.status` and takes it if the policy allows. Unassigning this way writes the
    /// same UNASSIGNED event as [`RequestService::unassign`].
    ///
    /// # Errors
    /// `Validation` (unknown target, over-long note, missing `reason` for a rejection or a
    /// reopening), `NotFound`, `Forbidden`, `InvalidTransition` with the allowed targets,
    /// `VersionConflict`, `Store`.
    pub async fn change_status(
        &self,
        actor: &Actor,
        id: RequestId,
        input: StatusInput,
    ) -> Result<Recorded, RequestError> {
        check(&input)?;
        let target = required("status", Some(input.status.as_str()), rules::parse_target)?;
        let note = optional("note", input.note.as_deref(), Note::parse)?;
        let reason = optional("reason", input.reason.as_deref(), Reason::parse)?;

        let (stored, facts) = self.load(actor, id).await?;
        check_version(&stored, input.version)?;
        let action = lifecycle::action_for_target(stored.status, target).ok_or_else(|| {
            RequestError::InvalidTransition {
                allowed: policy::allowed_targets(actor, &facts),
            }
        })?;
        let to = authorize(actor, &stored, action)?;
        if lifecycle::requires_reason(action) && reason.is_none() {
            return Err(ValidationErrors::single("reason", Rule::Required).into());
        }
        let step = Step {
            action,
            to,
            note: note.and_then(|n| blank_is_none(n.into_inner())),
            reason: reason.map(Reason::into_inner),
            technician: None,
        };
        self.take(actor, &stored, step).await
    }

    /// Gives the request to an active technician: an assignment while SUBMITTED, a
    /// reassignment while ASSIGNED or IN_PROGRESS (work starts over, so it goes back to
    /// ASSIGNED).
    ///
    /// # Errors
    /// `NotFound`, `Forbidden`, `InvalidTransition`, `Validation` (`technicianId` missing,
    /// malformed, or not an active TECHNICIAN → `Rule::Unknown`), `AlreadyAssigned`
    /// when it is that technician's already, `VersionConflict`, `Store`.
    pub async fn assign(
        &self,
        actor: &Actor,
        id: RequestId,
        input: AssignInput,
    ) -> Result<Recorded, RequestError> {
        let (stored, _) = self.load(actor, id).await?;
        let action = if stored.status == Status::Submitted {
            Action::Assign
        } else {
            Action::Reassign
        };
        let to = authorize(actor, &stored, action)?;

        let technician = match well_formed::<UserId>(input.technician_id.as_deref()) {
            Some(tid) => Some(self.active_technician(tid).await?),
            None => None,
        };
        let mut refs = Refs::new();
        refs.note("technicianId", technician.as_ref());
        check_with(&input, &refs)?;
        let technician = found("technicianId", technician)?;
        let note = optional("note", input.note.as_deref(), Note::parse)?;
        if stored.assignee_id == Some(technician) {
            return Err(RequestError::AlreadyAssigned);
        }
        let step = Step {
            action,
            to,
            note: note.and_then(|n| blank_is_none(n.into_inner())),
            reason: None,
            technician: Some(technician),
        };
        self.take(actor, &stored, step).await
    }

    /// A technician takes an available request. Of several technicians racing for it,
    /// exactly one wins: the conditional update on the version they all read decides, and a
    /// loser inside that window gets `AlreadyAssigned`. A technician who reads
    /// the request after the winner committed can no longer see it and gets `NotFound`,
    /// exactly as for an id that does not exist (SPEC §1: nothing hidden leaks).
    ///
    /// # Errors
    /// `NotFound`, `Forbidden` (not a technician), `InvalidTransition`,
    /// `AlreadyAssigned`, `Store`.
    pub async fn self_assign(
        &self,
        actor: &Actor,
        id: RequestId,
    ) -> Result<Recorded, RequestError> {
        let (stored, to) = self.authorized(actor, id, Action::SelfAssign).await?;
        let step = Step {
            action: Action::SelfAssign,
            to,
            note: None,
            reason: None,
            technician: None,
        };
        match self.take(actor, &stored, step).await {
            Err(RequestError::VersionConflict) => Err(already_assigned()),
            other => other,
        }
    }

    /// Takes the request away from its technician and puts it back in the SUBMITTED pool.
    ///
    /// # Errors
    /// `NotFound`, `Forbidden`, `InvalidTransition`, `Validation` (note), `VersionConflict`,
    /// `Store`.
    pub async fn unassign(
        &self,
        actor: &Actor,
        id: RequestId,
        note: Option<String>,
    ) -> Result<Recorded, RequestError> {
        let (stored, to) = self.authorized(actor, id, Action::Unassign).await?;
        let note = note.as_deref();
        check(&UnassignInput { note })?;
        let note = optional("note", note, Note::parse)?;
        let step = Step {
            action: Action::Unassign,
            to,
            note: note.and_then(|n| blank_is_none(n.into_inner())),
            reason: None,
            technician: None,
        };
        self.take(actor, &stored, step).await
    }

    /// Stamps the milestone of `step`, records it on the timeline and commits both.
    async fn take(
        &self,
        actor: &Actor,
        stored: &MaintenanceRequest,
        step: Step,
    ) -> Result<Recorded, RequestError> {
        let now = self.clock.now();
        let mut change = RequestChange {
            status: Some(step.to),
            ..RequestChange::default()
        };
        let mut kind = EventKind::StatusChanged;
        let mut technician = None;
        match step.action {
            Action::Submit => {
                change.submitted_at = Some(now);
                change.due_at = Some(Some(self.due.due_at(stored.priority, now)));
            }
            Action::Assign | Action::Reassign | Action::SelfAssign => {
                let to = step.technician.unwrap_or(actor.id);
                change.assignee_id = Some(Some(to));
                change.assigned_at = Some(Some(now));
                kind = EventKind::Assigned;
                technician = Some(to);
            }
            Action::Unassign => {
                change.assignee_id = Some(None);
                change.assigned_at = Some(None);
                kind = EventKind::Unassigned;
                technician = stored.assignee_id;
            }
            Action::Start => change.started_at = Some(now),
            Action::Complete => change.completed_at = Some(Some(now)),
            Action::Close => change.closed_at = Some(now),
            // The work is not done after all, so it no longer counts as completed.
            Action::Reopen => change.completed_at = Some(None),
            _ => {}
        }
        if step.reason.is_some() {
            change.reason = Some(step.reason.clone());
        }
        // The timeline has one text per entry; the reason is what the other side must read.
        let note = match (step.reason, step.note) {
            (Some(reason), Some(note)) => Some(format!("{reason}\n{note}")),
            (reason, note) => reason.or(note),
        };
        let event = NewEvent {
            kind,
            actor_id: actor.id,
            from_status: Some(stored.status),
            to_status: Some(step.to),
            technician_id: technician,
            note,
            internal: false,
            at: now,
        };
        self.commit(stored, change, event).await
    }
}

fn already_assigned() -> RequestError {
    RequestError::AlreadyAssigned
}
