//! Wire shapes of the smaller answers: token pairs, the acknowledgement objects of the auth
//! routes, the report summary and the monitoring endpoints. Like `shapes`, they mirror JSON
//! the handlers build, and the e2e test and schemathesis check real answers against them.

// Schema-only types: they are never built, only described.
#![allow(dead_code)]

use crate::dto::users::UserDto;
use serde::Serialize;
use std::collections::BTreeMap;
use utoipa::ToSchema;
use uuid::Uuid;

/// A fresh access/refresh token pair and the signed-in user.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct TokenPair {
    /// JWT for `Authorization: Bearer`.
    pub access_token: String,
    /// Opaque; single use (a spent one revokes its whole family).
    pub refresh_token: String,
    #[schema(pattern = "^Bearer$")]
    pub token_type: String,
    /// Access-token lifetime in seconds.
    pub expires_in: u64,
    pub user: UserDto,
}

/// The same answer whatever happened, so it tells nothing about which emails exist.
#[derive(Serialize, ToSchema)]
pub struct Accepted {
    pub accepted: bool,
}

#[derive(Serialize, ToSchema)]
pub struct Verified {
    pub verified: bool,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct LoggedOut {
    pub logged_out: bool,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct SessionsRevoked {
    pub revoked_sessions: u64,
}

#[derive(Serialize, ToSchema)]
pub struct Revoked {
    pub revoked: bool,
}

#[derive(Serialize, ToSchema)]
pub struct PasswordReset {
    pub reset: bool,
}

#[derive(Serialize, ToSchema)]
pub struct PasswordChanged {
    pub changed: bool,
}

/// A count per status, priority or category.
#[derive(Serialize, ToSchema)]
pub struct KeyCount {
    /// The status, priority or category id.
    pub key: String,
    pub count: u64,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Backlog {
    pub count: u64,
    pub mean_age_seconds: Option<f64>,
    pub max_age_seconds: Option<f64>,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Durations {
    pub mean_seconds: Option<f64>,
    pub median_seconds: Option<f64>,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct TechnicianFigures {
    pub technician_id: Uuid,
    pub assigned: u64,
    pub completed: u64,
    pub mean_resolution_seconds: Option<f64>,
}

#[derive(Serialize, ToSchema)]
pub struct Ratings {
    pub mean: Option<f64>,
    pub count: u64,
}

/// `GET /reports/summary`.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Summary {
    pub total: u64,
    pub by_status: Vec<KeyCount>,
    pub by_priority: Vec<KeyCount>,
    pub by_category: Vec<KeyCount>,
    pub open_backlog: Backlog,
    pub overdue: u64,
    /// Submitted → assigned.
    pub time_to_assign: Durations,
    /// Submitted → completed.
    pub time_to_resolve: Durations,
    pub technicians: Vec<TechnicianFigures>,
    pub rating: Ratings,
}

/// `GET /health`: no envelope, no internals.
#[derive(Serialize, ToSchema)]
pub struct Health {
    #[schema(pattern = "^ok$")]
    pub status: String,
}

/// `GET /monitoring/live`.
#[derive(Serialize, ToSchema)]
pub struct Live {
    #[schema(pattern = "^live$")]
    pub status: String,
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
    pub checks: BTreeMap<String, ProbeState>,
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
    pub version: String,
    pub uptime_seconds: u64,
    pub pool: Pool,
    pub websocket_connections: u64,
    pub active_users: ActiveUsers,
}
