//! Calls an operation of the live server and checks its answer against the schema the
//! served document gives for that status.

use super::schema::{check, response_schema};
use basma_e2e::harness::TestApp;
use reqwest::Method;
use serde_json::Value;
use std::collections::BTreeSet;

/// Calls operations and checks each answer against its documented schema.
pub struct Checker<'a> {
    pub app: &'a TestApp,
    pub document: Value,
    /// The (method, path pattern) pairs checked so far.
    pub seen: BTreeSet<(String, String)>,
}

impl Checker<'_> {
    /// Calls `method path` (`pattern` names it in the document), checks the answer against
    /// its documented schema and returns `data` (or the whole body when it has none).
    #[allow(clippy::too_many_arguments)]
    pub async fn call(
        &mut self,
        method: Method,
        pattern: &str,
        ids: &[&str],
        token: Option<&str>,
        body: Option<Value>,
        status: u16,
    ) -> Value {
        let (pattern, query) = pattern.split_once('?').unwrap_or((pattern, ""));
        let mut path = pattern.to_owned();
        for id in ids {
            path = path.replacen("{id}", id, 1);
        }
        if !query.is_empty() {
            path = format!("{path}?{query}");
        }
        let mut request = self.app.request(method.clone(), &path);
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        if let Some(body) = &body {
            request = request.json(body);
        }
        let response = request.send().await.expect("sent");
        let got = response.status().as_u16();
        assert!(
            response.headers().contains_key("x-request-id"),
            "{method} {path}"
        );
        let answer: Value = response.json().await.unwrap_or(Value::Null);
        assert_eq!(got, status, "{method} {path}: {answer}");
        let schema = response_schema(&self.document, method.as_str(), pattern, status);
        let problems = check(&self.document, &schema, &answer);
        assert!(
            problems.is_empty(),
            "{method} {path} → {status} breaks its schema:\n{}\n{answer}",
            problems.join("\n")
        );
        self.seen.insert((method.to_string(), pattern.to_owned()));
        if answer.get("data").is_some() {
            answer["data"].clone()
        } else {
            answer
        }
    }
}

pub fn id(value: &Value) -> String {
    value["id"].as_str().expect("id").to_owned()
}
