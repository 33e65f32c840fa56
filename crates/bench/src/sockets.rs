//! The WebSocket scenario of SPEC §9: many open sockets (10,000 by default) held by
//! managers, who may see every request, and the delivery latency of each event to each of
//! them — from just before the `POST /requests` that causes it to the frame's arrival.

use anyhow::{Context, Result, bail};
use futures_util::StreamExt;
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::{Semaphore, mpsc};
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::protocol::Message;

#[derive(clap::Args, Debug, Clone)]
pub struct SocketArgs {
    #[arg(long, default_value = "http://127.0.0.1:8080")]
    pub base_url: String,
    #[arg(long, env = "BASMA_ADMIN_EMAIL")]
    pub admin_email: String,
    #[arg(long, env = "BASMA_ADMIN_PASSWORD")]
    pub admin_password: String,
    /// Sockets to hold open (five per user, the per-user limit).
    #[arg(long, default_value_t = 10_000)]
    pub sockets: usize,
    /// Requests created while the sockets listen; each is one event per socket.
    #[arg(long, default_value_t = 30)]
    pub events: usize,
    /// Pause between two events.
    #[arg(long, default_value_t = 250)]
    pub gap_ms: u64,
}

/// What the run measured.
#[derive(Debug, serde::Serialize)]
pub struct SocketReport {
    pub sockets: usize,
    pub events: usize,
    pub expected_deliveries: usize,
    pub delivered: usize,
    pub connect_seconds: f64,
    pub p50_ms: f64,
    pub p90_ms: f64,
    pub p99_ms: f64,
    pub max_ms: f64,
}

const PER_USER: usize = 5;

pub async fn run(args: &SocketArgs) -> Result<SocketReport> {
    let http = reqwest::Client::new();
    let base = args.base_url.trim_end_matches('/').to_owned();
    let admin = login(&http, &base, &args.admin_email, &args.admin_password).await?;
    let (building, category) = place(&http, &base, &admin).await?;
    let users = args.sockets.div_ceil(PER_USER);
    let tokens = managers(&http, &base, &admin, users).await?;

    let started = Instant::now();
    let (tx, mut rx) = mpsc::unbounded_channel::<(String, Instant)>();
    let gate = Arc::new(Semaphore::new(256));
    let mut opened = Vec::with_capacity(args.sockets);
    for i in 0..args.sockets {
        let (token, tx, gate, base) = (
            tokens[i / PER_USER].clone(),
            tx.clone(),
            gate.clone(),
            base.clone(),
        );
        opened.push(tokio::spawn(async move {
            listen(&base, &token, gate, tx).await
        }));
    }
    drop(tx);
    let mut ready = 0;
    let mut first_error = None;
    for handle in opened {
        match handle.await {
            Ok(Ok(welcome)) => ready += usize::from(welcome.await.is_ok()),
            Ok(Err(e)) => first_error = first_error.or(Some(e.to_string())),
            Err(e) => first_error = first_error.or(Some(e.to_string())),
        }
    }
    if ready < args.sockets {
        bail!(
            "only {ready} of {} sockets opened (first error: {first_error:?})",
            args.sockets
        );
    }
    let connect_seconds = started.elapsed().as_secs_f64();

    let mut sent_at = HashMap::new();
    for i in 0..args.events {
        let body = json!({"title": format!("Socket bench {i}"), "description": "Benchmark event for the socket fan-out.", "categoryId": category, "buildingId": building});
        let t0 = Instant::now();
        let created: Value = http
            .post(format!("{base}/api/v1/requests"))
            .bearer_auth(&admin)
            .json(&body)
            .send()
            .await?
            .error_for_status()?
            .json()
            .await?;
        let id = created["data"]["id"]
            .as_str()
            .context("created request id")?
            .to_owned();
        sent_at.insert(id, t0);
        tokio::time::sleep(Duration::from_millis(args.gap_ms)).await;
    }
    let expected = args.sockets * args.events;
    let mut latencies = Vec::with_capacity(expected);
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    while latencies.len() < expected {
        match tokio::time::timeout_at(deadline, rx.recv()).await {
            Ok(Some((id, at))) => {
                if let Some(t0) = sent_at.get(&id) {
                    latencies.push(at.duration_since(*t0).as_secs_f64() * 1000.0);
                }
            }
            _ => break,
        }
    }
    latencies.sort_by(f64::total_cmp);
    let pct = |p: f64| {
        latencies
            .get(((latencies.len() as f64 * p).ceil() as usize).saturating_sub(1))
            .copied()
            .unwrap_or(f64::NAN)
    };
    Ok(SocketReport {
        sockets: args.sockets,
        events: args.events,
        expected_deliveries: expected,
        delivered: latencies.len(),
        connect_seconds,
        p50_ms: pct(0.50),
        p90_ms: pct(0.90),
        p99_ms: pct(0.99),
        max_ms: latencies.last().copied().unwrap_or(f64::NAN),
    })
}

/// Opens one socket (under the connect gate), waits for `welcome`, then reports every
/// `request.created` it receives. The returned receiver fires once the socket is ready.
async fn listen(
    base: &str,
    token: &str,
    gate: Arc<Semaphore>,
    tx: mpsc::UnboundedSender<(String, Instant)>,
) -> Result<tokio::sync::oneshot::Receiver<()>> {
    let permit = gate.acquire_owned().await?;
    let mut request =
        format!("{}/ws", base.replacen("http://", "ws://", 1)).into_client_request()?;
    request
        .headers_mut()
        .insert("authorization", format!("Bearer {token}").parse()?);
    let (mut stream, _) = tokio_tungstenite::connect_async(request).await?;
    let (ready_tx, ready_rx) = tokio::sync::oneshot::channel();
    tokio::spawn(async move {
        let mut ready_tx = Some(ready_tx);
        while let Some(Ok(frame)) = stream.next().await {
            let Message::Text(text) = frame else { continue };
            let Ok(value) = serde_json::from_str::<Value>(&text) else {
                continue;
            };
            match value["type"].as_str() {
                Some("welcome") => {
                    if let Some(ready) = ready_tx.take() {
                        let _ = ready.send(());
                    }
                }
                Some("request.created") => {
                    let id = value["data"]["requestId"]
                        .as_str()
                        .unwrap_or_default()
                        .to_owned();
                    if tx.send((id, Instant::now())).is_err() {
                        break;
                    }
                }
                _ => {}
            }
        }
    });
    drop(permit);
    Ok(ready_rx)
}

async fn login(http: &reqwest::Client, base: &str, email: &str, password: &str) -> Result<String> {
    let body: Value = http
        .post(format!("{base}/api/v1/auth/login"))
        .json(&json!({"email": email, "password": password}))
        .send()
        .await?
        .error_for_status()
        .with_context(|| format!("login of {email}"))?
        .json()
        .await?;
    body["data"]["accessToken"]
        .as_str()
        .map(str::to_owned)
        .context("access token")
}

/// A property and building of the bench's own, and a category.
async fn place(http: &reqwest::Client, base: &str, admin: &str) -> Result<(String, String)> {
    let code = format!(
        "WS{}",
        &uuid::Uuid::new_v4().simple().to_string()[..8].to_uppercase()
    );
    let property: Value = http
        .post(format!("{base}/api/v1/properties"))
        .bearer_auth(admin)
        .json(&json!({"name": "Socket bench", "code": code, "city": "Riyadh"}))
        .send()
        .await?
        .error_for_status()?
        .json()
        .await?;
    let property_id = property["data"]["id"].as_str().context("property id")?;
    let building: Value = http
        .post(format!("{base}/api/v1/properties/{property_id}/buildings"))
        .bearer_auth(admin)
        .json(&json!({"name": "Socket bench", "code": "WS"}))
        .send()
        .await?
        .error_for_status()?
        .json()
        .await?;
    let categories: Value = http
        .get(format!("{base}/api/v1/categories"))
        .bearer_auth(admin)
        .send()
        .await?
        .error_for_status()?
        .json()
        .await?;
    Ok((
        building["data"]["id"]
            .as_str()
            .context("building id")?
            .to_owned(),
        categories["data"][0]["id"]
            .as_str()
            .context("category id")?
            .to_owned(),
    ))
}

/// Creates `count` MAINTENANCE_ADMIN accounts and signs each in.
async fn managers(
    http: &reqwest::Client,
    base: &str,
    admin: &str,
    count: usize,
) -> Result<Vec<String>> {
    let run = uuid::Uuid::new_v4().simple().to_string();
    let password = "Socket-bench-1";
    let gate = Arc::new(Semaphore::new(16));
    let mut tasks = Vec::with_capacity(count);
    for i in 0..count {
        let (http, base, admin, gate) = (
            http.clone(),
            base.to_owned(),
            admin.to_owned(),
            gate.clone(),
        );
        let email = format!("ws-{run}-{i}@bench.basma");
        tasks.push(tokio::spawn(async move {
            let _permit = gate.acquire_owned().await?;
            let user = json!({"name": format!("Manager {i}"), "email": email, "role": "MAINTENANCE_ADMIN", "password": password});
            http.post(format!("{base}/api/v1/users")).bearer_auth(&admin).json(&user).send().await?.error_for_status()?;
            login(&http, &base, &email, password).await
        }));
    }
    let mut tokens = Vec::with_capacity(count);
    for task in tasks {
        tokens.push(task.await??);
    }
    Ok(tokens)
}

/// A Markdown table of the run.
pub fn markdown(r: &SocketReport) -> String {
    format!(
        "| sockets | events | deliveries | delivered | connect (s) | p50 (ms) | p90 (ms) | p99 (ms) | max (ms) |\n|---|---|---|---|---|---|---|---|---|\n| {} | {} | {} | {} | {:.1} | {:.1} | {:.1} | {:.1} | {:.1} |\n",
        r.sockets,
        r.events,
        r.expected_deliveries,
        r.delivered,
        r.connect_seconds,
        r.p50_ms,
        r.p90_ms,
        r.p99_ms,
        r.max_ms
    )
}
