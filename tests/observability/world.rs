//! A small world for the metrics tests: a property with a building, a category of its own
//! (so the per-category series are this test's alone, whatever else runs in the process), a
//! customer who files requests and a technician who works on them.

use basma_e2e::harness::TestApp;
use reqwest::Method;
use serde_json::{Value, json};

pub struct World {
    pub admin: String,
    pub building_id: String,
    pub category_id: String,
    pub category_code: String,
    pub customer: String,
    pub technician_id: String,
}

fn unique() -> String {
    uuid::Uuid::new_v4().simple().to_string()[..10].to_uppercase()
}

impl World {
    pub async fn new(app: &TestApp) -> Self {
        let admin = app.admin_token().await;
        let code = format!("P{}", unique());
        let property = expect(
            app,
            &admin,
            Method::POST,
            "/api/v1/properties",
            &json!({"name": format!("Property {code}"), "code": code, "city": "Riyadh"}),
            201,
        )
        .await;
        let path = format!(
            "/api/v1/properties/{}/buildings",
            property["id"].as_str().unwrap()
        );
        let building = expect(
            app,
            &admin,
            Method::POST,
            &path,
            &json!({"name": "A", "code": "BA"}),
            201,
        )
        .await;
        let category_code = format!("OBS_{}", unique());
        let category = expect(
            app,
            &admin,
            Method::POST,
            "/api/v1/categories",
            &json!({"code": category_code, "nameAr": "مراقبة", "nameEn": "Observed"}),
            201,
        )
        .await;
        let (_, customer) = app.user_with_role("CUSTOMER").await;
        let (technician_id, _) = app.user_with_role("TECHNICIAN").await;
        Self {
            admin,
            building_id: building["id"].as_str().unwrap().to_owned(),
            category_id: category["id"].as_str().unwrap().to_owned(),
            category_code,
            customer,
            technician_id,
        }
    }

    /// A submitted request filed by the customer; returns its `data`.
    pub async fn create(&self, app: &TestApp, priority: &str) -> Value {
        let body = json!({
            "title": "Water leak in kitchen",
            "description": "Water is dripping under the sink since morning.",
            "categoryId": self.category_id,
            "buildingId": self.building_id,
            "priority": priority,
        });
        expect(
            app,
            &self.customer,
            Method::POST,
            "/api/v1/requests",
            &body,
            201,
        )
        .await
    }

    pub async fn assign(&self, app: &TestApp, id: &str) {
        let path = format!("/api/v1/requests/{id}/assign");
        let body = json!({"technicianId": self.technician_id});
        expect(app, &self.admin, Method::POST, &path, &body, 200).await;
    }

    /// `PATCH /status` as the SUPER_ADMIN.
    pub async fn set_status(&self, app: &TestApp, id: &str, status: &str) {
        let path = format!("/api/v1/requests/{id}/status");
        let body = json!({"status": status, "note": "metrics test"});
        expect(app, &self.admin, Method::PATCH, &path, &body, 200).await;
    }

    /// A fresh request walked along the lifecycle up to `status` (one of SUBMITTED,
    /// ASSIGNED, IN_PROGRESS, COMPLETED); returns its `data` as created.
    pub async fn request_in(&self, app: &TestApp, status: &str) -> Value {
        let request = self.create(app, "HIGH").await;
        let id = request["id"].as_str().unwrap();
        let path = ["ASSIGNED", "IN_PROGRESS", "COMPLETED"];
        let steps = path.iter().position(|s| *s == status).map_or(0, |i| i + 1);
        for step in &path[..steps] {
            if *step == "ASSIGNED" {
                self.assign(app, id).await;
            } else {
                self.set_status(app, id, step).await;
            }
        }
        request
    }
}

/// Sends `body` with `token`, asserts the status and returns `data`.
pub async fn expect(
    app: &TestApp,
    token: &str,
    method: Method,
    path: &str,
    body: &Value,
    status: u16,
) -> Value {
    let (got, answer) = app.authed(method, path, token, Some(body)).await;
    assert_eq!(got, status, "{path}: {answer}");
    answer["data"].clone()
}
