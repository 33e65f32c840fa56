//! Login: the password, the lock, the account's flags, and the session it opens.

use super::*;

#[tokio::test]
async fn the_right_password_opens_a_thirty_day_session_and_is_audited() {
    let mut m = Mocks::new();
    let user = user(Role::Customer);
    m.account(&user);
    m.hasher
        .expect_verify()
        .withf(|password, hash| password == "Secret123" && *hash == Some("stored-hash"))
        .times(1)
        .returning(|_, _| Ok(true));
    let user_id = user.id;
    m.sessions
        .expect_create()
        .withf(move |s, digest| {
            s.user_id == user_id
                && digest == "digest:token-0"
                && s.expires_at == now() + Duration::days(30)
                && s.ip.as_deref() == Some("203.0.113.9")
        })
        .times(1)
        .returning(|_, _| Ok(()));
    let audited = m.audited();
    let pair = m
        .service()
        .login("Amal@Basma.test", "Secret123", &client())
        .await
        .unwrap();
    assert_eq!(pair.refresh_token, "token-0");
    assert!(pair.access_token.starts_with("access:"));
    assert_eq!(pair.expires_in_seconds, 15 * 60);
    assert_eq!(pair.user.id, user.id);
    assert_eq!(actions(&audited), vec![AuditAction::LoginSucceeded]);
}

#[tokio::test]
async fn an_unknown_email_still_costs_a_hash_and_reads_as_bad_credentials() {
    let mut m = Mocks::new();
    m.credentials
        .expect_find_credentials()
        .returning(|_| Ok(None));
    m.hasher
        .expect_verify()
        .withf(|_, hash| hash.is_none())
        .times(1)
        .returning(|_, _| Ok(false));
    let audited = m.audited();
    let err = m
        .service()
        .login("nobody@basma.test", "Secret123", &client())
        .await
        .unwrap_err();
    assert!(matches!(err, AuthError::InvalidCredentials), "{err:?}");
    assert_eq!(actions(&audited), vec![AuditAction::LoginFailed]);
}

#[tokio::test]
async fn the_failure_that_reaches_the_limit_locks_the_account_and_audits_it() {
    let mut m = Mocks::new();
    let user = user(Role::Customer);
    m.account(&user);
    m.hasher.expect_verify().returning(|_, _| Ok(false));
    let locked = User {
        failed_logins: 5,
        locked_until: Some(now() + Duration::minutes(15)),
        ..user.clone()
    };
    m.credentials
        .expect_record_failed_login()
        .withf(|_, at, window_start, max, until| {
            *at == now()
                && *window_start == now() - Duration::minutes(15)
                && *max == 5
                && *until == now() + Duration::minutes(15)
        })
        .times(1)
        .returning(move |_, _, _, _, _| Ok(locked.clone()));
    let audited = m.audited();
    let err = m
        .service()
        .login(&user.email, "Wrong1234", &client())
        .await
        .unwrap_err();
    assert!(matches!(err, AuthError::InvalidCredentials), "{err:?}");
    assert_eq!(
        actions(&audited),
        vec![AuditAction::LoginFailed, AuditAction::AccountLocked]
    );
}

#[tokio::test]
async fn a_locked_account_is_refused_without_checking_the_password() {
    let mut m = Mocks::new();
    let user = User {
        locked_until: Some(now() + Duration::seconds(90)),
        ..user(Role::Customer)
    };
    m.account(&user);
    m.hasher.expect_verify().times(0);
    let err = m
        .service()
        .login(&user.email, "Secret123", &client())
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            AuthError::Locked {
                retry_after_seconds: 90
            }
        ),
        "{err:?}"
    );
}

#[tokio::test]
async fn disabled_and_unverified_accounts_open_no_session() {
    for (user, disabled) in [
        (
            User {
                active: false,
                ..user(Role::Technician)
            },
            true,
        ),
        (
            User {
                email_verified_at: None,
                ..user(Role::Customer)
            },
            false,
        ),
    ] {
        let mut m = Mocks::new();
        m.account(&user);
        m.hasher.expect_verify().returning(|_, _| Ok(true));
        m.sessions.expect_create().times(0);
        let err = m
            .service()
            .login(&user.email, "Secret123", &client())
            .await
            .unwrap_err();
        if disabled {
            assert!(matches!(err, AuthError::AccountDisabled), "{err:?}");
        } else {
            assert!(matches!(err, AuthError::EmailNotVerified), "{err:?}");
        }
    }
}

#[tokio::test]
async fn a_success_after_failures_clears_the_counter() {
    let mut m = Mocks::new();
    let user = User {
        failed_logins: 2,
        ..user(Role::Customer)
    };
    m.account(&user);
    m.hasher.expect_verify().returning(|_, _| Ok(true));
    let id = user.id;
    m.credentials
        .expect_reset_failed_logins()
        .withf(move |asked| *asked == id)
        .times(1)
        .returning(|_| Ok(()));
    m.sessions.expect_create().returning(|_, _| Ok(()));
    let service = m.service();
    assert!(
        service
            .login(&user.email, "Secret123", &client())
            .await
            .is_ok()
    );
}

#[tokio::test]
async fn a_hashing_failure_is_an_error_not_a_wrong_password() {
    let mut m = Mocks::new();
    let user = user(Role::Customer);
    m.account(&user);
    m.hasher
        .expect_verify()
        .returning(|_, _| Err(HashError("worker panicked".into())));
    m.credentials.expect_record_failed_login().times(0);
    let err = m
        .service()
        .login(&user.email, "Secret123", &client())
        .await
        .unwrap_err();
    assert!(matches!(err, AuthError::Hashing(_)), "{err:?}");
}

#[tokio::test]
async fn a_session_store_outage_fails_the_login_after_the_password_check() {
    let mut m = Mocks::new();
    let user = user(Role::Customer);
    m.account(&user);
    m.hasher.expect_verify().returning(|_, _| Ok(true));
    m.sessions.expect_create().returning(|_, _| Err(down()));
    let audited = m.audited();
    let err = m
        .service()
        .login(&user.email, "Secret123", &client())
        .await
        .unwrap_err();
    assert!(
        matches!(err, AuthError::Store(RepoError::Unavailable(_))),
        "{err:?}"
    );
    assert!(actions(&audited).is_empty(), "no success was audited");
}

#[tokio::test]
async fn an_audit_log_outage_does_not_fail_a_login() {
    let mut m = Mocks::new();
    let user = user(Role::Customer);
    m.account(&user);
    m.hasher.expect_verify().returning(|_, _| Ok(true));
    m.sessions.expect_create().returning(|_, _| Ok(()));
    m.audit = MockAuditLog::new();
    m.audit.expect_record().times(1).returning(|_| Err(down()));
    let service = m.service();
    assert!(
        service
            .login(&user.email, "Secret123", &client())
            .await
            .is_ok()
    );
}
