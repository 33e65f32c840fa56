//! Writing a request's content: creating it (as a draft or submitted), editing it, and
//! deleting a draft. Submission starts the due-time clock; a draft has none.

use super::fields::{blank_is_none, found, well_formed};
use super::{CreateRequestInput, EditInput, Recorded, RequestError, RequestService};
use crate::lifecycle::Action;
use crate::model::{
    AuditAction, AuditTarget, AuditTargetType, BuildingId, CategoryId, ChangeSet, Description,
    EventKind, Location, MaintenanceRequest, NewEvent, Priority, RequestId, Status, Title,
};
use crate::policy::Actor;
use crate::ports::{NewRequest, RequestChange};
use crate::services::audit::record_change;
use crate::validation::{Refs, check_with, optional, required, rules};

impl RequestService {
    /// Creates a request; every broken field is reported at once, including a category that
    /// is unknown or inactive and a building that does not exist (`Rule::Unknown`).
    ///
    /// # Errors
    /// `Validation`, `Conflict` when the store refuses a reference that vanished meanwhile,
    /// `Store`.
    pub async fn create(
        &self,
        actor: &Actor,
        input: CreateRequestInput,
    ) -> Result<Recorded, RequestError> {
        let category = match well_formed::<CategoryId>(input.category_id.as_deref()) {
            Some(id) => Some(self.usable_category(id).await?),
            None => None,
        };
        let building = match well_formed::<BuildingId>(input.building_id.as_deref()) {
            Some(id) => Some(self.known_building(id).await?),
            None => None,
        };
        let mut refs = Refs::new();
        refs.note("categoryId", category.as_ref());
        refs.note("buildingId", building.as_ref());
        check_with(&input, &refs)?;
        let title = required("title", input.title.as_deref(), Title::parse)?;
        let description = required(
            "description",
            input.description.as_deref(),
            Description::parse,
        )?;
        let category_id = found("categoryId", category)?;
        let priority = optional("priority", input.priority.as_deref(), rules::parse_priority)?;
        let building = found("buildingId", building)?;
        let location = optional("location", input.location.as_deref(), Location::parse)?;

        let priority = priority.unwrap_or(Priority::Medium);
        let now = self.clock.now();
        let (status, submitted_at, due_at) = if input.draft {
            (Status::Draft, None, None)
        } else {
            let due = self.due.due_at(priority, now);
            (Status::Submitted, Some(now), Some(due))
        };
        let request = NewRequest {
            id: RequestId::new(),
            title: title.into_inner(),
            description: description.into_inner(),
            category_id,
            priority,
            status,
            building_id: building.id,
            property_id: building.property_id,
            location: location.and_then(|l| blank_is_none(l.into_inner())),
            requester_id: actor.id,
            due_at,
            submitted_at,
            now,
        };
        let event = NewEvent {
            kind: EventKind::Created,
            actor_id: actor.id,
            from_status: None,
            to_status: Some(status),
            technician_id: None,
            note: None,
            internal: false,
            at: now,
        };
        let (request, event) = self.requests.create(request, event).await?;
        self.publish(&request, &event).await;
        Ok(Recorded { request, event })
    }

    /// Edits title, description, category, priority or location. A new priority moves the
    /// due time (counted from submission). Values equal to the stored ones are not changes;
    /// when nothing changes, the stored request comes back and no event is written.
    ///
    /// # Errors
    /// `NotFound`, `Forbidden`, `InvalidTransition` (final, or past SUBMITTED for the
    /// requester), `VersionConflict`, `Validation`, `Store`.
    pub async fn edit(
        &self,
        actor: &Actor,
        id: RequestId,
        input: EditInput,
    ) -> Result<MaintenanceRequest, RequestError> {
        let (stored, _) = self
            .authorized_at(actor, id, Action::Edit, input.version)
            .await?;

        // Keeping the current category is no change, even if it was deactivated since.
        let category = match well_formed::<CategoryId>(input.category_id.as_deref()) {
            Some(id) if id == stored.category_id => None,
            Some(id) => Some(self.usable_category(id).await?),
            None => None,
        };
        let mut refs = Refs::new();
        refs.note("categoryId", category.as_ref());
        check_with(&input, &refs)?;
        let title = optional("title", input.title.as_deref(), Title::parse)?;
        let description = optional(
            "description",
            input.description.as_deref(),
            Description::parse,
        )?;
        let category = category.map(|c| found("categoryId", Some(c))).transpose()?;
        let priority = optional("priority", input.priority.as_deref(), rules::parse_priority)?;
        let location = match input.location.as_ref() {
            None => None,
            Some(raw) => Some(
                optional("location", raw.as_deref(), Location::parse)?
                    .and_then(|l| blank_is_none(l.into_inner())),
            ),
        };

        let mut change = RequestChange::default();
        let mut changed = Vec::new();
        if let Some(title) = title.map(Title::into_inner)
            && title != stored.title
        {
            change.title = Some(title);
            changed.push("title");
        }
        if let Some(description) = description.map(Description::into_inner)
            && description != stored.description
        {
            change.description = Some(description);
            changed.push("description");
        }
        if let Some(category) = category {
            change.category_id = Some(category);
            changed.push("categoryId");
        }
        if let Some(priority) = priority
            && priority != stored.priority
        {
            change.priority = Some(priority);
            // A draft has no due time yet; submission sets it from the priority then.
            if let Some(submitted) = stored.submitted_at {
                change.due_at = Some(Some(self.due.due_at(priority, submitted)));
            }
            changed.push("priority");
        }
        if let Some(location) = location
            && location != stored.location
        {
            change.location = Some(location);
            changed.push("location");
        }
        if changed.is_empty() {
            return Ok(stored);
        }
        let audited = edit_changes(&stored, &change);

        let event = NewEvent {
            kind: EventKind::Edited,
            actor_id: actor.id,
            from_status: None,
            to_status: None,
            technician_id: None,
            note: Some(changed.join(", ")),
            internal: false,
            at: self.clock.now(),
        };
        let edited = self.commit(&stored, change, event).await?.request;
        let target = AuditTarget::new(AuditTargetType::Request, id.0);
        let at = self.clock.now();
        record_change(
            self.audit.as_ref(),
            AuditAction::RequestEdited,
            actor,
            target,
            audited,
            at,
        )
        .await;
        Ok(edited)
    }

    /// Deletes a draft with its timeline; anything submitted is cancelled or rejected instead.
    ///
    /// # Errors
    /// `NotFound`, `Forbidden`, `InvalidTransition` (not a draft), `VersionConflict`, `Store`.
    pub async fn delete_draft(
        &self,
        actor: &Actor,
        id: RequestId,
        version: Option<i32>,
    ) -> Result<(), RequestError> {
        let (stored, _) = self
            .authorized_at(actor, id, Action::DeleteDraft, version)
            .await?;
        Ok(self.requests.delete_draft(id, stored.version).await?)
    }
}

/// The old and new values of the fields an edit changes, by API name.
fn edit_changes(stored: &MaintenanceRequest, change: &RequestChange) -> ChangeSet {
    let mut set = ChangeSet::default();
    if let Some(title) = &change.title {
        set.diff("title", &stored.title, title);
    }
    if let Some(description) = &change.description {
        set.diff("description", &stored.description, description);
    }
    if let Some(category) = change.category_id {
        let (old, new) = (stored.category_id.to_string(), category.to_string());
        set.diff("categoryId", old.as_str(), new.as_str());
    }
    if let Some(priority) = change.priority {
        set.diff("priority", stored.priority.as_str(), priority.as_str());
    }
    if let Some(location) = &change.location {
        set.diff("location", stored.location.as_ref(), location.as_ref());
    }
    set
}
