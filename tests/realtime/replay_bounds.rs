//! Issue 11 item 14: a `resume` is bounded (beyond the replay limit the server answers
//! `resync` instead of replaying) and never skips an event whose transaction committed after
//! a higher id was delivered (the late-commit gap).

use super::scene::{QUIET, Scene, WAIT, socket};
use basma_e2e::db_test;
use basma_e2e::harness::{Backend, TestApp};
use sea_orm::{
    ConnectionTrait, Database, DatabaseConnection, Statement, TransactionTrait, Value as Sql,
};
use serde_json::{Value, json};

/// Every column of an event row but `seq`, in insert order.
const COLUMNS: &str = "request_id, kind, actor_id, from_status, to_status, technician_id, \
                       note, comment_id, internal, at";

async fn connect(app: &TestApp) -> DatabaseConnection {
    Database::connect(app.database.url.as_str())
        .await
        .expect("test connection")
}

fn statement(db: &impl ConnectionTrait, sql: &str, values: Vec<Sql>) -> Statement {
    Statement::from_sql_and_values(db.get_database_backend(), sql, values)
}

/// Copies event `seq` as a new row (with `note`, at `at` when given), as a writer would.
fn copy_sql(explicit_seq: bool) -> String {
    let (seq_col, seq_val) = if explicit_seq {
        ("seq, ", "?, ")
    } else {
        ("", "")
    };
    format!(
        "INSERT INTO request_events ({seq_col}{COLUMNS}) SELECT {seq_val}request_id, kind, \
         actor_id, from_status, to_status, technician_id, ?, comment_id, internal, \
         COALESCE(?, at) FROM request_events WHERE seq = ?"
    )
}

async fn max_seq(db: &impl ConnectionTrait) -> i64 {
    let row = db
        .query_one_raw(statement(
            db,
            "SELECT MAX(seq) AS n FROM request_events",
            vec![],
        ))
        .await
        .expect("max")
        .expect("a row");
    row.try_get::<i64>("", "n").expect("n")
}

db_test!(
    a_resume_from_far_behind_answers_resync_instead_of_replaying,
    |app: TestApp| async move {
        let scene = Scene::new(&app).await;
        let (_, customer) = app.user_with_role("CUSTOMER").await;
        let request = scene.request(&app, &customer, false).await;
        let id = request["id"].as_str().unwrap().to_owned();
        let db = connect(&app).await;
        let created = max_seq(&db).await;
        // 520 stored events of this customer, a minute apart, hours ago.
        let start = chrono::Utc::now() - chrono::Duration::hours(10);
        for i in 0..520 {
            let at = start + chrono::Duration::minutes(i);
            db.execute_raw(statement(
                &db,
                &copy_sql(false),
                vec![
                    Sql::from(format!("copy {i}")),
                    Sql::from(at),
                    Sql::from(created),
                ],
            ))
            .await
            .expect("copy");
        }
        let last = max_seq(&db).await;

        let mut ws = socket(&app, &customer).await;
        ws.send_json(&json!({"type": "resume", "lastEventId": 0}))
            .await;
        let resync = ws.next_json(WAIT).await.expect("an answer");
        assert_eq!(resync["type"], "resync", "{resync}");
        assert_eq!(resync["id"], Value::Null);
        assert_eq!(resync["data"]["limit"], 500);
        assert_eq!(resync["data"]["lastEventId"], last);
        assert!(
            ws.request_events(QUIET).await.is_empty(),
            "nothing replayed"
        );

        // Close to the present, the same socket replays as usual, then live events follow.
        ws.send_json(&json!({"type": "resume", "lastEventId": last - 3}))
            .await;
        let mut replayed = Vec::new();
        while let Some(frame) = ws.next_json(QUIET).await {
            assert_ne!(frame["type"], "resync", "{frame}");
            replayed.push(frame["id"].as_i64().unwrap_or_default());
        }
        for missed in last - 2..=last {
            assert!(replayed.contains(&missed), "{missed} in {replayed:?}");
        }
        scene.comment(&app, &scene.admin, &id, false).await;
        let live = ws
            .next_of("request.comment_added", WAIT)
            .await
            .expect("live");
        assert!(live["id"].as_i64().unwrap() > last);
    }
);

db_test!(
    a_resume_never_skips_an_event_that_committed_after_a_higher_id_was_delivered,
    |app: TestApp| async move {
        let scene = Scene::new(&app).await;
        let (_, customer) = app.user_with_role("CUSTOMER").await;
        let mut ws = socket(&app, &customer).await;
        scene.request(&app, &customer, false).await;
        let first_created = ws.next_of("request.created", WAIT).await.expect("created")["id"]
            .as_i64()
            .unwrap();
        let second = scene.request(&app, &customer, false).await;
        ws.next_of("request.created", WAIT).await.expect("created");
        let db = connect(&app).await;

        // A writer takes an id, then commits only after a higher id was delivered: on
        // MariaDB a transaction held open; on SQLite, whose writers are serial, a row put
        // back later into a gap of the sequence.
        let held = match app.backend {
            Backend::Mysql => {
                let txn = db.begin().await.expect("begin");
                txn.execute_raw(statement(
                    &txn,
                    &copy_sql(false),
                    vec![
                        Sql::from("late"),
                        Sql::from(None::<chrono::DateTime<chrono::Utc>>),
                        Sql::from(first_created),
                    ],
                ))
                .await
                .expect("late insert");
                let late = max_seq(&txn).await;
                Some((txn, late))
            }
            Backend::Sqlite => None,
        };
        let gap = match held {
            Some(_) => None,
            None => {
                let (_, stranger) = app.user_with_role("CUSTOMER").await;
                scene.request(&app, &stranger, false).await;
                let gap = max_seq(&db).await;
                db.execute_raw(statement(
                    &db,
                    "DELETE FROM request_events WHERE seq = ?",
                    vec![Sql::from(gap)],
                ))
                .await
                .expect("gap");
                Some(gap)
            }
        };
        scene
            .comment(&app, &scene.admin, second["id"].as_str().unwrap(), false)
            .await;
        let higher = ws
            .next_of("request.comment_added", WAIT)
            .await
            .expect("the higher id is delivered")["id"]
            .as_i64()
            .unwrap();
        drop(ws);

        let late = match (held, gap) {
            (Some((txn, late)), _) => {
                txn.commit().await.expect("late commit");
                late
            }
            (None, Some(gap)) => {
                db.execute_raw(statement(
                    &db,
                    &copy_sql(true),
                    vec![
                        Sql::from(gap),
                        Sql::from("late"),
                        Sql::from(None::<chrono::DateTime<chrono::Utc>>),
                        Sql::from(first_created),
                    ],
                ))
                .await
                .expect("late row");
                gap
            }
            (None, None) => unreachable!(),
        };
        assert!(late < higher, "{late} < {higher}");

        let mut ws = socket(&app, &customer).await;
        ws.send_json(&json!({"type": "resume", "lastEventId": higher}))
            .await;
        let replayed = ws.request_events(QUIET).await;
        let found = replayed.iter().find(|f| f["id"] == late);
        let found = found.unwrap_or_else(|| panic!("event {late} skipped: {replayed:?}"));
        assert_eq!(found["data"]["note"], "late");
    }
);
