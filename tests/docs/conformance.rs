//! Real answers against the document: one scenario walks every operation that answers JSON
//! (sign-in, catalog, users, a request through its whole life, reports, monitoring, errors)
//! and checks each body against the schema the document gives for that status, strictly
//! (no undocumented field). schemathesis cannot get this far: it never holds a valid
//! building or request id.

use super::checker::{Checker, id};
use super::lifecycle::{Cast, requests};
use super::served_document;
use basma_e2e::harness::fixtures::unique;
use basma_e2e::harness::{ADMIN_EMAIL, ADMIN_PASSWORD, Backend, TestApp};
use reqwest::Method;
use serde_json::json;
use std::collections::BTreeSet;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_json_answer_of_a_full_scenario_matches_its_documented_schema() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    let document = served_document(&app).await;
    let mut c = Checker {
        app: &app,
        document,
        seen: BTreeSet::new(),
    };
    let (get, post, patch, delete) = (Method::GET, Method::POST, Method::PATCH, Method::DELETE);

    c.call(get.clone(), "/health", &[], None, None, 200).await;
    c.call(get.clone(), "/api/v1/monitoring/live", &[], None, None, 200)
        .await;
    c.call(
        get.clone(),
        "/api/v1/monitoring/ready",
        &[],
        None,
        None,
        200,
    )
    .await;
    let login = json!({"email": ADMIN_EMAIL, "password": ADMIN_PASSWORD});
    let pair = c
        .call(
            post.clone(),
            "/api/v1/auth/login",
            &[],
            None,
            Some(login.clone()),
            200,
        )
        .await;
    let admin = pair["accessToken"].as_str().expect("token").to_owned();
    let a = Some(admin.as_str());
    c.call(get.clone(), "/api/v1/monitoring/stats", &[], a, None, 200)
        .await;
    c.call(get.clone(), "/api/v1/auth/me", &[], a, None, 200)
        .await;
    c.call(
        patch.clone(),
        "/api/v1/auth/me",
        &[],
        a,
        Some(json!({"name": "Root", "phone": null})),
        200,
    )
    .await;
    c.call(get.clone(), "/api/v1/auth/sessions", &[], a, None, 200)
        .await;
    let refreshed = c
        .call(
            post.clone(),
            "/api/v1/auth/refresh",
            &[],
            None,
            Some(json!({"refreshToken": pair["refreshToken"]})),
            200,
        )
        .await;
    assert!(refreshed["accessToken"].is_string());

    // Catalog.
    let body = json!({"name": "Tower", "code": format!("P{}", unique()), "city": "Riyadh", "address": "King Fahd Rd"});
    let property = id(&c
        .call(post.clone(), "/api/v1/properties", &[], a, Some(body), 201)
        .await);
    c.call(get.clone(), "/api/v1/properties", &[], a, None, 200)
        .await;
    c.call(
        patch.clone(),
        "/api/v1/properties/{id}",
        &[&property],
        a,
        Some(json!({"city": "Jeddah"})),
        200,
    )
    .await;
    let building = id(&c
        .call(
            post.clone(),
            "/api/v1/properties/{id}/buildings",
            &[&property],
            a,
            Some(json!({"name": "A", "code": "B1"})),
            201,
        )
        .await);
    let spare = id(&c
        .call(
            post.clone(),
            "/api/v1/properties/{id}/buildings",
            &[&property],
            a,
            Some(json!({"name": "B", "code": "B2"})),
            201,
        )
        .await);
    c.call(
        get.clone(),
        "/api/v1/properties/{id}",
        &[&property],
        a,
        None,
        200,
    )
    .await;
    c.call(
        get.clone(),
        "/api/v1/properties/{id}/buildings",
        &[&property],
        a,
        None,
        200,
    )
    .await;
    c.call(
        patch.clone(),
        "/api/v1/buildings/{id}",
        &[&building],
        a,
        Some(json!({"name": "Block A"})),
        200,
    )
    .await;
    c.call(
        delete.clone(),
        "/api/v1/buildings/{id}",
        &[&spare],
        a,
        None,
        200,
    )
    .await;
    let categories = c
        .call(get.clone(), "/api/v1/categories", &[], a, None, 200)
        .await;
    let category = id(&categories[0]);
    let body = json!({"code": format!("C{}", unique()), "nameAr": "مصاعد", "nameEn": "Lifts"});
    let new_category = id(&c
        .call(post.clone(), "/api/v1/categories", &[], a, Some(body), 201)
        .await);
    c.call(
        patch.clone(),
        "/api/v1/categories/{id}",
        &[&new_category],
        a,
        Some(json!({"active": false})),
        200,
    )
    .await;
    let body = json!({"name": "Empty", "code": format!("P{}", unique()), "city": "Dammam"});
    let empty = id(&c
        .call(post.clone(), "/api/v1/properties", &[], a, Some(body), 201)
        .await);
    c.call(
        delete.clone(),
        "/api/v1/properties/{id}",
        &[&empty],
        a,
        None,
        200,
    )
    .await;

    // Users.
    let password = "Passw0rd-for-tests";
    let mut people = Vec::new();
    for role in ["TECHNICIAN", "CUSTOMER"] {
        let email = format!("{}-{}@basma.test", role.to_lowercase(), unique());
        let body = json!({"name": role, "email": email, "role": role, "password": password, "categoryIds": [category]});
        let user = c
            .call(post.clone(), "/api/v1/users", &[], a, Some(body), 201)
            .await;
        let pair = c
            .call(
                post.clone(),
                "/api/v1/auth/login",
                &[],
                None,
                Some(json!({"email": email, "password": password})),
                200,
            )
            .await;
        people.push((
            id(&user),
            pair["accessToken"].as_str().expect("token").to_owned(),
        ));
    }
    let ((tech_id, tech), (_, customer)) = (people[0].clone(), people[1].clone());
    let (t, cu) = (Some(tech.as_str()), Some(customer.as_str()));
    c.call(get.clone(), "/api/v1/users?limit=5", &[], a, None, 200)
        .await;
    c.call(get.clone(), "/api/v1/users/{id}", &[&tech_id], a, None, 200)
        .await;
    c.call(
        patch.clone(),
        "/api/v1/users/{id}",
        &[&tech_id],
        a,
        Some(json!({"name": "Tech One"})),
        200,
    )
    .await;

    let cast = Cast {
        admin: a,
        tech: t,
        tech_id: &tech_id,
        customer: cu,
    };
    requests(&mut c, &cast, &category, &building).await;

    // Accounts, last: they end sessions.
    let email = format!("new-{}@basma.test", unique());
    c.call(
        post.clone(),
        "/api/v1/auth/register",
        &[],
        None,
        Some(json!({"name": "New", "email": email, "password": password})),
        201,
    )
    .await;
    c.call(
        post.clone(),
        "/api/v1/auth/resend-verification",
        &[],
        None,
        Some(json!({"email": email})),
        200,
    )
    .await;
    c.call(
        post.clone(),
        "/api/v1/auth/forgot-password",
        &[],
        None,
        Some(json!({"email": email})),
        200,
    )
    .await;
    let sessions = c
        .call(get.clone(), "/api/v1/auth/sessions", &[], t, None, 200)
        .await;
    c.call(
        post.clone(),
        "/api/v1/auth/change-password",
        &[],
        cu,
        Some(json!({"currentPassword": password, "newPassword": "Another-pass-2026"})),
        200,
    )
    .await;
    c.call(post.clone(), "/api/v1/auth/logout-all", &[], cu, None, 200)
        .await;
    let session = id(&sessions[0]);
    c.call(
        delete.clone(),
        "/api/v1/auth/sessions/{id}",
        &[&session],
        t,
        None,
        200,
    )
    .await;
    c.call(
        delete.clone(),
        "/api/v1/users/{id}",
        &[&tech_id],
        a,
        None,
        200,
    )
    .await;
    // After the user, catalogue and request changes above, so `changes` holds every kind of
    // value (text, flag, null, id list).
    c.call(get.clone(), "/api/v1/audit?limit=100", &[], a, None, 200)
        .await;
    c.call(get.clone(), "/api/v1/audit?action=NOPE", &[], a, None, 400)
        .await;
    c.call(
        post.clone(),
        "/api/v1/auth/logout",
        &[],
        a,
        Some(json!({})),
        200,
    )
    .await;

    let json_operations = 48;
    assert!(
        c.seen.len() >= json_operations,
        "checked only {}: {:?}",
        c.seen.len(),
        c.seen
    );
}
