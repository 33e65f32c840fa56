//! Shared helpers: events to publish, the optional Redis URL, and receiving with deadlines.

use basma_domain::model::{EventKind, PropertyId, RequestEvent, RequestId, Status, UserId};
use basma_domain::ports::BusEvent;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::broadcast::Receiver;
use tokio::sync::broadcast::error::TryRecvError;

/// The Redis to test against. The Redis scenarios are compiled as ignored without
/// `BASMA_TEST_REDIS_URL` (see `tests/build.rs`), so one that runs needs it.
pub fn redis_url() -> String {
    std::env::var("BASMA_TEST_REDIS_URL")
        .ok()
        .filter(|url| !url.is_empty())
        .expect("BASMA_TEST_REDIS_URL names the Redis server for this test")
}

/// A name nobody else uses, for channels, keys and ACL users of one test.
pub fn unique(prefix: &str) -> String {
    format!("{prefix}:{}", uuid::Uuid::now_v7())
}

/// A status-change event with sequence number `seq`.
pub fn event(seq: i64) -> BusEvent {
    let requester = UserId::new();
    BusEvent {
        event: RequestEvent {
            seq,
            request_id: RequestId::new(),
            kind: EventKind::StatusChanged,
            actor_id: requester,
            from_status: Some(Status::Submitted),
            to_status: Some(Status::Assigned),
            technician_id: Some(UserId::new()),
            note: Some("ملاحظة — note".into()),
            comment_id: None,
            internal: false,
            at: chrono::Utc::now(),
        },
        reference: format!("MR-2025-{seq:06}"),
        status: Status::Assigned,
        requester_id: requester,
        assignee_id: Some(UserId::new()),
        property_id: PropertyId::new(),
    }
}

/// The next event, failing the test after five seconds.
pub async fn next(rx: &mut Receiver<Arc<BusEvent>>) -> BusEvent {
    match tokio::time::timeout(Duration::from_secs(5), rx.recv()).await {
        Ok(Ok(event)) => (*event).clone(),
        Ok(Err(e)) => panic!("receiver failed: {e}"),
        Err(_) => panic!("no event within 5 s"),
    }
}

/// Fails when anything more arrives within a short grace period.
pub async fn nothing_more(rx: &mut Receiver<Arc<BusEvent>>) {
    tokio::time::sleep(Duration::from_millis(300)).await;
    match rx.try_recv() {
        Err(TryRecvError::Empty) => {}
        other => panic!("expected no further event, got {other:?}"),
    }
}
