//! Security headers on every response (SPEC §4). A handler that needs something else (the
//! Swagger UI page needs scripts and styles) sets its own header first and keeps it.

use actix_web::http::header::{self, HeaderMap, HeaderValue};

/// Nothing may load, frame or submit anything: the API serves JSON only.
pub const API_CSP: &str =
    "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/// HSTS for production: a year, subdomains included (not `preload`, which is a promise to
/// browser vendors that only the operator can make).
pub const HSTS: &str = "max-age=31536000; includeSubDomains";

/// The headers of SPEC §4 (and Helmet's cross-origin isolation pair); `hsts` adds
/// `Strict-Transport-Security`.
pub fn apply_security_headers(headers: &mut HeaderMap, hsts: bool) {
    let defaults = [
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::CONTENT_SECURITY_POLICY, API_CSP),
        // Responses are per-user and often carry personal data: no shared or private caching.
        (header::CACHE_CONTROL, "no-store"),
        // No other origin's window may hold a reference to ours, nor embed our responses.
        (header::CROSS_ORIGIN_OPENER_POLICY, "same-origin"),
        (header::CROSS_ORIGIN_RESOURCE_POLICY, "same-origin"),
    ];
    for (name, value) in defaults {
        if !headers.contains_key(&name) {
            headers.insert(name, HeaderValue::from_static(value));
        }
    }
    if hsts {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static(HSTS),
        );
    }
}
