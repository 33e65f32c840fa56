//! A real WebSocket client for the black-box tests.

use futures_util::{SinkExt, StreamExt};
use serde_json::Value;
use std::time::Duration;
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::protocol::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

pub struct WsClient {
    stream: WebSocketStream<MaybeTlsStream<TcpStream>>,
}

/// How a socket ended, as the client saw it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ended {
    Closed(u16),
    Dropped,
}

impl WsClient {
    /// Connects with a bearer header; `Err(status)` when the server refuses the upgrade.
    pub async fn connect(base: &str, token: Option<&str>) -> Result<Self, u16> {
        let url = format!("{}/ws", base.replacen("http://", "ws://", 1));
        let mut request = url.into_client_request().expect("ws request");
        if let Some(token) = token {
            request.headers_mut().insert(
                "authorization",
                format!("Bearer {token}").parse().expect("header"),
            );
        }
        match tokio_tungstenite::connect_async(request).await {
            Ok((stream, _)) => Ok(Self { stream }),
            Err(tokio_tungstenite::tungstenite::Error::Http(response)) => {
                Err(response.status().as_u16())
            }
            Err(other) => panic!("websocket connect failed: {other}"),
        }
    }

    /// Connects with `?access_token=` (what browsers use).
    pub async fn connect_with_query(base: &str, token: &str) -> Result<Self, u16> {
        let url = format!(
            "{}/ws?access_token={token}",
            base.replacen("http://", "ws://", 1)
        );
        match tokio_tungstenite::connect_async(url).await {
            Ok((stream, _)) => Ok(Self { stream }),
            Err(tokio_tungstenite::tungstenite::Error::Http(response)) => {
                Err(response.status().as_u16())
            }
            Err(other) => panic!("websocket connect failed: {other}"),
        }
    }

    pub async fn send_json(&mut self, value: &Value) {
        self.stream
            .send(Message::Text(value.to_string().into()))
            .await
            .expect("send");
    }

    pub async fn send_text(&mut self, text: String) -> bool {
        self.stream.send(Message::Text(text.into())).await.is_ok()
    }

    /// The next JSON frame within `wait`, skipping protocol pings; `None` on timeout or end.
    pub async fn next_json(&mut self, wait: Duration) -> Option<Value> {
        let deadline = tokio::time::Instant::now() + wait;
        loop {
            let frame = tokio::time::timeout_at(deadline, self.stream.next())
                .await
                .ok()??;
            match frame.ok()? {
                Message::Text(text) => return serde_json::from_str(&text).ok(),
                Message::Close(_) => return None,
                _ => {}
            }
        }
    }

    /// The next frame of `kind` (skipping others, e.g. `stats.changed`).
    pub async fn next_of(&mut self, kind: &str, wait: Duration) -> Option<Value> {
        let deadline = tokio::time::Instant::now() + wait;
        loop {
            let left = deadline.saturating_duration_since(tokio::time::Instant::now());
            let frame = self.next_json(left).await?;
            if frame["type"] == kind {
                return Some(frame);
            }
        }
    }

    /// Every request event (`request.*`) that arrives within `wait`.
    pub async fn request_events(&mut self, wait: Duration) -> Vec<Value> {
        let mut events = Vec::new();
        while let Some(frame) = self.next_json(wait).await {
            if frame["type"]
                .as_str()
                .is_some_and(|t| t.starts_with("request."))
            {
                events.push(frame);
            }
        }
        events
    }

    /// Waits for the server to end the socket and reports the close code.
    pub async fn ended(&mut self, wait: Duration) -> Option<Ended> {
        let deadline = tokio::time::Instant::now() + wait;
        loop {
            match tokio::time::timeout_at(deadline, self.stream.next()).await {
                Err(_) => return None,
                Ok(None) | Ok(Some(Err(_))) => return Some(Ended::Dropped),
                Ok(Some(Ok(Message::Close(frame)))) => {
                    return Some(
                        frame.map_or(Ended::Dropped, |f| Ended::Closed(u16::from(f.code))),
                    );
                }
                Ok(Some(Ok(_))) => {}
            }
        }
    }
}
