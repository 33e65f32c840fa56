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
    handle: actix_web::dev::ServerHandle,
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
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
        customize(&mut vars);
        Self::start(backend, database, vars).await
    }

    async fn start(
        backend: Backend,
        database: TestDatabase,
        vars: HashMap<String, String>,
    ) -> Self {
        let settings = Settings::from_lookup(|k| vars.get(k).cloned()).expect("test settings");
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let app = Box::pin(Application::build_with_listener(settings, listener))
            .await
            .expect("app builds");
        let address = format!("http://127.0.0.1:{}", app.port());
        let handle = app.handle();
        tokio::spawn(app.run_until_stopped());
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client");
        Self {
            address,
            backend,
            client,
            database,
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

    pub async fn stop(&self) {
        self.handle.stop(true).await;
    }
}

/// Reads a response as JSON, with its status.
pub async fn json(response: Response) -> (u16, Value) {
    let status = response.status().as_u16();
    let body = response.json::<Value>().await.unwrap_or(Value::Null);
    (status, body)
}
