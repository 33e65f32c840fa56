//! `seed`: fills a Basma database with a realistic data set through set-based inserts.
//!
//! The server's own migrations run first (through `basma-persistence`), so the rows land in
//! exactly the schema the server reads. Everything is generated from one seeded RNG, so two
//! runs with the same sizes produce the same shape of data (ids differ: they are UUID v7
//! stamped with the row's own creation time). Rows go in as multi-row `INSERT`s of up to a
//! thousand rows, from a generator task feeding a few writer tasks; requests are generated in
//! creation order, so their time-ordered primary keys append to the clustered index.

mod catalog;
mod requests;
mod rows;
mod text;
mod writer;

use crate::accounts;
use anyhow::{Context, bail};
use basma_persistence::entities::{maintenance_requests as mr, users};
use basma_persistence::{PoolOptions, Store};
use chrono::{SubsecRound, Utc};
use sea_orm::{ConnectionTrait, EntityTrait, PaginatorTrait};
use std::time::{Duration, Instant};

/// Sizes and knobs of one seed.
#[derive(Debug, Clone, clap::Args)]
pub struct SeedArgs {
    /// `mysql://…` or `sqlite://…?mode=rwc`.
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "mysql://root@127.0.0.1:3306/basma_bench"
    )]
    pub database_url: String,
    /// Maintenance requests to create.
    #[arg(long, default_value_t = 1_000_000)]
    pub requests: usize,
    #[arg(long, default_value_t = 50_000)]
    pub customers: usize,
    #[arg(long, default_value_t = 500)]
    pub technicians: usize,
    #[arg(long, default_value_t = 20)]
    pub properties: usize,
    /// Buildings in all (spread evenly over the properties).
    #[arg(long, default_value_t = 200)]
    pub buildings: usize,
    #[arg(long, default_value_t = 50)]
    pub maintenance_admins: usize,
    #[arg(long, default_value_t = 40)]
    pub basma_admins: usize,
    #[arg(long, default_value_t = 5)]
    pub super_admins: usize,
    /// bcrypt cost of the one password hash every seeded user shares.
    #[arg(long, default_value_t = 10)]
    pub bcrypt_cost: u32,
    /// The server's `BASMA_PASSWORD_PEPPER`.
    #[arg(
        long,
        env = "BASMA_PASSWORD_PEPPER",
        default_value = "basma-password-prehash-v1"
    )]
    pub pepper: String,
    /// Drop the database (or delete the SQLite file) first.
    #[arg(long)]
    pub reset: bool,
    /// Concurrent writer connections (SQLite always uses one).
    #[arg(long, default_value_t = 3)]
    pub writers: usize,
}

/// What a finished seed reports.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct SeedReport {
    pub database: String,
    pub requests: u64,
    pub events: u64,
    pub comments: u64,
    pub users: u64,
    /// `(phase, seconds)`, in order.
    pub phases: Vec<(String, f64)>,
    pub total_seconds: f64,
    /// True when the database already held the data set and nothing was written.
    pub reused: bool,
}

/// Seeds the database unless it already holds at least `requests` requests and the bench
/// users; then it only reports what is there.
///
/// # Errors
/// Connection, migration or insert failures, and a non-empty database that was not seeded
/// by this tool (pass `--reset`).
pub async fn run(args: &SeedArgs) -> anyhow::Result<SeedReport> {
    let started = Instant::now();
    let mut phases = Vec::new();
    if args.reset {
        reset(&args.database_url).await?;
    }
    let sqlite = args.database_url.starts_with("sqlite:");
    let writers = if sqlite { 1 } else { args.writers.max(1) };
    let options = PoolOptions {
        max_connections: u32::try_from(writers + 1).unwrap_or(4),
        acquire_timeout: Duration::from_secs(60),
        connect_timeout: Duration::from_secs(10),
        statement_timeout: None,
    };
    let store = Store::connect(&args.database_url, options)
        .await
        .context("connecting")?;
    store.migrate().await.context("migrating")?;
    let db = store.connection().clone();
    phases.push(("connect + migrate".to_owned(), secs(started)));

    let existing = mr::Entity::find().count(&db).await?;
    let bench_users = users::Entity::find()
        .filter_email_like(accounts::EMAIL_DOMAIN)
        .count(&db)
        .await?;
    if existing > 0 || bench_users > 0 {
        if existing >= args.requests as u64 && bench_users > 0 {
            println!("seed: {existing} requests already there; reusing the data set");
            let report = count(&db, &args.database_url, phases, started, true).await?;
            return Ok(report);
        }
        bail!(
            "the database holds {existing} requests and {bench_users} bench users but not the \
             data set asked for; pass --reset to start over"
        );
    }

    let now = Utc::now().trunc_subsecs(6);
    let phase = Instant::now();
    let catalog = catalog::seed_catalog(&db, args, now).await?;
    phases.push(("properties + buildings".to_owned(), secs(phase)));

    let phase = Instant::now();
    let people = catalog::seed_people(&db, args, &catalog, now).await?;
    phases.push((
        format!("users ({} rows, one shared bcrypt hash)", people.total()),
        secs(phase),
    ));

    let phase = Instant::now();
    let written = requests::seed_requests(&db, args, &catalog, &people, now, writers).await?;
    let took = secs(phase);
    phases.push((
        format!(
            "requests + timeline + comments ({} + {} + {} rows, {:.0} requests/s)",
            written.requests,
            written.events,
            written.comments,
            written.requests as f64 / took.max(0.001)
        ),
        took,
    ));
    if !sqlite {
        let phase = Instant::now();
        db.execute_unprepared(
            "ANALYZE TABLE maintenance_requests, request_events, comments, users",
        )
        .await?;
        phases.push(("ANALYZE TABLE".to_owned(), secs(phase)));
    }
    let report = count(&db, &args.database_url, phases, started, false).await?;
    store.close().await?;
    Ok(report)
}

/// Prints a finished report.
pub fn print(report: &SeedReport) {
    for (phase, seconds) in &report.phases {
        println!("seed: {phase:<70} {seconds:>8.1} s");
    }
    println!(
        "seed: {} requests, {} events, {} comments, {} users in {:.1} s{}",
        report.requests,
        report.events,
        report.comments,
        report.users,
        report.total_seconds,
        if report.reused { " (reused)" } else { "" }
    );
}

async fn count(
    db: &sea_orm::DatabaseConnection,
    url: &str,
    phases: Vec<(String, f64)>,
    started: Instant,
    reused: bool,
) -> anyhow::Result<SeedReport> {
    use basma_persistence::entities::{comments, request_events};
    Ok(SeedReport {
        database: redact(url),
        requests: mr::Entity::find().count(db).await?,
        events: request_events::Entity::find().count(db).await?,
        comments: comments::Entity::find().count(db).await?,
        users: users::Entity::find().count(db).await?,
        phases,
        total_seconds: secs(started),
        reused,
    })
}

async fn reset(url: &str) -> anyhow::Result<()> {
    if url.starts_with("sqlite:") {
        let path = sqlite_path(url);
        for suffix in ["", "-wal", "-shm"] {
            let file = format!("{path}{suffix}");
            match std::fs::remove_file(&file) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(e).with_context(|| format!("removing {file}")),
            }
        }
        Ok(())
    } else {
        Store::drop_mysql_database(url)
            .await
            .context("dropping the database")
    }
}

/// The file of a `sqlite://path?…` URL.
pub fn sqlite_path(url: &str) -> String {
    let rest = url.trim_start_matches("sqlite:").trim_start_matches("//");
    rest.split('?').next().unwrap_or(rest).to_owned()
}

/// The URL without its password.
pub fn redact(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut parsed) if parsed.password().is_some() => {
            let _ = parsed.set_password(Some("***"));
            parsed.to_string()
        }
        _ => url.to_owned(),
    }
}

fn secs(since: Instant) -> f64 {
    since.elapsed().as_secs_f64()
}

/// `WHERE email LIKE '%@<domain>'` on the users table.
trait EmailFilter {
    fn filter_email_like(self, domain: &str) -> Self;
}

impl EmailFilter for sea_orm::Select<users::Entity> {
    fn filter_email_like(self, domain: &str) -> Self {
        use sea_orm::{ColumnTrait, QueryFilter};
        self.filter(users::Column::Email.like(format!("%@{domain}")))
    }
}
