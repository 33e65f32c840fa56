//! CPU and memory of the processes under test, sampled from `/proc/<pid>/stat` (user +
//! system clock ticks) and `/proc/<pid>/status` (`VmRSS`, `VmHWM`) twice a second while a
//! run lasts. CPU is in percent of one core (200% is both cores of a 2-core machine).

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// One process's figures over one run.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct ProcStats {
    pub name: String,
    pub pid: u32,
    pub cpu_avg_percent: f64,
    /// The busiest second.
    pub cpu_peak_percent: f64,
    pub rss_peak_mib: f64,
    /// The kernel's high-water mark of resident memory since the process started.
    pub hwm_mib: f64,
}

/// Samples until [`Sampler::stop`].
pub struct Sampler {
    stop: Arc<AtomicBool>,
    task: tokio::task::JoinHandle<Vec<ProcStats>>,
}

impl Sampler {
    pub fn start(targets: Vec<(String, u32)>) -> Sampler {
        let stop = Arc::new(AtomicBool::new(false));
        let flag = stop.clone();
        let task = tokio::spawn(async move { sample(targets, flag).await });
        Sampler { stop, task }
    }

    pub async fn stop(self) -> Vec<ProcStats> {
        self.stop.store(true, Ordering::Relaxed);
        self.task.await.unwrap_or_default()
    }
}

async fn sample(targets: Vec<(String, u32)>, stop: Arc<AtomicBool>) -> Vec<ProcStats> {
    let tick = clock_ticks();
    let started = Instant::now();
    let machine_first = machine_busy_ticks();
    let first: Vec<Option<u64>> = targets.iter().map(|(_, pid)| cpu_ticks(*pid)).collect();
    let mut last = first.clone();
    let mut last_at = started;
    let mut peak_cpu = vec![0.0f64; targets.len()];
    let mut peak_rss = vec![0u64; targets.len()];
    while !stop.load(Ordering::Relaxed) {
        tokio::time::sleep(Duration::from_millis(1000)).await;
        let now = Instant::now();
        let span = now.duration_since(last_at).as_secs_f64().max(0.001);
        for (k, (_, pid)) in targets.iter().enumerate() {
            let ticks = cpu_ticks(*pid);
            if let (Some(a), Some(b)) = (last[k], ticks) {
                let pct = (b.saturating_sub(a)) as f64 / tick / span * 100.0;
                peak_cpu[k] = peak_cpu[k].max(pct);
            }
            last[k] = ticks.or(last[k]);
            peak_rss[k] = peak_rss[k].max(status_kib(*pid, "VmRSS:").unwrap_or(0));
        }
        last_at = now;
    }
    let elapsed = started.elapsed().as_secs_f64().max(0.001);
    let cpu = |a: Option<u64>, b: Option<u64>| match (a, b) {
        (Some(a), Some(b)) => b.saturating_sub(a) as f64 / tick / elapsed * 100.0,
        _ => 0.0,
    };
    let machine = cpu(machine_first, machine_busy_ticks());
    let measured: f64 = (0..targets.len()).map(|k| cpu(first[k], last[k])).sum();
    let mut stats: Vec<ProcStats> = targets
        .iter()
        .enumerate()
        .map(|(k, (name, pid))| ProcStats {
            name: name.clone(),
            pid: *pid,
            cpu_avg_percent: cpu(first[k], last[k]),
            cpu_peak_percent: peak_cpu[k],
            rss_peak_mib: peak_rss[k] as f64 / 1024.0,
            hwm_mib: status_kib(*pid, "VmHWM:").unwrap_or(0) as f64 / 1024.0,
        })
        .collect();
    // Everything else the machine did meanwhile (other jobs on a shared box disturb a run).
    stats.push(ProcStats {
        name: "everything else".to_owned(),
        pid: 0,
        cpu_avg_percent: (machine - measured).max(0.0),
        cpu_peak_percent: 0.0,
        rss_peak_mib: 0.0,
        hwm_mib: 0.0,
    });
    stats
}

/// Busy (non-idle, non-iowait) ticks of the whole machine, all cores, from `/proc/stat`.
fn machine_busy_ticks() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/stat").ok()?;
    let line = stat.lines().next()?;
    let values: Vec<u64> = line
        .split_whitespace()
        .skip(1)
        .filter_map(|v| v.parse().ok())
        .collect();
    // user nice system idle iowait irq softirq steal …
    let idle = values.get(3)? + values.get(4)?;
    Some(values.iter().take(8).sum::<u64>() - idle)
}

/// User + system time of `pid`, in clock ticks.
fn cpu_ticks(pid: u32) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name may hold spaces; the fields after it start past the last ')'.
    let rest = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // `utime` and `stime` are fields 14 and 15 of the whole line, 12 and 13 after the name.
    let utime: u64 = fields.get(11)?.parse().ok()?;
    let stime: u64 = fields.get(12)?.parse().ok()?;
    Some(utime + stime)
}

fn status_kib(pid: u32, key: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with(key))?;
    line[key.len()..]
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()
}

fn clock_ticks() -> f64 {
    std::process::Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(100.0)
}

/// The pid of the local MariaDB / MySQL server, if one runs on this machine.
pub fn database_pid() -> Option<u32> {
    let entries = std::fs::read_dir("/proc").ok()?;
    entries.flatten().find_map(|entry| {
        let pid: u32 = entry.file_name().to_str()?.parse().ok()?;
        let comm = std::fs::read_to_string(entry.path().join("comm")).ok()?;
        matches!(comm.trim(), "mariadbd" | "mysqld").then_some(pid)
    })
}

/// Facts about the machine for the report: cores, memory, CPU model, kernel.
pub fn machine() -> Vec<(String, String)> {
    let run = |cmd: &str, args: &[&str]| {
        std::process::Command::new(cmd)
            .args(args)
            .output()
            .ok()
            .and_then(|o| String::from_utf8(o.stdout).ok())
            .map(|s| s.trim().to_owned())
            .unwrap_or_default()
    };
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|c| {
            c.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split_once(':'))
                .map(|(_, v)| v.trim().to_owned())
        })
        .unwrap_or_default();
    let memory = run("free", &["-h"]);
    let memory = memory
        .lines()
        .find(|l| l.starts_with("Mem:"))
        .unwrap_or_default()
        .split_whitespace()
        .nth(1)
        .unwrap_or_default()
        .to_owned();
    vec![
        ("nproc".to_owned(), run("nproc", &[])),
        ("CPU".to_owned(), cpu),
        ("memory (free -h)".to_owned(), memory),
        ("kernel".to_owned(), run("uname", &["-sr"])),
    ]
}

/// Waits, up to `max`, until for five seconds both the rest of the machine (everything but
/// `ours`) and the processes under test (`idle`: server, database — still busy with queries
/// a previous run left behind) each used less than `threshold` percent of a core: other
/// jobs on a shared machine, or the tail of the last run, would otherwise be measured as the
/// server's slowness. Returns the others' share when it stopped waiting.
pub async fn wait_quiet(ours: &[u32], idle: &[u32], threshold: f64, max: Duration) -> f64 {
    let tick = clock_ticks();
    let deadline = Instant::now() + max;
    let mut told = false;
    loop {
        let m0 = machine_busy_ticks();
        let (p0, i0) = (ours_ticks(ours), ours_ticks(idle));
        let started = Instant::now();
        tokio::time::sleep(Duration::from_secs(5)).await;
        let span = started.elapsed().as_secs_f64() * tick / 100.0;
        let (p1, i1) = (ours_ticks(ours), ours_ticks(idle));
        let others = match (m0, machine_busy_ticks()) {
            (Some(a), Some(b)) => {
                (b.saturating_sub(a) as f64 - p1.saturating_sub(p0) as f64) / span
            }
            _ => 0.0,
        };
        let busy = i1.saturating_sub(i0) as f64 / span;
        if (others < threshold && busy < threshold) || Instant::now() >= deadline {
            return others.max(0.0);
        }
        if !told {
            println!(
                "waiting for the machine to calm down (other jobs {others:.0}%, server and \
                 database {busy:.0}% CPU)"
            );
            told = true;
        }
    }
}

fn ours_ticks(pids: &[u32]) -> u64 {
    pids.iter().filter_map(|pid| cpu_ticks(*pid)).sum()
}
