//! Audit reading and retention against the in-memory log.

use super::*;
use crate::fakes::{FakeAudit, FixedClock};
use crate::model::{Role, UserId};

fn actor(role: Role) -> Actor {
    Actor {
        id: UserId::new(),
        role,
        property_ids: Vec::new(),
    }
}

fn entry(at: DateTime<Utc>) -> AuditEntry {
    AuditEntry {
        action: AuditAction::LoginSucceeded,
        actor_id: None,
        subject_id: Some(UserId::new()),
        ip: None,
        detail: None,
        at,
        target: None,
        changes: None,
    }
}

#[tokio::test]
async fn only_a_super_admin_reads_or_exports_the_log() {
    let log = Arc::new(FakeAudit::default());
    let service = AuditService::new(log, Arc::new(FixedClock::default()));
    for role in Role::ALL {
        let listed = service
            .list(&actor(role), AuditFilter::default(), None, 20)
            .await;
        let exported = service.export(&actor(role), AuditFilter::default());
        if role == Role::SuperAdmin {
            assert!(listed.is_ok() && exported.is_ok());
        } else {
            assert!(matches!(listed, Err(AuditError::Forbidden)), "{role:?}");
            assert!(matches!(exported, Err(AuditError::Forbidden)), "{role:?}");
        }
    }
}

#[tokio::test]
async fn the_purge_deletes_in_batches_until_nothing_older_than_the_retention_is_left() {
    let clock = FixedClock::default();
    let now = clock.0;
    let log = Arc::new(FakeAudit::default());
    let old = PURGE_BATCH as usize * 2 + 5;
    for _ in 0..old {
        log.record(entry(now - chrono::Duration::days(400)))
            .await
            .unwrap();
    }
    log.record(entry(now - chrono::Duration::days(10)))
        .await
        .unwrap();
    let service = AuditService::new(log.clone(), Arc::new(clock));
    let purged = service
        .purge_expired(chrono::Duration::days(365))
        .await
        .unwrap();
    assert_eq!(purged, old as u64);
    assert_eq!(log.entries().len(), 1);
}

#[tokio::test]
async fn an_export_walks_every_page_until_the_last() {
    let clock = FixedClock::default();
    let log = Arc::new(FakeAudit::default());
    for i in 0..250 {
        log.record(entry(clock.0 - chrono::Duration::seconds(i)))
            .await
            .unwrap();
    }
    let service = AuditService::new(log, Arc::new(clock));
    let mut pages = service
        .export(&actor(Role::SuperAdmin), AuditFilter::default())
        .unwrap();
    let mut seen = Vec::new();
    while let Some(rows) = pages.next_page().await.unwrap() {
        seen.extend(rows.into_iter().map(|r| r.id));
    }
    seen.dedup();
    assert_eq!(seen.len(), 250);
}
