//! A small world for the socket tests: one property with a building, a category, and users
//! of each role (the BASMA_ADMIN manages the property).

use basma_e2e::harness::TestApp;
use basma_e2e::harness::ws::WsClient;
use reqwest::Method;
use serde_json::{Value, json};
use std::time::Duration;

pub const WAIT: Duration = Duration::from_secs(5);
pub const QUIET: Duration = Duration::from_millis(700);

pub struct Scene {
    pub admin: String,
    pub building_id: String,
    pub other_building_id: String,
    pub property_id: String,
    pub category_id: String,
}

impl Scene {
    pub async fn new(app: &TestApp) -> Self {
        let admin = app.admin_token().await;
        let mut ids = Vec::new();
        for code in ["TOWER", "VILLA"] {
            let (status, property) = app
                .authed(
                    Method::POST,
                    "/api/v1/properties",
                    &admin,
                    Some(&json!({"name": code, "code": code, "city": "Riyadh"})),
                )
                .await;
            assert_eq!(status, 201, "{property}");
            let property_id = property["data"]["id"].as_str().unwrap().to_owned();
            let path = format!("/api/v1/properties/{property_id}/buildings");
            let (status, building) = app
                .authed(
                    Method::POST,
                    &path,
                    &admin,
                    Some(&json!({"name": "A", "code": "BA"})),
                )
                .await;
            assert_eq!(status, 201, "{building}");
            ids.push((
                property_id,
                building["data"]["id"].as_str().unwrap().to_owned(),
            ));
        }
        let (_, categories) = app
            .authed(Method::GET, "/api/v1/categories", &admin, None)
            .await;
        let category_id = categories["data"][0]["id"].as_str().unwrap().to_owned();
        Self {
            admin,
            property_id: ids[0].0.clone(),
            building_id: ids[0].1.clone(),
            other_building_id: ids[1].1.clone(),
            category_id,
        }
    }

    /// A BASMA_ADMIN who manages the first property; returns (id, token).
    pub async fn property_manager(&self, app: &TestApp) -> (String, String) {
        let email = format!("pm-{}@basma.test", uuid::Uuid::new_v4().simple());
        let body = json!({"name": "PM", "email": email, "role": "BASMA_ADMIN", "password": "Passw0rd-pm", "propertyIds": [self.property_id]});
        let (status, created) = app
            .authed(Method::POST, "/api/v1/users", &self.admin, Some(&body))
            .await;
        assert_eq!(status, 201, "{created}");
        let token = app.login(&email, "Passw0rd-pm").await["accessToken"]
            .as_str()
            .unwrap()
            .to_owned();
        (created["data"]["id"].as_str().unwrap().to_owned(), token)
    }

    /// Creates a submitted request as `token` in the first (or the other) building.
    pub async fn request(&self, app: &TestApp, token: &str, other_building: bool) -> Value {
        let building = if other_building {
            &self.other_building_id
        } else {
            &self.building_id
        };
        let body = json!({
            "title": "Water leak in kitchen",
            "description": "Water is dripping under the sink since morning.",
            "categoryId": self.category_id,
            "buildingId": building,
        });
        let (status, created) = app
            .authed(Method::POST, "/api/v1/requests", token, Some(&body))
            .await;
        assert_eq!(status, 201, "{created}");
        created["data"].clone()
    }

    pub async fn assign(&self, app: &TestApp, request_id: &str, technician_id: &str) {
        self.assign_with(app, request_id, &json!({"technicianId": technician_id}))
            .await;
    }

    /// Assigns as the SUPER_ADMIN with `body` (`technicianId`, optional `note`).
    pub async fn assign_with(&self, app: &TestApp, request_id: &str, body: &Value) {
        let path = format!("/api/v1/requests/{request_id}/assign");
        let (status, answer) = app
            .authed(Method::POST, &path, &self.admin, Some(body))
            .await;
        assert_eq!(status, 200, "{answer}");
    }

    pub async fn comment(&self, app: &TestApp, token: &str, request_id: &str, internal: bool) {
        let path = format!("/api/v1/requests/{request_id}/comments");
        let (status, body) = app
            .authed(
                Method::POST,
                &path,
                token,
                Some(&json!({"body": "On it", "internal": internal})),
            )
            .await;
        assert_eq!(status, 201, "{body}");
    }
}

/// Opens a socket and consumes the welcome frame.
pub async fn socket(app: &TestApp, token: &str) -> WsClient {
    let mut ws = WsClient::connect(&app.address, Some(token))
        .await
        .expect("upgrade accepted");
    let welcome = ws.next_json(WAIT).await.expect("welcome");
    assert_eq!(welcome["type"], "welcome");
    ws
}

/// The request ids of the request events in `frames`.
pub fn request_ids(frames: &[Value]) -> Vec<String> {
    frames
        .iter()
        .map(|f| {
            f["data"]["requestId"]
                .as_str()
                .unwrap_or_default()
                .to_owned()
        })
        .collect()
}
