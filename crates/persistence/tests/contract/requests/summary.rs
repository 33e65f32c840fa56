//! Report figures on a small scenario, against figures computed here from the stored rows.

use super::oracle::{close, matches, mean, median, seconds, visible};
use super::{World, t};
use basma_domain::model::{CategoryId, MaintenanceRequest, Priority, Status, UserId};
use basma_domain::ports::{
    ReportSummary, RequestChange, RequestFilter, RequestReports, RequestStore, TechnicianFigures,
    Visibility,
};
use chrono::{DateTime, Utc};
use std::collections::BTreeMap;

async fn seed(w: &World) -> Vec<MaintenanceRequest> {
    let mut ids = Vec::new();

    let mut new = w.submitted(w.alice, "Closed high", t(0));
    new.priority = Priority::High;
    let r = w.create(new).await;
    let r = w.assign(&r, w.tech, t(100)).await;
    let done = RequestChange {
        status: Some(Status::Closed),
        started_at: Some(t(150)),
        completed_at: Some(Some(t(1000))),
        closed_at: Some(t(1100)),
        rating: Some(4),
        ..RequestChange::default()
    };
    ids.push(w.change(&r, done, t(1100)).await.0.id);

    let mut new = w.submitted(w.bob, "Completed low", t(0));
    new.priority = Priority::Low;
    new.category_id = w.cat2;
    let r = w.create(new).await;
    let r = w.assign(&r, w.tech, t(300)).await;
    let done = RequestChange {
        status: Some(Status::Completed),
        completed_at: Some(Some(t(2000))),
        rating: Some(2),
        ..RequestChange::default()
    };
    ids.push(w.change(&r, done, t(2000)).await.0.id);

    let mut new = w.in_p2(w.submitted(w.alice, "Overdue urgent", t(10)));
    new.priority = Priority::Urgent;
    new.due_at = Some(t(500));
    let r = w.create(new).await;
    let r = w.assign(&r, w.tech2, t(60)).await;
    let start = RequestChange {
        status: Some(Status::InProgress),
        started_at: Some(t(70)),
        ..RequestChange::default()
    };
    ids.push(w.change(&r, start, t(70)).await.0.id);

    let mut new = w.in_p2(w.submitted(w.bob, "Waiting", t(20)));
    new.due_at = Some(t(20_000));
    ids.push(w.create(new).await.id);

    ids.push(w.create(w.draft(w.alice, "Alice's draft", t(25))).await.id);

    let r = w.create(w.submitted(w.bob, "Cancelled", t(30))).await;
    let cancel = RequestChange {
        status: Some(Status::Cancelled),
        reason: Some(Some("لم يعد مطلوبا".into())),
        ..RequestChange::default()
    };
    ids.push(w.change(&r, cancel, t(40)).await.0.id);

    ids.push(w.create(w.draft(w.admin, "Admin's draft", t(50))).await.id);

    let mut all = Vec::new();
    for id in ids {
        all.push(w.repo.get(id).await.unwrap());
    }
    all
}

fn expected(rows: &[&MaintenanceRequest], now: DateTime<Utc>) -> ReportSummary {
    let count =
        |f: &dyn Fn(&MaintenanceRequest) -> bool| rows.iter().filter(|r| f(r)).count() as u64;
    let open: Vec<_> = rows.iter().filter(|r| r.status.is_open()).collect();
    let ages: Vec<f64> = open
        .iter()
        .map(|r| seconds(r.submitted_at.unwrap_or(r.created_at), now))
        .collect();
    let assign: Vec<f64> = rows
        .iter()
        .filter_map(|r| Some(seconds(r.submitted_at?, r.assigned_at?)))
        .collect();
    let resolve: Vec<f64> = rows
        .iter()
        .filter_map(|r| Some(seconds(r.submitted_at?, r.completed_at?)))
        .collect();
    let ratings: Vec<f64> = rows
        .iter()
        .filter_map(|r| r.rating.map(f64::from))
        .collect();
    let mut categories: BTreeMap<CategoryId, u64> = BTreeMap::new();
    let mut technicians: BTreeMap<UserId, Vec<&MaintenanceRequest>> = BTreeMap::new();
    for r in rows {
        *categories.entry(r.category_id).or_default() += 1;
        if let Some(a) = r.assignee_id {
            technicians.entry(a).or_default().push(r);
        }
    }
    let mut by_category: Vec<_> = categories.into_iter().collect();
    by_category.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut technicians: Vec<_> = technicians
        .into_iter()
        .map(|(id, rs)| TechnicianFigures {
            technician_id: id,
            assigned: rs.len() as u64,
            completed: rs.iter().filter(|r| r.completed_at.is_some()).count() as u64,
            resolve_mean_seconds: mean(
                &rs.iter()
                    .filter_map(|r| Some(seconds(r.submitted_at?, r.completed_at?)))
                    .collect::<Vec<_>>(),
            ),
        })
        .collect();
    technicians.sort_by(|a, b| {
        b.assigned
            .cmp(&a.assigned)
            .then(a.technician_id.cmp(&b.technician_id))
    });
    ReportSummary {
        total: rows.len() as u64,
        by_status: Status::ALL
            .into_iter()
            .map(|s| (s, count(&|r| r.status == s)))
            .collect(),
        by_priority: Priority::ALL
            .into_iter()
            .map(|p| (p, count(&|r| r.priority == p)))
            .collect(),
        by_category,
        open_backlog: open.len() as u64,
        backlog_mean_age_seconds: mean(&ages),
        backlog_max_age_seconds: ages.iter().copied().reduce(f64::max),
        overdue: count(&|r| r.status.is_open() && r.due_at.is_some_and(|d| d < now)),
        assign_mean_seconds: mean(&assign),
        assign_median_seconds: median(&assign),
        resolve_mean_seconds: mean(&resolve),
        resolve_median_seconds: median(&resolve),
        technicians,
        mean_rating: mean(&ratings),
        ratings: ratings.len() as u64,
    }
}

fn assert_same(actual: &ReportSummary, expected: &ReportSummary, context: &str) {
    assert_eq!(
        (
            actual.total,
            &actual.by_status,
            &actual.by_priority,
            &actual.by_category
        ),
        (
            expected.total,
            &expected.by_status,
            &expected.by_priority,
            &expected.by_category
        ),
        "{context}"
    );
    assert_eq!(
        (actual.open_backlog, actual.overdue, actual.ratings),
        (expected.open_backlog, expected.overdue, expected.ratings),
        "{context}"
    );
    for (name, a, e) in [
        (
            "backlog mean",
            actual.backlog_mean_age_seconds,
            expected.backlog_mean_age_seconds,
        ),
        (
            "backlog max",
            actual.backlog_max_age_seconds,
            expected.backlog_max_age_seconds,
        ),
        (
            "assign mean",
            actual.assign_mean_seconds,
            expected.assign_mean_seconds,
        ),
        (
            "assign median",
            actual.assign_median_seconds,
            expected.assign_median_seconds,
        ),
        (
            "resolve mean",
            actual.resolve_mean_seconds,
            expected.resolve_mean_seconds,
        ),
        (
            "resolve median",
            actual.resolve_median_seconds,
            expected.resolve_median_seconds,
        ),
        ("mean rating", actual.mean_rating, expected.mean_rating),
    ] {
        assert!(close(a, e), "{name}: {a:?} != {e:?} ({context})");
    }
    assert_eq!(
        actual.technicians.len(),
        expected.technicians.len(),
        "{context}"
    );
    for (a, e) in actual.technicians.iter().zip(&expected.technicians) {
        assert_eq!(
            (a.technician_id, a.assigned, a.completed),
            (e.technician_id, e.assigned, e.completed),
            "{context}"
        );
        assert!(
            close(a.resolve_mean_seconds, e.resolve_mean_seconds),
            "{context}"
        );
    }
}

contract! {
    fn summary_figures_equal_the_ones_computed_from_the_rows(db) {
        let w = World::new(db).await;
        let all = seed(&w).await;
        let now = t(10_000);
        let cases = [
            (Visibility::Everything { viewer: w.admin }, RequestFilter::default()),
            (Visibility::Properties { viewer: w.basma, property_ids: vec![w.p1] }, RequestFilter::default()),
            (Visibility::Everything { viewer: w.admin }, RequestFilter { property_id: Some(w.p2), ..RequestFilter::default() }),
            (Visibility::Everything { viewer: w.admin }, RequestFilter { created_from: Some(t(5)), created_to: Some(t(30)), ..RequestFilter::default() }),
            (Visibility::Own { viewer: w.bob }, RequestFilter::default()),
            (Visibility::Technician { viewer: w.tech2 }, RequestFilter::default()),
        ];
        for (visibility, filter) in cases {
            let rows: Vec<_> = all.iter().filter(|r| visible(&visibility, r) && matches(&filter, r, now)).collect();
            let actual = w.repo.summary(visibility.clone(), filter.clone(), now).await.unwrap();
            assert_same(&actual, &expected(&rows, now), &format!("{visibility:?} {filter:?} on {}", db.backend));
        }
        // Spot checks of the scenario itself, so the oracle cannot be wrong in the same way.
        let admin = w.repo.summary(Visibility::Everything { viewer: w.admin }, RequestFilter::default(), now).await.unwrap();
        assert_eq!(admin.total, 6);
        assert_eq!((admin.open_backlog, admin.overdue), (3, 1));
        assert_eq!(admin.assign_median_seconds, Some(100.0));
        assert_eq!(admin.resolve_median_seconds, Some(1500.0));
        assert_eq!((admin.mean_rating, admin.ratings), (Some(3.0), 2));
    }

    fn an_empty_scope_has_zero_counts_and_no_means(db) {
        let w = World::new(db).await;
        let summary = w.repo.summary(Visibility::Own { viewer: w.alice }, RequestFilter::default(), t(0)).await.unwrap();
        assert_eq!(summary.total, 0);
        assert!(summary.by_status.iter().all(|(_, n)| *n == 0));
        assert_eq!(summary.by_priority.len(), 4);
        assert!(summary.by_category.is_empty() && summary.technicians.is_empty());
        assert_eq!((summary.assign_mean_seconds, summary.assign_median_seconds, summary.mean_rating), (None, None, None));
    }

    fn count_by_status_counts_every_request(db) {
        let w = World::new(db).await;
        seed(&w).await;
        let counts: BTreeMap<_, _> = w.repo.count_by_status().await.unwrap().into_iter().collect();
        assert_eq!(counts.len(), 8);
        assert_eq!(counts[&Status::Draft], 2);
        assert_eq!(counts[&Status::Closed], 1);
        assert_eq!(counts[&Status::Submitted], 1);
        assert_eq!(counts.values().sum::<u64>(), 7);
    }
}
