//! Settings read from a variable map: defaults, parsing, refusals, redaction.

use super::*;
use std::collections::HashMap;

fn settings(pairs: &[(&str, &str)]) -> Result<Settings, ConfigError> {
    let map: HashMap<String, String> = pairs
        .iter()
        .map(|(k, v)| ((*k).into(), (*v).into()))
        .collect();
    Settings::from_lookup(|k| map.get(k).cloned())
}

#[test]
fn defaults_follow_the_spec() {
    let s = settings(&[]).unwrap();
    assert_eq!(s.database_url.expose(), "sqlite://basma.db?mode=rwc");
    assert_eq!(s.listen.to_string(), "127.0.0.1:8080");
    assert_eq!(s.access_ttl, Duration::from_secs(900));
    assert_eq!(s.refresh_ttl, Duration::from_secs(30 * 86400));
    assert_eq!(s.default_locale, Locale::Ar);
    assert_eq!(
        (s.rate_limit_per_minute, s.auth_rate_limit_per_minute),
        (600, 20)
    );
    assert_eq!(s.log_retention_days, 14);
    assert_eq!(s.report_cache, Duration::from_secs(5));
    assert_eq!(s.auth_cache, Duration::from_secs(5));
}

#[test]
fn caches_can_be_turned_off_or_set() {
    let s = settings(&[("BASMA_REPORT_CACHE", "0"), ("BASMA_AUTH_CACHE", "2s")]).unwrap();
    assert_eq!(
        (s.report_cache, s.auth_cache),
        (Duration::ZERO, Duration::from_secs(2))
    );
    let bad = settings(&[("BASMA_AUTH_CACHE", "soon")]).unwrap_err();
    assert_eq!(bad.variable, "BASMA_AUTH_CACHE");
}

#[test]
fn a_bad_variable_is_named() {
    assert_eq!(
        settings(&[("BASMA_LISTEN", "nope")]).unwrap_err().variable,
        "BASMA_LISTEN"
    );
    assert_eq!(
        settings(&[("BASMA_ACCESS_TTL", "soon")])
            .unwrap_err()
            .variable,
        "BASMA_ACCESS_TTL"
    );
    assert_eq!(
        settings(&[("BASMA_JWT_SECRET", "short")])
            .unwrap_err()
            .variable,
        "BASMA_JWT_SECRET"
    );
    assert_eq!(
        settings(&[("BASMA_DEFAULT_LOCALE", "fr")])
            .unwrap_err()
            .variable,
        "BASMA_DEFAULT_LOCALE"
    );
    assert_eq!(
        settings(&[("DATABASE_URL", "postgres://x")])
            .unwrap_err()
            .variable,
        "DATABASE_URL"
    );
    assert_eq!(
        settings(&[("BASMA_RATE_LIMIT_PER_MINUTE", "-1")])
            .unwrap_err()
            .variable,
        "BASMA_RATE_LIMIT_PER_MINUTE"
    );
}

#[test]
fn production_requires_jwt_secret_and_smtp() {
    let err = settings(&[("BASMA_ENV", "production")]).unwrap_err();
    assert_eq!(err.variable, "BASMA_JWT_SECRET");
    let secret = "x".repeat(32);
    let err = settings(&[("BASMA_ENV", "production"), ("BASMA_JWT_SECRET", &secret)]).unwrap_err();
    assert_eq!(err.variable, "SMTP_URL");
}

#[test]
fn debug_never_shows_secrets() {
    let secret = "s".repeat(40);
    let s = settings(&[
        ("BASMA_JWT_SECRET", &secret),
        ("BASMA_ADMIN_PASSWORD", "hunter22"),
    ])
    .unwrap();
    let shown = format!("{s:?}");
    assert!(!shown.contains(&secret) && !shown.contains("hunter22"));
}

#[test]
fn trusted_proxies_default_to_none_and_a_bad_entry_stops_the_start_naming_the_variable() {
    let s = settings(&[]).unwrap();
    assert!(s.network.trusted_proxies.is_empty());
    assert_eq!(s.network.request_timeout, Duration::from_secs(5));
    let s = settings(&[
        ("BASMA_TRUSTED_PROXIES", "10.0.0.0/8, 127.0.0.1, ::1/128"),
        ("BASMA_REQUEST_TIMEOUT", "750ms"),
    ])
    .unwrap();
    assert!(!s.network.trusted_proxies.is_empty());
    assert_eq!(s.network.request_timeout, Duration::from_millis(750));
    for value in ["10.0.0.0/33", "proxy.internal", "10.0.0.0/8;10.1.0.0/16"] {
        let err = settings(&[("BASMA_TRUSTED_PROXIES", value)]).unwrap_err();
        assert_eq!(err.variable, "BASMA_TRUSTED_PROXIES", "{value}");
    }
    let err = settings(&[("BASMA_REQUEST_TIMEOUT", "soon")]).unwrap_err();
    assert_eq!(err.variable, "BASMA_REQUEST_TIMEOUT");
}
