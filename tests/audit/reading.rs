//! Reading the audit log: who may, paging, every filter, refusals of bad filters, and the
//! absence of any route that writes to it.

use super::{audit_all, my_id};
use basma_e2e::db_test;
use basma_e2e::harness::fixtures::urlencode;
use basma_e2e::harness::{TestApp, json};
use reqwest::Method;
use serde_json::{Value, json};

fn actions(entries: &[Value]) -> Vec<&str> {
    entries
        .iter()
        .map(|e| e["action"].as_str().expect("action"))
        .collect()
}

db_test!(
    a_super_admin_pages_the_audit_log_newest_first_and_filters_it,
    |app: TestApp| async move {
        let admin = app.admin_token().await;
        let admin_id = my_id(&app, &admin).await;
        let tech = app.person(&admin, "TECHNICIAN", &[]).await;
        let site = app.site(&admin, 2).await;
        // Something the technician did, so the actor filter has two actors to tell apart.
        app.expect(Method::GET, "/api/v1/auth/me", &tech.token, None, 200)
            .await;

        let everything = audit_all(&app, &admin, "", 100).await;
        let paged = audit_all(&app, &admin, "", 2).await;
        assert_eq!(paged, everything, "pages of 2 read the same list");
        assert!(everything.len() >= 6, "{everything:?}");
        for pair in everything.windows(2) {
            let (a, b) = (pair[0]["at"].as_str(), pair[1]["at"].as_str());
            let parse = |t: Option<&str>| {
                chrono::DateTime::parse_from_rfc3339(t.expect("at")).expect("rfc3339")
            };
            assert!(parse(a) >= parse(b), "not newest first: {pair:?}");
        }

        let mine = audit_all(&app, &admin, &format!("actorId={admin_id}"), 100).await;
        assert!(!mine.is_empty());
        assert!(mine.iter().all(|e| e["actorId"] == admin_id.as_str()));
        let theirs = audit_all(&app, &admin, &format!("actorId={}", tech.id), 100).await;
        assert!(theirs.iter().all(|e| e["actorId"] == tech.id.as_str()));
        assert_eq!(actions(&theirs), ["LOGIN_SUCCEEDED"]);

        for query in [
            "action=PROPERTY_CREATED,BUILDING_CREATED",
            "action=PROPERTY_CREATED&action=BUILDING_CREATED",
        ] {
            let rows = audit_all(&app, &admin, query, 100).await;
            let mut got = actions(&rows);
            got.sort_unstable();
            assert_eq!(
                got,
                ["BUILDING_CREATED", "BUILDING_CREATED", "PROPERTY_CREATED"],
                "{query}"
            );
        }

        let property = format!("targetType=PROPERTY&targetId={}", site.property);
        let rows = audit_all(&app, &admin, &property, 100).await;
        assert_eq!(actions(&rows), ["PROPERTY_CREATED"]);
        assert_eq!(rows[0]["targetId"], site.property.as_str());
        assert_eq!(rows[0]["ip"], "127.0.0.1", "the client address is recorded");
        let buildings = audit_all(&app, &admin, "targetType=BUILDING", 100).await;
        assert_eq!(buildings.len(), 2);
        let created = audit_all(&app, &admin, &format!("targetId={}", tech.id), 100).await;
        assert!(actions(&created).contains(&"USER_CREATED"), "{created:?}");

        // `from` is inclusive and `to` exclusive, at the instant of the property's entry.
        let at = rows[0]["at"].as_str().expect("at");
        let from = audit_all(&app, &admin, &format!("from={}", urlencode(at)), 100).await;
        let to = audit_all(&app, &admin, &format!("to={}", urlencode(at)), 100).await;
        assert!(from.iter().any(|e| e["targetId"] == site.property.as_str()));
        assert!(to.iter().all(|e| e["targetId"] != site.property.as_str()));
        assert_eq!(
            from.len() + to.len(),
            audit_all(&app, &admin, "", 100).await.len()
        );
    }
);

db_test!(
    bad_audit_filters_answer_400_naming_the_parameter,
    |app: TestApp| async move {
        let admin = app.admin_token().await;
        for (query, field) in [
            ("actorId=nope", "actorId"),
            ("action=NOT_AN_ACTION", "action"),
            ("action=LOGIN_FAILED,drop", "action"),
            ("targetType=planet", "targetType"),
            ("targetId=42", "targetId"),
            ("from=yesterday", "from"),
            ("to=2026-13-01", "to"),
            ("limit=0", "limit"),
            ("limit=101", "limit"),
            ("cursor=zz", "cursor"),
        ] {
            for path in ["/api/v1/audit", "/api/v1/audit.csv"] {
                let url = format!("{path}?{query}");
                if path.ends_with(".csv") && matches!(field, "limit" | "cursor") {
                    continue;
                }
                let (status, body) = app.authed(Method::GET, &url, &admin, None).await;
                assert_eq!(status, 400, "{url}: {body}");
                assert_eq!(body["code"], "VALIDATION_ERROR", "{url}: {body}");
                assert_eq!(body["details"][0]["field"], field, "{url}: {body}");
            }
        }
    }
);

db_test!(
    every_role_but_super_admin_is_refused_the_audit_log,
    |app: TestApp| async move {
        let admin = app.admin_token().await;
        for role in ["MAINTENANCE_ADMIN", "BASMA_ADMIN", "TECHNICIAN", "CUSTOMER"] {
            let person = app.person(&admin, role, &[]).await;
            for path in ["/api/v1/audit", "/api/v1/audit.csv"] {
                let (status, body) = app.authed(Method::GET, path, &person.token, None).await;
                assert_eq!(status, 403, "{role} {path}: {body}");
                assert_eq!(body["code"], "FORBIDDEN", "{role} {path}: {body}");
            }
        }
        let (status, _) = json(app.get("/api/v1/audit").await).await;
        assert_eq!(status, 401);
    }
);

db_test!(
    no_route_edits_or_deletes_an_audit_entry,
    |app: TestApp| async move {
        let admin = app.admin_token().await;
        let entry = audit_all(&app, &admin, "", 1).await;
        let id = entry[0]["id"].as_str().expect("id").to_owned();
        let body = json!({"action": "LOGIN_FAILED"});
        for method in [Method::PUT, Method::PATCH, Method::DELETE, Method::POST] {
            for path in ["/api/v1/audit", "/api/v1/audit.csv"] {
                let (status, answer) = app.authed(method.clone(), path, &admin, Some(&body)).await;
                assert_eq!(status, 405, "{method} {path}: {answer}");
                assert_eq!(answer["code"], "METHOD_NOT_ALLOWED");
            }
            let path = format!("/api/v1/audit/{id}");
            let (status, answer) = app.authed(method.clone(), &path, &admin, Some(&body)).await;
            assert_eq!(status, 404, "{method} {path}: {answer}");
        }
        let after = audit_all(&app, &admin, "", 100).await;
        assert!(after.iter().any(|e| e["id"] == id.as_str()), "still there");
    }
);
