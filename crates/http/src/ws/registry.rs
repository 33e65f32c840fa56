//! The sockets open on this instance, per user: enforces the per-user limit (the oldest
//! socket makes room for a new one) and lets logout and deactivation close sockets at once.

use basma_domain::model::{SessionId, UserId};
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use tokio::sync::mpsc;

/// Why the server closes a socket from outside its own loop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CloseOrder {
    /// A newer socket of the same user took the slot (1008).
    Replaced,
    /// The session was revoked or the user deactivated (4401).
    Revoked,
}

struct Entry {
    id: u64,
    session: SessionId,
    orders: mpsc::UnboundedSender<CloseOrder>,
}

#[derive(Default)]
pub struct SocketRegistry {
    next_id: AtomicU64,
    by_user: Mutex<HashMap<UserId, Vec<Entry>>>,
}

/// A registered socket; unregisters itself when dropped.
pub struct Registration {
    registry: Arc<SocketRegistry>,
    user: UserId,
    id: u64,
}

impl SocketRegistry {
    /// Registers a socket; when the user already has `max` open, the oldest is told to close.
    pub fn register(
        self: &Arc<Self>,
        user: UserId,
        session: SessionId,
        max: usize,
    ) -> (Registration, mpsc::UnboundedReceiver<CloseOrder>) {
        let (tx, rx) = mpsc::unbounded_channel();
        let id = self.next_id.fetch_add(1, Ordering::SeqCst);
        if let Ok(mut by_user) = self.by_user.lock() {
            let sockets = by_user.entry(user).or_default();
            while sockets.len() >= max.max(1) {
                let oldest = sockets.remove(0);
                let _ = oldest.orders.send(CloseOrder::Replaced);
            }
            sockets.push(Entry {
                id,
                session,
                orders: tx,
            });
        }
        (
            Registration {
                registry: self.clone(),
                user,
                id,
            },
            rx,
        )
    }

    /// Closes every socket of a user (deactivation, logout-all).
    pub fn close_user(&self, user: UserId) {
        self.close_where(|u, _| u == user);
    }

    /// Closes the sockets opened with one session (logout, session revocation).
    pub fn close_session(&self, session: SessionId) {
        self.close_where(|_, s| s == session);
    }

    fn close_where(&self, matches: impl Fn(UserId, SessionId) -> bool) {
        if let Ok(by_user) = self.by_user.lock() {
            for (user, sockets) in by_user.iter() {
                for socket in sockets.iter().filter(|s| matches(*user, s.session)) {
                    let _ = socket.orders.send(CloseOrder::Revoked);
                }
            }
        }
    }
}

impl Drop for Registration {
    fn drop(&mut self) {
        if let Ok(mut by_user) = self.registry.by_user.lock()
            && let Some(sockets) = by_user.get_mut(&self.user)
        {
            sockets.retain(|s| s.id != self.id);
            if sockets.is_empty() {
                by_user.remove(&self.user);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sixth_socket_closes_the_oldest() {
        let registry = Arc::new(SocketRegistry::default());
        let user = UserId::new();
        let mut held = Vec::new();
        for _ in 0..5 {
            held.push(registry.register(user, SessionId::new(), 5));
        }
        let _sixth = registry.register(user, SessionId::new(), 5);
        assert_eq!(held[0].1.try_recv(), Ok(CloseOrder::Replaced));
        assert!(held[1].1.try_recv().is_err());
    }

    #[test]
    fn revoking_a_session_closes_only_its_sockets() {
        let registry = Arc::new(SocketRegistry::default());
        let (user, session) = (UserId::new(), SessionId::new());
        let (_a, mut rx_a) = registry.register(user, session, 5);
        let (_b, mut rx_b) = registry.register(user, SessionId::new(), 5);
        registry.close_session(session);
        assert_eq!(rx_a.try_recv(), Ok(CloseOrder::Revoked));
        assert!(rx_b.try_recv().is_err());
    }
}
