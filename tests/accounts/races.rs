//! The last-SUPER_ADMIN guard under concurrency (issue 11, item 1): SUPER_ADMINs that
//! deactivate or demote each other all at once must leave at least one active.

use basma_e2e::db_test;
use basma_e2e::harness::TestApp;
use futures_util::future::join_all;
use reqwest::Method;
use serde_json::{Value, json};

/// SUPER_ADMINs in each round; each one strikes at the next, in a ring.
const RING: usize = 5;
const ROUNDS: usize = 6;

/// Creates a SUPER_ADMIN with `admin_token` and returns (id, its own access token).
async fn new_super_admin(app: &TestApp, admin_token: &str) -> (String, String) {
    let email = format!("sa-{}@basma.test", uuid::Uuid::new_v4().simple());
    let password = "Passw0rd-for-tests";
    let body = json!({"name": "A super admin", "email": email, "role": "SUPER_ADMIN", "password": password});
    let (status, created) = app
        .authed(Method::POST, "/api/v1/users", admin_token, Some(&body))
        .await;
    assert_eq!(status, 201, "{created}");
    let id = created["data"]["id"].as_str().unwrap().to_owned();
    let token = app.login(&email, password).await["accessToken"]
        .as_str()
        .unwrap()
        .to_owned();
    (id, token)
}

/// The active SUPER_ADMINs as the store sees them.
async fn active_super_admins(app: &TestApp, token: &str) -> Vec<String> {
    let (status, list) = app
        .authed(
            Method::GET,
            "/api/v1/users?role=SUPER_ADMIN&active=true&limit=100",
            token,
            None,
        )
        .await;
    assert_eq!(status, 200, "{list}");
    list["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["id"].as_str().unwrap().to_owned())
        .collect()
}

db_test!(
    super_admins_deactivating_or_demoting_each_other_at_once_always_leave_one_active,
    |app: TestApp| async move {
        let mut survivor = app.admin_token().await;
        for round in 0..ROUNDS {
            let mut ring = Vec::with_capacity(RING);
            for _ in 0..RING {
                ring.push(new_super_admin(&app, &survivor).await);
            }
            // Every SUPER_ADMIN outside the ring steps aside first, so the ring holds them all.
            for id in active_super_admins(&app, &ring[0].1).await {
                if ring.iter().all(|(member, _)| *member != id) {
                    let (status, body) = app
                        .authed(
                            Method::DELETE,
                            &format!("/api/v1/users/{id}"),
                            &ring[0].1,
                            None,
                        )
                        .await;
                    assert_eq!(status, 200, "{body}");
                }
            }
            let strikes = (0..RING).map(|i| {
                let (target, _) = &ring[(i + 1) % RING];
                let (_, token) = &ring[i];
                let path = format!("/api/v1/users/{target}");
                let app = &app;
                async move {
                    if round % 2 == 0 {
                        app.authed(Method::DELETE, &path, token, None).await
                    } else {
                        let demote: Value = json!({"role": "CUSTOMER"});
                        app.authed(Method::PATCH, &path, token, Some(&demote)).await
                    }
                }
            });
            let outcomes = join_all(strikes).await;
            // 401/403: the striker was already deactivated/demoted by its neighbour; 409: the
            // guard; 503: a lock wait given up (never a 500).
            for (status, body) in &outcomes {
                assert!(
                    [200, 401, 403, 409, 503].contains(status),
                    "round {round}: {status} {body}"
                );
            }
            let standing: Vec<&(String, String)> = ring
                .iter()
                .filter(|(id, _)| {
                    outcomes
                        .iter()
                        .zip(0..RING)
                        .all(|((status, _), i)| *status != 200 || &ring[(i + 1) % RING].0 != id)
                })
                .collect();
            assert!(
                !standing.is_empty(),
                "round {round}: every strike succeeded, no SUPER_ADMIN left: {outcomes:?}"
            );
            survivor = standing[0].1.clone();
            let active = active_super_admins(&app, &survivor).await;
            assert!(!active.is_empty(), "round {round}: no active SUPER_ADMIN");
            assert!(active.contains(&standing[0].0), "round {round}");
        }
    }
);
