//! One goose run: which roles take part with which operations, how many users, how they
//! pace themselves, for how long; and its metrics turned into result rows.

use super::ops::{self, Op};
use super::world::World;
use crate::accounts::Role;
use crate::report::{Row, bucket_percentile};
use goose::config::GooseConfiguration;
use goose::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use std::time::Duration;

/// `(role, scenario weight, [(operation, weight)])`: the SPEC §9 mix. Scenario weights are
/// users per hundred; operation weights set how often each user does what.
/// `(operation, weight)` pairs.
pub type OpWeights = &'static [(Op, usize)];

/// `(role, scenario weight, operations)`.
pub type RoleMix = (Role, usize, OpWeights);

/// A role's part in one run: `(role, scenario weight, operations)`.
pub type Part = (Role, usize, Vec<(Op, usize)>);

pub const MIX: [RoleMix; 5] = [
    (
        Role::Customer,
        60,
        &[
            (Op::List, 8),
            (Op::Detail, 5),
            (Op::Create, 3),
            (Op::Comment, 2),
        ],
    ),
    (
        Role::Technician,
        25,
        &[
            (Op::List, 4),
            (Op::Detail, 3),
            (Op::Status, 3),
            (Op::Comment, 1),
        ],
    ),
    (
        Role::MaintenanceAdmin,
        10,
        &[
            (Op::List, 3),
            (Op::Detail, 2),
            (Op::Status, 3),
            (Op::Assign, 2),
            (Op::Comment, 1),
            (Op::Report, 1),
        ],
    ),
    (
        Role::SuperAdmin,
        1,
        &[
            (Op::List, 3),
            (Op::Detail, 2),
            (Op::Status, 3),
            (Op::Assign, 2),
            (Op::Comment, 1),
            (Op::Report, 1),
            (Op::Audit, 1),
        ],
    ),
    (
        Role::BasmaAdmin,
        4,
        &[(Op::List, 3), (Op::Detail, 2), (Op::Report, 1)],
    ),
];

/// A run to make.
#[derive(Debug, Clone)]
pub struct Plan {
    pub label: String,
    pub users: usize,
    /// `None`: the whole mix; `Some(op)`: a capacity run of that operation alone.
    pub only: Option<Op>,
    /// Operations left out of a mix.
    pub without: Vec<Op>,
    /// Pause after each operation, uniformly drawn from this range; zero for closed runs.
    pub think: (Duration, Duration),
    /// Users started per second.
    pub ramp_per_second: usize,
    pub seconds: u64,
}

impl Plan {
    /// `(role, scenario weight, operations)` taking part in this run. Status changes and
    /// assignments in capacity runs are made by admins, whose supply of legal moves is
    /// endless (a technician runs out once their requests are completed).
    pub fn roles(&self) -> Vec<Part> {
        MIX.iter()
            .filter_map(|(role, weight, ops)| {
                let ops: Vec<(Op, usize)> = match self.only {
                    None => ops
                        .iter()
                        .filter(|(o, _)| !self.without.contains(o))
                        .copied()
                        .collect(),
                    Some(op)
                        if matches!(op, Op::Status | Op::Assign) && *role == Role::Technician =>
                    {
                        Vec::new()
                    }
                    Some(op) => ops
                        .iter()
                        .filter(|(o, _)| *o == op)
                        .map(|(o, _)| (*o, 1))
                        .collect(),
                };
                (!ops.is_empty()).then_some((*role, *weight, ops))
            })
            .collect()
    }

    /// How many users of each role the run starts, rounded up.
    pub fn census(&self) -> HashMap<Role, usize> {
        let roles = self.roles();
        let total: usize = roles.iter().map(|(_, w, _)| w).sum();
        roles
            .iter()
            .map(|(role, w, _)| (*role, (self.users * w).div_ceil(total.max(1)) + 1))
            .collect()
    }
}

/// What one run measured.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Outcome {
    pub label: String,
    pub users: usize,
    pub seconds: usize,
    pub rows: Vec<Row>,
    /// Transaction errors (not HTTP failures), with counts.
    pub errors: BTreeMap<String, usize>,
}

/// Runs `plan` against `host`.
///
/// # Errors
/// Goose refusing the configuration or failing to run.
pub async fn run(
    plan: &Plan,
    host: &str,
    world: Arc<World>,
    error_log: Option<String>,
) -> anyhow::Result<Outcome> {
    let mut attack = GooseAttack::initialize_with_config(configuration(plan, host, error_log))?
        .set_scheduler(GooseScheduler::RoundRobin);
    for (role, weight, ops) in plan.roles() {
        let mut scenario = Scenario::new(role.as_str())
            .set_weight(weight)?
            .register_transaction(ops::start(role, world.clone()));
        if plan.think.1 > Duration::ZERO {
            scenario = scenario.set_wait_time(plan.think.0, plan.think.1)?;
        }
        for (op, w) in ops {
            let transaction = ops::transaction(op, world.clone()).set_weight(w)?;
            scenario = scenario.register_transaction(transaction);
        }
        attack = attack.register_scenario(scenario);
    }
    let metrics = attack.execute().await?;
    Ok(outcome(plan, &metrics))
}

/// A closed-model run of `GET <host><path>` alone (named `name`), for the HTTP ceiling.
///
/// # Errors
/// Goose refusing the configuration or failing to run.
pub async fn run_plain(
    plan: &Plan,
    host: &str,
    path: &'static str,
    name: &'static str,
) -> anyhow::Result<Outcome> {
    let f: TransactionFunction = Arc::new(move |user| {
        Box::pin(async move {
            let request = GooseRequest::builder().path(path).name(name).build();
            user.request(request).await.map(drop)
        })
    });
    let scenario = Scenario::new(name).register_transaction(Transaction::new(f).set_name(name));
    let metrics = GooseAttack::initialize_with_config(configuration(plan, host, None))?
        .register_scenario(scenario)
        .execute()
        .await?;
    Ok(outcome(plan, &metrics))
}

fn configuration(plan: &Plan, host: &str, error_log: Option<String>) -> GooseConfiguration {
    let mut config = GooseConfiguration::default();
    config.host = Some(host.to_owned());
    config.users = Some(plan.users);
    config.increase_rate = Some(plan.ramp_per_second.max(1).to_string());
    config.run_time = Some(plan.seconds.to_string());
    config.quiet = 1;
    config.no_print_metrics = true;
    config.no_error_summary = true;
    config.no_telnet = true;
    config.timeout = Some("60".to_owned());
    config.error_log = error_log;
    config
}

fn outcome(plan: &Plan, metrics: &GooseMetrics) -> Outcome {
    let seconds = metrics.duration.max(1);
    let mut rows = Vec::new();
    let mut merged: BTreeMap<u64, usize> = BTreeMap::new();
    let (mut count, mut fails, mut max) = (0usize, 0usize, 0u64);
    let mut keys: Vec<&String> = metrics.requests.keys().collect();
    keys.sort();
    for key in keys {
        let agg = &metrics.requests[key];
        let name = key.split_once(' ').map_or(key.as_str(), |(_, n)| n);
        if name == "setup" {
            continue;
        }
        let data = &agg.raw_data;
        let mut codes: BTreeMap<u16, usize> = BTreeMap::new();
        for (code, n) in &agg.status_code_counts {
            *codes.entry(*code).or_default() += n;
        }
        for (bucket, n) in data.times_us.iter() {
            *merged.entry(*bucket).or_default() += n;
        }
        count += data.counter;
        fails += agg.fail_count;
        max = max.max(data.maximum_time_us);
        rows.push(Row {
            op: name.to_owned(),
            requests: data.counter,
            per_second: data.counter as f64 / seconds as f64,
            p50_ms: ms(data.percentile_us(0.5)),
            p95_ms: ms(data.percentile_us(0.95)),
            p99_ms: ms(data.percentile_us(0.99)),
            max_ms: ms(data.maximum_time_us),
            errors: agg.fail_count,
            status_codes: codes,
        });
    }
    if rows.len() > 1 {
        rows.push(Row {
            op: "all".to_owned(),
            requests: count,
            per_second: count as f64 / seconds as f64,
            p50_ms: ms(bucket_percentile(&merged, count, 0.5)),
            p95_ms: ms(bucket_percentile(&merged, count, 0.95)),
            p99_ms: ms(bucket_percentile(&merged, count, 0.99)),
            max_ms: ms(max),
            errors: fails,
            status_codes: BTreeMap::new(),
        });
    }
    let mut errors = BTreeMap::new();
    for error in metrics.errors.values() {
        *errors
            .entry(format!(
                "{} {}: {}",
                error.method_label(),
                error.name,
                error.error
            ))
            .or_default() += error.occurrences;
    }
    Outcome {
        label: plan.label.clone(),
        users: plan.users,
        seconds,
        rows,
        errors,
    }
}

fn ms(us: u64) -> f64 {
    us as f64 / 1000.0
}
