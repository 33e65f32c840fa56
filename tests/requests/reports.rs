//! Reports: the summary's figures on a seeded scenario equal what the test computes itself
//! from the requests it reads, scoped like visibility; the CSV parses and matches the list.

use super::figures::{assert_csv_matches_list, assert_summary};
use super::world::{Keep, facts, rfc3339};
use basma_domain::policy::can_view;
use basma_e2e::harness::fixtures::{Person, Place};
use basma_e2e::harness::{Backend, TestApp};
use chrono::{DateTime, Utc};
use reqwest::Method;
use serde_json::{Value, json};
use std::time::Duration;

/// One scripted request: where, by whom, how far it goes, and the pauses between steps.
struct Script {
    place: usize,
    requester: usize,
    priority: &'static str,
    category: &'static str,
    steps: &'static [&'static str],
    assignee: usize,
    rating: Option<u8>,
}

async fn play(
    app: &TestApp,
    admin: &str,
    people: &[Person],
    places: &[Place],
    s: &Script,
    pause: u64,
) -> String {
    let requester = &people[s.requester];
    let mut place = places[s.place].clone();
    place.category = app.category(admin, s.category).await;
    let draft = s.steps.first() == Some(&"DRAFT");
    let extra = json!({"priority": s.priority, "draft": draft, "location": "Flat 3, \"north\" wing — الشقة ٣"});
    let created = app
        .new_request(&requester.token, &place, "Fault, \"urgent\" maybe", extra)
        .await;
    let id = created["id"].as_str().unwrap().to_owned();
    for step in s.steps.iter().filter(|s| **s != "DRAFT") {
        tokio::time::sleep(Duration::from_millis(pause)).await;
        match *step {
            "ASSIGNED" => drop(app.assign_to(admin, &id, &people[s.assignee].id).await),
            "REOPEN" => drop(app.move_to(&requester.token, &id, "IN_PROGRESS").await),
            status => drop(app.move_to(admin, &id, status).await),
        }
    }
    if let Some(score) = s.rating {
        let path = format!("/api/v1/requests/{id}/rating");
        app.expect(
            Method::POST,
            &path,
            &requester.token,
            Some(&json!({"score": score})),
            200,
        )
        .await;
    }
    id
}

const SCRIPTS: [Script; 12] = {
    const fn s(
        place: usize,
        requester: usize,
        priority: &'static str,
        category: &'static str,
        steps: &'static [&'static str],
        assignee: usize,
        rating: Option<u8>,
    ) -> Script {
        Script {
            place,
            requester,
            priority,
            category,
            steps,
            assignee,
            rating,
        }
    }
    const DONE: &[&str] = &["ASSIGNED", "IN_PROGRESS", "COMPLETED"];
    const CLOSED: &[&str] = &["ASSIGNED", "IN_PROGRESS", "COMPLETED", "CLOSED"];
    // people: 0, 1 customers; 2, 3, 4 technicians; 5 the maintenance admin who reads.
    [
        s(0, 0, "URGENT", "PLUMBING", &[], 0, None),
        s(0, 1, "HIGH", "ELECTRICAL", &["ASSIGNED"], 2, None),
        s(
            1,
            0,
            "MEDIUM",
            "PLUMBING",
            &["ASSIGNED", "IN_PROGRESS"],
            3,
            None,
        ),
        s(1, 1, "LOW", "HVAC", DONE, 2, Some(5)),
        s(2, 0, "MEDIUM", "PLUMBING", CLOSED, 3, Some(3)),
        s(2, 1, "HIGH", "HVAC", &["ASSIGNED", "REJECTED"], 4, None),
        s(2, 0, "URGENT", "PLUMBING", &["CANCELLED"], 0, None),
        s(0, 0, "MEDIUM", "PLUMBING", &["DRAFT"], 0, None),
        s(
            2,
            1,
            "URGENT",
            "ELECTRICAL",
            &["ASSIGNED", "IN_PROGRESS", "COMPLETED", "REOPEN"],
            2,
            None,
        ),
        s(0, 1, "HIGH", "PLUMBING", CLOSED, 2, Some(4)),
        s(0, 5, "LOW", "CLEANING", &["DRAFT"], 0, None),
        s(1, 0, "URGENT", "HVAC", &["ASSIGNED"], 4, None),
    ]
};

async fn summary_equals_independent_figures(backend: Backend) {
    // URGENT requests fall due after a second, so the scenario has overdue ones.
    let app = TestApp::spawn_with(backend, |vars| {
        vars.insert("BASMA_DUE_URGENT".into(), "1s".into());
    })
    .await;
    let admin = app.admin_token().await;
    let p = app.site(&admin, 2).await;
    let q = app.site(&admin, 1).await;
    let category = app.category(&admin, "PLUMBING").await;
    let places: Vec<Place> = [&p.buildings[0], &p.buildings[1], &q.buildings[0]]
        .into_iter()
        .map(|b| Place {
            building: b.clone(),
            category: category.clone(),
        })
        .collect();
    let mut people = Vec::new();
    for role in [
        "CUSTOMER",
        "CUSTOMER",
        "TECHNICIAN",
        "TECHNICIAN",
        "TECHNICIAN",
        "MAINTENANCE_ADMIN",
    ] {
        people.push(app.person(&admin, role, &[]).await);
    }
    let started = Utc::now();
    let ids = futures_util::future::join_all(
        SCRIPTS
            .iter()
            .enumerate()
            .map(|(n, s)| play(&app, &admin, &people, &places, s, 20 + 25 * (n as u64 % 5))),
    )
    .await;
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let mut requests = Vec::new();
    for (id, script) in ids.iter().zip(&SCRIPTS) {
        let path = format!("/api/v1/requests/{id}");
        requests.push(
            app.expect(
                Method::GET,
                &path,
                &people[script.requester].token,
                None,
                200,
            )
            .await,
        );
    }
    // Due times follow the priority from submission (URGENT configured to 1s here).
    for r in requests.iter().filter(|r| !r["submittedAt"].is_null()) {
        let at = |f: &str| r[f].as_str().unwrap().parse::<DateTime<Utc>>().unwrap();
        let hours = match r["priority"].as_str().unwrap() {
            "URGENT" => 0,
            "HIGH" => 24,
            "MEDIUM" => 72,
            _ => 7 * 24,
        };
        let want = if hours == 0 {
            chrono::Duration::seconds(1)
        } else {
            chrono::Duration::hours(hours)
        };
        assert_eq!(at("dueAt") - at("submittedAt"), want, "{r}");
    }
    let readers = [
        people[5].clone(),
        app.person(&admin, "BASMA_ADMIN", &[&p.property]).await,
        app.person(&admin, "BASMA_ADMIN", &[]).await,
    ];
    let at = |t: DateTime<Utc>| rfc3339(t);
    let queries: [(String, Keep); 5] = [
        (String::new(), Box::new(|_| true)),
        (
            format!("propertyId={}", q.property),
            Box::new(|r| r["propertyId"] == q.property.as_str()),
        ),
        (
            format!("buildingId={}", p.buildings[1]),
            Box::new(|r| r["buildingId"] == p.buildings[1].as_str()),
        ),
        (
            format!("from={}&to={}", at(started), at(Utc::now())),
            Box::new(|_| true),
        ),
        (format!("to={}", at(started)), Box::new(|_| false)),
    ];
    for reader in &readers {
        let actor = reader.actor();
        for (query, keep) in &queries {
            let scope: Vec<&Value> = requests
                .iter()
                // Reports count submitted work only: never a draft, not even the reader's.
                .filter(|r| can_view(&actor, &facts(r)) && keep(r) && r["status"] != "DRAFT")
                .collect();
            let early = Utc::now();
            let path = format!("/api/v1/reports/summary?{query}");
            let summary = app
                .expect(Method::GET, &path, &reader.token, None, 200)
                .await;
            let late = Utc::now();
            assert_summary(&summary, &scope, early, late);
            if query.is_empty() && reader.role == "MAINTENANCE_ADMIN" {
                // The scenario is rich enough for every figure to mean something: all but
                // the two drafts, three overdue, three ratings, three technicians.
                let figures = (
                    &summary["total"],
                    &summary["overdue"],
                    &summary["rating"]["count"],
                );
                assert_eq!(figures, (&json!(10), &json!(3), &json!(3)), "{summary}");
                assert_eq!(summary["technicians"].as_array().unwrap().len(), 3);
            }
        }
        // The list's overdue filter agrees: open, and due before now.
        let now = Utc::now();
        let mut overdue: Vec<&str> = requests
            .iter()
            .filter(|r| can_view(&actor, &facts(r)))
            .filter(|r| {
                matches!(
                    r["status"].as_str(),
                    Some("SUBMITTED" | "ASSIGNED" | "IN_PROGRESS" | "COMPLETED")
                )
            })
            .filter(|r| {
                r["dueAt"]
                    .as_str()
                    .is_some_and(|d| d.parse::<DateTime<Utc>>().unwrap() < now)
            })
            .map(|r| r["id"].as_str().unwrap())
            .collect();
        overdue.sort_unstable();
        let listed = app.list_all(&reader.token, "overdue=true").await;
        let mut listed: Vec<&str> = listed.iter().map(|r| r["id"].as_str().unwrap()).collect();
        listed.sort_unstable();
        assert_eq!(listed, overdue, "{} overdue=true", reader.role);
        for query in [
            "",
            "sort=createdAt",
            "status=COMPLETED,CLOSED",
            "priority=URGENT&sort=dueAt",
        ] {
            assert_csv_matches_list(&app, &reader.token, query).await;
        }
    }
}

mod the_summary_on_a_seeded_scenario_equals_figures_computed_independently_and_the_csv_matches_the_list {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sqlite() {
        summary_equals_independent_figures(Backend::Sqlite).await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    #[cfg_attr(not(mysql_suite), ignore = "needs BASMA_TEST_MYSQL_URL (MariaDB)")]
    async fn mysql() {
        summary_equals_independent_figures(Backend::Mysql).await;
    }
}
