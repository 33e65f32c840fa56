//! One socket's loop: client frames, live events, resume, heartbeat, re-checks and limits.

use super::Realtime;
use super::WsSettings;
use super::frames;
use super::registry::CloseOrder;
use actix_ws::{CloseCode, CloseReason, Message, MessageStream, ProtocolError, Session};
use basma_domain::ports::BusEvent;
use basma_domain::services::accounts::Principal;
use basma_domain::services::realtime::{Delivery, RealtimeService, Replay, delivery};
use chrono::Utc;
use std::collections::VecDeque;
use std::sync::Arc;
use std::time::Instant;
use tokio::sync::{broadcast, mpsc, watch};

/// Close codes of SPEC §6 beyond the standard ones.
const UNAUTHORIZED: u16 = 4401;
const RECENT: usize = 2048;

pub struct Socket {
    pub rt: Arc<Realtime>,
    pub settings: WsSettings,
    pub token: String,
    pub principal: Principal,
    pub events: broadcast::Receiver<Arc<BusEvent>>,
    pub orders: mpsc::UnboundedReceiver<CloseOrder>,
    pub shutdown: watch::Receiver<bool>,
}

/// What ends the loop.
enum Exit {
    Close(u16, &'static str),
    Gone,
}

fn reason(code: u16, description: &'static str) -> Option<CloseReason> {
    Some(CloseReason {
        code: CloseCode::from(code),
        description: Some(description.to_owned()),
    })
}

struct Progress {
    /// Sequence numbers sent recently, so a replay never repeats a live event.
    recent: VecDeque<i64>,
    frames: VecDeque<Instant>,
    last_heard: Instant,
    last_stats: Option<Instant>,
}

impl Socket {
    pub async fn run(mut self, mut ws: Session, mut stream: MessageStream) {
        self.rt.activity.socket_opened();
        let welcome = frames::welcome(
            self.principal.user_id,
            self.principal.role,
            self.settings.heartbeat.as_secs(),
            Utc::now(),
        );
        let exit = if ws.text(welcome).await.is_err() {
            Exit::Gone
        } else {
            self.serve(&mut ws, &mut stream).await
        };
        if let Exit::Close(code, why) = exit {
            let _ = ws.close(reason(code, why)).await;
        }
        self.rt.activity.socket_closed();
    }

    async fn serve(&mut self, ws: &mut Session, stream: &mut MessageStream) -> Exit {
        let mut progress = Progress {
            recent: VecDeque::new(),
            frames: VecDeque::new(),
            last_heard: Instant::now(),
            last_stats: None,
        };
        let mut heartbeat = tokio::time::interval(self.settings.heartbeat);
        let mut recheck = tokio::time::interval(self.settings.recheck);
        heartbeat.tick().await;
        recheck.tick().await;
        loop {
            tokio::select! {
                frame = stream.recv() => match frame {
                    None => return Exit::Gone,
                    Some(Err(ProtocolError::Overflow)) => return Exit::Close(1009, "frame too large"),
                    Some(Err(_)) => return Exit::Close(1002, "protocol error"),
                    Some(Ok(message)) => {
                        if let Some(exit) = self.on_frame(ws, message, &mut progress).await {
                            return exit;
                        }
                    }
                },
                event = self.events.recv() => match event {
                    Ok(event) => {
                        if !self.forward(ws, &event, &mut progress).await {
                            return Exit::Gone;
                        }
                    }
                    Err(broadcast::error::RecvError::Lagged(_)) => return Exit::Close(1013, "too slow; reconnect and resume"),
                    Err(broadcast::error::RecvError::Closed) => return Exit::Close(1001, "server going away"),
                },
                _ = heartbeat.tick() => {
                    if progress.last_heard.elapsed() > self.settings.idle_timeout {
                        return Exit::Close(1001, "idle");
                    }
                    if ws.ping(b"").await.is_err() {
                        return Exit::Gone;
                    }
                },
                _ = recheck.tick() => {
                    if let Some(exit) = self.recheck().await {
                        return exit;
                    }
                },
                order = self.orders.recv() => match order {
                    Some(CloseOrder::Replaced) => return Exit::Close(1008, "too many sockets for this user"),
                    Some(CloseOrder::Revoked) | None => return Exit::Close(UNAUTHORIZED, "session ended"),
                },
                _ = self.shutdown.changed() => return Exit::Close(1001, "server shutting down"),
            }
        }
    }

    /// Re-reads the session and user: a revoked session, a deactivated user or an expired
    /// token ends the socket; a changed role or property list applies from now on.
    async fn recheck(&mut self) -> Option<Exit> {
        if self.principal.token_expires_at <= Utc::now() {
            return Some(Exit::Close(UNAUTHORIZED, "token expired"));
        }
        match self.rt.auth.authenticate(&self.token).await {
            Ok(principal) => {
                self.principal = principal;
                None
            }
            Err(basma_domain::services::accounts::AuthError::Store(_)) => None,
            Err(_) => Some(Exit::Close(UNAUTHORIZED, "session ended")),
        }
    }

    async fn on_frame(
        &mut self,
        ws: &mut Session,
        message: Message,
        progress: &mut Progress,
    ) -> Option<Exit> {
        progress.last_heard = Instant::now();
        let now = Instant::now();
        progress.frames.push_back(now);
        while progress
            .frames
            .front()
            .is_some_and(|t| now.duration_since(*t) > self.settings.frame_window)
        {
            progress.frames.pop_front();
        }
        if progress.frames.len() > self.settings.max_frames {
            return Some(Exit::Close(1008, "too many frames"));
        }
        match message {
            Message::Text(text) => self.on_text(ws, &text, progress).await,
            Message::Ping(bytes) => ws.pong(&bytes).await.err().map(|_| Exit::Gone),
            Message::Close(_) => Some(Exit::Gone),
            _ => None,
        }
    }

    async fn on_text(
        &mut self,
        ws: &mut Session,
        text: &str,
        progress: &mut Progress,
    ) -> Option<Exit> {
        let Ok(value) = serde_json::from_str::<serde_json::Value>(text) else {
            return Some(Exit::Close(1007, "frames must be JSON"));
        };
        match value["type"].as_str() {
            Some("ping") => ws
                .text(frames::pong(Utc::now()))
                .await
                .err()
                .map(|_| Exit::Gone),
            Some("resume") => match value["lastEventId"].as_i64() {
                Some(after) => self.resume(ws, after, progress).await,
                None => Some(Exit::Close(1007, "resume needs lastEventId")),
            },
            _ => None,
        }
    }

    /// Sends the stored events after `after` that this user may see, oldest first (with the
    /// look-back of `RealtimeService::LATE_COMMIT_WINDOW`, skipping what this socket already
    /// sent), or a `resync` frame when there are too many; then the live stream continues.
    async fn resume(
        &mut self,
        ws: &mut Session,
        after: i64,
        progress: &mut Progress,
    ) -> Option<Exit> {
        let actor = self.principal.actor();
        let Ok(replay) = self.rt.realtime.replay(&actor, after).await else {
            return Some(Exit::Close(1011, "replay unavailable; retry"));
        };
        match replay {
            Replay::Resync { last_event_id } => {
                let frame =
                    frames::resync(last_event_id, RealtimeService::REPLAY_LIMIT, Utc::now());
                ws.text(frame).await.err().map(|_| Exit::Gone)
            }
            Replay::Events(events) => {
                for (event, delivery) in &events {
                    if !progress.recent.contains(&event.event.seq)
                        && self.send(ws, event, *delivery, progress).await.is_err()
                    {
                        return Some(Exit::Gone);
                    }
                }
                None
            }
        }
    }

    async fn forward(
        &mut self,
        ws: &mut Session,
        event: &BusEvent,
        progress: &mut Progress,
    ) -> bool {
        if progress.recent.contains(&event.event.seq) {
            return true;
        }
        let actor = self.principal.actor();
        if let Some(delivery) = delivery(&actor, event)
            && self.send(ws, event, delivery, progress).await.is_err()
        {
            return false;
        }
        if actor.role.is_manager()
            && progress
                .last_stats
                .is_none_or(|t| t.elapsed().as_secs() >= 1)
        {
            progress.last_stats = Some(Instant::now());
            return ws.text(frames::stats_changed(Utc::now())).await.is_ok();
        }
        true
    }

    async fn send(
        &self,
        ws: &mut Session,
        event: &BusEvent,
        delivery: Delivery,
        progress: &mut Progress,
    ) -> Result<(), actix_ws::Closed> {
        ws.text(self.rt.frames.text_of(event, delivery)).await?;
        metrics::counter!("websocket_events_sent_total").increment(1);
        progress.recent.push_back(event.event.seq);
        if progress.recent.len() > RECENT {
            progress.recent.pop_front();
        }
        Ok(())
    }
}
