//! Comments, the per-request timeline with its internal entries, and the global event stream.

use super::{World, event, t};
use basma_domain::model::{Comment, CommentId, EventKind, NewEvent, RequestId, Status, UserId};
use basma_domain::ports::{
    ConflictOn, EventReplay, ReplayQuery, RepoError, RequestChange, RequestStore, Visibility,
};
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

port_contract! {
    fn internal_comments_and_their_events_are_left_out_unless_asked_for(ports) {
        let w = World::on(ports).await;
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
        assert_eq!(err, RepoError::Conflict(ConflictOn::Reference));
        assert_eq!(w.repo.events(request.id, true).await.unwrap().len(), 4);
    }

}

contract! {
    fn a_managers_replay_comes_in_sequence_order_with_the_requests_current_facts(db) {
        let w = World::new(db).await;
        let first = w.create(w.submitted(w.alice, "First", t(0))).await;
        let second = w.create(w.in_p2(w.submitted(w.bob, "Second", t(1)))).await;
        let assigned = w.assign(&first, w.tech, t(2)).await;
        let change = RequestChange { status: Some(Status::InProgress), started_at: Some(t(3)), ..RequestChange::default() };
        let (_, last) = w.change(&assigned, change, t(3)).await;

        let everything = |after, limit| ReplayQuery {
            visibility: Visibility::Everything { viewer: w.tech2 },
            after,
            include_internal: true,
            taken: false,
            limit,
        };
        let all = w.repo.replay_events(&everything(0, 100)).await.unwrap();
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

        let after_first = w.repo.replay_events(&everything(all[0].event.seq, 2)).await.unwrap();
        assert_eq!(after_first, all[1..3].to_vec());
        assert!(w.repo.replay_events(&everything(last.seq, 10)).await.unwrap().is_empty());
        assert_eq!(w.repo.last_event_seq().await.unwrap(), last.seq);
    }

    fn a_replay_reads_only_the_events_of_requests_the_viewer_may_see(db) {
        let w = World::new(db).await;
        let alices = w.create(w.submitted(w.alice, "Alice's", t(0))).await;
        let bobs = w.create(w.submitted(w.bob, "Bob's", t(1))).await;
        let change = RequestChange { status: Some(Status::Assigned), assignee_id: Some(Some(w.tech2)), assigned_at: Some(Some(t(2))), ..RequestChange::default() };
        let assigned = NewEvent { from_status: Some(Status::Submitted), to_status: Some(Status::Assigned), technician_id: Some(w.tech2), ..event(EventKind::Assigned, w.admin, t(2)) };
        w.repo.update(bobs.id, bobs.version, change, assigned).await.unwrap();
        let internal = comment(alices.id, w.tech2, "Staff only", true, t(3));
        w.repo.add_comment(internal, event(EventKind::Commented, w.tech2, t(3))).await.unwrap();
        let replay = |visibility, include_internal, taken| ReplayQuery { visibility, after: 0, include_internal, taken, limit: 100 };
        let requests = |events: Vec<basma_domain::ports::BusEvent>| {
            events.into_iter().map(|e| (e.event.request_id, e.event.kind)).collect::<Vec<_>>()
        };

        let alice = w.repo.replay_events(&replay(Visibility::Own { viewer: w.alice }, false, false)).await.unwrap();
        assert_eq!(requests(alice), [(alices.id, EventKind::Created)]);
        // The other technician sees Alice's request (available) and the taking of Bob's.
        let tech = w.repo.replay_events(&replay(Visibility::Technician { viewer: w.tech }, true, true)).await.unwrap();
        assert_eq!(
            requests(tech),
            [(alices.id, EventKind::Created), (bobs.id, EventKind::Assigned), (alices.id, EventKind::Commented)]
        );
        let tech2 = w.repo.replay_events(&replay(Visibility::Technician { viewer: w.tech2 }, true, false)).await.unwrap();
        assert_eq!(requests(tech2).len(), 4, "available, and the assigned one's two events");
    }

    fn the_replay_floor_is_the_last_event_written_a_window_before_the_given_one(db) {
        let w = World::new(db).await;
        let first = w.create(w.submitted(w.alice, "First", t(0))).await;
        let (_, at_10) = w.change(&first, RequestChange { title: Some("b".into()), ..RequestChange::default() }, t(10)).await;
        let (_, at_40) = w.change(&first, RequestChange { title: Some("c".into()), ..RequestChange::default() }, t(40)).await;
        let (_, at_45) = w.change(&first, RequestChange { title: Some("d".into()), ..RequestChange::default() }, t(45)).await;
        let window = chrono::Duration::seconds(30);
        assert_eq!(w.repo.replay_floor(at_45.seq, window).await.unwrap(), at_10.seq);
        assert_eq!(w.repo.replay_floor(at_40.seq, window).await.unwrap(), at_10.seq);
        assert_eq!(w.repo.replay_floor(at_10.seq, window).await.unwrap(), 0);
        assert_eq!(w.repo.replay_floor(at_45.seq + 100, window).await.unwrap(), at_10.seq);
        assert_eq!(w.repo.replay_floor(0, window).await.unwrap(), 0);
    }
}
