//! Observability (issue 6): every Prometheus series of SPEC §8 moves when its action
//! happens, `route` stays bounded, and `/metrics` honours `BASMA_METRICS_TOKEN`.

mod requests;
mod routes;
mod scrape;
mod sessions;
mod world;

/// These tests run one at a time: the scrape-time gauges (`active_users`,
/// `db_pool_connections`) are set from the scraping server just before the recorder renders,
/// so two servers scraping at once could swap each other's values.
static SERIAL: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());
