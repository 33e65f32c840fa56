//! `SqlSessionStore` against the `SessionStore` contract: rotation, reuse detection and
//! revocation.

use crate::support::{TestDb, new_user, now};
use basma_domain::model::{Role, Session, SessionId, TokenFamilyId, UserId};
use basma_domain::ports::{RefreshLookup, RepoError, SessionStore, UserStore};
use basma_persistence::{SqlSessionStore, SqlUserRepository};
use chrono::Duration;

async fn user(db: &TestDb, email: &str) -> UserId {
    let users = SqlUserRepository::new(db.store.connection().clone());
    users
        .create(new_user(email, Role::Customer))
        .await
        .unwrap()
        .id
}

fn session(user_id: UserId, created_offset: i64) -> Session {
    let at = now() + Duration::seconds(created_offset);
    Session {
        id: SessionId::new(),
        user_id,
        family_id: TokenFamilyId::new(),
        user_agent: Some("Mozilla/5.0".into()),
        ip: Some("203.0.113.7".into()),
        created_at: at,
        last_used_at: at,
        expires_at: at + Duration::days(30),
        revoked_at: None,
    }
}

fn store(db: &TestDb) -> SqlSessionStore {
    SqlSessionStore::new(db.store.connection().clone())
}

contract! {
    fn a_new_session_is_found_by_its_current_hash(db) {
        let sessions = store(db);
        let s = session(user(db, "s@example.com").await, 0);
        sessions.create(s.clone(), "hash-1").await.unwrap();
        assert_eq!(sessions.get(s.id).await.unwrap(), s);
        assert_eq!(sessions.find_by_refresh_hash("hash-1", now()).await.unwrap(), RefreshLookup::Current(s.clone()));
        assert_eq!(sessions.find_by_refresh_hash("unknown", now()).await.unwrap(), RefreshLookup::Invalid);
        assert_eq!(sessions.get(SessionId::new()).await, Err(RepoError::NotFound));
        // Past its expiry the current token is no longer usable.
        let later = s.expires_at + Duration::seconds(1);
        assert_eq!(sessions.find_by_refresh_hash("hash-1", later).await.unwrap(), RefreshLookup::Invalid);
    }

    fn a_rotated_away_hash_is_reported_as_spent(db) {
        let sessions = store(db);
        let s = session(user(db, "r@example.com").await, 0);
        sessions.create(s.clone(), "h1").await.unwrap();
        let at = now() + Duration::seconds(10);
        let expires = at + Duration::days(30);
        assert!(sessions.rotate(s.id, "h1", "h2", at, expires).await.unwrap());
        assert!(sessions.rotate(s.id, "h2", "h3", at, expires).await.unwrap());
        let rotated = Session { last_used_at: at, expires_at: expires, ..s.clone() };
        assert_eq!(sessions.find_by_refresh_hash("h3", at).await.unwrap(), RefreshLookup::Current(rotated.clone()));
        // Both earlier tokens are reuse, however many rotations ago they were spent.
        assert_eq!(sessions.find_by_refresh_hash("h1", at).await.unwrap(), RefreshLookup::Spent(rotated.clone()));
        assert_eq!(sessions.find_by_refresh_hash("h2", at).await.unwrap(), RefreshLookup::Spent(rotated));
        // Rotating from a stale hash loses; an unknown session is NotFound.
        assert!(!sessions.rotate(s.id, "h1", "h4", at, expires).await.unwrap());
        assert_eq!(sessions.rotate(SessionId::new(), "h3", "h4", at, expires).await, Err(RepoError::NotFound));
    }

    fn of_two_concurrent_rotations_exactly_one_wins(db) {
        let sessions = store(db);
        let s = session(user(db, "c@example.com").await, 0);
        sessions.create(s.clone(), "start").await.unwrap();
        let at = now();
        let tasks: Vec<_> = (0..4)
            .map(|i| {
                let sessions = sessions.clone();
                tokio::spawn(async move {
                    sessions.rotate(s.id, "start", &format!("next-{i}"), at, at + Duration::days(1)).await
                })
            })
            .collect();
        let mut wins = 0;
        for task in tasks {
            if task.await.unwrap().unwrap() {
                wins += 1;
            }
        }
        assert_eq!(wins, 1);
        assert!(matches!(sessions.find_by_refresh_hash("start", at).await.unwrap(), RefreshLookup::Spent(_)));
    }

    fn a_revoked_session_cannot_refresh_or_rotate(db) {
        let sessions = store(db);
        let owner = user(db, "o@example.com").await;
        let other = user(db, "x@example.com").await;
        let s = session(owner, 0);
        sessions.create(s.clone(), "live").await.unwrap();
        let at = now();
        assert!(!sessions.revoke(other, s.id, at).await.unwrap(), "another user's session");
        assert!(sessions.revoke(owner, s.id, at).await.unwrap());
        assert!(!sessions.revoke(owner, s.id, at).await.unwrap(), "already revoked");
        assert_eq!(sessions.get(s.id).await.unwrap().revoked_at, Some(at));
        assert_eq!(sessions.find_by_refresh_hash("live", at).await.unwrap(), RefreshLookup::Invalid);
        assert!(!sessions.rotate(s.id, "live", "new", at, at + Duration::days(1)).await.unwrap());
    }

    fn revoking_a_family_revokes_its_sessions_only(db) {
        let sessions = store(db);
        let owner = user(db, "fam@example.com").await;
        let a = session(owner, 0);
        let b = Session { id: SessionId::new(), ..a.clone() };
        let c = session(owner, 1);
        sessions.create(a.clone(), "a").await.unwrap();
        sessions.create(b.clone(), "b").await.unwrap();
        sessions.create(c.clone(), "c").await.unwrap();
        assert_eq!(sessions.revoke_family(a.family_id, now()).await.unwrap(), 2);
        assert_eq!(sessions.revoke_family(a.family_id, now()).await.unwrap(), 0);
        let live: Vec<_> = sessions.list_live(owner, now()).await.unwrap().into_iter().map(|s| s.id).collect();
        assert_eq!(live, vec![c.id]);
    }

    fn revoke_all_keeps_the_named_session_and_lists_newest_first(db) {
        let sessions = store(db);
        let owner = user(db, "all@example.com").await;
        let other = user(db, "other@example.com").await;
        let older = session(owner, 0);
        let newer = session(owner, 5);
        let newest = session(owner, 10);
        let foreign = session(other, 0);
        for (s, hash) in [(&older, "1"), (&newer, "2"), (&newest, "3"), (&foreign, "4")] {
            sessions.create(s.clone(), hash).await.unwrap();
        }
        let live: Vec<_> = sessions.list_live(owner, now()).await.unwrap().into_iter().map(|s| s.id).collect();
        assert_eq!(live, vec![newest.id, newer.id, older.id]);
        assert_eq!(sessions.revoke_all(owner, Some(newer.id), now()).await.unwrap(), 2);
        let live: Vec<_> = sessions.list_live(owner, now()).await.unwrap().into_iter().map(|s| s.id).collect();
        assert_eq!(live, vec![newer.id]);
        assert_eq!(sessions.revoke_all(owner, None, now()).await.unwrap(), 1);
        assert!(sessions.list_live(owner, now()).await.unwrap().is_empty());
        assert_eq!(sessions.list_live(other, now()).await.unwrap().len(), 1);
    }
}
