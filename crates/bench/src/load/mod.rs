//! `load`: the goose-driven runs of SPEC §9 against a running server.
//!
//! Accounts of every role are signed in once through the API; then come the mix (1,000
//! users, each pausing a uniformly drawn 0–4 s after every response, so ≈ 500 requests/s
//! arrive while the server keeps up) and the closed-model capacity runs (no pause; 100 and
//! 1,000 users per operation). Each run's results and the CPU and memory of the server,
//! the database and the driver go to `<out-dir>/load.json` as they come.

pub mod attack;
mod ops;
pub mod shapes;
mod signin;
mod world;

pub use attack::Outcome;
pub use ops::Op;

use crate::accounts::{EMAIL_DOMAIN, Role};
use crate::procstat::{self, ProcStats, Sampler};
use anyhow::Context;
use attack::Plan;
use basma_persistence::{PoolOptions, Store};
use sea_orm::{ConnectionTrait, Statement};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Other jobs' CPU (percent of a core) a run waits to drop below, and for how long at most.
pub const QUIET_PERCENT: f64 = 25.0;
pub const QUIET_WAIT: Duration = Duration::from_secs(300);

#[derive(Debug, Clone, clap::Args)]
pub struct LoadArgs {
    #[arg(long, default_value = "http://127.0.0.1:8080")]
    pub base_url: String,
    /// The server's database, read (never written) to find each user's requests.
    #[arg(long, env = "DATABASE_URL")]
    pub database_url: String,
    /// Users in the mix.
    #[arg(long, default_value_t = 1000)]
    pub mix_users: usize,
    /// Longest pause after a response in the mix (drawn uniformly from 0 to this; the mean
    /// is half).
    #[arg(long, default_value_t = 4.0)]
    pub think_max_seconds: f64,
    /// Measured seconds of the mix, after every user has started.
    #[arg(long, default_value_t = 120)]
    pub mix_seconds: u64,
    /// Users started per second in the mix (the ramp is the warm-up; metrics reset after it).
    #[arg(long, default_value_t = 40)]
    pub mix_ramp: usize,
    /// Connections of the capacity runs.
    #[arg(long, value_delimiter = ',', default_values_t = [100, 1000])]
    pub capacity_users: Vec<usize>,
    /// Measured seconds of each capacity run.
    #[arg(long, default_value_t = 30)]
    pub capacity_seconds: u64,
    /// Operations measured by capacity runs (default: all).
    #[arg(long, value_delimiter = ',')]
    pub ops: Vec<String>,
    /// Also run the mix without these operations (to show what the rest does alone).
    #[arg(long, value_delimiter = ',')]
    pub mix_without: Vec<String>,
    /// Run only the mix without `--mix-without` (not the full mix).
    #[arg(long)]
    pub skip_full_mix: bool,
    #[arg(long)]
    pub skip_mix: bool,
    #[arg(long)]
    pub skip_capacity: bool,
    /// Where results (and goose's error log) are written.
    #[arg(long, default_value = "/var/tmp/basma-bench")]
    pub out_dir: PathBuf,
    /// Pid of the server, to sample its CPU and memory.
    #[arg(long)]
    pub server_pid: Option<u32>,
}

/// One run with the processes' figures during it.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct RunResult {
    pub kind: String,
    pub op: Option<String>,
    pub outcome: Outcome,
    pub procs: Vec<ProcStats>,
}

#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct LoadReport {
    pub base_url: String,
    pub signin_seconds: f64,
    pub accounts: usize,
    pub runs: Vec<RunResult>,
}

/// Makes every planned run.
///
/// # Errors
/// A database, sign-in or goose failure; failed requests are results, not errors.
pub async fn run(args: &LoadArgs) -> anyhow::Result<LoadReport> {
    std::fs::create_dir_all(&args.out_dir)?;
    let store = Store::connect(&args.database_url, PoolOptions::default())
        .await
        .context("connecting to the database")?;
    let db = store.connection().clone();
    let plans = plans(args)?;
    let seeded = seeded_accounts(&db).await?;
    let mut wanted: HashMap<Role, usize> = HashMap::new();
    for plan in &plans {
        for (role, n) in plan.census() {
            let have = seeded.get(&role).copied().unwrap_or(0);
            let entry = wanted.entry(role).or_default();
            *entry = (*entry).max(n.min(have));
        }
    }
    println!(
        "load: signing in {} accounts",
        wanted.values().sum::<usize>()
    );
    let mut signed = signin::sign_in(&args.base_url, &wanted).await?;
    let mut report = LoadReport {
        base_url: args.base_url.clone(),
        signin_seconds: signed.seconds,
        accounts: wanted.values().sum(),
        runs: Vec::new(),
    };
    println!("load: signed in in {:.1} s", signed.seconds);
    let mut targets = Vec::new();
    if let Some(pid) = args.server_pid {
        targets.push(("server".to_owned(), pid));
    }
    if let Some(pid) = procstat::database_pid() {
        targets.push(("database".to_owned(), pid));
    }
    targets.push(("driver".to_owned(), std::process::id()));

    for plan in plans {
        let budget = Duration::from_secs(plan.seconds + 120);
        if signed.expires < Instant::now() + budget {
            println!("load: tokens are about to expire; signing in again");
            signed = signin::sign_in(&args.base_url, &wanted).await?;
        }
        let world = world::build(
            &db,
            &plan.census(),
            signed.accounts.clone(),
            &signed.user_ids,
        )
        .await?;
        let ours: Vec<u32> = targets.iter().map(|(_, pid)| *pid).collect();
        let idle: Vec<u32> = targets
            .iter()
            .filter(|(name, _)| name != "driver")
            .map(|(_, pid)| *pid)
            .collect();
        let others = procstat::wait_quiet(&ours, &idle, QUIET_PERCENT, QUIET_WAIT).await;
        println!(
            "load: {} ({} users, {} s; other jobs at {others:.0}% CPU)",
            plan.label, plan.users, plan.seconds
        );
        let sampler = Sampler::start(targets.clone());
        let log = args
            .out_dir
            .join(format!("errors-{}.log", plan.label.replace(' ', "-")));
        let outcome = attack::run(
            &plan,
            &args.base_url,
            Arc::new(world),
            Some(log.display().to_string()),
        )
        .await?;
        let procs = sampler.stop().await;
        stop_stragglers(&db).await?;
        print!("{}", crate::report::table(&outcome.rows, None));
        for (error, n) in &outcome.errors {
            println!("load: {n} × {error}");
        }
        report.runs.push(RunResult {
            kind: if plan.only.is_some() {
                "capacity".to_owned()
            } else {
                plan.label.clone()
            },
            op: plan.only.map(|op| op.name().to_owned()),
            outcome,
            procs,
        });
        let json = serde_json::to_string_pretty(&report)?;
        std::fs::write(args.out_dir.join("load.json"), json)?;
        tokio::time::sleep(Duration::from_secs(2)).await;
    }
    store.close().await?;
    Ok(report)
}

fn plans(args: &LoadArgs) -> anyhow::Result<Vec<Plan>> {
    let mut plans = Vec::new();
    if !args.skip_mix {
        let mix = Plan {
            label: "mix".to_owned(),
            users: args.mix_users,
            only: None,
            without: Vec::new(),
            think: (
                Duration::ZERO,
                Duration::from_secs_f64(args.think_max_seconds),
            ),
            ramp_per_second: args.mix_ramp,
            seconds: args.mix_seconds,
        };
        if !args.mix_without.is_empty() {
            let mut without = mix.clone();
            without.without = parse_ops(&args.mix_without)?;
            without.label = format!("mix without {}", args.mix_without.join(", "));
            plans.push(without);
        }
        if !args.skip_full_mix {
            plans.insert(0, mix);
        }
    }
    if !args.skip_capacity {
        let ops: Vec<Op> = if args.ops.is_empty() {
            Op::ALL.to_vec()
        } else {
            parse_ops(&args.ops)?
        };
        for op in ops {
            for users in &args.capacity_users {
                plans.push(Plan {
                    label: format!("{} x{users}", op.name()),
                    users: *users,
                    only: Some(op),
                    without: Vec::new(),
                    think: (Duration::ZERO, Duration::ZERO),
                    ramp_per_second: (*users / 2).max(1),
                    seconds: args.capacity_seconds,
                });
            }
        }
    }
    Ok(plans)
}

/// Stops the statements a finished run left running on MariaDB for more than 5 s (the
/// server's work for requests whose clients are gone), so the next run starts on an idle
/// database.
async fn stop_stragglers(db: &sea_orm::DatabaseConnection) -> anyhow::Result<()> {
    let backend = db.get_database_backend();
    if backend != sea_orm::DbBackend::MySql {
        return Ok(());
    }
    let sql = "SELECT id FROM information_schema.processlist WHERE db = DATABASE() \
               AND command IN ('Query', 'Execute') AND time > 5 AND id <> CONNECTION_ID()";
    let rows = db
        .query_all_raw(Statement::from_string(backend, sql))
        .await?;
    if !rows.is_empty() {
        println!(
            "load: stopping {} statements the run left running",
            rows.len()
        );
    }
    for row in rows {
        let id: i64 = row.try_get("", "id")?;
        db.execute_unprepared(&format!("KILL QUERY {id}")).await?;
    }
    Ok(())
}

fn parse_ops(names: &[String]) -> anyhow::Result<Vec<Op>> {
    names
        .iter()
        .map(|name| {
            Op::ALL
                .into_iter()
                .find(|op| op.name() == name)
                .ok_or_else(|| anyhow::anyhow!("unknown operation {name}"))
        })
        .collect()
}

async fn seeded_accounts(db: &sea_orm::DatabaseConnection) -> anyhow::Result<HashMap<Role, usize>> {
    let sql = format!(
        "SELECT role, COUNT(*) AS n FROM users WHERE email LIKE '%@{EMAIL_DOMAIN}' GROUP BY role"
    );
    let rows = db
        .query_all_raw(Statement::from_string(db.get_database_backend(), sql))
        .await?;
    let roles = [
        Role::SuperAdmin,
        Role::MaintenanceAdmin,
        Role::BasmaAdmin,
        Role::Technician,
        Role::Customer,
    ];
    let mut out = HashMap::new();
    for row in rows {
        let name: String = row.try_get("", "role")?;
        let n: i64 = row.try_get("", "n")?;
        if let Some(role) = roles.iter().find(|r| r.as_str() == name) {
            out.insert(*role, usize::try_from(n).unwrap_or(0));
        }
    }
    anyhow::ensure!(
        !out.is_empty(),
        "no bench accounts: run `basma-bench seed` first"
    );
    Ok(out)
}
