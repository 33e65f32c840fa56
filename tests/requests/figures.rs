//! The report figures recomputed by the test from the requests it read, and the CSV export
//! compared with the list row for row.

use basma_e2e::harness::TestApp;
use basma_http::csv_safe;
use chrono::{DateTime, Utc};
use reqwest::Method;
use serde_json::Value;
use std::collections::BTreeMap;

fn time(r: &Value, field: &str) -> Option<DateTime<Utc>> {
    r[field]
        .as_str()
        .filter(|t| !t.is_empty())
        .map(|t| t.parse().unwrap())
}

fn seconds(from: DateTime<Utc>, to: DateTime<Utc>) -> f64 {
    (to - from).num_microseconds().unwrap() as f64 / 1e6
}

/// `GET /reports/requests.csv?{query}` parses, has a header, and matches the list with the
/// same query row for row and field for field.
pub async fn assert_csv_matches_list(app: &TestApp, token: &str, query: &str) -> usize {
    let response = app
        .request(
            Method::GET,
            &format!("/api/v1/reports/requests.csv?{query}"),
        )
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 200, "csv {query}");
    let content_type = response.headers()["content-type"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(content_type.starts_with("text/csv"), "{content_type}");
    let text = response.text().await.unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let listed = app.list_all(token, query).await;
    assert_eq!(
        rows.len(),
        listed.len(),
        "csv {query} has other rows than the list"
    );
    for (row, item) in rows.iter().zip(&listed) {
        for (name, cell) in header.iter().zip(row.iter()) {
            let want = &item[name.as_str()];
            let same = match name.as_str() {
                "createdAt" | "submittedAt" | "completedAt" | "dueAt" => {
                    (want.is_null() && cell.is_empty())
                        || want.as_str().map(|w| w.parse::<DateTime<Utc>>().unwrap())
                            == cell.parse::<DateTime<Utc>>().ok()
                }
                "rating" => want.as_u64().map(|n| n.to_string()).unwrap_or_default() == cell,
                "title" | "location" => csv_safe::cell(want.as_str().unwrap_or_default()) == cell,
                _ => want.as_str().unwrap_or_default() == cell,
            };
            assert!(
                same,
                "csv {query}: {name} is {cell:?}, the list says {want}"
            );
        }
    }
    rows.len()
}

/// The figures of SPEC §5 over `requests`, at some instant in `[early, late]`.
pub fn assert_summary(
    summary: &Value,
    requests: &[&Value],
    early: DateTime<Utc>,
    late: DateTime<Utc>,
) {
    let context = || format!("{summary:#}");
    let open = |r: &&&Value| {
        matches!(
            r["status"].as_str(),
            Some("SUBMITTED" | "ASSIGNED" | "IN_PROGRESS" | "COMPLETED")
        )
    };
    assert_eq!(summary["total"], requests.len(), "{}", context());
    for (group, field) in [
        ("byStatus", "status"),
        ("byPriority", "priority"),
        ("byCategory", "categoryId"),
    ] {
        let mut want: BTreeMap<String, u64> = BTreeMap::new();
        for r in requests {
            *want
                .entry(r[field].as_str().unwrap().to_owned())
                .or_default() += 1;
        }
        let got: BTreeMap<String, u64> = summary[group]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["count"] != 0)
            .map(|e| {
                (
                    e["key"].as_str().unwrap().to_owned(),
                    e["count"].as_u64().unwrap(),
                )
            })
            .collect();
        assert_eq!(got, want, "{group}: {}", context());
    }
    let backlog: Vec<_> = requests.iter().filter(open).collect();
    assert_eq!(
        summary["openBacklog"]["count"],
        backlog.len(),
        "{}",
        context()
    );
    let age = |r: &&&Value, at| {
        seconds(
            time(r, "submittedAt").unwrap_or(time(r, "createdAt").unwrap()),
            at,
        )
    };
    let mean_age = |at| backlog.iter().map(|r| age(r, at)).sum::<f64>() / backlog.len() as f64;
    let max_age = |at| backlog.iter().map(|r| age(r, at)).fold(0.0, f64::max);
    for (name, figure) in [
        ("meanAgeSeconds", &mean_age as &dyn Fn(_) -> f64),
        ("maxAgeSeconds", &max_age),
    ] {
        let got = summary["openBacklog"][name].as_f64();
        match got {
            None => assert!(backlog.is_empty(), "{name}: {}", context()),
            Some(got) => {
                let range = figure(early) - 0.01..=figure(late) + 0.01;
                assert!(
                    range.contains(&got),
                    "{name} {got} not in {range:?}: {}",
                    context()
                );
            }
        }
    }
    let overdue = |at| {
        backlog
            .iter()
            .filter(|r| time(r, "dueAt").is_some_and(|d| d < at))
            .count()
    };
    assert_eq!(
        (overdue(early), overdue(late)),
        (overdue(late), overdue(late)),
        "overdue moved while asking"
    );
    assert_eq!(summary["overdue"], overdue(late), "{}", context());

    let durations = |to: &str| -> Vec<f64> {
        let mut out: Vec<f64> = requests
            .iter()
            .filter_map(|r| Some(seconds(time(r, "submittedAt")?, time(r, to)?)))
            .collect();
        out.sort_by(f64::total_cmp);
        out
    };
    let close = |got: &Value, want: Option<f64>| match (got.as_f64(), want) {
        (Some(g), Some(w)) => (g - w).abs() < 0.005,
        (None, None) => true,
        _ => false,
    };
    let mean = |d: &[f64]| (!d.is_empty()).then(|| d.iter().sum::<f64>() / d.len() as f64);
    let median = |d: &[f64]| match d.len() {
        0 => None,
        n if n % 2 == 1 => Some(d[n / 2]),
        n => Some((d[n / 2 - 1] + d[n / 2]) / 2.0),
    };
    for (name, to) in [
        ("timeToAssign", "assignedAt"),
        ("timeToResolve", "completedAt"),
    ] {
        let d = durations(to);
        let figures = &summary[name];
        assert!(
            close(&figures["meanSeconds"], mean(&d)),
            "{name} mean, want {:?}: {}",
            mean(&d),
            context()
        );
        assert!(
            close(&figures["medianSeconds"], median(&d)),
            "{name} median, want {:?}: {}",
            median(&d),
            context()
        );
    }
    let mut technicians: BTreeMap<&str, Vec<&Value>> = BTreeMap::new();
    for r in requests {
        if let Some(t) = r["assigneeId"].as_str() {
            technicians.entry(t).or_default().push(r);
        }
    }
    let listed = summary["technicians"].as_array().unwrap();
    assert_eq!(listed.len(), technicians.len(), "{}", context());
    for entry in listed {
        let mine = &technicians[entry["technicianId"].as_str().unwrap()];
        let completed = mine
            .iter()
            .filter(|r| time(r, "completedAt").is_some())
            .count();
        let resolution: Vec<f64> = mine
            .iter()
            .filter_map(|r| Some(seconds(time(r, "submittedAt")?, time(r, "completedAt")?)))
            .collect();
        assert_eq!(
            (entry["assigned"].as_u64(), entry["completed"].as_u64()),
            (Some(mine.len() as u64), Some(completed as u64)),
            "{entry}"
        );
        assert!(
            close(&entry["meanResolutionSeconds"], mean(&resolution)),
            "{entry}"
        );
    }
    let ratings: Vec<f64> = requests
        .iter()
        .filter_map(|r| r["rating"].as_f64())
        .collect();
    assert_eq!(summary["rating"]["count"], ratings.len(), "{}", context());
    assert!(
        close(&summary["rating"]["mean"], mean(&ratings)),
        "{}",
        context()
    );
}
