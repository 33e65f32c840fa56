//! The Basma server: typed configuration from the environment, logging, and the wiring of
//! the domain to its adapters (database, mail, events, HTTP). `main.rs` is only the CLI.

pub mod adapters;
pub mod business_metrics;
pub mod retention;
pub mod settings;
pub mod startup;
pub mod telemetry;
pub mod wiring;

pub use settings::Settings;
pub use startup::Application;
