//! `all`: the benchmark end to end. Seeds the database unless it already holds the data set,
//! starts the release `basma` server as a child process (loopback only, limits raised so the
//! rate limiter does not shape the load), waits for `/health`, runs the load, stops the server
//! (SIGTERM, by its pid), measures the ceilings, and writes `<out-dir>/results.json` and
//! `docs/PERFORMANCE.md`.

use crate::ceiling::{self, CeilingArgs, CeilingReport};
use crate::load::{self, LoadArgs, LoadReport};
use crate::seed::{self, SeedArgs, SeedReport};
use crate::{doc, procstat};
use anyhow::Context;
use basma_persistence::{PoolOptions, Store};
use sea_orm::{ConnectionTrait, Statement};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

#[derive(Debug, Clone, clap::Args)]
pub struct AllArgs {
    #[command(flatten)]
    pub seed: SeedArgs,
    /// The server binary (default: `basma` next to this one, i.e. `cargo build --release -p basma`).
    #[arg(long)]
    pub server_bin: Option<PathBuf>,
    #[arg(long, default_value = "127.0.0.1:18080")]
    pub listen: String,
    /// Extra server environment, `KEY=VALUE` (e.g. `BASMA_DB_MAX_CONNECTIONS=50`).
    #[arg(long = "server-env", value_name = "KEY=VALUE")]
    pub server_env: Vec<String>,
    /// Server log filter (the server logs every request at `info`).
    #[arg(long, default_value = "info")]
    pub server_log: String,
    #[arg(long, default_value_t = 1000)]
    pub mix_users: usize,
    #[arg(long, default_value_t = 120)]
    pub mix_seconds: u64,
    /// Run only the mix without `--mix-without` (configuration experiments).
    #[arg(long)]
    pub skip_full_mix: bool,
    /// Also run the mix without these operations ("" for none).
    #[arg(long, value_delimiter = ',', default_value = "report")]
    pub mix_without: Vec<String>,
    #[arg(long, value_delimiter = ',', default_values_t = [100, 1000])]
    pub capacity_users: Vec<usize>,
    #[arg(long, default_value_t = 30)]
    pub capacity_seconds: u64,
    /// Operations measured by capacity runs (default: all).
    #[arg(long, value_delimiter = ',')]
    pub ops: Vec<String>,
    #[arg(long, default_value_t = 20)]
    pub ceiling_seconds: u64,
    /// Take the load results from `<out-dir>/<backend>/load.json` of an earlier run instead
    /// of starting the server (to re-measure the ceilings or rewrite the report).
    #[arg(long)]
    pub reuse_load: bool,
    /// Results go to `<out-dir>/<mariadb|sqlite>/`.
    #[arg(long, default_value = "/var/tmp/basma-bench")]
    pub out_dir: PathBuf,
    /// The report to (re)write from every results file under `out-dir`.
    #[arg(long, default_value = "docs/PERFORMANCE.md")]
    pub doc: PathBuf,
}

/// Everything one `all` measured.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Results {
    pub backend: String,
    pub command: String,
    pub started: String,
    pub machine: Vec<(String, String)>,
    pub server_env: Vec<(String, String)>,
    pub seed: SeedReport,
    pub load: LoadReport,
    pub ceiling: CeilingReport,
}

/// Runs the whole benchmark.
///
/// # Errors
/// Any step failing; the server is stopped either way.
pub async fn run(args: &AllArgs) -> anyhow::Result<()> {
    let backend = if args.seed.database_url.starts_with("sqlite:") {
        "sqlite"
    } else {
        "mariadb"
    };
    let out_dir = args.out_dir.join(backend);
    std::fs::create_dir_all(&out_dir)?;
    let started = chrono::Utc::now();
    let seed_report = seed::run(&args.seed).await?;
    seed::print(&seed_report);

    let env = server_env(args);
    let load = if args.reuse_load {
        let text = std::fs::read_to_string(out_dir.join("load.json"))
            .context("--reuse-load: no load.json from an earlier run")?;
        serde_json::from_str(&text)?
    } else {
        run_load(args, &env, &out_dir).await?
    };

    let ceiling = ceiling::run(&CeilingArgs {
        database_url: args.seed.database_url.clone(),
        sql_clients: vec![20, 100],
        http_users: args.capacity_users.clone(),
        seconds: args.ceiling_seconds,
        out_dir: out_dir.clone(),
    })
    .await?;

    let results = Results {
        backend: backend.to_owned(),
        command: std::env::args().collect::<Vec<_>>().join(" "),
        started: started.to_rfc3339(),
        machine: procstat::machine(),
        server_env: env,
        seed: seed_report,
        load,
        ceiling,
    };
    std::fs::write(
        out_dir.join("results.json"),
        serde_json::to_string_pretty(&results)?,
    )?;
    doc::write(&args.doc, &args.out_dir)?;
    println!(
        "all: results in {}, report in {}",
        out_dir.display(),
        args.doc.display()
    );
    Ok(())
}

/// Starts the server, drives the load, stops the server and what it left running.
async fn run_load(
    args: &AllArgs,
    env: &[(String, String)],
    out_dir: &std::path::Path,
) -> anyhow::Result<LoadReport> {
    let mut server = start_server(args, env, out_dir)?;
    let base_url = format!("http://{}", args.listen);
    let load_args = LoadArgs {
        base_url: base_url.clone(),
        database_url: args.seed.database_url.clone(),
        mix_users: args.mix_users,
        think_max_seconds: 4.0,
        mix_seconds: args.mix_seconds,
        mix_ramp: 40,
        capacity_users: args.capacity_users.clone(),
        capacity_seconds: args.capacity_seconds,
        ops: args.ops.clone(),
        mix_without: args.mix_without.clone(),
        skip_full_mix: args.skip_full_mix,
        skip_mix: false,
        skip_capacity: false,
        out_dir: out_dir.to_path_buf(),
        server_pid: Some(server.id()),
    };
    let load = async {
        wait_healthy(&base_url, &mut server).await?;
        load::run(&load_args).await
    }
    .await;
    stop_server(&mut server);
    kill_leftovers(&args.seed.database_url).await?;
    load
}

fn server_env(args: &AllArgs) -> Vec<(String, String)> {
    [
        ("DATABASE_URL", args.seed.database_url.as_str()),
        ("BASMA_LISTEN", args.listen.as_str()),
        ("BASMA_RATE_LIMIT_PER_MINUTE", "1000000"),
        ("BASMA_AUTH_RATE_LIMIT_PER_MINUTE", "1000000"),
        ("BASMA_BCRYPT_COST", "10"),
        ("BASMA_ACCESS_TTL", "4h"),
        (
            "BASMA_JWT_SECRET",
            "bench-only-secret-0123456789abcdef0123456789",
        ),
        ("RUST_LOG", args.server_log.as_str()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .chain(args.server_env.iter().filter_map(|kv| {
        kv.split_once('=')
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
    }))
    .collect()
}

fn start_server(
    args: &AllArgs,
    env: &[(String, String)],
    out_dir: &std::path::Path,
) -> anyhow::Result<Child> {
    let bin = match &args.server_bin {
        Some(bin) => bin.clone(),
        None => std::env::current_exe()?
            .parent()
            .map(|dir| dir.join("basma"))
            .context("no directory for the server binary")?,
    };
    let log = std::fs::File::create(out_dir.join("server.log"))?;
    let child = Command::new(&bin)
        .envs(env.iter().map(|(k, v)| (k, v)))
        .env_remove("BASMA_ADMIN_EMAIL")
        .env_remove("BASMA_ADMIN_PASSWORD")
        .env_remove("REDIS_URL")
        .env_remove("SMTP_URL")
        .stdin(Stdio::null())
        .stdout(log.try_clone()?)
        .stderr(log)
        .spawn()
        .with_context(|| {
            format!(
                "starting {} (cargo build --release -p basma)",
                bin.display()
            )
        })?;
    println!("all: server {} started, pid {}", bin.display(), child.id());
    Ok(child)
}

/// Waits for `/health` (migrations run at start, and a new index on a million rows takes a
/// while); fails at once if the server exits.
async fn wait_healthy(base_url: &str, server: &mut Child) -> anyhow::Result<()> {
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(2))
        .build()?;
    let deadline = Instant::now() + Duration::from_secs(900);
    while Instant::now() < deadline {
        if let Some(status) = server.try_wait()? {
            anyhow::bail!("the server exited with {status}; see its server.log");
        }
        let health = client.get(format!("{base_url}/health")).send().await;
        if health.is_ok_and(|r| r.status().is_success()) {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    anyhow::bail!("the server did not become healthy within 15 minutes")
}

/// Stops the queries the stopped server left running in MariaDB (a statement goes on after
/// its client is gone), so they do not eat into the ceiling measurements.
async fn kill_leftovers(url: &str) -> anyhow::Result<()> {
    if !url.starts_with("mysql:") {
        return Ok(());
    }
    let store = Store::connect(url, PoolOptions::default()).await?;
    let db = store.connection();
    let backend = db.get_database_backend();
    let sql = "SELECT id FROM information_schema.processlist WHERE db = DATABASE() \
               AND command IN ('Query', 'Execute') AND id <> CONNECTION_ID()";
    let rows = db
        .query_all_raw(Statement::from_string(backend, sql))
        .await?;
    for row in rows {
        let id: i64 = row.try_get("", "id")?;
        println!("all: stopping query {id} the server left running");
        db.execute_unprepared(&format!("KILL QUERY {id}")).await?;
    }
    store.close().await?;
    Ok(())
}

/// SIGTERM (graceful shutdown), then SIGKILL after 30 s.
fn stop_server(server: &mut Child) {
    let pid = server.id().to_string();
    let _ = Command::new("kill").args(["-TERM", &pid]).status();
    let deadline = Instant::now() + Duration::from_secs(30);
    while Instant::now() < deadline {
        if matches!(server.try_wait(), Ok(Some(_))) {
            return;
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    let _ = server.kill();
    let _ = server.wait();
}
