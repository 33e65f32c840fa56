//! Who was active recently (for `active_users{window}` and the stats endpoint), and how
//! many WebSockets are open. Per instance: each instance reports what it served.

use basma_domain::model::UserId;
use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{Duration, Instant};

const FIVE_MINUTES: Duration = Duration::from_secs(5 * 60);
const DAY: Duration = Duration::from_secs(24 * 3600);

#[derive(Default)]
pub struct Activity {
    last_seen: Mutex<HashMap<UserId, Instant>>,
    sockets: AtomicI64,
}

/// Distinct users seen in the last 5 minutes and 24 hours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ActiveUsers {
    pub five_minutes: usize,
    pub day: usize,
}

impl Activity {
    /// Records that `user` made an authenticated request now.
    pub fn touch(&self, user: UserId) {
        if let Ok(mut seen) = self.last_seen.lock() {
            seen.insert(user, Instant::now());
        }
    }

    /// Counts the windows and forgets users not seen for a day.
    pub fn active_users(&self) -> ActiveUsers {
        let Ok(mut seen) = self.last_seen.lock() else {
            return ActiveUsers {
                five_minutes: 0,
                day: 0,
            };
        };
        seen.retain(|_, at| at.elapsed() < DAY);
        let five_minutes = seen
            .values()
            .filter(|at| at.elapsed() < FIVE_MINUTES)
            .count();
        ActiveUsers {
            five_minutes,
            day: seen.len(),
        }
    }

    /// The gauge is moved rather than set, so servers sharing one process (the black-box
    /// tests) add up instead of overwriting each other.
    pub fn socket_opened(&self) {
        self.sockets.fetch_add(1, Ordering::SeqCst);
        metrics::gauge!("websocket_connections").increment(1.0);
    }

    pub fn socket_closed(&self) {
        self.sockets.fetch_sub(1, Ordering::SeqCst);
        metrics::gauge!("websocket_connections").decrement(1.0);
    }

    pub fn open_sockets(&self) -> i64 {
        self.sockets.load(Ordering::SeqCst)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_user_counts_once_however_often_seen() {
        let activity = Activity::default();
        let user = UserId::new();
        activity.touch(user);
        activity.touch(user);
        activity.touch(UserId::new());
        assert_eq!(
            activity.active_users(),
            ActiveUsers {
                five_minutes: 2,
                day: 2
            }
        );
    }
}
