//! Creating requests: references, the CREATED event, foreign keys, and Arabic text.

use super::{World, event, ids, query, t};

use basma_domain::model::{EventKind, NewEvent, RequestId, Status};
use basma_domain::ports::{
    ConflictOn, RepoError, RequestFilter, RequestLists, RequestStore, Visibility,
};
use chrono::{TimeZone, Utc};
use std::collections::BTreeSet;

port_contract! {
    fn a_created_request_reads_back_with_its_reference_and_created_event(ports) {
        let w = World::on(ports).await;
        let new = w.submitted(w.alice, "Leaking tap", t(0));
        let created_event = NewEvent { to_status: Some(Status::Submitted), ..event(EventKind::Created, w.alice, t(0)) };
        let (request, stored) = w.repo.create(new.clone(), created_event.clone()).await.unwrap();
        assert_eq!(request.reference, "MR-2026-000001");
        assert_eq!(request.version, 1);
        assert_eq!(request.status, Status::Submitted);
        assert_eq!((request.created_at, request.updated_at), (t(0), t(0)));
        assert_eq!(request.due_at, new.due_at);
        assert_eq!(request.assignee_id, None);
        assert_eq!(w.repo.get(request.id).await.unwrap(), request);
        assert!(stored.seq > 0);
        assert_eq!((stored.kind, stored.request_id, stored.to_status), (EventKind::Created, request.id, Some(Status::Submitted)));
        assert_eq!(w.repo.events(request.id, true).await.unwrap(), vec![stored.clone()]);

        let second = w.create(w.draft(w.bob, "Broken door", t(1))).await;
        assert_eq!(second.reference, "MR-2026-000002");
        let next_year = Utc.with_ymd_and_hms(2027, 1, 1, 0, 0, 0).unwrap();
        let third = w.create(w.submitted(w.bob, "New year", next_year)).await;
        assert_eq!(third.reference, "MR-2027-000001");
        let fourth = w.create(w.submitted(w.bob, "Still 2026", t(2))).await;
        assert_eq!(fourth.reference, "MR-2026-000003");
        assert_eq!(w.repo.get(RequestId::new()).await.unwrap_err(), RepoError::NotFound);
    }

    fn fifty_concurrent_creates_take_fifty_consecutive_references(ports) {
        let w = World::on(ports).await;
        let mut tasks = Vec::new();
        for i in 0..50 {
            let repo = w.repo.clone();
            let new = w.submitted(w.alice, &format!("Request {i}"), t(i));
            let created = event(EventKind::Created, w.alice, t(i));
            tasks.push(tokio::spawn(async move { repo.create(new, created).await }));
        }
        let mut references = BTreeSet::new();
        let mut seqs = BTreeSet::new();
        let mut created = Vec::new();
        for task in tasks {
            let (request, stored) = task.await.unwrap().unwrap();
            references.insert(request.reference.clone());
            seqs.insert(stored.seq);
            created.push(request);
        }
        let expected: BTreeSet<_> = (1..=50).map(|n| format!("MR-2026-{n:06}")).collect();
        assert_eq!(references, expected, "{}", ports.backend);
        assert_eq!(seqs.len(), 50);
        for request in created {
            assert_eq!(w.repo.get(request.id).await.unwrap(), request);
        }
    }

    fn an_unknown_category_building_or_requester_is_a_reference_conflict_and_uses_no_number(ports) {
        let w = World::on(ports).await;
        let mut bad_category = w.submitted(w.alice, "Bad category", t(0));
        bad_category.category_id = basma_domain::model::CategoryId::new();
        let mut bad_building = w.submitted(w.alice, "Bad building", t(0));
        bad_building.building_id = basma_domain::model::BuildingId::new();
        let ghost = basma_domain::model::UserId::new();
        let bad_requester = w.submitted(ghost, "Bad requester", t(0));
        for new in [bad_category, bad_building, bad_requester] {
            let actor = new.requester_id;
            let err = w.repo.create(new, event(EventKind::Created, actor, t(0))).await.unwrap_err();
            assert_eq!(err, RepoError::Conflict(ConflictOn::Reference), "{}", ports.backend);
        }
        // The failed creates rolled their numbers back with them.
        let ok = w.create(w.submitted(w.alice, "Good", t(1))).await;
        assert_eq!(ok.reference, "MR-2026-000001");
    }

}

contract! {
    fn arabic_text_round_trips_byte_for_byte_and_is_found_by_q(db) {
        let w = World::new(db).await;
        let title = "تسرّب مياه في المطبخ 🚰";
        let description = "يوجد تسرّب مستمر أسفل حوض المطبخ منذ يومين، والأرضية مبتلّة — الرجاء الإسراع.";
        let mut new = w.submitted(w.alice, title, t(0));
        new.description = description.into();
        new.location = Some("الشقة ١٢، الدور الثالث".into());
        let created = w.create(new).await;
        let other = w.create(w.submitted(w.alice, "Broken window", t(1))).await;
        let stored = w.repo.get(created.id).await.unwrap();
        assert_eq!(stored.title.as_bytes(), title.as_bytes());
        assert_eq!(stored.description.as_bytes(), description.as_bytes());
        assert_eq!(stored.location.as_deref(), Some("الشقة ١٢، الدور الثالث"));
        let everything = Visibility::Everything { viewer: w.admin };
        for q in ["تسرّب", "حوض المطبخ", "MR-2026-000001", "mr-2026-000001", "🚰"] {
            let filter = RequestFilter { q: Some(q.into()), ..RequestFilter::default() };
            let page = w.repo.list(query(everything.clone(), filter, t(5))).await.unwrap();
            assert_eq!(ids(&page.items), vec![created.id], "q = {q} on {}", db.backend);
        }
        let filter = RequestFilter { q: Some("WINDOW".into()), ..RequestFilter::default() };
        let page = w.repo.list(query(everything.clone(), filter, t(5))).await.unwrap();
        assert_eq!(ids(&page.items), vec![other.id]);
        // LIKE wildcards in the search text match only themselves.
        let filter = RequestFilter { q: Some("%".into()), ..RequestFilter::default() };
        let page = w.repo.list(query(everything, filter, t(5))).await.unwrap();
        assert!(page.items.is_empty());
    }
}
