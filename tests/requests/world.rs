//! A small world for the visibility tests: two properties, one managed by a BASMA_ADMIN,
//! technicians and customers with and without work, and ten requests spread over every
//! status, priority, category, property, requester and assignee. Who sees what comes from
//! the domain's `can_view`, applied to what each requester reads of their own requests.

use basma_domain::model::{PropertyId, Status, UserId};
use basma_domain::policy::{RequestFacts, can_view};
use basma_e2e::harness::TestApp;
use basma_e2e::harness::fixtures::{Person, Place};
use serde_json::{Value, json};

/// Which rows a filter keeps.
pub type Keep<'a> = Box<dyn Fn(&Value) -> bool + 'a>;

/// (requester, in the managed property?, status, assignee, priority, category)
type Plan = (
    usize,
    bool,
    &'static str,
    Option<usize>,
    &'static str,
    usize,
);

pub struct World {
    /// The managed property and the other one, each with one building.
    pub managed: (String, String),
    pub other: (String, String),
    pub categories: [String; 2],
    pub viewers: Vec<Person>,
    /// Every request in the database, as its requester reads it.
    pub requests: Vec<Value>,
}

/// Viewer indices, in `World::viewers` order.
pub const SUPER: usize = 0;
pub const BASMA: usize = 2;
pub const TECH1: usize = 4;
pub const TECH2: usize = 5;
pub const CUST1: usize = 7;
pub const CUST2: usize = 8;

pub async fn world(app: &TestApp) -> World {
    let admin = app.admin_token().await;
    let p = app.site(&admin, 1).await;
    let q = app.site(&admin, 1).await;
    let categories = [
        app.category(&admin, "PLUMBING").await,
        app.category(&admin, "ELECTRICAL").await,
    ];
    let viewers = vec![
        app.person(&admin, "SUPER_ADMIN", &[]).await,
        app.person(&admin, "MAINTENANCE_ADMIN", &[]).await,
        app.person(&admin, "BASMA_ADMIN", &[&p.property]).await,
        app.person(&admin, "BASMA_ADMIN", &[]).await,
        app.person(&admin, "TECHNICIAN", &[]).await,
        app.person(&admin, "TECHNICIAN", &[]).await,
        app.person(&admin, "TECHNICIAN", &[]).await,
        app.person(&admin, "CUSTOMER", &[]).await,
        app.person(&admin, "CUSTOMER", &[]).await,
        app.person(&admin, "CUSTOMER", &[]).await,
    ];
    let plan: [Plan; 10] = [
        (CUST1, true, "SUBMITTED", None, "LOW", 0),
        (CUST2, false, "ASSIGNED", Some(TECH1), "HIGH", 1),
        (CUST1, false, "IN_PROGRESS", Some(TECH2), "URGENT", 0),
        (CUST2, true, "DRAFT", None, "MEDIUM", 1),
        (TECH1, false, "COMPLETED", Some(TECH2), "MEDIUM", 0),
        (SUPER, true, "DRAFT", None, "HIGH", 0),
        (CUST2, true, "CLOSED", Some(TECH1), "LOW", 1),
        (CUST1, false, "CANCELLED", None, "MEDIUM", 1),
        (BASMA, false, "SUBMITTED", None, "URGENT", 0),
        (CUST2, true, "REJECTED", Some(TECH2), "HIGH", 0),
    ];
    let mut requests = Vec::new();
    for (n, (requester, managed, status, assignee, priority, category)) in
        plan.into_iter().enumerate()
    {
        let site = if managed { &p } else { &q };
        let place = Place {
            building: site.buildings[0].clone(),
            category: categories[category].clone(),
        };
        let extra = json!({
            "title": format!("Marker{n}x fault report"),
            "priority": priority,
        });
        let assignee = assignee.map(|a| viewers[a].id.as_str());
        let token = &viewers[requester].token;
        let created = app
            .request_with(&admin, token, &place, status, assignee, extra)
            .await;
        let id = created["id"].as_str().unwrap();
        let path = format!("/api/v1/requests/{id}");
        let mine = app
            .expect(reqwest::Method::GET, &path, token, None, 200)
            .await;
        requests.push(mine);
    }
    World {
        managed: (p.property, p.buildings[0].clone()),
        other: (q.property, q.buildings[0].clone()),
        categories,
        viewers,
        requests,
    }
}

/// The policy's facts of a request as read over HTTP.
pub fn facts(request: &Value) -> RequestFacts {
    let id = |field: &str| {
        request[field]
            .as_str()
            .map(|s| s.parse::<uuid::Uuid>().unwrap())
    };
    RequestFacts {
        status: Status::parse(request["status"].as_str().unwrap()).unwrap(),
        requester_id: UserId(id("requesterId").unwrap()),
        assignee_id: id("assigneeId").map(UserId),
        property_id: PropertyId(id("propertyId").unwrap()),
        rated: !request["rating"].is_null(),
    }
}

impl World {
    /// Ids of the requests `viewer` may see that also pass `keep`, sorted.
    pub fn visible(&self, viewer: &Person, keep: impl Fn(&Value) -> bool) -> Vec<String> {
        let actor = viewer.actor();
        let mut ids: Vec<String> = self
            .requests
            .iter()
            .filter(|r| can_view(&actor, &facts(r)) && keep(r))
            .map(|r| r["id"].as_str().unwrap().to_owned())
            .collect();
        ids.sort();
        ids
    }

    /// The requests `viewer` may not see.
    pub fn hidden(&self, viewer: &Person) -> Vec<&Value> {
        let actor = viewer.actor();
        self.requests
            .iter()
            .filter(|r| !can_view(&actor, &facts(r)))
            .collect()
    }
}

/// Sorted ids of a list of requests.
pub fn ids(rows: &[Value]) -> Vec<String> {
    let mut ids: Vec<String> = rows
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_owned())
        .collect();
    ids.sort();
    ids
}

/// A time as a query parameter: RFC 3339 in UTC, percent-encoded.
pub fn rfc3339(t: chrono::DateTime<chrono::Utc>) -> String {
    basma_e2e::harness::fixtures::urlencode(&t.to_rfc3339_opts(chrono::SecondsFormat::Micros, true))
}
