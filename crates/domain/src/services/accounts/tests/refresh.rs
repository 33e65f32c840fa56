//! Refresh-token rotation with reuse detection, sign-out, and authenticating access tokens.

use super::*;
use crate::ports::{AccessClaims, RefreshLookup};

/// `find_by_refresh_hash("digest:old")` answers `lookup`.
fn presented(m: &mut Mocks, lookup: RefreshLookup) {
    m.sessions
        .expect_find_by_refresh_hash()
        .withf(|digest, at| digest == "digest:old" && *at == now())
        .returning(move |_, _| Ok(lookup.clone()));
}

#[tokio::test]
async fn a_current_token_is_rotated_into_a_new_pair() {
    let mut m = Mocks::new();
    let user = user(Role::Customer);
    let session = session(&user);
    presented(&mut m, RefreshLookup::Current(session.clone()));
    m.stored(&user);
    let id = session.id;
    m.sessions
        .expect_rotate()
        .withf(move |s, old, new, at, expires| {
            *s == id
                && old == "digest:old"
                && new == "digest:token-0"
                && *at == now()
                && *expires == now() + Duration::days(30)
        })
        .times(1)
        .returning(|_, _, _, _, _| Ok(true));
    m.sessions.expect_revoke_family().times(0);
    let pair = m.service().refresh("old", &client()).await.unwrap();
    assert_eq!(pair.refresh_token, "token-0");
    assert_eq!(pair.access_token, format!("access:{}", session.id));
}

#[tokio::test]
async fn a_spent_token_revokes_its_whole_family_and_is_audited() {
    let mut m = Mocks::new();
    let user = user(Role::Customer);
    let session = session(&user);
    presented(&mut m, RefreshLookup::Spent(session.clone()));
    let family = session.family_id;
    m.sessions
        .expect_revoke_family()
        .withf(move |f, at| *f == family && *at == now())
        .times(1)
        .returning(|_, _| Ok(3));
    m.sessions.expect_rotate().times(0);
    let audited = m.audited();
    let err = m.service().refresh("old", &client()).await.unwrap_err();
    assert!(matches!(err, AuthError::InvalidToken), "{err:?}");
    assert_eq!(actions(&audited), vec![AuditAction::RefreshReuseDetected]);
}

#[tokio::test]
async fn an_unknown_or_expired_token_is_invalid() {
    let mut m = Mocks::new();
    presented(&mut m, RefreshLookup::Invalid);
    let err = m.service().refresh("old", &client()).await.unwrap_err();
    assert!(matches!(err, AuthError::InvalidToken), "{err:?}");
}

#[tokio::test]
async fn the_store_going_down_mid_rotation_issues_no_pair_and_revokes_nothing() {
    let mut m = Mocks::new();
    let user = user(Role::Customer);
    presented(&mut m, RefreshLookup::Current(session(&user)));
    m.stored(&user);
    m.sessions
        .expect_rotate()
        .times(1)
        .returning(|_, _, _, _, _| Err(down()));
    m.sessions.expect_revoke_family().times(0);
    m.access = MockAccessTokens::new();
    m.access.expect_issue().times(0);
    let err = m.service().refresh("old", &client()).await.unwrap_err();
    assert!(
        matches!(err, AuthError::Store(RepoError::Unavailable(_))),
        "{err:?}"
    );
}

#[tokio::test]
async fn losing_the_rotation_race_is_reuse_and_kills_the_family() {
    let mut m = Mocks::new();
    let user = user(Role::Customer);
    let session = session(&user);
    presented(&mut m, RefreshLookup::Current(session.clone()));
    m.stored(&user);
    m.sessions
        .expect_rotate()
        .returning(|_, _, _, _, _| Ok(false));
    let family = session.family_id;
    m.sessions
        .expect_revoke_family()
        .withf(move |f, _| *f == family)
        .times(1)
        .returning(|_, _| Ok(1));
    let err = m.service().refresh("old", &client()).await.unwrap_err();
    assert!(matches!(err, AuthError::InvalidToken), "{err:?}");
}

#[tokio::test]
async fn the_store_going_down_while_revoking_a_lost_race_is_a_store_error() {
    let mut m = Mocks::new();
    let user = user(Role::Customer);
    presented(&mut m, RefreshLookup::Current(session(&user)));
    m.stored(&user);
    m.sessions
        .expect_rotate()
        .returning(|_, _, _, _, _| Ok(false));
    m.sessions
        .expect_revoke_family()
        .returning(|_, _| Err(down()));
    let err = m.service().refresh("old", &client()).await.unwrap_err();
    assert!(matches!(err, AuthError::Store(_)), "{err:?}");
}

#[tokio::test]
async fn a_deactivated_user_cannot_refresh() {
    let mut m = Mocks::new();
    let user = User {
        active: false,
        ..user(Role::Technician)
    };
    presented(&mut m, RefreshLookup::Current(session(&user)));
    m.stored(&user);
    m.sessions.expect_rotate().times(0);
    let err = m.service().refresh("old", &client()).await.unwrap_err();
    assert!(matches!(err, AuthError::AccountDisabled), "{err:?}");
}

fn claims(m: &mut Mocks, user: &User, session: &Session) {
    let claims = AccessClaims {
        user_id: user.id,
        session_id: session.id,
        expires_at: now() + Duration::minutes(10),
    };
    m.access
        .expect_verify()
        .withf(|token, _| token == "access")
        .returning(move |_, _| Ok(claims));
}

#[tokio::test]
async fn an_access_token_is_checked_against_the_store_once_then_cached() {
    let mut m = Mocks::new();
    let user = user(Role::MaintenanceAdmin);
    let session = session(&user);
    claims(&mut m, &user, &session);
    let stored = session.clone();
    m.sessions
        .expect_get()
        .times(1)
        .returning(move |_| Ok(stored.clone()));
    let account = user.clone();
    m.users
        .expect_get()
        .times(1)
        .returning(move |_| Ok(account.clone()));
    let service = m.service();
    let first = service.authenticate("access").await.unwrap();
    let second = service.authenticate("access").await.unwrap();
    assert_eq!(first, second);
    assert_eq!(first.role, Role::MaintenanceAdmin);
}

#[tokio::test]
async fn a_revoked_session_or_a_deactivated_user_is_refused() {
    let user = user(Role::Customer);
    let revoked = Session {
        revoked_at: Some(now()),
        ..session(&user)
    };
    let mut m = Mocks::new();
    claims(&mut m, &user, &revoked);
    m.sessions
        .expect_get()
        .returning(move |_| Ok(revoked.clone()));
    let err = m.service().authenticate("access").await.unwrap_err();
    assert!(matches!(err, AuthError::InvalidToken), "{err:?}");

    let live = session(&user);
    let mut m = Mocks::new();
    claims(&mut m, &user, &live);
    m.sessions.expect_get().returning(move |_| Ok(live.clone()));
    let disabled = User {
        active: false,
        ..user
    };
    m.users
        .expect_get()
        .returning(move |_| Ok(disabled.clone()));
    let err = m.service().authenticate("access").await.unwrap_err();
    assert!(matches!(err, AuthError::AccountDisabled), "{err:?}");
}

#[tokio::test]
async fn revoking_a_user_ends_every_session_and_forgets_the_cached_check() {
    let mut m = Mocks::new();
    let user = user(Role::Technician);
    let session = session(&user);
    claims(&mut m, &user, &session);
    let stored = session.clone();
    // Checked twice: once before the revocation, and again after it, not from the cache.
    m.sessions
        .expect_get()
        .times(2)
        .returning(move |_| Ok(stored.clone()));
    let account = user.clone();
    m.users
        .expect_get()
        .times(2)
        .returning(move |_| Ok(account.clone()));
    let id = user.id;
    m.sessions
        .expect_revoke_all()
        .withf(move |u, keep, _| *u == id && keep.is_none())
        .times(1)
        .returning(|_, _, _| Ok(2));
    let service = m.service();
    service.authenticate("access").await.unwrap();
    assert_eq!(service.revoke_user(user.id).await.unwrap(), 2);
    service.authenticate("access").await.unwrap();
}

#[tokio::test]
async fn logout_ends_the_callers_session_and_the_presented_one() {
    let mut m = Mocks::new();
    let user = user(Role::Customer);
    let mine = session(&user);
    let other = session(&user);
    presented(&mut m, RefreshLookup::Current(other.clone()));
    let (mine_id, other_id) = (mine.id, other.id);
    m.sessions
        .expect_revoke()
        .withf(move |_, s, _| *s == mine_id || *s == other_id)
        .times(2)
        .returning(|_, _, _| Ok(true));
    let audited = m.audited();
    m.service()
        .logout(&principal(&user, &mine), Some("old"), &client())
        .await
        .unwrap();
    assert_eq!(actions(&audited), vec![AuditAction::SessionRevoked]);
}
