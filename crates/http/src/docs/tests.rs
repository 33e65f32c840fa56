//! The document against the route table and its own rules.

use super::{DOCS_PREFIX, document};
use std::collections::BTreeSet;

fn documented() -> BTreeSet<(String, String)> {
    let value = serde_json::to_value(document()).unwrap();
    let mut out = BTreeSet::new();
    for (path, item) in value["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            out.insert((method.to_uppercase(), path.clone()));
        }
    }
    out
}

fn served() -> BTreeSet<(String, String)> {
    crate::routes::table()
        .into_iter()
        .filter(|(_, path)| !path.starts_with(DOCS_PREFIX))
        .map(|(method, path)| (method.to_string(), path))
        .collect()
}

#[test]
fn every_served_route_is_documented_and_every_documented_one_is_served() {
    let (documented, served) = (documented(), served());
    let undocumented: Vec<_> = served.difference(&documented).collect();
    let unserved: Vec<_> = documented.difference(&served).collect();
    assert!(
        undocumented.is_empty(),
        "served but not documented: {undocumented:?}"
    );
    assert!(
        unserved.is_empty(),
        "documented but not served: {unserved:?}"
    );
}

#[test]
fn operation_ids_are_unique_and_every_operation_has_a_tag_and_errors() {
    let value = serde_json::to_value(document()).unwrap();
    let mut ids = BTreeSet::new();
    for (path, item) in value["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let id = op["operationId"].as_str().unwrap().to_owned();
            assert!(ids.insert(id.clone()), "duplicate operationId {id}");
            assert!(
                !op["tags"].as_array().unwrap().is_empty(),
                "{method} {path}"
            );
            for status in ["429", "500"] {
                assert!(
                    op["responses"].get(status).is_some(),
                    "{method} {path} lacks {status}"
                );
            }
            let secured = op["security"]
                .as_array()
                .is_some_and(|s| s.iter().any(|r| r.get("bearer").is_some()));
            if secured && path != "/ws" {
                assert!(op["responses"].get("401").is_some(), "{method} {path}");
            }
        }
    }
}

#[test]
fn error_codes_of_each_status_are_exactly_the_status_table() {
    let value = serde_json::to_value(document()).unwrap();
    let schemas = &value["components"]["schemas"];
    let mut all = BTreeSet::new();
    for (status, _, _) in super::envelope::ERROR_STATUSES {
        let codes = schemas[format!("Error{status}")]["properties"]["code"]["enum"]
            .as_array()
            .unwrap();
        for code in codes {
            let code = code.as_str().unwrap();
            let known = crate::error::ErrorCode::ALL
                .iter()
                .find(|c| c.as_str() == code)
                .unwrap();
            assert_eq!(known.status().as_u16(), status);
            all.insert(code.to_owned());
        }
    }
    assert_eq!(all.len(), crate::error::ErrorCode::ALL.len());
}

#[test]
fn the_bearer_scheme_is_http_bearer_jwt() {
    let value = serde_json::to_value(document()).unwrap();
    let scheme = &value["components"]["securitySchemes"]["bearer"];
    assert_eq!(scheme["type"], "http");
    assert_eq!(scheme["scheme"], "bearer");
    assert_eq!(scheme["bearerFormat"], "JWT");
}
