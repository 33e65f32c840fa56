//! Health, liveness, readiness and server statistics on the wire.

use serde::Serialize;
use std::collections::BTreeMap;
use utoipa::ToSchema;

wire_type! {
    /// `GET /health`: no envelope, no internals.
    Health {
        #[schema(pattern = "^ok$")]
        status: &'static str,
    }
}

wire_type! {
    /// `GET /monitoring/live`.
    Live {
        #[schema(pattern = "^live$")]
        status: &'static str,
    }
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum ProbeState {
    Up,
    Down,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Readiness {
    Ready,
    NotReady,
}

wire_type! {
    /// `GET /monitoring/ready`: each dependency (`database`, and `redis` when configured).
    Ready { status: Readiness, checks: BTreeMap<&'static str, ProbeState> }
}

wire_type! {
    Pool { size: u32, idle: u32, in_use: u32, max: u32 }
}

wire_type! {
    ActiveUsers {
        #[serde(rename = "5m")]
        five_minutes: u64,
        #[serde(rename = "24h")]
        day: u64,
    }
}

wire_type! {
    /// `GET /monitoring/stats` (SUPER_ADMIN).
    Stats {
        version: &'static str,
        uptime_seconds: u64,
        pool: Pool,
        #[schema(value_type = u64)]
        websocket_connections: i64,
        active_users: ActiveUsers,
    }
}
