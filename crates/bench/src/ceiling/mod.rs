//! `ceiling`: what the database alone and HTTP alone can do on this machine, measured in
//! the same session as the load so each capacity figure can be read as a ratio to them.

mod http;
mod sql;

use crate::load::attack::{Plan, run_plain};
use crate::load::{Outcome, QUIET_PERCENT, QUIET_WAIT};
use crate::procstat::{self, ProcStats, Sampler};
use crate::report::{Row, table};
use std::path::PathBuf;
use std::time::Duration;

#[derive(Debug, Clone, clap::Args)]
pub struct CeilingArgs {
    #[arg(long, env = "DATABASE_URL")]
    pub database_url: String,
    /// Concurrent database clients (the server's pool holds 20 by default).
    #[arg(long, value_delimiter = ',', default_values_t = [20, 100])]
    pub sql_clients: Vec<usize>,
    /// Concurrent HTTP connections against the no-op endpoint.
    #[arg(long, value_delimiter = ',', default_values_t = [100, 1000])]
    pub http_users: Vec<usize>,
    /// Measured seconds of each ceiling run.
    #[arg(long, default_value_t = 20)]
    pub seconds: u64,
    #[arg(long, default_value = "/var/tmp/basma-bench")]
    pub out_dir: PathBuf,
}

/// One database ceiling run.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct SqlCeiling {
    pub clients: usize,
    pub row: Row,
    pub procs: Vec<ProcStats>,
}

/// One HTTP ceiling run.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct HttpCeiling {
    pub outcome: Outcome,
    pub procs: Vec<ProcStats>,
}

#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct CeilingReport {
    pub sql: Vec<SqlCeiling>,
    pub http: Vec<HttpCeiling>,
}

/// Measures both ceilings.
///
/// # Errors
/// Database or goose failures.
pub async fn run(args: &CeilingArgs) -> anyhow::Result<CeilingReport> {
    std::fs::create_dir_all(&args.out_dir)?;
    let mut report = CeilingReport::default();
    let mut targets = Vec::new();
    if let Some(pid) = procstat::database_pid() {
        targets.push(("database".to_owned(), pid));
    }
    targets.push(("driver".to_owned(), std::process::id()));
    for what in ["list", "detail"] {
        for clients in &args.sql_clients {
            let ours: Vec<u32> = targets.iter().map(|(_, pid)| *pid).collect();
            let idle: Vec<u32> = procstat::database_pid().into_iter().collect();
            procstat::wait_quiet(&ours, &idle, QUIET_PERCENT, QUIET_WAIT).await;
            println!("ceiling: {what} SQL, {clients} clients, {} s", args.seconds);
            let sampler = Sampler::start(targets.clone());
            let row = sql::measure(&args.database_url, what, *clients, args.seconds).await?;
            let procs = sampler.stop().await;
            print!("{}", table(std::slice::from_ref(&row), None));
            report.sql.push(SqlCeiling {
                clients: *clients,
                row,
                procs,
            });
            save(args, &report)?;
        }
    }
    let noop = http::Noop::start()?;
    let host = format!("http://{}", noop.addr);
    for users in &args.http_users {
        let ours = [std::process::id()];
        procstat::wait_quiet(&ours, &[], QUIET_PERCENT, QUIET_WAIT).await;
        println!(
            "ceiling: no-op HTTP, {users} connections, {} s",
            args.seconds
        );
        let plan = Plan {
            label: format!("noop x{users}"),
            users: *users,
            only: None,
            without: Vec::new(),
            think: (Duration::ZERO, Duration::ZERO),
            ramp_per_second: (*users / 2).max(1),
            seconds: args.seconds,
        };
        let sampler = Sampler::start(vec![("driver+noop".to_owned(), std::process::id())]);
        let outcome = run_plain(&plan, &host, "/noop", "noop").await?;
        let procs = sampler.stop().await;
        print!("{}", table(&outcome.rows, None));
        report.http.push(HttpCeiling { outcome, procs });
        save(args, &report)?;
        tokio::time::sleep(Duration::from_secs(2)).await;
    }
    noop.stop().await;
    Ok(report)
}

fn save(args: &CeilingArgs, report: &CeilingReport) -> anyhow::Result<()> {
    let json = serde_json::to_string_pretty(report)?;
    std::fs::write(args.out_dir.join("ceiling.json"), json)?;
    Ok(())
}
