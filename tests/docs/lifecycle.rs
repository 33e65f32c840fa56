//! The requests part of the conformance scenario: a request through its whole life, a
//! self-assignment, a deleted draft, the report summary, and error envelopes.

use super::checker::{Checker, id};
use reqwest::Method;
use serde_json::json;

/// Who acts: the admin, the technician (and their id) and the customer.
pub struct Cast<'t> {
    pub admin: Option<&'t str>,
    pub tech: Option<&'t str>,
    pub tech_id: &'t str,
    pub customer: Option<&'t str>,
}

/// Walks every request operation that answers JSON, checking each answer.
pub async fn requests(c: &mut Checker<'_>, cast: &Cast<'_>, category: &str, building: &str) {
    let (get, post, patch, delete) = (Method::GET, Method::POST, Method::PATCH, Method::DELETE);
    let (a, t, cu, tech_id) = (cast.admin, cast.tech, cast.customer, cast.tech_id);
    let body = json!({"title": "Leaking tap", "description": "Water drips from the kitchen tap.", "categoryId": category, "buildingId": building, "location": "Flat 3"});
    let created = c
        .call(
            post.clone(),
            "/api/v1/requests",
            &[],
            cu,
            Some(body.clone()),
            201,
        )
        .await;
    let req = id(&created);
    c.call(
        patch.clone(),
        "/api/v1/requests/{id}",
        &[&req],
        cu,
        Some(json!({"title": "Leaking kitchen tap", "version": created["version"]})),
        200,
    )
    .await;
    c.call(
        get.clone(),
        "/api/v1/requests?includeTotal=true&status=SUBMITTED&sort=-priority",
        &[],
        a,
        None,
        200,
    )
    .await;
    let wrong = json!({"status": "CLOSED"});
    c.call(
        patch.clone(),
        "/api/v1/requests/{id}/status",
        &[&req],
        a,
        Some(wrong),
        409,
    )
    .await;
    c.call(
        post.clone(),
        "/api/v1/requests/{id}/assign",
        &[&req],
        a,
        Some(json!({"technicianId": tech_id, "note": "Please"})),
        200,
    )
    .await;
    for status in ["IN_PROGRESS", "COMPLETED"] {
        c.call(
            patch.clone(),
            "/api/v1/requests/{id}/status",
            &[&req],
            t,
            Some(json!({"status": status, "note": "ok"})),
            200,
        )
        .await;
    }
    c.call(
        post.clone(),
        "/api/v1/requests/{id}/comments",
        &[&req],
        a,
        Some(json!({"body": "Checked", "internal": true})),
        201,
    )
    .await;
    c.call(
        post.clone(),
        "/api/v1/requests/{id}/comments",
        &[&req],
        cu,
        Some(json!({"body": "Thanks"})),
        201,
    )
    .await;
    c.call(
        get.clone(),
        "/api/v1/requests/{id}/comments",
        &[&req],
        a,
        None,
        200,
    )
    .await;
    c.call(
        get.clone(),
        "/api/v1/requests/{id}/events",
        &[&req],
        a,
        None,
        200,
    )
    .await;
    c.call(
        post.clone(),
        "/api/v1/requests/{id}/rating",
        &[&req],
        cu,
        Some(json!({"score": 5, "feedback": "Quick"})),
        200,
    )
    .await;
    c.call(get.clone(), "/api/v1/requests/{id}", &[&req], a, None, 200)
        .await;
    let other = id(&c
        .call(
            post.clone(),
            "/api/v1/requests",
            &[],
            cu,
            Some(body.clone()),
            201,
        )
        .await);
    c.call(
        post.clone(),
        "/api/v1/requests/{id}/self-assign",
        &[&other],
        t,
        None,
        200,
    )
    .await;
    c.call(
        post.clone(),
        "/api/v1/requests/{id}/unassign",
        &[&other],
        t,
        Some(json!({"note": "Not mine"})),
        200,
    )
    .await;
    let mut draft = body.clone();
    draft["draft"] = json!(true);
    let draft = id(&c
        .call(post.clone(), "/api/v1/requests", &[], cu, Some(draft), 201)
        .await);
    c.call(
        delete.clone(),
        "/api/v1/requests/{id}",
        &[&draft],
        cu,
        None,
        200,
    )
    .await;
    c.call(get.clone(), "/api/v1/reports/summary", &[], a, None, 200)
        .await;

    // Errors come in their documented envelopes.
    c.call(
        post.clone(),
        "/api/v1/requests",
        &[],
        cu,
        Some(json!({})),
        400,
    )
    .await;
    c.call(
        get.clone(),
        "/api/v1/requests/{id}",
        &[&uuid::Uuid::new_v4().to_string()],
        a,
        None,
        404,
    )
    .await;
    c.call(get.clone(), "/api/v1/auth/me", &[], None, None, 401)
        .await;
    c.call(get.clone(), "/api/v1/reports/summary", &[], cu, None, 403)
        .await;
}
