//! A running server for one test, and a client to talk to it.

use super::backend::{Backend, TestDatabase};
use basma::{Application, Settings};
use reqwest::{Method, RequestBuilder, Response};
use serde_json::Value;
use std::collections::HashMap;
use std::net::TcpListener;

pub const ADMIN_EMAIL: &str = "root@basma.test";
pub const ADMIN_PASSWORD: &str = "Admin-pass-2026";

pub struct TestApp {
    pub address: String,
    pub backend: Backend,
    pub client: reqwest::Client,
    pub database: TestDatabase,
    vars: HashMap<String, String>,
    handle: basma::startup::Stopper,
}

impl TestApp {
    pub async fn spawn(backend: Backend) -> Self {
        Self::spawn_with(backend, |_| {}).await
    }

    /// Starts the real server with test settings; `customize` may add or change variables.
    pub async fn spawn_with(
        backend: Backend,
        customize: impl FnOnce(&mut HashMap<String, String>),
    ) -> Self {
        super::logs::capture();
        let database = TestDatabase::create(backend);
        let mut vars: HashMap<String, String> = [
            ("DATABASE_URL", database.url.as_str()),
            ("BASMA_LISTEN", "127.0.0.1:0"),
            (
                "BASMA_JWT_SECRET",
                "test-secret-that-is-long-enough-0123456789",
            ),
            ("BASMA_ADMIN_EMAIL", ADMIN_EMAIL),
            ("BASMA_ADMIN_PASSWORD", ADMIN_PASSWORD),
            ("BASMA_BCRYPT_COST", "4"),
            ("BASMA_WORKERS", "2"),
            ("BASMA_DB_TIMEOUT", "2s"),
            ("BASMA_AUTH_RATE_LIMIT_PER_MINUTE", "100000"),
            ("BASMA_RATE_LIMIT_PER_MINUTE", "100000"),
            // Figures are checked right after the writes they count; `report_cache` turns
            // the cache on to test it.
            ("BASMA_REPORT_CACHE", "0"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
        customize(&mut vars);
        Self::start(backend, database, vars).await
    }

    /// A second instance on this instance's database (for cross-instance tests).
    pub async fn sibling(&self, customize: impl FnOnce(&mut HashMap<String, String>)) -> Self {
        let database = self.database.borrow();
        let mut vars = self.vars.clone();
        customize(&mut vars);
        Self::start(self.backend, database, vars).await
    }

    async fn start(
        backend: Backend,
        database: TestDatabase,
        vars: HashMap<String, String>,
    ) -> Self {
        let settings = Settings::from_lookup(|k| vars.get(k).cloned()).expect("test settings");
        let kept = vars.clone();
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let app = Box::pin(Application::build_with_listener(settings, listener))
            .await
            .expect("app builds");
        let address = format!("http://127.0.0.1:{}", app.port());
        let handle = app.stopper();
        tokio::spawn(app.run_until_stopped());
        // Idle connections are dropped well before the server's 5 s keep-alive closes them,
        // so a request is never written on a connection the server is closing (which a loaded
        // CI machine once turned into `IncompleteMessage` on a POST, not retried by design).
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .pool_idle_timeout(std::time::Duration::from_secs(2))
            .build()
            .expect("client");
        Self {
            address,
            backend,
            client,
            database,
            vars: kept,
            handle,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    pub fn request(&self, method: Method, path: &str) -> RequestBuilder {
        self.client.request(method, self.url(path))
    }

    pub async fn get(&self, path: &str) -> Response {
        self.request(Method::GET, path)
            .send()
            .await
            .expect("request sent")
    }

    pub async fn post_json(&self, path: &str, body: &Value) -> Response {
        self.request(Method::POST, path)
            .json(body)
            .send()
            .await
            .expect("request sent")
    }

    /// Stops from another task, e.g. while a test is still reading a socket.
    pub fn stopper(&self) -> basma::startup::Stopper {
        self.handle.clone()
    }

    pub async fn stop(&self) {
        self.handle.stop().await;
    }
}

/// Reads a response as JSON, with its status.
pub async fn json(response: Response) -> (u16, Value) {
    let status = response.status().as_u16();
    let body = response.json::<Value>().await.unwrap_or(Value::Null);
    (status, body)
}

/// Signing in and acting as users of each role.
impl TestApp {
    /// Starts the server with mails going to a real SMTP server on loopback.
    pub async fn spawn_with_mail(backend: Backend) -> (Self, super::smtp_sink::SmtpSink) {
        let sink = super::smtp_sink::SmtpSink::start()
            .await
            .expect("smtp sink");
        let url = sink.url();
        let app = Self::spawn_with(backend, |vars| {
            vars.insert("SMTP_URL".into(), url);
            vars.insert("BASMA_FRONTEND_URL".into(), "https://app.basma.test".into());
        })
        .await;
        (app, sink)
    }

    /// Logs in and returns the whole `data` of the answer (tokens and user).
    pub async fn login(&self, email: &str, password: &str) -> Value {
        let body = serde_json::json!({"email": email, "password": password});
        let (status, body) = json(self.post_json("/api/v1/auth/login", &body).await).await;
        assert_eq!(status, 200, "login of {email} failed: {body}");
        body["data"].clone()
    }

    /// The first SUPER_ADMIN's access token.
    pub async fn admin_token(&self) -> String {
        self.login(ADMIN_EMAIL, ADMIN_PASSWORD).await["accessToken"]
            .as_str()
            .expect("token")
            .to_owned()
    }

    /// Creates a verified user of `role` through the admin API and returns (id, access token).
    pub async fn user_with_role(&self, role: &str) -> (String, String) {
        let admin = self.admin_token().await;
        let email = format!(
            "{}-{}@basma.test",
            role.to_lowercase(),
            uuid::Uuid::new_v4().simple()
        );
        let password = "Passw0rd-for-tests";
        let body = serde_json::json!({"name": format!("A {role}"), "email": email, "role": role, "password": password});
        let response = self
            .request(Method::POST, "/api/v1/users")
            .bearer_auth(&admin)
            .json(&body)
            .send()
            .await
            .expect("sent");
        let (status, created) = json(response).await;
        assert_eq!(status, 201, "creating a {role}: {created}");
        let id = created["data"]["id"].as_str().expect("id").to_owned();
        let token = self.login(&email, password).await["accessToken"]
            .as_str()
            .expect("token")
            .to_owned();
        (id, token)
    }

    /// Sends a request with a bearer token.
    pub async fn authed(
        &self,
        method: Method,
        path: &str,
        token: &str,
        body: Option<&Value>,
    ) -> (u16, Value) {
        let mut request = self.request(method, path).bearer_auth(token);
        if let Some(body) = body {
            request = request.json(body);
        }
        json(request.send().await.expect("sent")).await
    }
}
