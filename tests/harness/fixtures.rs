//! Scenario builders for the request tests: properties with buildings, users of every role
//! (a BASMA_ADMIN managing chosen properties), and requests brought to a status over HTTP.

use super::TestApp;
use basma_domain::model::Role;
use basma_domain::policy::Actor;
use reqwest::Method;
use serde_json::{Value, json};

/// A signed-in user.
#[derive(Debug, Clone)]
pub struct Person {
    pub id: String,
    pub token: String,
    pub role: &'static str,
    /// The properties a BASMA_ADMIN manages.
    pub managed: Vec<String>,
}

impl Person {
    /// The user as the domain's policy sees them.
    pub fn actor(&self) -> Actor {
        Actor {
            id: self.id.parse().expect("user id"),
            role: Role::parse(self.role).expect("role"),
            property_ids: self
                .managed
                .iter()
                .map(|p| p.parse().expect("property id"))
                .collect(),
        }
    }
}

/// A property and its buildings.
#[derive(Debug, Clone)]
pub struct Site {
    pub property: String,
    pub buildings: Vec<String>,
}

/// Where new requests go and what they are about.
#[derive(Debug, Clone)]
pub struct Place {
    pub building: String,
    pub category: String,
}

/// A short unique suffix, so codes and emails never collide within one database.
pub fn unique() -> String {
    uuid::Uuid::new_v4().simple().to_string()[..10].to_uppercase()
}

impl TestApp {
    /// Sends `body` and asserts the answer's status; returns `data`.
    pub async fn expect(
        &self,
        method: Method,
        path: &str,
        token: &str,
        body: Option<&Value>,
        status: u16,
    ) -> Value {
        let (got, answer) = self.authed(method.clone(), path, token, body).await;
        assert_eq!(got, status, "{method} {path}: {answer}");
        answer["data"].clone()
    }

    /// A property with `buildings` buildings, created by `admin`.
    pub async fn site(&self, admin: &str, buildings: usize) -> Site {
        let code = format!("P{}", unique());
        let body = json!({"name": format!("Property {code}"), "code": code, "city": "Riyadh"});
        let property = self
            .expect(Method::POST, "/api/v1/properties", admin, Some(&body), 201)
            .await["id"]
            .as_str()
            .expect("property id")
            .to_owned();
        let mut ids = Vec::new();
        for n in 0..buildings {
            let body = json!({"name": format!("Building {n}"), "code": format!("B{n}")});
            let path = format!("/api/v1/properties/{property}/buildings");
            let building = self
                .expect(Method::POST, &path, admin, Some(&body), 201)
                .await;
            ids.push(building["id"].as_str().expect("building id").to_owned());
        }
        Site {
            property,
            buildings: ids,
        }
    }

    /// The id of the seeded category with `code` (e.g. `PLUMBING`).
    pub async fn category(&self, token: &str, code: &str) -> String {
        let all = self
            .expect(Method::GET, "/api/v1/categories", token, None, 200)
            .await;
        all.as_array()
            .expect("categories")
            .iter()
            .find(|c| c["code"] == code)
            .and_then(|c| c["id"].as_str())
            .unwrap_or_else(|| panic!("no category {code} in {all}"))
            .to_owned()
    }

    /// A verified, signed-in user of `role`; `property_ids` are the properties a
    /// BASMA_ADMIN manages.
    pub async fn person(&self, admin: &str, role: &'static str, property_ids: &[&str]) -> Person {
        let email = format!("{}-{}@basma.test", role.to_lowercase(), unique());
        let password = "Passw0rd-for-tests";
        let mut body = json!({"name": format!("A {role}"), "email": email, "role": role, "password": password});
        if !property_ids.is_empty() {
            body["propertyIds"] = json!(property_ids);
        }
        let user = self
            .expect(Method::POST, "/api/v1/users", admin, Some(&body), 201)
            .await;
        let token = self.login(&email, password).await["accessToken"]
            .as_str()
            .expect("token")
            .to_owned();
        Person {
            id: user["id"].as_str().expect("user id").to_owned(),
            token,
            role,
            managed: property_ids.iter().map(|p| (*p).to_owned()).collect(),
        }
    }

    /// Creates a request in `place`; `extra` adds or overrides fields (priority, draft, ...).
    pub async fn new_request(
        &self,
        token: &str,
        place: &Place,
        title: &str,
        extra: Value,
    ) -> Value {
        let mut body = json!({
            "title": title,
            "description": "Water is dripping from the ceiling of the kitchen.",
            "categoryId": place.category,
            "buildingId": place.building,
        });
        if let (Some(body), Some(extra)) = (body.as_object_mut(), extra.as_object()) {
            body.extend(extra.clone());
        }
        self.expect(Method::POST, "/api/v1/requests", token, Some(&body), 201)
            .await
    }

    /// `PATCH /requests/{id}/status` that must succeed.
    pub async fn move_to(&self, token: &str, id: &str, status: &str) -> Value {
        let body = json!({"status": status, "reason": "Test reason", "note": "Test note"});
        let path = format!("/api/v1/requests/{id}/status");
        self.expect(Method::PATCH, &path, token, Some(&body), 200)
            .await
    }

    /// `POST /requests/{id}/assign` that must succeed.
    pub async fn assign_to(&self, token: &str, id: &str, technician: &str) -> Value {
        let body = json!({"technicianId": technician});
        let path = format!("/api/v1/requests/{id}/assign");
        self.expect(Method::POST, &path, token, Some(&body), 200)
            .await
    }

    /// A request by `requester` brought to `status` by the manager `admin`. Every status
    /// past SUBMITTED (REJECTED included: it is rejected while ASSIGNED) has `assignee`.
    pub async fn request_in(
        &self,
        admin: &str,
        requester: &str,
        place: &Place,
        status: &str,
        assignee: Option<&str>,
    ) -> Value {
        self.request_with(admin, requester, place, status, assignee, json!({}))
            .await
    }

    /// [`TestApp::request_in`] with the fields of `extra` (title, priority, ...) in the
    /// create body.
    pub async fn request_with(
        &self,
        admin: &str,
        requester: &str,
        place: &Place,
        status: &str,
        assignee: Option<&str>,
        mut extra: Value,
    ) -> Value {
        extra["draft"] = json!(status == "DRAFT");
        let created = self
            .new_request(requester, place, "Leaking kitchen tap", extra)
            .await;
        let id = created["id"].as_str().expect("request id").to_owned();
        let mut current = created;
        let path: &[&str] = match status {
            "DRAFT" | "SUBMITTED" => &[],
            "CANCELLED" => &["CANCELLED"],
            "ASSIGNED" => &["ASSIGNED"],
            "IN_PROGRESS" => &["ASSIGNED", "IN_PROGRESS"],
            "COMPLETED" => &["ASSIGNED", "IN_PROGRESS", "COMPLETED"],
            "CLOSED" => &["ASSIGNED", "IN_PROGRESS", "COMPLETED", "CLOSED"],
            "REJECTED" => &["ASSIGNED", "REJECTED"],
            other => panic!("no way to {other}"),
        };
        for step in path {
            current = if *step == "ASSIGNED" {
                let technician = assignee.expect("an assignee past SUBMITTED");
                self.assign_to(admin, &id, technician).await
            } else {
                self.move_to(admin, &id, step).await
            };
        }
        assert_eq!(current["status"], status, "{current}");
        current
    }

    /// The timeline as `token` sees it.
    pub async fn events_of(&self, token: &str, id: &str) -> Vec<Value> {
        let path = format!("/api/v1/requests/{id}/events");
        let events = self.expect(Method::GET, &path, token, None, 200).await;
        events.as_array().expect("events").clone()
    }

    /// Every page of `GET /requests?{query}` as `token` sees it, following the cursor.
    pub async fn list_all(&self, token: &str, query: &str) -> Vec<Value> {
        let mut out = Vec::new();
        let mut cursor: Option<String> = None;
        loop {
            let mut path = format!("/api/v1/requests?limit=100&{query}");
            if let Some(c) = &cursor {
                path.push_str(&format!("&cursor={}", urlencode(c)));
            }
            let (status, page) = self.authed(Method::GET, &path, token, None).await;
            assert_eq!(status, 200, "GET {path}: {page}");
            out.extend(page["data"].as_array().expect("page").iter().cloned());
            match page["pagination"]["nextCursor"].as_str() {
                Some(next) => cursor = Some(next.to_owned()),
                None => return out,
            }
        }
    }
}

/// Percent-encodes a query value.
pub fn urlencode(raw: &str) -> String {
    url::form_urlencoded::byte_serialize(raw.as_bytes()).collect()
}
