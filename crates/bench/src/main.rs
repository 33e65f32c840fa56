//! `basma-bench`: the seeder, load driver and ceiling measurements of SPEC §9, and `all`,
//! which runs them end to end against a server it starts and writes `docs/PERFORMANCE.md`.
//! See `docs/PERFORMANCE.md` for the method and the figures.

mod accounts;
mod all;
mod ceiling;
mod doc;
mod load;
mod procstat;
mod report;
mod seed;
mod sockets;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "basma-bench",
    about = "Basma's performance benchmark (SPEC §9)"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Fill a database with the benchmark's data set (set-based inserts).
    Seed(seed::SeedArgs),
    /// Drive a running server: the SPEC §9 mix, then closed-model capacity runs.
    Load(load::LoadArgs),
    /// Measure the database and HTTP ceilings the capacity figures are compared with.
    Ceiling(ceiling::CeilingArgs),
    /// Seed (unless seeded), start the server, load, ceilings, write docs/PERFORMANCE.md.
    All(all::AllArgs),
    /// Hold many open WebSockets (managers) and measure each event's delivery latency.
    Sockets(sockets::SocketArgs),
    /// Rewrite docs/PERFORMANCE.md from the results already under the output directory.
    Report {
        #[arg(long, default_value = "/var/tmp/basma-bench")]
        out_dir: std::path::PathBuf,
        #[arg(long, default_value = "docs/PERFORMANCE.md")]
        doc: std::path::PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("basma-bench: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let result = runtime.block_on(async {
        match cli.command {
            Command::Seed(args) => seed::run(&args).await.map(|r| seed::print(&r)),
            Command::Load(args) => load::run(&args).await.map(drop),
            Command::Ceiling(args) => ceiling::run(&args).await.map(drop),
            Command::All(args) => all::run(&args).await,
            Command::Sockets(args) => sockets::run(&args).await.map(|r| {
                println!("{}", serde_json::to_string_pretty(&r).unwrap_or_default());
                print!("{}", sockets::markdown(&r));
            }),
            Command::Report { out_dir, doc } => doc::write(&doc, &out_dir),
        }
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("basma-bench: {e:#}");
            ExitCode::FAILURE
        }
    }
}
