//! `BASMA_AUDIT_RETENTION`: how long audit entries are kept.

use super::{ConfigError, duration};
use std::time::Duration;

/// A year unless set; `0` keeps entries forever (`None`).
pub(super) fn audit_retention(
    get: &impl Fn(&str) -> Option<String>,
) -> Result<Option<Duration>, ConfigError> {
    const VARIABLE: &str = "BASMA_AUDIT_RETENTION";
    match get(VARIABLE).as_deref() {
        None => Ok(Some(Duration::from_secs(365 * 86_400))),
        Some("0" | "0s" | "0d") => Ok(None),
        Some(v) => duration(VARIABLE, v).map(Some),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn audit_retention_is_a_year_by_default_zero_means_forever_and_garbage_is_refused() {
        let of = |value: Option<&str>| audit_retention(&|_: &str| value.map(str::to_owned));
        assert_eq!(of(None), Ok(Some(Duration::from_secs(365 * 86_400))));
        assert_eq!(of(Some("0")), Ok(None));
        assert_eq!(of(Some("90d")), Ok(Some(Duration::from_secs(90 * 86_400))));
        let err = of(Some("a while")).expect_err("refused");
        assert_eq!(err.variable, "BASMA_AUDIT_RETENTION");
    }
}
