//! Reads `/metrics` with a Prometheus text-format parser and answers "how much of this
//! series". The recorder is process-wide (every test server in this binary shares it), so
//! tests compare two scrapes rather than read absolute values.

use basma_e2e::harness::TestApp;
use prom_text_format_parser::{Scrape, Type, ValueType};
use std::collections::BTreeSet;

/// One series of one scrape: its metric family, kind and labels.
struct Series {
    name: String,
    kind: Type,
    value_type: ValueType,
    labels: Vec<(String, String)>,
    value: f64,
}

impl Series {
    fn label(&self, name: &str) -> Option<&str> {
        self.labels
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    fn has(&self, labels: &[(&str, &str)]) -> bool {
        labels.iter().all(|(k, v)| self.label(k) == Some(*v))
    }
}

/// One parsed scrape.
pub struct Metrics {
    series: Vec<Series>,
}

/// `GET /metrics`, with a bearer token when given: (status, body).
pub async fn fetch(app: &TestApp, token: Option<&str>) -> (u16, String) {
    let mut request = app.request(reqwest::Method::GET, "/metrics");
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let response = request.send().await.expect("scrape sent");
    let status = response.status().as_u16();
    (status, response.text().await.expect("scrape body"))
}

/// Scrapes an app that has no metrics token and parses the answer.
pub async fn scrape(app: &TestApp) -> Metrics {
    let (status, body) = fetch(app, None).await;
    assert_eq!(status, 200, "GET /metrics answered {status}: {body}");
    Metrics::parse(&body)
}

impl Metrics {
    /// Parses the text format; anything it cannot parse fails the test.
    pub fn parse(text: &str) -> Self {
        let scrape = Scrape::parse(text).expect("Prometheus text format");
        let mut series = Vec::new();
        for metric in scrape.metrics {
            for sample in metric.samples {
                series.push(Series {
                    name: metric.name.clone(),
                    kind: metric.kind,
                    value_type: sample.value.value_type,
                    labels: sample
                        .labels
                        .iter()
                        .map(|l| (l.key.clone(), l.value.clone()))
                        .collect(),
                    value: sample.value.value.as_f64(),
                });
            }
        }
        Self { series }
    }

    /// The sum of the counter or gauge samples of `name` carrying `labels` (others may vary);
    /// `None` when there is no such series at all.
    pub fn value(&self, name: &str, labels: &[(&str, &str)]) -> Option<f64> {
        let mut found = None;
        for s in &self.series {
            if s.name == name && matches!(s.kind, Type::Counter | Type::Gauge) && s.has(labels) {
                *found.get_or_insert(0.0) += s.value;
            }
        }
        found
    }

    /// Like [`Self::value`], 0 for a series not there yet.
    pub fn get(&self, name: &str, labels: &[(&str, &str)]) -> f64 {
        self.value(name, labels).unwrap_or(0.0)
    }

    /// How much a series grew since `before`.
    pub fn delta(&self, before: &Self, name: &str, labels: &[(&str, &str)]) -> f64 {
        self.get(name, labels) - before.get(name, labels)
    }

    /// Observations of histogram `name` with `labels`: its `_count`, after checking that the
    /// family is a histogram whose buckets are cumulative and whose `+Inf` bucket agrees with
    /// `_count`. 0 when no such series exists yet.
    pub fn observations(&self, name: &str, labels: &[(&str, &str)]) -> f64 {
        let family: Vec<&Series> = self
            .series
            .iter()
            .filter(|s| s.name == name && s.has(labels))
            .collect();
        assert!(
            family.iter().all(|s| s.kind == Type::Histogram),
            "{name} is not exported as a histogram"
        );
        let (mut count, mut infinite) = (0.0, 0.0);
        for s in &family {
            match (s.value_type, s.label("le")) {
                (ValueType::Count, _) => count += s.value,
                (ValueType::Sample, Some("+Inf")) => infinite += s.value,
                _ => {}
            }
        }
        let mut buckets: Vec<(f64, f64, String)> = family
            .iter()
            .filter(|s| s.value_type == ValueType::Sample)
            .filter_map(|s| {
                let le: f64 = s.label("le")?.parse().ok()?;
                let rest = s.labels.iter().filter(|(k, _)| k != "le");
                Some((le, s.value, format!("{:?}", rest.collect::<Vec<_>>())))
            })
            .collect();
        buckets.sort_by(|a, b| a.2.cmp(&b.2).then(a.0.total_cmp(&b.0)));
        for pair in buckets.windows(2) {
            if pair[0].2 == pair[1].2 {
                assert!(
                    pair[0].1 <= pair[1].1,
                    "{name} buckets not cumulative: {pair:?}"
                );
            }
        }
        assert!(
            (count - infinite).abs() < 1e-9,
            "{name}{labels:?}: _count {count} disagrees with the +Inf buckets {infinite}"
        );
        count
    }

    /// Every value the label `label` takes on series `name` (histograms included).
    pub fn label_values(&self, name: &str, label: &str) -> BTreeSet<String> {
        self.series
            .iter()
            .filter(|s| s.name == name)
            .filter_map(|s| s.label(label).map(str::to_owned))
            .collect()
    }

    /// The names of the labels of series `name` (histograms without their `le`).
    pub fn label_names(&self, name: &str) -> BTreeSet<String> {
        self.series
            .iter()
            .filter(|s| s.name == name)
            .flat_map(|s| s.labels.iter().map(|(k, _)| k.clone()))
            .filter(|k| k != "le")
            .collect()
    }
}

/// How many times a gauge check is tried before it fails (see [`until_clean`]).
const ATTEMPTS: usize = 5;

/// Runs `prepare`, scrapes, runs `act`, scrapes again and asks `check` about the two
/// scrapes. Gauges go up and down with every test server of the process, so a concurrent
/// test may move one in between: a refused pair is tried again from a fresh `prepare`, and
/// only `ATTEMPTS` refusals in a row fail the test (with every reason).
pub async fn until_clean<P, T>(
    app: &TestApp,
    mut prepare: impl AsyncFnMut() -> P,
    mut act: impl AsyncFnMut(P) -> T,
    check: impl Fn(&Metrics, &Metrics, &T) -> Result<(), String>,
) -> T {
    let mut reasons = Vec::new();
    for _ in 0..ATTEMPTS {
        let prepared = prepare().await;
        let before = scrape(app).await;
        let done = act(prepared).await;
        let after = scrape(app).await;
        match check(&before, &after, &done) {
            Ok(()) => return done,
            Err(why) => {
                eprintln!(
                    "check refused (a concurrent test may have moved a shared series), trying again: {why}"
                );
                reasons.push(why);
            }
        }
    }
    panic!("after {ATTEMPTS} attempts: {reasons:#?}");
}

/// `Ok` when `name{labels}` moved by exactly `by` between the scrapes.
pub fn moved(
    before: &Metrics,
    after: &Metrics,
    name: &str,
    labels: &[(&str, &str)],
    by: f64,
) -> Result<(), String> {
    let delta = after.delta(before, name, labels);
    if (delta - by).abs() < 1e-9 {
        Ok(())
    } else {
        Err(format!("{name}{labels:?} moved by {delta}, expected {by}"))
    }
}
