//! Real-time (issue 5): WebSocket authentication, per-user visibility, resume, limits, and
//! fan-out across two instances over Redis.

mod degraded;
mod limits;
mod replay_bounds;
mod resume;
mod scaleout;
mod scene;
mod taken;
mod visibility;
