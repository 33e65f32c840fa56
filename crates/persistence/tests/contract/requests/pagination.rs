//! Keyset pages over a few hundred rows: each row exactly once, in order, also while new
//! requests arrive between pages.

use super::{World, all_pages, ids, oracle, query, t};
use basma_domain::model::{MaintenanceRequest, Priority, RequestId, Status};
use basma_domain::ports::{RequestFilter, RequestLists, RequestSort, Visibility};
use std::collections::BTreeSet;

async fn seed(w: &World, n: i64) -> Vec<MaintenanceRequest> {
    let mut all = Vec::new();
    for i in 0..n {
        // Ten requests per instant, so most pages end inside a run of equal sort keys.
        let mut new = if i % 9 == 4 {
            w.draft(w.alice, &format!("Draft {i}"), t(i / 10))
        } else {
            w.submitted(w.alice, &format!("Request {i}"), t(i / 10))
        };
        new.priority = Priority::ALL[(i % 4) as usize];
        if new.status != Status::Draft {
            new.due_at = Some(t(1000 + i % 7));
        }
        all.push(w.create(new).await);
    }
    all
}

contract! {
    fn paging_over_250_rows_returns_each_exactly_once_in_order(db) {
        let w = World::new(db).await;
        let all = seed(&w, 250).await;
        let visibility = Visibility::Own { viewer: w.alice };
        for sort in [
            RequestSort::CreatedDesc,
            RequestSort::CreatedAsc,
            RequestSort::PriorityDesc,
            RequestSort::DueAsc,
            RequestSort::UpdatedDesc,
        ] {
            let mut q = query(visibility.clone(), RequestFilter::default(), t(5000));
            q.sort = sort;
            q.limit = 7;
            q.include_total = false;
            let got = all_pages(&w.repo, q).await;
            let want = oracle::expected(&all, &visibility, &RequestFilter::default(), sort, t(5000));
            assert_eq!(want.len(), 250);
            assert_eq!(ids(&got), ids(&want), "{sort:?} on {}", db.backend);
        }
    }

    fn rows_inserted_between_pages_neither_repeat_nor_displace_others(db) {
        let w = World::new(db).await;
        let all = seed(&w, 250).await;
        let visibility = Visibility::Own { viewer: w.alice };
        let mut extra = 0;
        for sort in [RequestSort::CreatedDesc, RequestSort::CreatedAsc] {
            let mut q = query(visibility.clone(), RequestFilter::default(), t(5000));
            q.sort = sort;
            q.limit = 20;
            let mut got: Vec<RequestId> = Vec::new();
            loop {
                let page = w.repo.list(q.clone()).await.unwrap();
                got.extend(page.items.iter().map(|r| r.id));
                // Newer than anything so far, and one that ties with the oldest instant.
                extra += 1;
                w.create(w.submitted(w.alice, &format!("Arrived {extra}"), t(100 + extra))).await;
                w.create(w.submitted(w.alice, &format!("Tied {extra}"), t(0))).await;
                match page.next_cursor {
                    Some(cursor) => q.cursor = Some(cursor),
                    None => break,
                }
            }
            let unique: BTreeSet<_> = got.iter().collect();
            assert_eq!(unique.len(), got.len(), "no row twice ({sort:?})");
            let originals: BTreeSet<_> = all.iter().map(|r| r.id).collect();
            let seen_originals: Vec<_> = got.iter().copied().filter(|id| originals.contains(id)).collect();
            let want = oracle::expected(&all, &visibility, &RequestFilter::default(), sort, t(5000));
            assert_eq!(seen_originals, ids(&want), "{sort:?} on {}", db.backend);
        }
    }
}
