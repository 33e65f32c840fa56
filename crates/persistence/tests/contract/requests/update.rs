//! Conditional updates and draft deletes: stale versions, unknown ids and races.

use super::{World, event, t};

use basma_domain::model::{EventKind, NewEvent, RequestId, Status, UserId};
use basma_domain::ports::{ConflictOn, RepoError, RequestChange};

fn assign_to(technician: UserId, at: chrono::DateTime<chrono::Utc>) -> RequestChange {
    RequestChange {
        status: Some(Status::Assigned),
        assignee_id: Some(Some(technician)),
        assigned_at: Some(Some(at)),
        ..RequestChange::default()
    }
}

port_contract! {
    fn an_update_bumps_the_version_and_records_its_event(ports) {
        let w = World::on(ports).await;
        let request = w.create(w.submitted(w.alice, "Noisy fan", t(0))).await;
        let assigned = NewEvent {
            technician_id: Some(w.tech),
            note: Some("ملاحظة".into()),
            ..event(EventKind::Assigned, w.admin, t(60))
        };
        let (updated, stored) = w.repo.update(request.id, 1, assign_to(w.tech, t(60)), assigned).await.unwrap();
        assert_eq!(updated.version, 2);
        assert_eq!(updated.status, Status::Assigned);
        assert_eq!(updated.assignee_id, Some(w.tech));
        assert_eq!(updated.assigned_at, Some(t(60)));
        assert_eq!(updated.updated_at, t(60));
        assert_eq!((updated.title.as_str(), updated.created_at), ("Noisy fan", t(0)));
        assert_eq!(w.repo.get(request.id).await.unwrap(), updated);
        let events = w.repo.events(request.id, false).await.unwrap();
        assert_eq!(events.len(), 2);
        assert_eq!(events[1], stored);
        assert_eq!((stored.kind, stored.technician_id, stored.note.as_deref()), (EventKind::Assigned, Some(w.tech), Some("ملاحظة")));

        // Some(None) clears a field; a new priority moves its rank with it.
        let change = RequestChange {
            status: Some(Status::Submitted),
            assignee_id: Some(None),
            assigned_at: Some(None),
            location: Some(None),
            priority: Some(basma_domain::model::Priority::Urgent),
            rating: Some(5),
            feedback: Some(Some("ممتاز".into())),
            ..RequestChange::default()
        };
        let (cleared, _) = w.change(&updated, change, t(120)).await;
        assert_eq!((cleared.assignee_id, cleared.assigned_at, cleared.location), (None, None, None));
        assert_eq!(cleared.priority, basma_domain::model::Priority::Urgent);
        assert_eq!((cleared.rating, cleared.feedback.as_deref()), (Some(5), Some("ممتاز")));
        assert_eq!(cleared.version, 3);
    }

    fn a_stale_version_is_a_version_conflict_and_changes_nothing(ports) {
        let w = World::on(ports).await;
        let request = w.create(w.submitted(w.alice, "Cracked tile", t(0))).await;
        let moved = w.assign(&request, w.tech, t(10)).await;
        let stale = w.repo.update(
            request.id,
            1,
            RequestChange { title: Some("Changed".into()), ..RequestChange::default() },
            event(EventKind::Edited, w.admin, t(20)),
        ).await;
        assert_eq!(stale.unwrap_err(), RepoError::VersionConflict);
        assert_eq!(w.repo.get(request.id).await.unwrap(), moved);
        assert_eq!(w.repo.events(request.id, true).await.unwrap().len(), 2, "no event for the refused change");

        let unknown = w.repo.update(RequestId::new(), 1, RequestChange::default(), event(EventKind::Edited, w.admin, t(20))).await;
        assert_eq!(unknown.unwrap_err(), RepoError::NotFound);
        let ghost_assignee = w.repo.update(request.id, moved.version, assign_to(UserId::new(), t(30)), event(EventKind::Assigned, w.admin, t(30))).await;
        assert_eq!(ghost_assignee.unwrap_err(), RepoError::Conflict(ConflictOn::Reference));
        let ghost_category = RequestChange { category_id: Some(basma_domain::model::CategoryId::new()), ..RequestChange::default() };
        let refused = w.repo.update(request.id, moved.version, ghost_category, event(EventKind::Edited, w.admin, t(30))).await;
        assert_eq!(refused.unwrap_err(), RepoError::Conflict(ConflictOn::Reference));
        assert_eq!(w.repo.get(request.id).await.unwrap(), moved);
        assert_eq!(w.repo.events(request.id, true).await.unwrap().len(), 2);
    }

    fn exactly_one_of_twenty_concurrent_conditional_updates_wins(ports) {
        let w = World::on(ports).await;
        let request = w.create(w.submitted(w.alice, "Self-assign race", t(0))).await;
        let technicians = [w.tech, w.tech2];
        let mut tasks = Vec::new();
        for i in 0..20 {
            let repo = w.repo.clone();
            let technician = technicians[i % 2];
            let assigned = NewEvent { technician_id: Some(technician), ..event(EventKind::Assigned, technician, t(5)) };
            tasks.push(tokio::spawn(async move {
                repo.update(request.id, 1, assign_to(technician, t(5)), assigned).await
            }));
        }
        let mut winners = Vec::new();
        for task in tasks {
            match task.await.unwrap() {
                Ok((updated, _)) => winners.push(updated),
                Err(err) => assert_eq!(err, RepoError::VersionConflict, "{}", ports.backend),
            }
        }
        assert_eq!(winners.len(), 1, "{}", ports.backend);
        let stored = w.repo.get(request.id).await.unwrap();
        assert_eq!(stored, winners[0]);
        assert_eq!(stored.version, 2);
        assert_eq!(w.repo.events(request.id, true).await.unwrap().len(), 2);
    }

    fn a_draft_is_deleted_with_its_timeline_only_at_its_version(ports) {
        let w = World::on(ports).await;
        let draft = w.create(w.draft(w.alice, "Draft to delete", t(0))).await;
        let (edited, _) = w.change(&draft, RequestChange { title: Some("Edited draft".into()), ..RequestChange::default() }, t(1)).await;
        w.repo.add_comment(
            basma_domain::model::Comment {
                id: basma_domain::model::CommentId::new(),
                request_id: draft.id,
                author_id: w.alice,
                body: "note".into(),
                internal: false,
                created_at: t(2),
            },
            event(EventKind::Commented, w.alice, t(2)),
        ).await.unwrap();
        assert_eq!(w.repo.delete_draft(draft.id, 1).await.unwrap_err(), RepoError::VersionConflict);
        assert_eq!(w.repo.get(draft.id).await.unwrap(), edited);
        w.repo.delete_draft(draft.id, edited.version).await.unwrap();
        assert_eq!(w.repo.get(draft.id).await.unwrap_err(), RepoError::NotFound);
        assert!(w.repo.events(draft.id, true).await.unwrap().is_empty());
        assert!(w.repo.comments(draft.id, true).await.unwrap().is_empty());
        assert_eq!(w.repo.delete_draft(draft.id, edited.version).await.unwrap_err(), RepoError::NotFound);

        let submitted = w.create(w.submitted(w.alice, "Not a draft", t(3))).await;
        assert_eq!(w.repo.delete_draft(submitted.id, 1).await.unwrap_err(), RepoError::Conflict(ConflictOn::Status));
        assert_eq!(w.repo.get(submitted.id).await.unwrap(), submitted);
    }
}
