//! Health, liveness, readiness and server statistics on the wire.

use serde::Serialize;
use std::collections::BTreeMap;
use utoipa::ToSchema;

/// `GET /health`: no envelope, no internals.
#[derive(Serialize, ToSchema)]
pub struct Health {
    #[schema(pattern = "^ok$")]
    pub status: &'static str,
}

/// `GET /monitoring/live`.
#[derive(Serialize, ToSchema)]
pub struct Live {
    #[schema(pattern = "^live$")]
    pub status: &'static str,
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

/// `GET /monitoring/ready`: each dependency (`database`, and `redis` when configured).
#[derive(Serialize, ToSchema)]
pub struct Ready {
    pub status: Readiness,
    pub checks: BTreeMap<&'static str, ProbeState>,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Pool {
    pub size: u32,
    pub idle: u32,
    pub in_use: u32,
    pub max: u32,
}

#[derive(Serialize, ToSchema)]
pub struct ActiveUsers {
    #[serde(rename = "5m")]
    pub five_minutes: u64,
    #[serde(rename = "24h")]
    pub day: u64,
}

/// `GET /monitoring/stats` (SUPER_ADMIN).
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Stats {
    pub version: &'static str,
    pub uptime_seconds: u64,
    pub pool: Pool,
    #[schema(value_type = u64)]
    pub websocket_connections: i64,
    pub active_users: ActiveUsers,
}
