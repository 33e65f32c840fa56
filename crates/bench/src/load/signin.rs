//! Signs the bench accounts in through the API (`POST /api/v1/auth/login`), a few at a time:
//! each login costs the server one bcrypt, so this is slow on purpose and happens once,
//! before any measured run; the access tokens are then reused by every run.

use super::world::Account;
use crate::accounts::{self, Role};
use anyhow::{Context, anyhow};
use futures_util::{StreamExt, TryStreamExt, stream};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::time::{Duration, Instant};
use uuid::Uuid;

/// Logins in flight at once (the server hashes on one thread per core).
const PARALLEL: usize = 4;

/// Signed-in accounts and their user ids, by role.
pub struct SignedIn {
    pub accounts: HashMap<Role, Vec<Account>>,
    pub user_ids: HashMap<Role, Vec<Uuid>>,
    /// When the first token expires.
    pub expires: Instant,
    pub seconds: f64,
}

/// Signs in `wanted[role]` accounts of each role.
///
/// # Errors
/// The first login that fails (with the server's answer).
pub async fn sign_in(base_url: &str, wanted: &HashMap<Role, usize>) -> anyhow::Result<SignedIn> {
    let started = Instant::now();
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(60))
        .build()?;
    let url = format!("{}/api/v1/auth/login", base_url.trim_end_matches('/'));
    let jobs: Vec<(Role, usize)> = wanted
        .iter()
        .flat_map(|(role, n)| (0..*n).map(move |i| (*role, i)))
        .collect();
    let results: Vec<(Role, usize, Account, Uuid, u64)> = stream::iter(jobs)
        .map(|(role, i)| {
            let (client, url) = (client.clone(), url.clone());
            async move {
                let (account, id, ttl) = login(&client, &url, &accounts::email(role, i)).await?;
                anyhow::Ok((role, i, account, id, ttl))
            }
        })
        .buffer_unordered(PARALLEL)
        .try_collect()
        .await?;

    let mut signed = SignedIn {
        accounts: HashMap::new(),
        user_ids: HashMap::new(),
        expires: started + Duration::from_secs(24 * 3600),
        seconds: 0.0,
    };
    let mut sorted = results;
    sorted.sort_by_key(|(role, i, ..)| (role.as_str(), *i));
    for (role, _, account, id, ttl) in sorted {
        signed.accounts.entry(role).or_default().push(account);
        signed.user_ids.entry(role).or_default().push(id);
        signed.expires = signed.expires.min(started + Duration::from_secs(ttl));
    }
    signed.seconds = started.elapsed().as_secs_f64();
    Ok(signed)
}

async fn login(
    client: &reqwest::Client,
    url: &str,
    email: &str,
) -> anyhow::Result<(Account, Uuid, u64)> {
    let response = client
        .post(url)
        .json(&json!({"email": email, "password": accounts::PASSWORD}))
        .send()
        .await
        .with_context(|| format!("signing in {email}"))?;
    let status = response.status();
    let body: Value = response.json().await.unwrap_or(Value::Null);
    if !status.is_success() {
        return Err(anyhow!("signing in {email}: {status} {body}"));
    }
    let data = &body["data"];
    let token = data["accessToken"]
        .as_str()
        .ok_or_else(|| anyhow!("signing in {email}: no accessToken in {body}"))?;
    let user_id = data["user"]["id"].as_str().unwrap_or_default();
    let id = Uuid::parse_str(user_id).with_context(|| format!("user id of {email}"))?;
    let ttl = data["expiresIn"].as_u64().unwrap_or(900);
    Ok((
        Account {
            token: token.to_owned(),
        },
        id,
        ttl,
    ))
}
