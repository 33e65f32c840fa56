//! The audit log's reading side, on every backend (fakes included): newest-first keyset
//! pages, every filter, changes read back as written, and the retention purge in bounded
//! batches, oldest first, that never touches newer entries.

use crate::support::now;
use basma_domain::model::{
    AuditAction, AuditEntry, AuditFilter, AuditRecord, AuditTarget, AuditTargetType, ChangeSet,
    UserId,
};
use basma_domain::ports::{AuditLog, Cursor};
use chrono::{DateTime, Duration, Utc};
use uuid::Uuid;

fn entry(action: AuditAction, actor: UserId, target: AuditTarget, at: DateTime<Utc>) -> AuditEntry {
    AuditEntry {
        action,
        actor_id: Some(actor),
        subject_id: None,
        ip: Some("203.0.113.7".into()),
        detail: None,
        at,
        target: Some(target),
        changes: None,
    }
}

/// Every page of `filter`, `limit` at a time.
async fn all_pages(log: &dyn AuditLog, filter: &AuditFilter, limit: u16) -> Vec<AuditRecord> {
    let mut out = Vec::new();
    let mut cursor = None;
    loop {
        let page = log.list(filter.clone(), cursor, limit).await.unwrap();
        assert!(page.items.len() <= usize::from(limit));
        out.extend(page.items);
        match page.next_cursor {
            Some(next) => cursor = Some(next),
            None => return out,
        }
    }
}

port_contract! {
    fn the_audit_list_pages_newest_first_and_applies_every_filter(ports) {
        let log = ports.audit.as_ref();
        let (alice, bob) = (UserId::new(), UserId::new());
        let property = AuditTarget::new(AuditTargetType::Property, Uuid::now_v7());
        let category = AuditTarget::new(AuditTargetType::Category, Uuid::now_v7());
        let start = now() - Duration::minutes(30);
        // 25 entries a minute apart; two share an instant, so the id breaks the tie.
        for i in 0..25i64 {
            let at = start + Duration::minutes(i.min(23));
            let (actor, target, action) = match i % 3 {
                0 => (alice, property, AuditAction::PropertyUpdated),
                1 => (bob, category, AuditAction::CategoryUpdated),
                _ => (alice, category, AuditAction::CategoryCreated),
            };
            log.record(entry(action, actor, target, at)).await.unwrap();
        }
        let everything = all_pages(log, &AuditFilter::default(), 4).await;
        assert_eq!(everything.len(), 25);
        for pair in everything.windows(2) {
            assert!((pair[0].at, pair[0].id) > (pair[1].at, pair[1].id), "not newest first");
        }
        assert_eq!(everything[0].ip.as_deref(), Some("203.0.113.7"));

        let by_actor = AuditFilter { actor_id: Some(bob), ..AuditFilter::default() };
        let rows = all_pages(log, &by_actor, 3).await;
        assert_eq!(rows.len(), 8);
        assert!(rows.iter().all(|r| r.actor_id == Some(bob)));

        let by_actions = AuditFilter {
            actions: vec![AuditAction::PropertyUpdated, AuditAction::CategoryCreated],
            ..AuditFilter::default()
        };
        let rows = all_pages(log, &by_actions, 5).await;
        assert_eq!(rows.len(), 17);
        assert!(rows.iter().all(|r| r.action != "CATEGORY_UPDATED"));

        let by_target = AuditFilter {
            target_type: Some(AuditTargetType::Property),
            target_id: Some(property.id),
            ..AuditFilter::default()
        };
        let rows = all_pages(log, &by_target, 100).await;
        assert_eq!(rows.len(), 9);
        assert!(rows.iter().all(|r| r.target == Some(property)));
        let by_type = AuditFilter { target_type: Some(AuditTargetType::Category), ..AuditFilter::default() };
        assert_eq!(all_pages(log, &by_type, 100).await.len(), 16);

        // `from` inclusive, `to` exclusive: minutes 5..10 are five entries.
        let window = AuditFilter {
            from: Some(start + Duration::minutes(5)),
            to: Some(start + Duration::minutes(10)),
            ..AuditFilter::default()
        };
        let rows = all_pages(log, &window, 2).await;
        assert_eq!(rows.len(), 5);
        assert_eq!(rows.last().unwrap().at, start + Duration::minutes(5));

        // A cursor of another list has nothing after it here.
        let foreign = Cursor::new("cd:123", Uuid::now_v7()).encode();
        let page = log.list(AuditFilter::default(), Some(foreign), 10).await.unwrap();
        assert!(page.items.is_empty() && page.next_cursor.is_none());
    }

    fn changes_and_user_subjects_read_back_as_written(ports) {
        let log = ports.audit.as_ref();
        let mut changes = ChangeSet::default();
        changes.diff("nameEn", "Plumbing", "=1+2");
        changes.diff("active", true, false);
        changes.diff("phone", None::<&str>, Some("+966500000000"));
        let category = AuditTarget::new(AuditTargetType::Category, Uuid::now_v7());
        let mut with_changes = entry(AuditAction::CategoryUpdated, UserId::new(), category, now());
        with_changes.changes = Some(changes.clone());
        log.record(with_changes).await.unwrap();
        let subject = UserId::new();
        log.record(AuditEntry {
            action: AuditAction::LoginSucceeded,
            actor_id: Some(subject),
            subject_id: Some(subject),
            ip: None,
            detail: None,
            at: now() + Duration::seconds(1),
            target: None,
            changes: None,
        })
        .await
        .unwrap();
        let rows = all_pages(log, &AuditFilter::default(), 10).await;
        assert_eq!(rows[0].target, Some(AuditTarget::new(AuditTargetType::User, subject.0)));
        assert_eq!(rows[0].changes, None);
        assert_eq!(rows[1].changes, Some(changes));
    }

    fn the_purge_deletes_old_entries_in_bounded_batches_and_keeps_newer_ones(ports) {
        let log = ports.audit.as_ref();
        let target = AuditTarget::new(AuditTargetType::User, Uuid::now_v7());
        let cutoff = now() - Duration::days(30);
        for i in 0..7 {
            let at = cutoff - Duration::days(i + 1);
            log.record(entry(AuditAction::LoginFailed, UserId::new(), target, at)).await.unwrap();
        }
        for i in 0..3 {
            let at = cutoff + Duration::days(i);
            log.record(entry(AuditAction::LoginFailed, UserId::new(), target, at)).await.unwrap();
        }
        assert_eq!(log.purge(cutoff, 5).await.unwrap(), 5);
        // The oldest went first.
        let left = all_pages(log, &AuditFilter::default(), 100).await;
        assert_eq!(left.len(), 5);
        assert_eq!(left.last().unwrap().at, cutoff - Duration::days(2));
        assert_eq!(log.purge(cutoff, 5).await.unwrap(), 2);
        assert_eq!(log.purge(cutoff, 5).await.unwrap(), 0);
        let left = all_pages(log, &AuditFilter::default(), 100).await;
        assert_eq!(left.len(), 3);
        assert!(left.iter().all(|r| r.at >= cutoff));
    }
}
