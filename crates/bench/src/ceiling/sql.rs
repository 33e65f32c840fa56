//! The database ceiling: the server's own list statements (taken from
//! `SqlRequestRepository::list_statements`, the same role and filter shapes the load's
//! `list` uses, in the same proportions) run in a plain loop by N concurrent clients through
//! one sqlx pool, with no HTTP, no JSON and no domain code in between. A by-id read (the core
//! of `detail`) is measured the same way.

use crate::accounts::{EMAIL_DOMAIN, Role};
use crate::load::attack::MIX;
use crate::load::shapes;
use crate::report::Row;
use basma_domain::model::{PropertyId, UserId};
use basma_domain::ports::{RequestQuery, Visibility};
use basma_persistence::{PoolOptions, SqlRequestRepository, Store};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};
use std::collections::BTreeMap;
use std::time::{Duration, Instant};
use uuid::Uuid;

/// Runs `what` ("list" or "detail") with `clients` connections for `seconds` after a
/// 3-second warm-up.
///
/// # Errors
/// Connection failures, or a query failing.
pub async fn measure(url: &str, what: &str, clients: usize, seconds: u64) -> anyhow::Result<Row> {
    let options = PoolOptions {
        max_connections: u32::try_from(clients).unwrap_or(100),
        acquire_timeout: Duration::from_secs(30),
        connect_timeout: Duration::from_secs(10),
        statement_timeout: None,
    };
    let store = Store::connect(url, options).await?;
    let db = store.connection().clone();
    let pool = match what {
        "detail" => detail_statements(&db).await?,
        _ => list_statements(&db).await?,
    };
    anyhow::ensure!(!pool.is_empty(), "no statements to run");
    let warm_until = Instant::now() + Duration::from_secs(3);
    let stop_at = warm_until + Duration::from_secs(seconds);
    let mut tasks = Vec::new();
    for client in 0..clients {
        let (db, pool) = (db.clone(), pool.clone());
        tasks.push(tokio::spawn(async move {
            let mut times = Vec::new();
            let mut k = client * 7919;
            loop {
                let started = Instant::now();
                if started >= stop_at {
                    break;
                }
                k += 1;
                db.query_all_raw(pool[k % pool.len()].clone()).await?;
                if started >= warm_until {
                    times.push(started.elapsed().as_micros() as u64);
                }
            }
            anyhow::Ok(times)
        }));
    }
    let mut times = Vec::new();
    for task in tasks {
        times.extend(task.await??);
    }
    store.close().await?;
    times.sort_unstable();
    let at = |p: f64| {
        let rank = ((times.len() as f64 * p).ceil() as usize).clamp(1, times.len().max(1));
        times.get(rank - 1).copied().unwrap_or(0) as f64 / 1000.0
    };
    Ok(Row {
        op: what.to_owned(),
        requests: times.len(),
        per_second: times.len() as f64 / seconds as f64,
        p50_ms: at(0.5),
        p95_ms: at(0.95),
        p99_ms: at(0.99),
        max_ms: times.last().copied().unwrap_or(0) as f64 / 1000.0,
        errors: 0,
        status_codes: BTreeMap::new(),
    })
}

/// First-page list statements for the mix's users, in the mix's role proportions.
async fn list_statements(db: &DatabaseConnection) -> anyhow::Result<Vec<Statement>> {
    let repo = SqlRequestRepository::new(db.clone());
    let buildings = pairs(db, "SELECT id AS a, property_id AS b FROM buildings").await?;
    let managed = pairs(
        db,
        &format!(
            "SELECT u.id AS a, p.property_id AS b FROM users u JOIN user_properties p \
             ON p.user_id = u.id WHERE u.email LIKE '%@{EMAIL_DOMAIN}'"
        ),
    )
    .await?;
    let mut rng = StdRng::seed_from_u64(42);
    let mut pool = Vec::new();
    for (role, weight, ops) in MIX {
        let lists = ops.iter().any(|(op, _)| op.name() == "list");
        if !lists {
            continue;
        }
        let users = pairs(
            db,
            &format!(
                "SELECT id AS a, id AS b FROM users WHERE role = '{}' AND email LIKE '%@{EMAIL_DOMAIN}' \
                 ORDER BY email LIMIT {}",
                role.as_str(),
                weight * 10
            ),
        )
        .await?;
        for (user, _) in users {
            let props: Vec<Uuid> = managed
                .iter()
                .filter(|(u, _)| *u == user)
                .map(|(_, p)| *p)
                .collect();
            for _ in 0..4 {
                let building = buildings[rng.random_range(0..buildings.len().max(1))];
                let shape = shapes::pick(role, rng.random_range(0..6), &props, building);
                let (filter, sort) = shape.filter();
                let viewer = UserId(user);
                let visibility = match role {
                    Role::Customer => Visibility::Own { viewer },
                    Role::Technician => Visibility::Technician { viewer },
                    Role::BasmaAdmin => Visibility::Properties {
                        viewer,
                        property_ids: props.iter().map(|p| PropertyId(*p)).collect(),
                    },
                    _ => Visibility::Everything { viewer },
                };
                let query = RequestQuery {
                    visibility,
                    filter,
                    sort,
                    cursor: None,
                    limit: 20,
                    include_total: false,
                    now: chrono::Utc::now(),
                };
                pool.extend(repo.list_statements(&query));
            }
        }
    }
    Ok(pool)
}

/// Reads of one request by id (what `detail` starts with), over the requests of the
/// customers the mix signs in (the ones its `detail` reads).
async fn detail_statements(db: &DatabaseConnection) -> anyhow::Result<Vec<Statement>> {
    let sql = format!(
        "SELECT r.id AS a, r.id AS b FROM (SELECT id FROM users WHERE role = 'CUSTOMER' \
         AND email LIKE '%@{EMAIL_DOMAIN}' ORDER BY email LIMIT 600) AS u \
         JOIN maintenance_requests AS r ON r.requester_id = u.id"
    );
    let ids = pairs(db, &sql).await?;
    let backend = db.get_database_backend();
    Ok(ids
        .into_iter()
        .map(|(id, _)| {
            Statement::from_sql_and_values(
                backend,
                "SELECT * FROM maintenance_requests WHERE id = ?",
                [id.into()],
            )
        })
        .collect())
}

async fn pairs(db: &DatabaseConnection, sql: &str) -> anyhow::Result<Vec<(Uuid, Uuid)>> {
    let stmt = Statement::from_string(db.get_database_backend(), sql.to_owned());
    db.query_all_raw(stmt)
        .await?
        .iter()
        .map(|r| Ok((r.try_get("", "a")?, r.try_get("", "b")?)))
        .collect()
}
