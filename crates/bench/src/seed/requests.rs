//! A year of maintenance requests with their timelines and comments.
//!
//! Requests are generated in creation order over the past year, each with a status drawn from
//! the mix below and every milestone its status implies (submitted → assigned → started →
//! completed → closed), the assignee from the technicians skilled in its category, the
//! events its history would have written, a rating on some finished ones and comments on
//! about a third. References count up per year from 1, and `reference_counters` ends at the
//! last number handed out, so the server's next request continues the sequence.

use super::catalog::{Catalog, People, id_at};
use super::rows::{event, micros, weighted};
use super::writer::insert_chunked;
use super::{SeedArgs, text};
use basma_persistence::entities::{
    comments, maintenance_requests as mr, reference_counters, request_events as ev,
};
use chrono::{DateTime, Datelike, Duration, Utc};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use sea_orm::{ActiveValue::Set, DatabaseConnection, IntoActiveModel};
use std::collections::BTreeMap;
use std::sync::Arc;
use tokio::sync::{Mutex, mpsc};
use uuid::Uuid;

/// `(status, percent)`: the status mix of the stored requests.
pub const STATUS_MIX: [(&str, u32); 8] = [
    ("SUBMITTED", 10),
    ("ASSIGNED", 10),
    ("IN_PROGRESS", 10),
    ("COMPLETED", 10),
    ("CLOSED", 50),
    ("REJECTED", 5),
    ("CANCELLED", 3),
    ("DRAFT", 2),
];

/// `(priority, rank, percent, hours until due)`.
const PRIORITIES: [(&str, i16, u32, i64); 4] = [
    ("LOW", 1, 25, 168),
    ("MEDIUM", 2, 45, 72),
    ("HIGH", 3, 22, 24),
    ("URGENT", 4, 8, 4),
];

/// Requests per batch handed to a writer.
const BATCH: usize = 1_000;

#[derive(Debug, Default, Clone, Copy)]
pub struct Written {
    pub requests: u64,
    pub events: u64,
    pub comments: u64,
}

struct Batch {
    requests: Vec<mr::ActiveModel>,
    events: Vec<ev::ActiveModel>,
    comments: Vec<comments::ActiveModel>,
}

pub async fn seed_requests(
    db: &DatabaseConnection,
    args: &SeedArgs,
    catalog: &Catalog,
    people: &People,
    now: DateTime<Utc>,
    writers: usize,
) -> anyhow::Result<Written> {
    let (tx, rx) = mpsc::channel::<Batch>(writers * 2);
    let rx = Arc::new(Mutex::new(rx));
    let mut tasks = Vec::new();
    for _ in 0..writers {
        let (db, rx) = (db.clone(), rx.clone());
        tasks.push(tokio::spawn(async move {
            let mut written = Written::default();
            loop {
                let next = rx.lock().await.recv().await;
                let Some(batch) = next else { break };
                written.requests += insert_chunked(&db, batch.requests).await?;
                written.comments += insert_chunked(&db, batch.comments).await?;
                written.events += insert_chunked(&db, batch.events).await?;
            }
            anyhow::Ok(written)
        }));
    }
    let generator = Generator::new(catalog, people, now, args.requests);
    let total = args.requests;
    let producer = tokio::task::spawn_blocking(move || generator.run(total, &tx));

    let mut written = Written::default();
    for task in tasks {
        let part = task.await??;
        written.requests += part.requests;
        written.events += part.events;
        written.comments += part.comments;
    }
    let counters = producer.await??;
    let rows = counters.into_iter().map(|(year, last_number)| {
        reference_counters::Model { year, last_number }.into_active_model()
    });
    insert_chunked(db, rows).await?;
    Ok(written)
}

/// Everything one request needs from the catalogue, copied so generation runs on its own
/// thread.
struct Generator {
    rng: StdRng,
    buildings: Vec<(Uuid, Uuid)>,
    categories: Vec<(Uuid, String)>,
    customers: Vec<Uuid>,
    technicians: Vec<Uuid>,
    skilled: Vec<Vec<usize>>,
    admins: Vec<Uuid>,
    now: DateTime<Utc>,
    start_us: i64,
    span_us: f64,
    per_year: BTreeMap<i32, i64>,
}

impl Generator {
    fn new(catalog: &Catalog, people: &People, now: DateTime<Utc>, total: usize) -> Self {
        let span = Duration::days(365) - Duration::minutes(10);
        Self {
            rng: StdRng::seed_from_u64(0xBA5A),
            buildings: catalog.buildings.clone(),
            categories: catalog.categories.clone(),
            customers: people.customers.clone(),
            technicians: people.technicians.clone(),
            skilled: people.skilled.clone(),
            admins: people.maintenance_admins.clone(),
            now,
            start_us: (now - Duration::days(365)).timestamp_micros(),
            span_us: span.num_microseconds().unwrap_or(0) as f64 / total.max(1) as f64,
            per_year: BTreeMap::new(),
        }
    }

    /// Generates `total` requests into `tx`; returns the last reference number per year.
    fn run(mut self, total: usize, tx: &mpsc::Sender<Batch>) -> anyhow::Result<BTreeMap<i32, i64>> {
        let mut batch = empty_batch();
        for i in 0..total {
            self.request(i, &mut batch);
            if batch.requests.len() == BATCH {
                tx.blocking_send(std::mem::replace(&mut batch, empty_batch()))
                    .map_err(|_| anyhow::anyhow!("a writer failed"))?;
            }
        }
        if !batch.requests.is_empty() {
            tx.blocking_send(batch)
                .map_err(|_| anyhow::anyhow!("a writer failed"))?;
        }
        Ok(self.per_year)
    }

    /// A uniformly drawn index below `len`.
    fn index(&mut self, len: usize) -> usize {
        self.rng.random_range(0..len.max(1))
    }

    /// A delay of `min..max` minutes, in seconds.
    fn minutes(&mut self, min: i64, max: i64) -> i64 {
        self.rng.random_range(min * 60..max * 60)
    }

    fn request(&mut self, i: usize, batch: &mut Batch) {
        let offset = (i as f64 + self.rng.random::<f64>()) * self.span_us;
        let created = micros(self.start_us + offset as i64);
        let status = weighted(&mut self.rng, &STATUS_MIX);
        let (priority, rank, _, due_hours) =
            PRIORITIES[weighted(&mut self.rng, &PRIORITIES.map(|p| (p.0, p.2)))];
        let category = weighted(
            &mut self.rng,
            &[(0, 25), (1, 20), (2, 20), (3, 8), (4, 7), (5, 15), (6, 5)],
        ) % self.categories.len();
        let picks = [
            self.index(self.buildings.len()),
            self.index(self.customers.len()),
            self.index(self.admins.len()),
            self.index(self.technicians.len()),
            self.index(self.skilled[category].len()),
        ];
        let (building, property) = self.buildings[picks[0]];
        let requester = self.customers[picks[1]];
        let admin = self.admins[picks[2]];
        let technician = match self.skilled[category].get(picks[4]) {
            Some(&t) => self.technicians[t],
            None => self.technicians[picks[3]],
        };
        let status = STATUS_MIX[status].0;

        // The delays between milestones, squeezed when the request is too recent for them.
        let depth = match status {
            "DRAFT" => 0,
            "SUBMITTED" | "REJECTED" | "CANCELLED" => 1,
            "ASSIGNED" => 2,
            "IN_PROGRESS" => 3,
            "COMPLETED" => 4,
            _ => 5,
        };
        let mut delays = [
            self.minutes(5, 360),
            self.minutes(10, 720),
            self.minutes(30, 2880),
            self.minutes(60, 4320),
        ];
        let ending = self.minutes(10, 1440);
        let used: i64 = delays[..depth.max(1) - 1].iter().sum::<i64>() + ending;
        let room = (self.now - created).num_seconds() * 9 / 10;
        if used > room {
            for d in &mut delays {
                *d = *d * room / used.max(1);
            }
        }
        let mut at = created;
        let mut stamps = [None; 4];
        for (k, stamp) in stamps.iter_mut().enumerate().take(depth.max(1) - 1) {
            at += Duration::seconds(delays[k]);
            *stamp = Some(at);
        }
        let [assigned_at, started_at, completed_at, closed_at] = stamps;
        let submitted_at = (depth > 0).then_some(created);

        let id = id_at(created);
        let mut events = vec![event(
            id,
            "CREATED",
            requester,
            None,
            Some(if depth == 0 { "DRAFT" } else { "SUBMITTED" }),
            created,
        )];
        let path = [
            "SUBMITTED",
            "ASSIGNED",
            "IN_PROGRESS",
            "COMPLETED",
            "CLOSED",
        ];
        for k in 1..depth.max(1) {
            let stamp = stamps[k - 1].unwrap_or(created);
            let (kind, actor) = match k {
                1 if self.rng.random_bool(0.3) => ("ASSIGNED", technician),
                1 => ("ASSIGNED", admin),
                4 => ("STATUS_CHANGED", admin),
                _ => ("STATUS_CHANGED", technician),
            };
            let mut e = event(id, kind, actor, Some(path[k - 1]), Some(path[k]), stamp);
            if k == 1 {
                e.technician_id = Set(Some(technician));
            }
            events.push(e);
        }
        let mut reason = None;
        let mut updated = at;
        if status == "REJECTED" || status == "CANCELLED" {
            updated = created + Duration::seconds((ending * room / used.max(1)).min(ending));
            let text = text::reason(i).to_owned();
            let actor = if status == "REJECTED" {
                admin
            } else {
                requester
            };
            let mut e = event(
                id,
                "STATUS_CHANGED",
                actor,
                Some("SUBMITTED"),
                Some(status),
                updated,
            );
            e.note = Set(Some(text.clone()));
            events.push(e);
            reason = Some(text);
        }
        let mut rating = None;
        let rated = match status {
            "CLOSED" => self.rng.random_bool(0.6),
            "COMPLETED" => self.rng.random_bool(0.1),
            _ => false,
        };
        if rated {
            rating = Some(
                *[5i16, 5, 4, 4, 3, 2, 1]
                    .get(self.rng.random_range(0..7))
                    .unwrap_or(&5),
            );
            updated = (updated + Duration::minutes(30)).min(self.now);
            events.push(event(id, "RATED", requester, None, None, updated));
        }
        let version = i32::try_from(events.len()).unwrap_or(1);

        if depth > 0 && self.rng.random_bool(0.33) {
            let span = (self.now.min(updated + Duration::days(2)) - created)
                .num_seconds()
                .max(1);
            for c in 0..self.rng.random_range(1..=3usize) {
                let when = created + Duration::seconds(self.rng.random_range(0..span));
                let (author, internal) = match (c, assigned_at.is_some()) {
                    (0, _) => (requester, false),
                    (_, true) if c % 2 == 1 => (technician, self.rng.random_bool(0.3)),
                    _ => (admin, self.rng.random_bool(0.5)),
                };
                let comment_id = id_at(when);
                batch.comments.push(comments::ActiveModel {
                    id: Set(comment_id),
                    request_id: Set(id),
                    author_id: Set(author),
                    body: Set(text::comment(i + c).to_owned()),
                    internal: Set(internal),
                    created_at: Set(when),
                });
                let mut e = event(id, "COMMENTED", author, None, None, when);
                e.comment_id = Set(Some(comment_id));
                e.internal = Set(internal);
                events.push(e);
            }
        }
        events.sort_by_key(|e| match &e.at {
            Set(at) => *at,
            _ => created,
        });

        let year = created.year();
        let number = self.per_year.entry(year).or_insert(0);
        *number += 1;
        let (title, description) =
            text::request_text(&self.categories[category].1, i / 7, 100 + i % 900);
        batch.requests.push(
            mr::Model {
                id,
                reference: format!("MR-{year}-{number:06}"),
                title,
                description,
                category_id: self.categories[category].0,
                priority: priority.to_owned(),
                priority_rank: rank,
                status: status.to_owned(),
                building_id: building,
                property_id: property,
                location: (!i.is_multiple_of(4))
                    .then(|| format!("Unit {}, floor {}", 100 + i % 900, i % 12)),
                requester_id: requester,
                assignee_id: assigned_at.map(|_| technician),
                due_at: submitted_at.map(|s| s + Duration::hours(due_hours)),
                submitted_at,
                assigned_at,
                started_at,
                completed_at,
                closed_at,
                reason,
                rating,
                feedback: rating
                    .filter(|_| i.is_multiple_of(3))
                    .map(|_| "Thank you, all fixed.".to_owned()),
                version,
                created_at: created,
                updated_at: updated,
            }
            .into_active_model(),
        );
        batch.events.extend(events);
    }
}

fn empty_batch() -> Batch {
    Batch {
        requests: Vec::with_capacity(BATCH),
        events: Vec::with_capacity(BATCH * 5),
        comments: Vec::with_capacity(BATCH),
    }
}
