//! The per-request context (request id, language and client address), available to every piece of code that
//! runs while a request is served — including `ApiError::error_response`, which has no access
//! to the request — through a task-local set by the context middleware.

use basma_domain::model::Locale;
use std::sync::Arc;

tokio::task_local! {
    static CONTEXT: RequestContext;
}

#[derive(Debug, Clone)]
pub struct RequestContext {
    pub request_id: Arc<str>,
    pub locale: Locale,
    /// The client's address as the `Client` extractor resolves it (for the audit log).
    pub client_ip: Option<Arc<str>>,
}

impl RequestContext {
    /// The context of the request being served; outside one (never in practice) a fresh id.
    pub fn current() -> RequestContext {
        CONTEXT
            .try_with(Clone::clone)
            .unwrap_or_else(|_| RequestContext {
                request_id: new_request_id().into(),
                locale: Locale::default(),
                client_ip: None,
            })
    }

    /// The client address of the request being served; `None` outside one.
    pub fn client_ip() -> Option<String> {
        CONTEXT
            .try_with(|c| c.client_ip.as_deref().map(str::to_owned))
            .ok()
            .flatten()
    }

    /// Runs `fut` with this context installed.
    pub async fn scope<F: std::future::Future>(self, fut: F) -> F::Output {
        CONTEXT.scope(self, fut).await
    }
}

pub fn new_request_id() -> String {
    uuid::Uuid::now_v7().simple().to_string()
}

/// Keeps a client's `X-Request-Id` only if it is 1–64 characters of `[A-Za-z0-9._-]`.
pub fn accept_request_id(candidate: Option<&str>) -> String {
    match candidate {
        Some(id)
            if (1..=64).contains(&id.len())
                && id
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-')) =>
        {
            id.to_owned()
        }
        _ => new_request_id(),
    }
}

/// Picks `ar` or `en` from an `Accept-Language` header by quality, else the default.
pub fn negotiate_locale(header: Option<&str>, default: Locale) -> Locale {
    let Some(header) = header else { return default };
    let mut choices: Vec<(f32, usize, Locale)> = header
        .split(',')
        .enumerate()
        .filter_map(|(position, part)| {
            let mut pieces = part.split(';');
            let tag = pieces.next()?.trim();
            let primary = tag.split('-').next()?;
            let locale = Locale::parse(primary)?;
            let quality = pieces
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.parse::<f32>().ok())
                .unwrap_or(1.0);
            (quality > 0.0).then_some((quality, position, locale))
        })
        .collect();
    choices.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    choices.first().map_or(default, |c| c.2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_request_id_is_kept_only_when_well_formed() {
        assert_eq!(accept_request_id(Some("abc-123_x.y")), "abc-123_x.y");
        assert_ne!(accept_request_id(Some("bad id")), "bad id");
        assert_ne!(accept_request_id(Some(&"a".repeat(65))), "a".repeat(65));
        assert_eq!(accept_request_id(None).len(), 32);
    }

    #[test]
    fn locale_follows_quality_then_order() {
        assert_eq!(
            negotiate_locale(Some("en-US,en;q=0.9,ar;q=0.8"), Locale::Ar),
            Locale::En
        );
        assert_eq!(
            negotiate_locale(Some("fr, ar;q=0.5, en;q=0.7"), Locale::Ar),
            Locale::En
        );
        assert_eq!(negotiate_locale(Some("ar-SA"), Locale::En), Locale::Ar);
        assert_eq!(negotiate_locale(Some("fr"), Locale::En), Locale::En);
        assert_eq!(negotiate_locale(None, Locale::Ar), Locale::Ar);
        assert_eq!(negotiate_locale(Some("en;q=0"), Locale::Ar), Locale::Ar);
    }
}
