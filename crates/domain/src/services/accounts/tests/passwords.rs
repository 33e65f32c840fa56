//! Forgotten, reset and changed passwords.

use super::*;
use crate::model::TokenPurpose;
use crate::ports::{Mail, MailError};
use crate::validation::Rule;

#[tokio::test]
async fn a_forgotten_password_mails_a_reset_link_and_reports_a_failed_mail() {
    let mut m = Mocks::new();
    let user = user(Role::Customer);
    m.account(&user);
    m.one_time
        .expect_count_issued_since()
        .returning(|_, _, _| Ok(0));
    m.one_time
        .expect_issue()
        .withf(|_, purpose, _, expires, _| {
            *purpose == TokenPurpose::ResetPassword && *expires == now() + Duration::hours(1)
        })
        .times(1)
        .returning(|_, _, _, _, _| Ok(()));
    m.mailer
        .expect_send()
        .withf(|mail| matches!(mail, Mail::ResetPassword { .. }))
        .times(1)
        .returning(|_| Err(MailError("smtp down".into())));
    let mailed = m.service().forgot_password(&user.email).await.unwrap();
    assert_eq!(mailed.mail_error, Some(MailError("smtp down".into())));
}

#[tokio::test]
async fn unknown_malformed_or_inactive_addresses_get_the_same_answer_and_no_mail() {
    let inactive = User {
        active: false,
        ..user(Role::Customer)
    };
    for email in ["nobody@basma.test", "not an email", inactive.email.as_str()] {
        let mut m = Mocks::new();
        if email == inactive.email {
            m.account(&inactive);
        } else {
            m.credentials
                .expect_find_credentials()
                .returning(|_| Ok(None));
        }
        m.one_time.expect_issue().times(0);
        m.mailer.expect_send().times(0);
        let mailed = m.service().forgot_password(email).await.unwrap();
        assert!(mailed.mail_error.is_none(), "{email}");
    }
}

/// A live reset token `t` of `user`.
fn live_token(m: &mut Mocks, user: &User) {
    let id = user.id;
    m.one_time
        .expect_find_live()
        .withf(|purpose, digest, _| *purpose == TokenPurpose::ResetPassword && digest == "digest:t")
        .returning(move |_, _, _| Ok(Some(id)));
    m.stored(user);
}

#[tokio::test]
async fn a_reset_spends_the_token_sets_the_hash_and_ends_every_session() {
    let mut m = Mocks::new();
    let user = user(Role::Customer);
    live_token(&mut m, &user);
    let id = user.id;
    m.hasher
        .expect_hash()
        .withf(|p| p == "NewSecret9")
        .returning(|_| Ok("new-hash".into()));
    m.one_time
        .expect_consume()
        .times(1)
        .returning(move |_, _, _| Ok(Some(id)));
    m.credentials
        .expect_set_password_hash()
        .withf(move |u, hash, _| *u == id && hash == "new-hash")
        .times(1)
        .returning(|_, _, _| Ok(()));
    m.one_time
        .expect_spend_all()
        .times(1)
        .returning(|_, _, _| Ok(1));
    m.credentials
        .expect_reset_failed_logins()
        .times(1)
        .returning(|_| Ok(()));
    m.sessions
        .expect_revoke_all()
        .withf(move |u, keep, _| *u == id && keep.is_none())
        .times(1)
        .returning(|_, _, _| Ok(2));
    let audited = m.audited();
    m.service()
        .reset_password(Some("t"), Some("NewSecret9"), &client())
        .await
        .unwrap();
    assert_eq!(actions(&audited), vec![AuditAction::PasswordReset]);
}

#[tokio::test]
async fn a_password_equal_to_the_email_is_refused_and_the_token_stays_usable() {
    let mut m = Mocks::new();
    let user = User {
        email: "amal2026@basma.test".into(),
        ..user(Role::Customer)
    };
    live_token(&mut m, &user);
    m.one_time.expect_consume().times(0);
    m.hasher.expect_hash().times(0);
    let err = m
        .service()
        .reset_password(Some("t"), Some("amal2026@basma.test"), &client())
        .await
        .unwrap_err();
    assert!(matches!(err, AuthError::Validation(_)), "{err:?}");
}

#[tokio::test]
async fn a_reset_that_loses_the_token_race_changes_nothing() {
    let mut m = Mocks::new();
    let user = user(Role::Customer);
    live_token(&mut m, &user);
    m.hasher.expect_hash().returning(|_| Ok("new-hash".into()));
    m.one_time.expect_consume().returning(|_, _, _| Ok(None));
    m.credentials.expect_set_password_hash().times(0);
    m.sessions.expect_revoke_all().times(0);
    let err = m
        .service()
        .reset_password(Some("t"), Some("NewSecret9"), &client())
        .await
        .unwrap_err();
    assert!(matches!(err, AuthError::InvalidToken), "{err:?}");
}

#[tokio::test]
async fn a_wrong_current_password_is_a_field_error_and_changes_nothing() {
    let mut m = Mocks::new();
    let user = user(Role::Customer);
    m.stored(&user);
    m.account(&user);
    m.hasher.expect_verify().returning(|_, _| Ok(false));
    m.hasher.expect_hash().times(0);
    m.credentials.expect_set_password_hash().times(0);
    let session = session(&user);
    let err = m
        .service()
        .change_password(
            &principal(&user, &session),
            Some("Wrong1234"),
            Some("NewSecret9"),
            &client(),
        )
        .await
        .unwrap_err();
    let AuthError::Validation(errors) = err else {
        panic!("expected a validation error, got {err:?}");
    };
    assert_eq!(errors.0[0].field, "currentPassword");
    assert_eq!(errors.0[0].rule, Rule::Mismatch);
}

#[tokio::test]
async fn a_changed_password_keeps_only_the_current_session() {
    let mut m = Mocks::new();
    let user = user(Role::Customer);
    let session = session(&user);
    m.stored(&user);
    m.account(&user);
    m.hasher.expect_verify().returning(|_, _| Ok(true));
    m.hasher.expect_hash().returning(|_| Ok("new-hash".into()));
    m.credentials
        .expect_set_password_hash()
        .times(1)
        .returning(|_, _, _| Ok(()));
    let keep = session.id;
    m.sessions
        .expect_revoke_all()
        .withf(move |_, kept, _| *kept == Some(keep))
        .times(1)
        .returning(|_, _, _| Ok(1));
    let audited = m.audited();
    m.service()
        .change_password(
            &principal(&user, &session),
            Some("Secret123"),
            Some("NewSecret9"),
            &client(),
        )
        .await
        .unwrap();
    assert_eq!(actions(&audited), vec![AuditAction::PasswordChanged]);
}

#[tokio::test]
async fn a_hashing_failure_on_change_leaves_the_stored_hash_alone() {
    let mut m = Mocks::new();
    let user = user(Role::Customer);
    let session = session(&user);
    m.stored(&user);
    m.account(&user);
    m.hasher.expect_verify().returning(|_, _| Ok(true));
    m.hasher
        .expect_hash()
        .returning(|_| Err(HashError("no worker".into())));
    m.credentials.expect_set_password_hash().times(0);
    let err = m
        .service()
        .change_password(
            &principal(&user, &session),
            Some("Secret123"),
            Some("NewSecret9"),
            &client(),
        )
        .await
        .unwrap_err();
    assert!(matches!(err, AuthError::Hashing(_)), "{err:?}");
}
