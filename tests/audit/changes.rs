//! What the audit log keeps of a change: old and new values of the fields that changed, for
//! request edits, the catalogue and users; never a password hash or a token; CSV cells a
//! spreadsheet cannot run; and nothing older than the retention period.

use super::{audit_all, audit_csv};
use basma_e2e::db_test;
use basma_e2e::harness::fixtures::Place;
use basma_e2e::harness::{ADMIN_PASSWORD, TestApp, json};
use reqwest::Method;
use serde_json::{Value, json};
use std::time::Duration;

/// The one entry of `action` on `target`, with its changes.
async fn only_entry(app: &TestApp, admin: &str, action: &str, target: &str) -> Value {
    let rows = audit_all(
        app,
        admin,
        &format!("action={action}&targetId={target}"),
        100,
    )
    .await;
    assert_eq!(rows.len(), 1, "{action} on {target}: {rows:?}");
    rows[0].clone()
}

db_test!(
    edits_of_a_request_a_category_and_a_user_are_recorded_with_old_and_new_values,
    |app: TestApp| async move {
        let admin = app.admin_token().await;
        let site = app.site(&admin, 1).await;
        let body = json!({"code": "AUDIT_CAT", "nameAr": "تدقيق", "nameEn": "Audit"});
        let category = app
            .expect(Method::POST, "/api/v1/categories", &admin, Some(&body), 201)
            .await;
        let category_id = category["id"].as_str().expect("id");
        let path = format!("/api/v1/categories/{category_id}");
        let body = json!({"nameEn": "Audited", "active": false});
        app.expect(Method::PATCH, &path, &admin, Some(&body), 200)
            .await;
        let entry = only_entry(&app, &admin, "CATEGORY_UPDATED", category_id).await;
        assert_eq!(
            entry["changes"],
            json!({"nameEn": {"old": "Audit", "new": "Audited"}, "active": {"old": true, "new": false}})
        );
        assert_eq!(entry["targetType"], "CATEGORY");
        assert_eq!(entry["ip"], "127.0.0.1");
        let created = only_entry(&app, &admin, "CATEGORY_CREATED", category_id).await;
        assert_eq!(
            created["changes"]["code"],
            json!({"old": null, "new": "AUDIT_CAT"})
        );

        let customer = app.person(&admin, "CUSTOMER", &[]).await;
        let place = Place {
            building: site.buildings[0].clone(),
            category: app.category(&admin, "PLUMBING").await,
        };
        let request = app
            .new_request(&customer.token, &place, "Leaking kitchen tap", json!({}))
            .await;
        let id = request["id"].as_str().expect("id");
        let body = json!({"title": "Leaking bathroom tap", "priority": "HIGH", "location": "Roof", "version": request["version"]});
        app.expect(
            Method::PATCH,
            &format!("/api/v1/requests/{id}"),
            &customer.token,
            Some(&body),
            200,
        )
        .await;
        let entry = only_entry(&app, &admin, "REQUEST_EDITED", id).await;
        assert_eq!(entry["actorId"], customer.id.as_str());
        assert_eq!(
            entry["changes"],
            json!({
                "title": {"old": "Leaking kitchen tap", "new": "Leaking bathroom tap"},
                "priority": {"old": "MEDIUM", "new": "HIGH"},
                "location": {"old": null, "new": "Roof"},
            })
        );

        let tech = app.person(&admin, "TECHNICIAN", &[]).await;
        let path = format!("/api/v1/users/{}", tech.id);
        let body = json!({"name": "Renamed Tech", "phone": "+966500000001", "role": "MAINTENANCE_ADMIN", "propertyIds": [site.property]});
        app.expect(Method::PATCH, &path, &admin, Some(&body), 200)
            .await;
        app.expect(Method::DELETE, &path, &admin, None, 200).await;
        let updated = only_entry(&app, &admin, "USER_UPDATED", &tech.id).await;
        assert_eq!(
            updated["changes"],
            json!({
                "name": {"old": "A TECHNICIAN", "new": "Renamed Tech"},
                "phone": {"old": null, "new": "+966500000001"},
                "propertyIds": {"old": [], "new": [site.property]},
            })
        );
        let role = only_entry(&app, &admin, "ROLE_CHANGED", &tech.id).await;
        assert_eq!(
            role["changes"],
            json!({"role": {"old": "TECHNICIAN", "new": "MAINTENANCE_ADMIN"}})
        );
        let deactivated = only_entry(&app, &admin, "USER_DEACTIVATED", &tech.id).await;
        assert_eq!(
            deactivated["changes"],
            json!({"active": {"old": true, "new": false}})
        );
    }
);

db_test!(
    no_password_hash_or_token_appears_anywhere_in_the_audit_output,
    |app: TestApp| async move {
        let admin = app.admin_token().await;
        let email = "audited-secrets@basma.test";
        let (password, new_password) = ("First-secret-pass-1", "Second-secret-pass-2");
        let body = json!({"name": "Secret Keeper", "email": email, "role": "CUSTOMER", "password": password});
        let user = app
            .expect(Method::POST, "/api/v1/users", &admin, Some(&body), 201)
            .await;
        let pair = app.login(email, password).await;
        let access = pair["accessToken"].as_str().expect("access").to_owned();
        let refresh = pair["refreshToken"].as_str().expect("refresh").to_owned();
        let (_, rotated) = json(
            app.post_json("/api/v1/auth/refresh", &json!({"refreshToken": refresh}))
                .await,
        )
        .await;
        let body = json!({"currentPassword": password, "newPassword": new_password});
        let (status, answer) = app
            .authed(
                Method::POST,
                "/api/v1/auth/change-password",
                &access,
                Some(&body),
            )
            .await;
        assert_eq!(status, 200, "{answer}");
        let path = format!("/api/v1/users/{}", user["id"].as_str().expect("id"));
        let body = json!({"name": "Secret Keeper 2", "role": "TECHNICIAN"});
        app.expect(Method::PATCH, &path, &admin, Some(&body), 200)
            .await;

        let entries = audit_all(&app, &admin, "", 100).await;
        assert!(entries.iter().any(|e| e["action"] == "USER_UPDATED"));
        let rows = audit_csv(&app, &admin, "").await;
        let output = format!("{entries:?}\n{rows:?}");
        let mut secrets = vec![
            password.to_owned(),
            new_password.to_owned(),
            ADMIN_PASSWORD.to_owned(),
            access,
            refresh,
            admin.clone(),
        ];
        if let Some(token) = rotated["data"]["refreshToken"].as_str() {
            secrets.push(token.to_owned());
        }
        for secret in &secrets {
            assert!(
                !output.contains(secret.as_str()),
                "a secret leaked into the audit output"
            );
        }
        for marker in ["$2a$", "$2b$", "$2y$", "password", "Hash", "hash", "token"] {
            assert!(
                !output.contains(marker),
                "{marker} in the audit output: {output}"
            );
        }
    }
);

db_test!(
    the_csv_export_neutralises_a_formula_in_a_name,
    |app: TestApp| async move {
        let admin = app.admin_token().await;
        let formula = "=HYPERLINK(\"https://evil.example\",\"open\")";
        let body = json!({"code": "FORMULA", "nameAr": "+1+cmd|' /C calc'!A0", "nameEn": formula});
        let category = app
            .expect(Method::POST, "/api/v1/categories", &admin, Some(&body), 201)
            .await;
        let id = category["id"].as_str().expect("id");
        let rows = audit_csv(&app, &admin, &format!("targetId={id}")).await;
        assert_eq!(
            rows[0],
            [
                "id",
                "at",
                "action",
                "actorId",
                "targetType",
                "targetId",
                "ip",
                "detail",
                "field",
                "old",
                "new"
            ]
        );
        let cell = |field: &str| {
            rows.iter()
                .find(|r| r[8] == field)
                .unwrap_or_else(|| panic!("no {field} row in {rows:?}"))[10]
                .clone()
        };
        assert_eq!(cell("nameEn"), format!("'{formula}"));
        assert_eq!(cell("nameAr"), "'+1+cmd|' /C calc'!A0");
        assert_eq!(cell("code"), "FORMULA");
        assert!(
            rows[1..]
                .iter()
                .all(|r| r[2] == "CATEGORY_CREATED" && r[5] == id)
        );
        // The JSON list keeps the value as it is: only the spreadsheet format needs the guard.
        let entry = audit_all(&app, &admin, &format!("targetId={id}"), 10).await;
        assert_eq!(entry[0]["changes"]["nameEn"]["new"], formula);
    }
);

db_test!(
    entries_older_than_the_retention_period_are_purged,
    |app: TestApp| async move {
        let admin = app.admin_token().await;
        let site = app.site(&admin, 0).await;
        let before = audit_all(&app, &admin, &format!("targetId={}", site.property), 10).await;
        assert_eq!(before.len(), 1);
        tokio::time::sleep(Duration::from_millis(2100)).await;
        // A second instance that keeps entries for a second purges at start.
        let short = app
            .sibling(|vars| {
                vars.insert("BASMA_AUDIT_RETENTION".into(), "1s".into());
            })
            .await;
        let mut left = before;
        for _ in 0..50 {
            left = audit_all(&app, &admin, &format!("targetId={}", site.property), 10).await;
            if left.is_empty() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        assert!(left.is_empty(), "the old entry survived: {left:?}");
        // Newer entries stay: this login happened after the purge.
        let token = short.admin_token().await;
        let recent = audit_all(&short, &token, "action=LOGIN_SUCCEEDED", 100).await;
        assert!(!recent.is_empty());
        short.stop().await;
    }
);
