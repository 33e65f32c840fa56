//! Comments, the per-request timeline with its internal entries, and the global event stream.

use super::{World, event, t};
use basma_domain::model::{Comment, CommentId, EventKind, RequestId, Status, UserId};
use basma_domain::ports::{RepoError, RequestChange, RequestRepository};
use chrono::{DateTime, Utc};

fn comment(
    request_id: RequestId,
    author: UserId,
    body: &str,
    internal: bool,
    at: DateTime<Utc>,
) -> Comment {
    Comment {
        id: CommentId::new(),
        request_id,
        author_id: author,
        body: body.into(),
        internal,
        created_at: at,
    }
}

contract! {
    fn internal_comments_and_their_events_are_left_out_unless_asked_for(db) {
        let w = World::new(db).await;
        let request = w.create(w.submitted(w.alice, "Door lock", t(0))).await;
        let public = comment(request.id, w.alice, "متى سيأتي الفني؟", false, t(10));
        let (stored, public_event) = w.repo
            .add_comment(public.clone(), event(EventKind::Commented, w.alice, t(10)))
            .await
            .unwrap();
        assert_eq!(stored, public);
        assert_eq!((public_event.kind, public_event.comment_id, public_event.internal), (EventKind::Commented, Some(public.id), false));
        // The caller forgot to mark the event internal; the comment's flag wins.
        let staff = comment(request.id, w.admin, "Customer called twice", true, t(20));
        let (_, staff_event) = w.repo
            .add_comment(staff.clone(), event(EventKind::Commented, w.admin, t(20)))
            .await
            .unwrap();
        assert!(staff_event.internal);
        let later = comment(request.id, w.tech, "On my way", false, t(30));
        w.repo.add_comment(later.clone(), event(EventKind::Commented, w.tech, t(30))).await.unwrap();

        assert_eq!(w.repo.comments(request.id, false).await.unwrap(), vec![public.clone(), later.clone()]);
        assert_eq!(w.repo.comments(request.id, true).await.unwrap(), vec![public, staff.clone(), later]);
        let visible = w.repo.events(request.id, false).await.unwrap();
        assert_eq!(visible.len(), 3, "created + two public comments");
        assert!(visible.iter().all(|e| !e.internal));
        assert!(visible.windows(2).all(|p| p[0].seq < p[1].seq));
        let all = w.repo.events(request.id, true).await.unwrap();
        assert_eq!(all.len(), 4);
        assert_eq!(all[2], staff_event);
        assert_eq!(all[2].comment_id, Some(staff.id));

        let orphan = comment(RequestId::new(), w.alice, "Nobody home", false, t(40));
        let err = w.repo.add_comment(orphan, event(EventKind::Commented, w.alice, t(40))).await.unwrap_err();
        assert_eq!(err, RepoError::NotFound);
        let ghost_author = comment(request.id, UserId::new(), "Who?", false, t(40));
        let err = w.repo.add_comment(ghost_author, event(EventKind::Commented, w.alice, t(40))).await.unwrap_err();
        assert_eq!(err, RepoError::Conflict("reference".into()));
        assert_eq!(w.repo.events(request.id, true).await.unwrap().len(), 4);
    }

    fn events_after_come_in_sequence_order_with_their_requests_current_facts(db) {
        let w = World::new(db).await;
        let first = w.create(w.submitted(w.alice, "First", t(0))).await;
        let second = w.create(w.in_p2(w.submitted(w.bob, "Second", t(1)))).await;
        let assigned = w.assign(&first, w.tech, t(2)).await;
        let change = RequestChange { status: Some(Status::InProgress), started_at: Some(t(3)), ..RequestChange::default() };
        let (_, last) = w.change(&assigned, change, t(3)).await;

        let all = w.repo.events_after(0, 100).await.unwrap();
        assert_eq!(all.len(), 4);
        assert!(all.windows(2).all(|p| p[0].event.seq < p[1].event.seq));
        assert_eq!(all.last().unwrap().event, last);
        let about_first: Vec<_> = all.iter().filter(|e| e.event.request_id == first.id).collect();
        assert_eq!(about_first.len(), 3);
        for e in &about_first {
            // Current facts, not those at the time of the event.
            assert_eq!((e.status, e.assignee_id, e.requester_id), (Status::InProgress, Some(w.tech), w.alice));
            assert_eq!((e.reference.as_str(), e.property_id), (first.reference.as_str(), w.p1));
        }
        let about_second = all.iter().find(|e| e.event.request_id == second.id).unwrap();
        assert_eq!((about_second.status, about_second.property_id), (Status::Submitted, w.p2));

        let after_first = w.repo.events_after(all[0].event.seq, 2).await.unwrap();
        assert_eq!(after_first, all[1..3].to_vec());
        assert!(w.repo.events_after(last.seq, 10).await.unwrap().is_empty());
    }
}
