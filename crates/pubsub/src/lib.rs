//! Event bus adapters for the domain's `EventBus` port: an in-process tokio broadcast and
//! Redis pub/sub for several instances. Not built yet: the real-time issue (SPEC §6) fills
//! this crate; until then nothing publishes events.
