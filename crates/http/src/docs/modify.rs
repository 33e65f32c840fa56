//! Rules every operation follows, applied once to the whole document instead of repeated in
//! ~55 annotations: the bearer scheme, the errors any operation can meet (rate limit,
//! internal error; with a token: 401, 403, 503; with a body: 400, 413, 415), and the headers
//! of every answer (`X-Request-Id`, `Content-Language`; `Location` on 201).

use super::responses::{
    add_components, content_language_header, error_ref, location_header, request_id_header,
};
use utoipa::Modify;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{Components, OpenApi, RefOr};

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
        for item in openapi.paths.paths.values_mut() {
            let operations = [
                &mut item.get,
                &mut item.post,
                &mut item.patch,
                &mut item.delete,
                &mut item.put,
            ];
            for operation in operations.into_iter().flatten() {
                apply(operation);
            }
        }
    }
}

fn apply(operation: &mut utoipa::openapi::path::Operation) {
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
