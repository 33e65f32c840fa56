//! The operations simulated users perform, as goose transactions. Each request is named
//! after its operation (`list`, `detail`, `create`, `status`, `assign`, `comment`,
//! `report`, `audit`), which is how the results are grouped; requests made while a user sets itself
//! up are named `setup` and left out of the results.

use super::shapes;
use super::world::{Item, World};
use crate::accounts::Role;
use goose::goose::GooseResponse;
use goose::prelude::*;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use reqwest::header::{AUTHORIZATION, HeaderMap, HeaderValue};
use serde_json::{Value, json};
use std::sync::Arc;
use std::time::Duration;
use uuid::Uuid;

/// One kind of operation; also the name its requests are measured under.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Op {
    List,
    Detail,
    Create,
    Status,
    Assign,
    Comment,
    Report,
    /// A SUPER_ADMIN's page of the audit log (newest first, now and then filtered by action).
    Audit,
}

impl Op {
    pub const ALL: [Op; 8] = [
        Op::List,
        Op::Detail,
        Op::Create,
        Op::Status,
        Op::Assign,
        Op::Comment,
        Op::Report,
        Op::Audit,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Op::List => "list",
            Op::Detail => "detail",
            Op::Create => "create",
            Op::Status => "status",
            Op::Assign => "assign",
            Op::Comment => "comment",
            Op::Report => "report",
            Op::Audit => "audit",
        }
    }
}

/// A simulated user's own state.
#[derive(Clone)]
struct Session {
    role: Role,
    items: Vec<Item>,
    properties: Vec<Uuid>,
    rng: StdRng,
    turn: usize,
}

type Outcome = Result<(), Box<TransactionError>>;

/// The on-start transaction of a `role` user: claims an account and items, sets the bearer
/// token on the user's client, and makes sure an admin has a request to work on.
pub fn start(role: Role, world: Arc<World>) -> Transaction {
    let f: TransactionFunction = Arc::new(move |user| {
        let world = world.clone();
        Box::pin(async move { begin(user, role, &world).await })
    });
    Transaction::new(f).set_name("setup").set_on_start()
}

/// The transaction that performs `op`.
pub fn transaction(op: Op, world: Arc<World>) -> Transaction {
    let f: TransactionFunction = Arc::new(move |user| {
        let world = world.clone();
        Box::pin(async move { perform(user, op, &world).await })
    });
    Transaction::new(f).set_name(op.name())
}

async fn begin(user: &mut GooseUser, role: Role, world: &World) -> Outcome {
    let claim = world
        .claim(role)
        .ok_or_else(|| custom(format!("no signed-in {} account", role.as_str())))?;
    let mut headers = HeaderMap::new();
    let bearer = HeaderValue::from_str(&format!("Bearer {}", claim.account.token))
        .map_err(|e| custom(e.to_string()))?;
    headers.insert(AUTHORIZATION, bearer);
    headers.insert("accept-language", HeaderValue::from_static("en"));
    let builder = reqwest::Client::builder()
        .default_headers(headers)
        .timeout(Duration::from_secs(60))
        .pool_max_idle_per_host(1);
    user.set_client_builder(builder).await.map_err(Box::new)?;
    let mut session = Session {
        role,
        items: claim.items,
        properties: claim.properties,
        rng: StdRng::seed_from_u64(claim.slot as u64 * 7919 + role as u64),
        turn: 0,
    };
    // An admin whose partition is empty makes its own request and assigns it.
    for item in session.items.iter_mut().filter(|i| i.id.is_nil()) {
        let building = item.building.unwrap_or_default();
        let category = world.admin_categories[claim.slot % world.admin_categories.len()];
        let body = create_body(&mut session.rng, category, building);
        let response = send(
            user,
            GooseMethod::Post,
            "/api/v1/requests",
            "setup",
            Some(body),
        )
        .await?;
        item.id = created_id(response)
            .await
            .ok_or_else(|| custom("setup: no id".into()))?;
        let tech = world.technicians[claim.slot % world.technicians.len()];
        let path = format!("/api/v1/requests/{}/assign", item.id);
        send(
            user,
            GooseMethod::Post,
            &path,
            "setup",
            Some(json!({"technicianId": tech})),
        )
        .await?;
        item.status = "ASSIGNED".to_owned();
        item.assignee = Some(tech);
    }
    user.set_session_data(session);
    Ok(())
}

async fn perform(user: &mut GooseUser, op: Op, world: &World) -> Outcome {
    let mut s = user
        .get_session_data::<Session>()
        .cloned()
        .ok_or_else(|| custom("no session".into()))?;
    s.turn += 1;
    let outcome = match op {
        Op::List => list(user, &mut s, world).await,
        Op::Detail => match pick(&mut s, |_| true) {
            Some(k) => {
                let path = format!("/api/v1/requests/{}", s.items[k].id);
                send(user, GooseMethod::Get, &path, "detail", None)
                    .await
                    .map(drop)
            }
            None => list(user, &mut s, world).await,
        },
        Op::Create => {
            let category = world.categories[s.rng.random_range(0..world.categories.len())];
            let building = world.buildings[s.rng.random_range(0..world.buildings.len())].0;
            let body = create_body(&mut s.rng, category, building);
            let response = send(
                user,
                GooseMethod::Post,
                "/api/v1/requests",
                "create",
                Some(body),
            )
            .await?;
            if let Some(id) = created_id(response).await {
                s.items.push(Item {
                    id,
                    status: "SUBMITTED".into(),
                    assignee: None,
                    movable: false,
                    category,
                    building: None,
                });
                if s.items.len() > 40 {
                    s.items.remove(0);
                }
            }
            Ok(())
        }
        Op::Status => status(user, &mut s, world).await,
        Op::Assign => assign(user, &mut s, world).await,
        Op::Comment => match pick(&mut s, |i| i.status != "DRAFT") {
            Some(k) => {
                let internal = s.role != Role::Customer && s.rng.random_bool(0.3);
                let body =
                    json!({"body": "Checked on site; a part is on order.", "internal": internal});
                let path = format!("/api/v1/requests/{}/comments", s.items[k].id);
                send(user, GooseMethod::Post, &path, "comment", Some(body))
                    .await
                    .map(drop)
            }
            None => list(user, &mut s, world).await,
        },
        Op::Report => {
            let to = chrono::Utc::now();
            let from = to - chrono::Duration::days(30);
            let mut path = format!(
                "/api/v1/reports/summary?from={}&to={}",
                from.format("%Y-%m-%dT%H:%M:%SZ"),
                to.format("%Y-%m-%dT%H:%M:%SZ")
            );
            if let Some(p) = s.properties.first() {
                path.push_str(&format!("&propertyId={p}"));
            }
            send(user, GooseMethod::Get, &path, "report", None)
                .await
                .map(drop)
        }
        Op::Audit => {
            let path = if s.rng.random_bool(0.5) {
                "/api/v1/audit?limit=20"
            } else {
                "/api/v1/audit?limit=20&action=LOGIN_SUCCEEDED,LOGIN_FAILED"
            };
            send(user, GooseMethod::Get, path, "audit", None)
                .await
                .map(drop)
        }
    };
    user.set_session_data(s);
    outcome
}

/// A role-scoped, filtered list page, and one time in three the page after it.
async fn list(user: &mut GooseUser, s: &mut Session, world: &World) -> Outcome {
    let n = s.rng.random_range(0..6usize);
    let building = world.buildings[s.rng.random_range(0..world.buildings.len())];
    let query = shapes::pick(s.role, n, &s.properties, building).query();
    let path = format!("/api/v1/requests?{query}");
    let response = send(user, GooseMethod::Get, &path, "list", None).await?;
    if s.rng.random_range(0..3) == 0 {
        let body: Value = match response.response {
            Ok(r) => r.json().await.unwrap_or(Value::Null),
            Err(_) => Value::Null,
        };
        if let Some(cursor) = body["pagination"]["nextCursor"].as_str() {
            let cursor: String = url::form_urlencoded::byte_serialize(cursor.as_bytes()).collect();
            let next = format!("{path}&cursor={cursor}");
            send(user, GooseMethod::Get, &next, "list", None).await?;
        }
    }
    Ok(())
}

/// Moves one of the user's requests one legal step along.
async fn status(user: &mut GooseUser, s: &mut Session, world: &World) -> Outcome {
    let admin = matches!(s.role, Role::MaintenanceAdmin | Role::SuperAdmin);
    let Some(k) = pick(s, |i| {
        i.movable
            && (matches!(i.status.as_str(), "ASSIGNED" | "IN_PROGRESS")
                || (admin && i.status == "COMPLETED"))
    }) else {
        return list(user, s, world).await;
    };
    let (to, body) = match s.items[k].status.as_str() {
        "ASSIGNED" => ("IN_PROGRESS", json!({"status": "IN_PROGRESS"})),
        "IN_PROGRESS" => (
            "COMPLETED",
            json!({"status": "COMPLETED", "note": "Fixed and tested."}),
        ),
        _ => (
            "IN_PROGRESS",
            json!({"status": "IN_PROGRESS", "reason": "Reopened for a follow-up check."}),
        ),
    };
    let path = format!("/api/v1/requests/{}/status", s.items[k].id);
    let response = send(user, GooseMethod::Patch, &path, "status", Some(body)).await?;
    if succeeded(&response) {
        s.items[k].status = to.to_owned();
    }
    Ok(())
}

/// Reassigns one of an admin's requests to another technician.
async fn assign(user: &mut GooseUser, s: &mut Session, world: &World) -> Outcome {
    let Some(k) = pick(s, |i| {
        i.movable && matches!(i.status.as_str(), "ASSIGNED" | "IN_PROGRESS")
    }) else {
        return status(user, s, world).await;
    };
    let mut tech = world.technicians[s.rng.random_range(0..world.technicians.len())];
    if Some(tech) == s.items[k].assignee {
        tech = world.technicians[(s.turn + 1) % world.technicians.len()];
        if Some(tech) == s.items[k].assignee {
            tech = world.technicians[(s.turn + 2) % world.technicians.len()];
        }
    }
    let path = format!("/api/v1/requests/{}/assign", s.items[k].id);
    let response = send(
        user,
        GooseMethod::Post,
        &path,
        "assign",
        Some(json!({"technicianId": tech})),
    )
    .await?;
    if succeeded(&response) {
        s.items[k].status = "ASSIGNED".to_owned();
        s.items[k].assignee = Some(tech);
    }
    Ok(())
}

/// A random item matching `want`, if any.
fn pick(s: &mut Session, want: impl Fn(&Item) -> bool) -> Option<usize> {
    let eligible: Vec<usize> = (0..s.items.len()).filter(|k| want(&s.items[*k])).collect();
    (!eligible.is_empty()).then(|| eligible[s.rng.random_range(0..eligible.len())])
}

fn create_body(rng: &mut StdRng, category: Uuid, building: Uuid) -> Value {
    let priority = ["LOW", "MEDIUM", "MEDIUM", "HIGH", "URGENT"][rng.random_range(0..5)];
    let unit = rng.random_range(100..999);
    json!({
        "title": format!("Water leaking under the sink ({unit})"),
        "description": format!("Water drips under the kitchen sink of unit {unit}; the floor is wet."),
        "categoryId": category,
        "priority": priority,
        "buildingId": building,
        "location": format!("Unit {unit}"),
    })
}

fn succeeded(response: &GooseResponse) -> bool {
    response
        .response
        .as_ref()
        .is_ok_and(|r| r.status().is_success())
}

async fn created_id(response: GooseResponse) -> Option<Uuid> {
    let body: Value = response.response.ok()?.json().await.ok()?;
    Uuid::parse_str(body["data"]["id"].as_str()?).ok()
}

async fn send(
    user: &mut GooseUser,
    method: GooseMethod,
    path: &str,
    name: &str,
    body: Option<Value>,
) -> Result<GooseResponse, Box<TransactionError>> {
    let mut builder = user.get_request_builder(&method, path)?;
    if let Some(body) = body {
        builder = builder.json(&body);
    }
    let request = GooseRequest::builder()
        .method(method)
        .path(path)
        .name(name)
        .set_request_builder(builder)
        .build();
    user.request(request).await
}

fn custom(message: String) -> Box<TransactionError> {
    Box::new(TransactionError::Custom(message))
}
