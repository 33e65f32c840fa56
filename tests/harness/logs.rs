//! Captures every log line the servers of this test process write, as JSON, in one file, so a
//! test can prove that no secret ever reaches the log.

use std::path::PathBuf;
use std::sync::OnceLock;

static LOG_FILE: OnceLock<PathBuf> = OnceLock::new();

/// Installs the capture once per process (at `debug`, stricter than production's `info`) and
/// returns the file's path.
pub fn capture() -> PathBuf {
    LOG_FILE
        .get_or_init(|| {
            let path = std::env::temp_dir().join(format!("basma-e2e-{}.log", std::process::id()));
            let file = std::fs::File::create(&path).expect("log file");
            let _ = tracing_subscriber::fmt()
                .json()
                .with_current_span(true)
                .with_env_filter("debug")
                .with_writer(std::sync::Mutex::new(file))
                .try_init();
            path
        })
        .clone()
}
