//! Logging: JSON lines on stdout and, with `BASMA_LOG_DIR`, daily-rotated JSON files kept for
//! `BASMA_LOG_RETENTION_DAYS`. Each line carries the request span's `request_id`. A developer
//! running the server in `development` on an interactive terminal reads human-readable lines
//! on stdout instead; files, pipes and production always get JSON.

use crate::settings::{Environment, Settings};
use std::io::IsTerminal;
use tracing_appender::non_blocking::WorkerGuard;
use tracing_appender::rolling::{RollingFileAppender, Rotation};
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{EnvFilter, Layer, fmt};

/// Installs the global subscriber. Keep the returned guard alive: it flushes the file writer.
///
/// # Errors
/// When the log directory cannot be created or a subscriber is already installed.
pub fn init(settings: &Settings) -> Result<Option<WorkerGuard>, String> {
    let filter = EnvFilter::try_new(&settings.rust_log)
        .map_err(|e| format!("invalid configuration: RUST_LOG: {e}"))?;
    let stdout = if human_readable(settings.environment, std::io::stdout().is_terminal()) {
        fmt::layer().with_target(true).boxed()
    } else {
        fmt::layer()
            .json()
            .with_current_span(true)
            .with_span_list(false)
            .with_target(true)
            .boxed()
    };
    let (file_layer, guard) = match &settings.log_dir {
        Some(dir) => {
            let appender = RollingFileAppender::builder()
                .rotation(Rotation::DAILY)
                .filename_prefix("basma")
                .filename_suffix("log")
                .max_log_files(settings.log_retention_days)
                .build(dir)
                .map_err(|e| format!("invalid configuration: BASMA_LOG_DIR: {e}"))?;
            let (writer, guard) = tracing_appender::non_blocking(appender);
            let layer = fmt::layer()
                .json()
                .with_current_span(true)
                .with_span_list(false)
                .with_writer(writer);
            (Some(layer.boxed()), Some(guard))
        }
        None => (None, None),
    };
    tracing_subscriber::registry()
        .with(filter)
        .with(stdout)
        .with(file_layer)
        .try_init()
        .map_err(|e| e.to_string())?;
    Ok(guard)
}

/// Whether stdout gets human-readable lines: only for a developer at a terminal.
fn human_readable(environment: Environment, stdout_is_terminal: bool) -> bool {
    environment == Environment::Development && stdout_is_terminal
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_development_at_a_terminal_logs_human_readable_lines() {
        assert!(human_readable(Environment::Development, true));
        assert!(!human_readable(Environment::Development, false));
        assert!(!human_readable(Environment::Production, true));
        assert!(!human_readable(Environment::Production, false));
    }
}
