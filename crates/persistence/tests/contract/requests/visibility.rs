//! Each role sees exactly what SPEC §1 allows, on every order and page size, and no filter
//! widens it.

use super::{World, all_pages, ids, oracle, query, t};
use basma_domain::model::{MaintenanceRequest, RequestId, Status};
use basma_domain::ports::{
    RequestChange, RequestFilter, RequestLists, RequestSort, RequestStore, Visibility,
};
use std::collections::BTreeSet;

const SORTS: [RequestSort; 5] = [
    RequestSort::CreatedDesc,
    RequestSort::CreatedAsc,
    RequestSort::PriorityDesc,
    RequestSort::DueAsc,
    RequestSort::UpdatedDesc,
];

struct Seeded {
    alice_draft: RequestId,
    alice_available: RequestId,
    alice_with_tech2: RequestId,
    bob_with_tech: RequestId,
    bob_draft: RequestId,
    bob_closed_by_tech: RequestId,
    tech_draft: RequestId,
    basma_own_in_p2: RequestId,
    admin_draft: RequestId,
    all: Vec<MaintenanceRequest>,
}

async fn seed(w: &World) -> Seeded {
    let alice_draft = w.create(w.draft(w.alice, "Alice draft", t(0))).await;
    let alice_available = w
        .create(w.submitted(w.alice, "Alice available", t(1)))
        .await;
    let alice_with_tech2 = w
        .create(w.submitted(w.alice, "Alice with tech2", t(2)))
        .await;
    let alice_with_tech2 = w.assign(&alice_with_tech2, w.tech2, t(20)).await;
    let bob_with_tech = w
        .create(w.in_p2(w.submitted(w.bob, "Bob with tech", t(3))))
        .await;
    w.assign(&bob_with_tech, w.tech, t(21)).await;
    let bob_draft = w.create(w.in_p2(w.draft(w.bob, "Bob draft", t(4)))).await;
    let bob_closed = w.create(w.submitted(w.bob, "Bob closed", t(5))).await;
    let bob_closed = w.assign(&bob_closed, w.tech, t(22)).await;
    let close = RequestChange {
        status: Some(Status::Closed),
        closed_at: Some(t(23)),
        ..RequestChange::default()
    };
    w.change(&bob_closed, close, t(23)).await;
    let tech_draft = w.create(w.in_p2(w.draft(w.tech, "Tech draft", t(6)))).await;
    let basma_own = w
        .create(w.in_p2(w.submitted(w.basma, "Basma own", t(7))))
        .await;
    let admin_draft = w.create(w.draft(w.admin, "Admin draft", t(8))).await;
    let ids = [
        alice_draft.id,
        alice_available.id,
        alice_with_tech2.id,
        bob_with_tech.id,
        bob_draft.id,
        bob_closed.id,
        tech_draft.id,
        basma_own.id,
        admin_draft.id,
    ];
    let mut all = Vec::new();
    for id in ids {
        all.push(w.repo.get(id).await.unwrap());
    }
    Seeded {
        alice_draft: ids[0],
        alice_available: ids[1],
        alice_with_tech2: ids[2],
        bob_with_tech: ids[3],
        bob_draft: ids[4],
        bob_closed_by_tech: ids[5],
        tech_draft: ids[6],
        basma_own_in_p2: ids[7],
        admin_draft: ids[8],
        all,
    }
}

async fn seen(w: &World, visibility: &Visibility, filter: RequestFilter) -> BTreeSet<RequestId> {
    let page = w
        .repo
        .list(query(visibility.clone(), filter, t(100)))
        .await
        .unwrap();
    assert_eq!(page.total, Some(page.items.len() as u64));
    page.items.iter().map(|r| r.id).collect()
}

contract! {
    fn each_role_sees_exactly_its_requests(db) {
        let w = World::new(db).await;
        let s = seed(&w).await;
        let customer = Visibility::Own { viewer: w.alice };
        assert_eq!(
            seen(&w, &customer, RequestFilter::default()).await,
            BTreeSet::from([s.alice_draft, s.alice_available, s.alice_with_tech2])
        );
        let technician = Visibility::Technician { viewer: w.tech };
        assert_eq!(
            seen(&w, &technician, RequestFilter::default()).await,
            BTreeSet::from([s.bob_with_tech, s.bob_closed_by_tech, s.alice_available, s.basma_own_in_p2, s.tech_draft])
        );
        let basma = Visibility::Properties { viewer: w.basma, property_ids: vec![w.p1] };
        assert_eq!(
            seen(&w, &basma, RequestFilter::default()).await,
            BTreeSet::from([s.alice_available, s.alice_with_tech2, s.bob_closed_by_tech, s.basma_own_in_p2])
        );
        let unmanaging = Visibility::Properties { viewer: w.basma, property_ids: vec![] };
        assert_eq!(seen(&w, &unmanaging, RequestFilter::default()).await, BTreeSet::from([s.basma_own_in_p2]));
        let admin = Visibility::Everything { viewer: w.admin };
        let everything = seen(&w, &admin, RequestFilter::default()).await;
        assert_eq!(everything.len(), 6);
        assert!(everything.contains(&s.admin_draft));
        for draft in [s.alice_draft, s.bob_draft, s.tech_draft] {
            assert!(!everything.contains(&draft), "someone else's draft");
        }
        // Asking for drafts shows only one's own.
        let drafts = RequestFilter { statuses: vec![Status::Draft], ..RequestFilter::default() };
        assert_eq!(seen(&w, &admin, drafts.clone()).await, BTreeSet::from([s.admin_draft]));
        assert_eq!(seen(&w, &basma, drafts).await, BTreeSet::new());
    }

    fn filters_never_widen_what_a_viewer_sees(db) {
        let w = World::new(db).await;
        let s = seed(&w).await;
        let customer = Visibility::Own { viewer: w.alice };
        let bobs = RequestFilter { requester_id: Some(w.bob), ..RequestFilter::default() };
        assert!(seen(&w, &customer, bobs).await.is_empty());
        let technician = Visibility::Technician { viewer: w.tech };
        let tech2s = RequestFilter { assignee_id: Some(w.tech2), ..RequestFilter::default() };
        assert!(seen(&w, &technician, tech2s).await.is_empty());
        let available = RequestFilter { available: true, ..RequestFilter::default() };
        assert_eq!(seen(&w, &technician, available).await, BTreeSet::from([s.alice_available, s.basma_own_in_p2]));
        let basma = Visibility::Properties { viewer: w.basma, property_ids: vec![w.p1] };
        let p2 = RequestFilter { property_id: Some(w.p2), ..RequestFilter::default() };
        assert_eq!(seen(&w, &basma, p2).await, BTreeSet::from([s.basma_own_in_p2]));
    }

    fn visibility_holds_on_every_order_and_page_size(db) {
        let w = World::new(db).await;
        let s = seed(&w).await;
        let mut many_properties: Vec<_> = (0..20).map(|_| basma_domain::model::PropertyId::new()).collect();
        many_properties.push(w.p2);
        let visibilities = [
            Visibility::Own { viewer: w.alice },
            Visibility::Technician { viewer: w.tech },
            Visibility::Technician { viewer: w.tech2 },
            Visibility::Properties { viewer: w.basma, property_ids: vec![w.p1, w.p2] },
            Visibility::Properties { viewer: w.basma, property_ids: vec![w.p1] },
            // Past the per-property branches: one `IN` list.
            Visibility::Properties { viewer: w.basma, property_ids: many_properties.clone() },
            Visibility::Everything { viewer: w.admin },
            Visibility::Everything { viewer: w.bob },
        ];
        for visibility in &visibilities {
            for sort in SORTS {
                for limit in [1, 2, 100] {
                    let mut q = query(visibility.clone(), RequestFilter::default(), t(100));
                    q.sort = sort;
                    q.limit = limit;
                    let got = all_pages(&w.repo, q).await;
                    let want = oracle::expected(&s.all, visibility, &RequestFilter::default(), sort, t(100));
                    assert_eq!(ids(&got), ids(&want), "{visibility:?} {sort:?} limit {limit} on {}", db.backend);
                }
            }
        }
    }
}
