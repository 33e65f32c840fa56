//! Rules every operation follows, applied once to the whole document instead of repeated in
//! ~55 annotations: the bearer scheme, required by every operation but the [`PUBLIC`] ones
//! and those that say otherwise; the `{id}` path parameter; the errors any operation can meet
//! (rate limit, internal error; with a token: 401, 403, 503; with a body: 400, 413, 415); and
//! the headers of every answer (`X-Request-Id`, `Content-Language`; `Location` on 201).

use super::params::IdPath;
use super::responses::{
    add_components, content_language_header, error_ref, location_header, request_id_header,
};
use utoipa::openapi::path::{Operation, ParameterIn};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityRequirement, SecurityScheme};
use utoipa::openapi::{Components, OpenApi, RefOr};
use utoipa::{IntoParams, Modify};

/// The operations anyone may call without a token.
const PUBLIC: [&str; 10] = [
    "health",
    "live",
    "ready",
    "register",
    "verifyEmail",
    "resendVerification",
    "login",
    "refresh",
    "forgotPassword",
    "resetPassword",
];

/// The document-wide rules, as a utoipa modifier.
pub struct Conventions;

impl Modify for Conventions {
    fn modify(&self, openapi: &mut OpenApi) {
        let components = openapi.components.get_or_insert_with(Components::new);
        add_components(components);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .description(Some(
                        "The access token from `POST /api/v1/auth/login` or `/refresh`.",
                    ))
                    .build(),
            ),
        );
        components.add_security_scheme(
            "metricsToken",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some("`BASMA_METRICS_TOKEN`, when the server has one."))
                    .build(),
            ),
        );
        for (path, item) in openapi.paths.paths.iter_mut() {
            let operations = [
                &mut item.get,
                &mut item.post,
                &mut item.patch,
                &mut item.delete,
                &mut item.put,
            ];
            for operation in operations.into_iter().flatten() {
                defaults(path, operation);
                apply(operation);
            }
        }
    }
}

/// The bearer requirement unless the operation is public or names its own, and `{id}`.
fn defaults(path: &str, operation: &mut Operation) {
    let public = PUBLIC.contains(&operation.operation_id.as_deref().unwrap_or_default());
    if operation.security.is_none() && !public {
        operation.security = Some(vec![SecurityRequirement::new(
            "bearer",
            Vec::<String>::new(),
        )]);
    }
    if path.contains("{id}") {
        let parameters = operation.parameters.get_or_insert_with(Vec::new);
        if !parameters.iter().any(|p| p.name == "id") {
            parameters.splice(0..0, IdPath::into_params(|| Some(ParameterIn::Path)));
        }
    }
}

fn apply(operation: &mut Operation) {
    let signed_in = operation.security.iter().flatten().any(|requirement| {
        serde_json::to_value(requirement).is_ok_and(|v| v.get("bearer").is_some())
    });
    let has_body = operation.request_body.is_some();
    let touches_store = signed_in || has_body;
    let mut statuses = vec![429, 500];
    if signed_in {
        statuses.extend([401, 403]);
    }
    if touches_store {
        statuses.push(503);
    }
    if has_body {
        statuses.extend([400, 413, 415]);
    }
    let responses = &mut operation.responses.responses;
    for status in statuses {
        if let Some(reference) = error_ref(status) {
            responses.entry(status.to_string()).or_insert(reference);
        }
    }
    for (status, response) in responses.iter_mut() {
        let RefOr::T(response) = response else {
            continue;
        };
        if status == "101" {
            continue;
        }
        response
            .headers
            .insert("X-Request-Id".into(), request_id_header());
        response
            .headers
            .insert("Content-Language".into(), content_language_header());
        if status == "201" {
            response
                .headers
                .insert("Location".into(), location_header());
        }
    }
}
