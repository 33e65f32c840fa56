//! Report summaries kept for a few seconds, with single flight.
//!
//! A summary aggregates every request in its window: tens of thousands of rows for a month of
//! a busy company. Dashboards ask for the same figures again and again (every admin sees the
//! same company-wide numbers), so identical summaries asked for within `ttl` share one
//! computation: the first asker runs the aggregates, concurrent askers wait for its result,
//! later ones read it. Identical means the same scope condition, text and bound values (the
//! viewer's visibility and the filter, see `summary::scope`), so a cached figure never
//! crosses a visibility boundary. Figures are therefore at most `ttl` old; a `ttl` of zero
//! turns the cache off. A failed computation is not kept: the next asker tries again.
//!
//! A window that ends now (`to` within `ttl` of the clock: "the last 30 days" as a dashboard
//! asks for it, its bounds moving every second) is a *rolling* window: the figures of the
//! 30 days ending a moment ago are exactly that window's figures as of a moment ago. Rolling
//! windows of the same length and scope therefore share one key whatever their exact bounds,
//! and get the same staleness as any other cached summary. A window further in the past is
//! keyed by its exact bounds.

use super::summary;
use basma_domain::ports::{RepoError, ReportSummary, RequestFilter, Visibility};
use chrono::{DateTime, Utc};
use futures_util::FutureExt;
use futures_util::future::{BoxFuture, Shared};
use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

/// One computation of a summary, awaited by everyone who asks while it runs.
pub type Computation = BoxFuture<'static, Result<ReportSummary, RepoError>>;

/// Entries beyond which expired ones are swept (one per scope asked for recently).
const SWEEP_ABOVE: usize = 1_000;

#[derive(Default)]
pub struct SummaryCache {
    ttl: Duration,
    slots: Mutex<HashMap<String, (Instant, Shared<Computation>)>>,
}

impl std::fmt::Debug for SummaryCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SummaryCache")
            .field("ttl", &self.ttl)
            .finish()
    }
}

impl SummaryCache {
    pub fn new(ttl: Duration) -> Self {
        Self {
            ttl,
            slots: Mutex::default(),
        }
    }

    /// The key of a summary over `filter` for `visibility` asked for at `now` (see the module
    /// documentation for rolling windows).
    pub fn key(
        &self,
        visibility: &Visibility,
        filter: &RequestFilter,
        now: DateTime<Utc>,
    ) -> String {
        let ends_now = filter.created_to.is_some_and(|to| {
            chrono::Duration::from_std(self.ttl).is_ok_and(|ttl| (to - now).abs() <= ttl)
        });
        if !ends_now {
            return format!("{:?}", summary::scope(visibility, filter, now));
        }
        let length = filter
            .created_from
            .zip(filter.created_to)
            .map(|(from, to)| to - from);
        let unbounded = RequestFilter {
            created_from: None,
            created_to: None,
            ..filter.clone()
        };
        format!(
            "{:?}|rolling window of {length:?}",
            summary::scope(visibility, &unbounded, now)
        )
    }

    /// The summary cached under `key`, or the one `compute` returns. Everyone
    /// waiting on one computation gets its result, failure included, so an outage costs one
    /// failed attempt per burst rather than one per asker in turn.
    pub async fn get_or_compute(
        &self,
        key: String,
        compute: impl FnOnce() -> Computation,
    ) -> Result<ReportSummary, RepoError> {
        if self.ttl.is_zero() {
            return compute().await;
        }
        self.computation(key, compute).await
    }

    /// The live computation for `key`: the existing one while it is younger than `ttl` and
    /// has not failed, else a new one.
    fn computation(
        &self,
        key: String,
        compute: impl FnOnce() -> Computation,
    ) -> Shared<Computation> {
        let now = Instant::now();
        let mut slots = self.slots.lock().unwrap_or_else(PoisonError::into_inner);
        if slots.len() > SWEEP_ABOVE {
            slots.retain(|_, (born, _)| now.duration_since(*born) < self.ttl);
        }
        if let Some((born, running)) = slots.get(&key) {
            let failed = matches!(running.peek(), Some(Err(_)));
            if now.duration_since(*born) < self.ttl && !failed {
                return running.clone();
            }
        }
        let running = compute().shared();
        slots.insert(key, (now, running.clone()));
        running
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicU64, Ordering};

    fn summary(total: u64) -> ReportSummary {
        ReportSummary {
            total,
            ..ReportSummary::default()
        }
    }

    async fn ask(cache: &SummaryCache, runs: &Arc<AtomicU64>, key: &str) -> u64 {
        let runs = Arc::clone(runs);
        cache
            .get_or_compute(key.to_owned(), move || {
                async move {
                    tokio::time::sleep(Duration::from_millis(20)).await;
                    Ok(summary(runs.fetch_add(1, Ordering::SeqCst) + 1))
                }
                .boxed()
            })
            .await
            .unwrap()
            .total
    }

    #[test]
    fn windows_ending_now_share_a_key_by_length_and_past_windows_by_their_bounds() {
        use basma_domain::model::UserId;
        let cache = SummaryCache::new(Duration::from_secs(5));
        let admin = Visibility::Everything {
            viewer: UserId(uuid::Uuid::nil()),
        };
        let now = Utc::now();
        let window = |to: DateTime<Utc>, days: i64| RequestFilter {
            created_from: Some(to - chrono::Duration::days(days)),
            created_to: Some(to),
            ..RequestFilter::default()
        };
        let key = |filter: &RequestFilter, at| cache.key(&admin, filter, at);
        let second = chrono::Duration::seconds(1);
        let month = window(now, 30);
        let month_later = window(now + second * 3, 30);
        assert_eq!(key(&month, now), key(&month_later, now + second * 3));
        assert_ne!(
            key(&month, now),
            key(&window(now, 7), now),
            "another length"
        );
        let past = window(now - chrono::Duration::days(1), 30);
        let past_later = window(now - chrono::Duration::days(1) + second, 30);
        assert_ne!(
            key(&past, now),
            key(&past_later, now),
            "a past window is exact"
        );
        let manager = Visibility::Properties {
            viewer: UserId(uuid::Uuid::nil()),
            property_ids: vec![],
        };
        assert_ne!(key(&month, now), cache.key(&manager, &month, now));
    }

    #[tokio::test]
    async fn concurrent_identical_askers_share_one_computation() {
        let cache = SummaryCache::new(Duration::from_secs(60));
        let runs = Arc::new(AtomicU64::new(0));
        let answers =
            futures_util::future::join_all((0..10).map(|_| ask(&cache, &runs, "all"))).await;
        assert_eq!(answers, vec![1; 10]);
        assert_eq!(runs.load(Ordering::SeqCst), 1);
    }

    #[tokio::test]
    async fn other_scopes_are_computed_apart() {
        let cache = SummaryCache::new(Duration::from_secs(60));
        let runs = Arc::new(AtomicU64::new(0));
        assert_eq!(ask(&cache, &runs, "all").await, 1);
        assert_eq!(ask(&cache, &runs, "property 1").await, 2);
        assert_eq!(ask(&cache, &runs, "all").await, 1);
    }

    #[tokio::test]
    async fn figures_expire_after_ttl_and_zero_turns_the_cache_off() {
        let cache = SummaryCache::new(Duration::from_millis(50));
        let runs = Arc::new(AtomicU64::new(0));
        assert_eq!(ask(&cache, &runs, "all").await, 1);
        tokio::time::sleep(Duration::from_millis(60)).await;
        assert_eq!(ask(&cache, &runs, "all").await, 2);
        let off = SummaryCache::new(Duration::ZERO);
        assert_eq!(ask(&off, &runs, "all").await, 3);
        assert_eq!(ask(&off, &runs, "all").await, 4);
    }

    #[tokio::test]
    async fn a_failure_reaches_every_waiter_once_and_is_not_kept() {
        let cache = SummaryCache::new(Duration::from_secs(60));
        let attempts = Arc::new(AtomicU64::new(0));
        let failing = || {
            let attempts = Arc::clone(&attempts);
            move || {
                async move {
                    attempts.fetch_add(1, Ordering::SeqCst);
                    tokio::time::sleep(Duration::from_millis(20)).await;
                    Err(RepoError::Unavailable("down".into()))
                }
                .boxed()
            }
        };
        let burst = futures_util::future::join_all(
            (0..5).map(|_| cache.get_or_compute("all".to_owned(), failing())),
        )
        .await;
        assert!(burst.iter().all(Result::is_err));
        assert_eq!(attempts.load(Ordering::SeqCst), 1, "one attempt per burst");
        let runs = Arc::new(AtomicU64::new(0));
        assert_eq!(ask(&cache, &runs, "all").await, 1);
    }
}
