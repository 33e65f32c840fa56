//! Every filter and every order of the list, paged, against the oracle.

use super::{World, all_pages, ids, oracle, query, t};
use basma_domain::model::{MaintenanceRequest, Priority, Status};
use basma_domain::ports::{
    RequestChange, RequestFilter, RequestLists, RequestSort, RequestStore, Visibility,
};
use chrono::Duration;

const SORTS: [RequestSort; 5] = [
    RequestSort::CreatedDesc,
    RequestSort::CreatedAsc,
    RequestSort::PriorityDesc,
    RequestSort::DueAsc,
    RequestSort::UpdatedDesc,
];

/// Sixteen requests spread over requesters, priorities, categories, properties, statuses and
/// due times; pairs share a creation time so the id tie-break matters.
async fn seed(w: &World) -> Vec<MaintenanceRequest> {
    let mut ids = Vec::new();
    for i in 0..16_i64 {
        let requester = if i % 2 == 0 { w.alice } else { w.bob };
        let title = if i % 3 == 0 {
            format!("Water LEAK {i}")
        } else {
            format!("Noise {i}")
        };
        let at = t(i / 2 * 10);
        let mut new = if i % 5 == 3 {
            w.draft(requester, &title, at)
        } else {
            w.submitted(requester, &title, at)
        };
        if i % 2 == 1 {
            new = w.in_p2(new);
        }
        new.priority = Priority::ALL[(i % 4) as usize];
        if i % 3 == 1 {
            new.category_id = w.cat2;
        }
        if new.status != Status::Draft {
            new.due_at = Some(t(i * 100));
        }
        let created = w.create(new).await;
        let later = t(1000 + (15 - i) * 7);
        match i % 5 {
            0 => {
                w.assign(&created, w.tech, later).await;
            }
            1 => {
                let assigned = w.assign(&created, w.tech2, later).await;
                let start = RequestChange {
                    status: Some(Status::InProgress),
                    started_at: Some(later + Duration::seconds(1)),
                    ..RequestChange::default()
                };
                w.change(&assigned, start, later + Duration::seconds(1))
                    .await;
            }
            2 => {
                let close = RequestChange {
                    status: Some(Status::Closed),
                    closed_at: Some(later),
                    ..RequestChange::default()
                };
                w.change(&created, close, later).await;
            }
            _ => {}
        }
        ids.push(created.id);
    }
    let mut all = Vec::new();
    for id in ids {
        all.push(w.repo.get(id).await.unwrap());
    }
    all
}

fn filters(w: &World) -> Vec<RequestFilter> {
    let none = RequestFilter::default();
    vec![
        none.clone(),
        RequestFilter {
            statuses: vec![Status::Submitted],
            ..none.clone()
        },
        RequestFilter {
            statuses: vec![Status::Assigned, Status::InProgress],
            ..none.clone()
        },
        RequestFilter {
            statuses: vec![Status::Draft],
            ..none.clone()
        },
        RequestFilter {
            priority: Some(Priority::High),
            ..none.clone()
        },
        RequestFilter {
            category_id: Some(w.cat2),
            ..none.clone()
        },
        RequestFilter {
            property_id: Some(w.p2),
            ..none.clone()
        },
        RequestFilter {
            building_id: Some(w.b1),
            ..none.clone()
        },
        RequestFilter {
            assignee_id: Some(w.tech),
            ..none.clone()
        },
        RequestFilter {
            requester_id: Some(w.bob),
            ..none.clone()
        },
        RequestFilter {
            q: Some("leak".into()),
            ..none.clone()
        },
        RequestFilter {
            q: Some("  MR-2026-00001".into()),
            ..none.clone()
        },
        RequestFilter {
            created_from: Some(t(20)),
            ..none.clone()
        },
        RequestFilter {
            created_to: Some(t(40)),
            ..none.clone()
        },
        RequestFilter {
            created_from: Some(t(20)),
            created_to: Some(t(40)),
            ..none.clone()
        },
        RequestFilter {
            overdue: true,
            ..none.clone()
        },
        RequestFilter {
            available: true,
            ..none.clone()
        },
        RequestFilter {
            statuses: vec![Status::Submitted, Status::Closed],
            property_id: Some(w.p1),
            priority: Some(Priority::Low),
            ..none.clone()
        },
    ]
}

contract! {
    fn every_filter_and_order_matches_the_oracle_across_pages(db) {
        let w = World::new(db).await;
        let all = seed(&w).await;
        let now = t(750);
        // Alice's view of everything: all submitted requests plus her own drafts, so the
        // rows without a due time are part of the "due soonest" order.
        let visibility = Visibility::Everything { viewer: w.alice };
        for filter in filters(&w) {
            let want_count = oracle::expected(&all, &visibility, &filter, RequestSort::CreatedDesc, now).len();
            for sort in SORTS {
                let mut q = query(visibility.clone(), filter.clone(), now);
                q.sort = sort;
                q.limit = 3;
                let want = oracle::expected(&all, &visibility, &filter, sort, now);
                let got = all_pages(&w.repo, q.clone()).await;
                assert_eq!(ids(&got), ids(&want), "{filter:?} {sort:?} on {}", db.backend);
                let first = w.repo.list(q).await.unwrap();
                assert_eq!(first.total, Some(want_count as u64));
            }
        }
    }

    fn the_due_order_puts_requests_without_a_due_time_last(db) {
        let w = World::new(db).await;
        let all = seed(&w).await;
        let mut q = query(Visibility::Everything { viewer: w.alice }, RequestFilter::default(), t(750));
        q.sort = RequestSort::DueAsc;
        q.limit = 2;
        let got = all_pages(&w.repo, q).await;
        let first_undue = got.iter().position(|r| r.due_at.is_none()).unwrap();
        assert!(got[first_undue..].iter().all(|r| r.due_at.is_none()));
        assert!(got[..first_undue].windows(2).all(|p| p[0].due_at <= p[1].due_at));
        assert_eq!(got.len(), all.iter().filter(|r| r.status != Status::Draft || r.requester_id == w.alice).count());
    }

    fn a_cursor_of_another_order_yields_an_empty_page(db) {
        let w = World::new(db).await;
        seed(&w).await;
        let mut q = query(Visibility::Everything { viewer: w.admin }, RequestFilter::default(), t(750));
        q.limit = 2;
        let first = w.repo.list(q.clone()).await.unwrap();
        q.cursor = first.next_cursor.clone();
        assert!(q.cursor.is_some());
        q.sort = RequestSort::PriorityDesc;
        let page = w.repo.list(q).await.unwrap();
        assert!(page.items.is_empty());
        assert_eq!(page.next_cursor, None);
        assert_eq!(page.total, first.total);
    }
}
