//! Security headers on every response (SPEC §4). A handler that needs something else (the
//! Swagger UI page needs scripts and styles) sets its own header first and keeps it.

use actix_web::http::header::{self, HeaderMap, HeaderValue};

/// Nothing may load, frame or submit anything: the API serves JSON only.
pub const API_CSP: &str =
    "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

pub fn apply_security_headers(headers: &mut HeaderMap) {
    let defaults = [
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::CONTENT_SECURITY_POLICY, API_CSP),
        // Responses are per-user and often carry personal data: no shared or private caching.
        (header::CACHE_CONTROL, "no-store"),
    ];
    for (name, value) in defaults {
        if !headers.contains_key(&name) {
            headers.insert(name, HeaderValue::from_static(value));
        }
    }
}
