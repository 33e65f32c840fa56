//! Result rows and their Markdown rendering. Latencies are in milliseconds, rates per second.

use std::collections::BTreeMap;
use std::fmt::Write;

/// One operation of one run.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Row {
    pub op: String,
    pub requests: usize,
    pub per_second: f64,
    pub p50_ms: f64,
    pub p95_ms: f64,
    pub p99_ms: f64,
    pub max_ms: f64,
    pub errors: usize,
    /// Responses by HTTP status (empty for the "all" row).
    pub status_codes: BTreeMap<u16, usize>,
}

/// The time `percent` of `count` samples finished within, from `(bucket floor µs → count)`.
pub fn bucket_percentile(buckets: &BTreeMap<u64, usize>, count: usize, percent: f64) -> u64 {
    let rank = ((count as f64) * percent).ceil().max(1.0) as usize;
    let mut seen = 0;
    for (bucket, n) in buckets {
        seen += n;
        if seen >= rank {
            return *bucket;
        }
    }
    buckets.keys().next_back().copied().unwrap_or(0)
}

/// Gives the requests/s an operation's ratio is taken against.
pub type Ceiling<'a> = &'a dyn Fn(&str) -> Option<f64>;

/// A Markdown table of `rows`, optionally with a ceiling ratio column:
/// `ceiling(op)` gives the requests/s the ratio is taken against.
pub fn table(rows: &[Row], ceiling: Option<Ceiling<'_>>) -> String {
    let mut out = String::new();
    let ratio_head = if ceiling.is_some() {
        " vs ceiling |"
    } else {
        ""
    };
    let ratio_rule = if ceiling.is_some() { "---:|" } else { "" };
    let _ = writeln!(
        out,
        "| operation | requests | req/s | p50 ms | p95 ms | p99 ms | max ms | errors |{ratio_head}"
    );
    let _ = writeln!(out, "|---|---:|---:|---:|---:|---:|---:|---:|{ratio_rule}");
    for r in rows {
        let ratio = match ceiling.and_then(|c| c(&r.op)) {
            Some(top) if top > 0.0 => format!(" {:.1}% |", 100.0 * r.per_second / top),
            Some(_) | None if ceiling.is_some() => " – |".to_owned(),
            _ => String::new(),
        };
        let errors = errors_cell(r);
        let _ = writeln!(
            out,
            "| {} | {} | {:.1} | {:.2} | {:.2} | {:.2} | {:.1} | {} |{ratio}",
            r.op, r.requests, r.per_second, r.p50_ms, r.p95_ms, r.p99_ms, r.max_ms, errors
        );
    }
    out
}

/// The errors of a row for a table cell: `0`, or the count and each non-2xx status
/// (`0` is a request that got no answer).
pub fn errors_cell(r: &Row) -> String {
    if r.errors == 0 {
        return "0".to_owned();
    }
    let codes: Vec<String> = r
        .status_codes
        .iter()
        .filter(|(code, _)| !(200..300).contains(*code))
        .map(|(code, n)| format!("{n}×{code}"))
        .collect();
    format!("{} ({})", r.errors, codes.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_come_from_the_bucket_holding_the_rank() {
        let buckets: BTreeMap<u64, usize> = [(100, 50), (200, 45), (900, 5)].into();
        assert_eq!(bucket_percentile(&buckets, 100, 0.5), 100);
        assert_eq!(bucket_percentile(&buckets, 100, 0.95), 200);
        assert_eq!(bucket_percentile(&buckets, 100, 0.99), 900);
    }

    #[test]
    fn a_table_has_one_line_per_row_and_names_failures() {
        let row = Row {
            op: "list".into(),
            requests: 10,
            per_second: 5.0,
            p50_ms: 1.0,
            p95_ms: 2.0,
            p99_ms: 3.0,
            max_ms: 4.0,
            errors: 1,
            status_codes: [(200, 9), (409, 1)].into(),
        };
        let text = table(&[row], None);
        assert_eq!(text.lines().count(), 3);
        assert!(text.contains("1 (1×409)"));
    }
}
