//! `EXPLAIN` of the main list shapes on MariaDB/MySQL at 200,000 requests. Ignored by default
//! (it seeds for a while); run it with
//! `BASMA_TEST_MYSQL_URL=mysql://root@127.0.0.1:3306 cargo test -p basma-persistence --test contract explain -- --ignored --nocapture`.
//! The seeded database is a throwaway `basma_test_<uuid>` and is dropped afterwards.

use super::{World, query, t};
use crate::support::TestDb;
use basma_domain::model::Status;
use basma_domain::ports::{RequestFilter, RequestLists, RequestQuery, RequestSort, Visibility};
use sea_orm::{ConnectionTrait, DbBackend, Statement, Value};

const ROWS: u32 = 200_000;

/// One set-based insert from a numbers CTE: 2% drafts, 8% available, the rest assigned to the
/// two technicians (one in seven to `tech`) in later statuses; one request in 500 is Alice's,
/// one in 20 is in property 1.
async fn seed(db: &TestDb, w: &World) {
    let sql = format!(
        "INSERT INTO maintenance_requests (id, reference, title, description, category_id, priority, \
         priority_rank, status, building_id, property_id, location, requester_id, assignee_id, due_at, \
         submitted_at, assigned_at, version, created_at, updated_at) \
         WITH d AS (SELECT 0 AS n UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL \
         SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9), \
         nums AS (SELECT a.n + 10 * b.n + 100 * c.n + 1000 * e.n + 10000 * f.n + 100000 * g.n AS n \
         FROM d a, d b, d c, d e, d f, d g), \
         s AS (SELECT n, CASE WHEN n % 100 < 2 THEN 'DRAFT' WHEN n % 100 < 10 THEN 'SUBMITTED' \
         WHEN n % 100 < 15 THEN 'ASSIGNED' WHEN n % 100 < 20 THEN 'IN_PROGRESS' \
         WHEN n % 100 < 25 THEN 'COMPLETED' WHEN n % 100 < 95 THEN 'CLOSED' ELSE 'CANCELLED' END AS status, \
         TIMESTAMP '2025-01-01 00:00:00' + INTERVAL n * 60 SECOND AS at FROM nums WHERE n < {ROWS}) \
         SELECT UNHEX(LPAD(HEX(n + 1), 32, '0')), CONCAT('MR-2025-', LPAD(n + 1, 6, '0')), \
         CONCAT('Request ', n), 'A description long enough to be realistic.', \
         CASE WHEN n % 3 = 0 THEN ? ELSE ? END, \
         ELT(n % 4 + 1, 'LOW', 'MEDIUM', 'HIGH', 'URGENT'), n % 4 + 1, status, \
         CASE WHEN n % 20 = 0 THEN ? ELSE ? END, CASE WHEN n % 20 = 0 THEN ? ELSE ? END, NULL, \
         CASE WHEN n % 500 = 0 THEN ? ELSE ? END, \
         CASE WHEN status IN ('DRAFT', 'SUBMITTED') THEN NULL WHEN n % 7 = 0 THEN ? ELSE ? END, \
         CASE WHEN status = 'DRAFT' THEN NULL ELSE at + INTERVAL 3 DAY END, \
         CASE WHEN status = 'DRAFT' THEN NULL ELSE at END, \
         CASE WHEN status IN ('DRAFT', 'SUBMITTED') THEN NULL ELSE at + INTERVAL 1 HOUR END, \
         1, at, at + INTERVAL 2 HOUR FROM s"
    );
    let values: Vec<Value> = vec![
        w.cat.0.into(),
        w.cat2.0.into(),
        w.b1.0.into(),
        w.b2.0.into(),
        w.p1.0.into(),
        w.p2.0.into(),
        w.alice.0.into(),
        w.bob.0.into(),
        w.tech.0.into(),
        w.tech2.0.into(),
    ];
    let conn = db.store.connection();
    conn.execute_raw(Statement::from_sql_and_values(
        DbBackend::MySql,
        sql,
        values,
    ))
    .await
    .unwrap();
    conn.execute_unprepared("ANALYZE TABLE maintenance_requests")
        .await
        .unwrap();
}

/// Prints the plan of every statement of `q` and returns the `Extra` of each read of the
/// requests table itself (as opposed to derived tables and unions).
async fn explain(
    db: &TestDb,
    w: &World,
    name: &str,
    q: &RequestQuery,
) -> Vec<(String, String, String)> {
    let mut reads = Vec::new();
    for statement in w.repo.list_statements(q) {
        let values = statement.values.clone().map(|v| v.0).unwrap_or_default();
        let explain = Statement::from_sql_and_values(
            DbBackend::MySql,
            format!("EXPLAIN {}", statement.sql),
            values,
        );
        println!(
            "-- {name}{}",
            if q.cursor.is_some() {
                " (next page)"
            } else {
                ""
            }
        );
        for row in db.store.connection().query_all_raw(explain).await.unwrap() {
            let text = |col: &str| {
                row.try_get::<Option<String>>("", col)
                    .ok()
                    .flatten()
                    .unwrap_or_default()
            };
            let rows = row
                .try_get::<Option<u64>>("", "rows")
                .ok()
                .flatten()
                .map(|r| r.to_string())
                .or_else(|| {
                    row.try_get::<Option<i64>>("", "rows")
                        .ok()
                        .flatten()
                        .map(|r| r.to_string())
                })
                .unwrap_or_else(|| text("rows"));
            println!(
                "   {:<16} {:<22} {:<7} {:<30} rows={:<7} {}",
                text("select_type"),
                text("table"),
                text("type"),
                text("key"),
                rows,
                text("Extra")
            );
            if text("table") == "maintenance_requests" {
                reads.push((text("type"), text("key"), text("Extra")));
            }
        }
    }
    reads
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "seeds 200,000 rows on MySQL; run by hand with --ignored"]
async fn list_queries_read_the_indexes_without_filesort() {
    use futures_util::FutureExt;
    let db = TestDb::mysql().await;
    let outcome = std::panic::AssertUnwindSafe(scenario(&db))
        .catch_unwind()
        .await;
    db.finish().await;
    if let Err(panic) = outcome {
        std::panic::resume_unwind(panic);
    }
}

async fn scenario(db: &TestDb) {
    let w = World::new(db).await;
    let started = std::time::Instant::now();
    seed(db, &w).await;
    println!("seeded {ROWS} requests in {:?}", started.elapsed());
    let now = t(0);
    let admin = Visibility::Everything { viewer: w.admin };
    let by_status = RequestFilter {
        statuses: vec![Status::Submitted],
        ..RequestFilter::default()
    };
    let none = RequestFilter::default();
    let sorts = [
        RequestSort::CreatedDesc,
        RequestSort::CreatedAsc,
        RequestSort::PriorityDesc,
        RequestSort::DueAsc,
        RequestSort::UpdatedDesc,
    ];
    // (name, query, must read every branch off an index in order)
    let mut shapes = vec![
        (
            "manager, status = SUBMITTED",
            query(admin.clone(), by_status.clone(), now),
            true,
        ),
        (
            "customer, own",
            query(Visibility::Own { viewer: w.alice }, none.clone(), now),
            true,
        ),
        (
            "technician",
            query(Visibility::Technician { viewer: w.tech }, none.clone(), now),
            true,
        ),
        (
            "basma admin, property 1",
            query(
                Visibility::Properties {
                    viewer: w.basma,
                    property_ids: vec![w.p1],
                },
                none.clone(),
                now,
            ),
            true,
        ),
        (
            "basma admin, both properties",
            query(
                Visibility::Properties {
                    viewer: w.basma,
                    property_ids: vec![w.p1, w.p2],
                },
                none.clone(),
                now,
            ),
            true,
        ),
        (
            "basma admin, property 1, SUBMITTED",
            query(
                Visibility::Properties {
                    viewer: w.basma,
                    property_ids: vec![w.p1],
                },
                by_status.clone(),
                now,
            ),
            true,
        ),
    ];
    for sort in sorts {
        let mut q = query(admin.clone(), none.clone(), now);
        q.sort = sort;
        shapes.push(("manager, no filter", q, true));
        let mut q = query(Visibility::Own { viewer: w.alice }, none.clone(), now);
        q.sort = sort;
        shapes.push(("customer, own", q, false));
        let mut q = query(admin.clone(), by_status.clone(), now);
        q.sort = sort;
        shapes.push(("manager, status = SUBMITTED", q, false));
    }
    let mut problems = Vec::new();
    for (name, mut q, strict) in shapes {
        q.limit = 20;
        q.include_total = false;
        let first = w.repo.list(q.clone()).await.unwrap();
        let mut page_queries = vec![q.clone()];
        if let Some(cursor) = first.next_cursor {
            page_queries.push(RequestQuery {
                cursor: Some(cursor),
                ..q.clone()
            });
        }
        for pq in page_queries {
            let label = format!("{name}, {:?}", pq.sort);
            let timer = std::time::Instant::now();
            for _ in 0..20 {
                w.repo.list(pq.clone()).await.unwrap();
            }
            println!("-- {label}: {:?} per page", timer.elapsed() / 20);
            for (access, key, extra) in explain(db, &w, &label, &pq).await {
                // Sorting one person's own requests (their drafts, a customer's list in
                // another order) is bounded by what one person files; anything else must be
                // read in index order.
                let bounded = key == "ix_mr_requester_created";
                if strict
                    && (key.is_empty()
                        || access == "ALL"
                        || (extra.contains("filesort") && !bounded))
                {
                    problems.push(format!("{label}: {access} {key} {extra}"));
                }
            }
        }
    }
    assert!(
        problems.is_empty(),
        "reads without an index or with a filesort: {problems:#?}"
    );
}
