//! Configuration: one typed [`Settings`] read from the environment (SPEC §7). A bad value
//! stops the start with one line naming the variable; secrets are redacted from `Debug`.

use basma_domain::model::{DueTimes, Locale};
pub use network::NetworkSettings;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

/// A secret string whose `Debug` never shows the value.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("<redacted>")
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Environment {
    Development,
    Production,
}

/// One bad variable.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid configuration: {variable}: {reason}")]
pub struct ConfigError {
    pub variable: &'static str,
    pub reason: String,
}

fn bad(variable: &'static str, reason: impl Into<String>) -> ConfigError {
    ConfigError {
        variable,
        reason: reason.into(),
    }
}

#[derive(Debug, Clone)]
pub struct Settings {
    pub database_url: Secret,
    pub listen: SocketAddr,
    pub environment: Environment,
    /// `None`: a random secret per start (development only; tokens die with the process).
    pub jwt_secret: Option<Secret>,
    pub access_ttl: Duration,
    pub refresh_ttl: Duration,
    /// Lifetime of password-reset links (SPEC: 1 h).
    pub reset_ttl: Duration,
    /// `None`: mails are logged, not sent.
    pub smtp_url: Option<Secret>,
    pub mail_from: String,
    pub frontend_url: String,
    pub admin_email: Option<String>,
    pub admin_password: Option<Secret>,
    pub redis_url: Option<Secret>,
    pub cors_origins: Vec<String>,
    pub default_locale: Locale,
    pub metrics_token: Option<Secret>,
    pub log_dir: Option<PathBuf>,
    pub log_retention_days: usize,
    pub rust_log: String,
    pub rate_limit_per_minute: u32,
    pub auth_rate_limit_per_minute: u32,
    /// bcrypt cost (10 ≈ 78 ms, 11 ≈ 150 ms, 12 ≈ 300 ms on one core here).
    pub bcrypt_cost: u32,
    /// HMAC key of the password pre-hash; changing it invalidates every stored password.
    pub password_pepper: Secret,
    pub db_max_connections: u32,
    pub db_timeout: Duration,
    /// How long identical report summaries are shared (`BASMA_REPORT_CACHE`; `0` = off).
    pub report_cache: Duration,
    /// How long a checked session and user are trusted (`BASMA_AUTH_CACHE`; `0` = never);
    /// changes made on this instance apply at once, on another within this window.
    pub auth_cache: Duration,
    pub due_times: DueTimes,
    pub workers: Option<usize>,
    /// WebSocket timings (`BASMA_WS_HEARTBEAT`, `BASMA_WS_IDLE_TIMEOUT`, `BASMA_WS_RECHECK`).
    pub ws: basma_http::ws::WsSettings,
    /// How long audit entries are kept (`BASMA_AUDIT_RETENTION`; `None` = forever).
    pub audit_retention: Option<Duration>,
    /// `BASMA_TRUSTED_PROXIES`, `BASMA_REQUEST_TIMEOUT`.
    pub network: NetworkSettings,
}

impl Settings {
    /// Reads the process environment.
    ///
    /// # Errors
    /// The first invalid variable.
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|key| std::env::var(key).ok())
    }

    /// Reads settings through `lookup` (tests pass a map; nothing reads globals).
    ///
    /// # Errors
    /// The first invalid variable.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let get = |key: &str| {
            lookup(key)
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
        };
        let environment = match get("BASMA_ENV").as_deref() {
            None | Some("development") => Environment::Development,
            Some("production") => Environment::Production,
            Some(_) => return Err(bad("BASMA_ENV", "must be development or production")),
        };
        let database_url =
            get("DATABASE_URL").unwrap_or_else(|| "sqlite://basma.db?mode=rwc".into());
        if !(database_url.starts_with("sqlite:") || database_url.starts_with("mysql://")) {
            return Err(bad("DATABASE_URL", "must start with sqlite: or mysql://"));
        }
        let jwt_secret = get("BASMA_JWT_SECRET").map(Secret::new);
        if jwt_secret.as_ref().is_some_and(|s| s.expose().len() < 32) {
            return Err(bad("BASMA_JWT_SECRET", "must be at least 32 bytes"));
        }
        let smtp_url = get("SMTP_URL").map(Secret::new);
        if environment == Environment::Production {
            if jwt_secret.is_none() {
                return Err(bad(
                    "BASMA_JWT_SECRET",
                    "is required when BASMA_ENV=production",
                ));
            }
            if smtp_url.is_none() {
                return Err(bad("SMTP_URL", "is required when BASMA_ENV=production"));
            }
        }
        let is_smtp =
            |u: &Secret| u.expose().starts_with("smtp://") || u.expose().starts_with("smtps://");
        if smtp_url.as_ref().is_some_and(|u| !is_smtp(u)) {
            return Err(bad("SMTP_URL", "must be an smtp:// or smtps:// URL"));
        }
        let frontend_url =
            get("BASMA_FRONTEND_URL").unwrap_or_else(|| "http://localhost:3000".into());
        url::Url::parse(&frontend_url).map_err(|e| bad("BASMA_FRONTEND_URL", e.to_string()))?;
        let redis_url = get("REDIS_URL").map(Secret::new);
        if redis_url.as_ref().is_some_and(|u| {
            !u.expose().starts_with("redis://") && !u.expose().starts_with("rediss://")
        }) {
            return Err(bad("REDIS_URL", "must be a redis:// URL"));
        }
        let cors_origins = get("BASMA_CORS_ORIGINS")
            .map(|v| {
                v.split(',')
                    .map(|o| o.trim().trim_end_matches('/').to_owned())
                    .filter(|o| !o.is_empty())
                    .collect()
            })
            .unwrap_or_default();
        let default_locale = match get("BASMA_DEFAULT_LOCALE") {
            None => Locale::Ar,
            Some(v) => {
                Locale::parse(&v).ok_or_else(|| bad("BASMA_DEFAULT_LOCALE", "must be ar or en"))?
            }
        };
        let admin_password = get("BASMA_ADMIN_PASSWORD").map(Secret::new);
        let defaults = DueTimes::default();
        let due = |key: &'static str,
                   default: chrono::Duration|
         -> Result<chrono::Duration, ConfigError> {
            match get(key) {
                None => Ok(default),
                Some(v) => chrono::Duration::from_std(duration(key, &v)?)
                    .map_err(|e| bad(key, e.to_string())),
            }
        };
        Ok(Self {
            database_url: Secret::new(database_url),
            listen: get("BASMA_LISTEN")
                .unwrap_or_else(|| "127.0.0.1:8080".into())
                .parse()
                .map_err(|_| bad("BASMA_LISTEN", "must be host:port, e.g. 127.0.0.1:8080"))?,
            environment,
            jwt_secret,
            access_ttl: get("BASMA_ACCESS_TTL").map_or(Ok(Duration::from_secs(15 * 60)), |v| {
                duration("BASMA_ACCESS_TTL", &v)
            })?,
            refresh_ttl: get("BASMA_REFRESH_TTL")
                .map_or(Ok(Duration::from_secs(30 * 86400)), |v| {
                    duration("BASMA_REFRESH_TTL", &v)
                })?,
            reset_ttl: get("BASMA_RESET_TTL").map_or(Ok(Duration::from_secs(3600)), |v| {
                duration("BASMA_RESET_TTL", &v)
            })?,
            smtp_url,
            mail_from: get("BASMA_MAIL_FROM")
                .unwrap_or_else(|| "Basma <no-reply@basma.local>".into()),
            frontend_url: frontend_url.trim_end_matches('/').to_owned(),
            admin_email: get("BASMA_ADMIN_EMAIL"),
            admin_password,
            redis_url,
            cors_origins,
            default_locale,
            metrics_token: get("BASMA_METRICS_TOKEN").map(Secret::new),
            log_dir: get("BASMA_LOG_DIR").map(PathBuf::from),
            log_retention_days: number(&get, "BASMA_LOG_RETENTION_DAYS", 14, 1, 3650)?,
            rust_log: get("RUST_LOG").unwrap_or_else(|| "info".into()),
            rate_limit_per_minute: number(&get, "BASMA_RATE_LIMIT_PER_MINUTE", 600, 1, 1_000_000)?,
            auth_rate_limit_per_minute: number(
                &get,
                "BASMA_AUTH_RATE_LIMIT_PER_MINUTE",
                20,
                1,
                1_000_000,
            )?,
            bcrypt_cost: number(&get, "BASMA_BCRYPT_COST", 11, 4, 16)?,
            password_pepper: Secret::new(
                get("BASMA_PASSWORD_PEPPER").unwrap_or_else(|| "basma-password-prehash-v1".into()),
            ),
            db_max_connections: number(&get, "BASMA_DB_MAX_CONNECTIONS", 20, 1, 1000)?,
            db_timeout: get("BASMA_DB_TIMEOUT").map_or(Ok(Duration::from_secs(3)), |v| {
                duration("BASMA_DB_TIMEOUT", &v)
            })?,
            report_cache: cache_window(&get, "BASMA_REPORT_CACHE")?,
            auth_cache: cache_window(&get, "BASMA_AUTH_CACHE")?,
            due_times: DueTimes {
                urgent: due("BASMA_DUE_URGENT", defaults.urgent)?,
                high: due("BASMA_DUE_HIGH", defaults.high)?,
                medium: due("BASMA_DUE_MEDIUM", defaults.medium)?,
                low: due("BASMA_DUE_LOW", defaults.low)?,
            },
            ws: ws_settings(&get)?,
            audit_retention: retention::audit_retention(&get)?,
            network: network::read(&get)?,
            workers: get("BASMA_WORKERS")
                .map(|v| {
                    v.parse()
                        .map_err(|_| bad("BASMA_WORKERS", "must be a whole number"))
                })
                .transpose()?,
        })
    }
}

fn ws_settings(
    get: &impl Fn(&str) -> Option<String>,
) -> Result<basma_http::ws::WsSettings, ConfigError> {
    let defaults = basma_http::ws::WsSettings::default();
    let or =
        |key: &'static str, default: Duration| get(key).map_or(Ok(default), |v| duration(key, &v));
    Ok(basma_http::ws::WsSettings {
        heartbeat: or("BASMA_WS_HEARTBEAT", defaults.heartbeat)?,
        idle_timeout: or("BASMA_WS_IDLE_TIMEOUT", defaults.idle_timeout)?,
        recheck: or("BASMA_WS_RECHECK", defaults.recheck)?,
        ..defaults
    })
}

/// A cache lifetime: 5 s unless set; `0` turns the cache off.
fn cache_window(
    get: &impl Fn(&str) -> Option<String>,
    variable: &'static str,
) -> Result<Duration, ConfigError> {
    match get(variable).as_deref() {
        None => Ok(Duration::from_secs(5)),
        Some("0" | "0s") => Ok(Duration::ZERO),
        Some(v) => duration(variable, v),
    }
}

fn duration(variable: &'static str, value: &str) -> Result<Duration, ConfigError> {
    humantime::parse_duration(value)
        .ok()
        .filter(|d| !d.is_zero())
        .ok_or_else(|| bad(variable, "must be a duration such as 15m, 24h or 30d"))
}

fn number<T>(
    get: &impl Fn(&str) -> Option<String>,
    variable: &'static str,
    default: T,
    min: T,
    max: T,
) -> Result<T, ConfigError>
where
    T: std::str::FromStr + PartialOrd + std::fmt::Display + Copy,
{
    let Some(raw) = get(variable) else {
        return Ok(default);
    };
    raw.parse::<T>()
        .ok()
        .filter(|n| *n >= min && *n <= max)
        .ok_or_else(|| {
            bad(
                variable,
                format!("must be a whole number from {min} to {max}"),
            )
        })
}

mod network;
mod retention;
#[cfg(test)]
mod tests;
