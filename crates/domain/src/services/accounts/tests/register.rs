//! Registration, e-mail verification and its mail.

use super::*;
use crate::model::{NewUser, Phone, TokenPurpose};
use crate::ports::{ConflictOn, Mail, MailError};

fn input() -> RegisterInput {
    RegisterInput {
        name: Some("Amal".into()),
        email: Some("amal@basma.test".into()),
        password: Some("Secret123".into()),
        phone: Some("+966501234567".into()),
    }
}

/// The store answers `create` with the account it was given.
fn created(new: &NewUser) -> User {
    User {
        id: new.id,
        name: new.name.as_str().to_owned(),
        email: new.email.as_str().to_owned(),
        phone: new.phone.as_ref().map(|p| p.as_str().to_owned()),
        role: new.role,
        active: true,
        locale: new.locale,
        email_verified_at: new.email_verified_at,
        failed_logins: 0,
        first_failed_login_at: None,
        locked_until: None,
        property_ids: new.property_ids.clone(),
        category_ids: new.category_ids.clone(),
        created_at: new.now,
        updated_at: new.now,
    }
}

/// A verification token may be issued (none sent this hour yet).
fn link_allowed(m: &mut Mocks) {
    m.one_time
        .expect_count_issued_since()
        .withf(|_, purpose, since| {
            *purpose == TokenPurpose::VerifyEmail && *since == now() - Duration::hours(1)
        })
        .returning(|_, _, _| Ok(0));
    m.one_time
        .expect_issue()
        .withf(|_, purpose, digest, expires, _| {
            *purpose == TokenPurpose::VerifyEmail
                && digest == "digest:token-0"
                && *expires == now() + Duration::hours(24)
        })
        .times(1)
        .returning(|_, _, _, _, _| Ok(()));
}

#[tokio::test]
async fn registration_stores_an_unverified_customer_and_mails_the_link() {
    let mut m = Mocks::new();
    m.hasher
        .expect_hash()
        .withf(|p| p == "Secret123")
        .returning(|_| Ok("hashed".into()));
    m.users.expect_phone_taken().returning(|_| Ok(false));
    m.users
        .expect_create()
        .withf(|new| {
            new.role == Role::Customer
                && new.email_verified_at.is_none()
                && new.password_hash == "hashed"
                && new.locale == Locale::En
                && new.phone.is_some()
        })
        .times(1)
        .returning(|new| Ok(created(&new)));
    link_allowed(&mut m);
    m.mailer
        .expect_send()
        .withf(|mail| {
            matches!(mail, Mail::VerifyEmail { link, locale: Locale::En, .. }
                if link == "http://localhost:3000/verify-email?token=token-0")
        })
        .times(1)
        .returning(|_| Ok(()));
    let mailed = m.service().register(input(), Locale::En).await.unwrap();
    assert_eq!(mailed.value.role, Role::Customer);
    assert!(mailed.mail_error.is_none());
}

#[tokio::test]
async fn a_failed_mail_keeps_the_account_and_is_reported_not_raised() {
    let mut m = Mocks::new();
    m.hasher.expect_hash().returning(|_| Ok("hashed".into()));
    m.users.expect_phone_taken().returning(|_| Ok(false));
    m.users.expect_create().returning(|new| Ok(created(&new)));
    link_allowed(&mut m);
    m.mailer
        .expect_send()
        .returning(|_| Err(MailError("smtp down".into())));
    let mailed = m.service().register(input(), Locale::Ar).await.unwrap();
    assert_eq!(mailed.mail_error, Some(MailError("smtp down".into())));
}

#[tokio::test]
async fn a_taken_email_is_email_taken() {
    let mut m = Mocks::new();
    m.hasher.expect_hash().returning(|_| Ok("hashed".into()));
    m.users.expect_phone_taken().returning(|_| Ok(false));
    m.users
        .expect_create()
        .returning(|_| Err(RepoError::Conflict(ConflictOn::Email)));
    m.mailer.expect_send().times(0);
    let err = m.service().register(input(), Locale::Ar).await.unwrap_err();
    assert!(matches!(err, AuthError::EmailTaken), "{err:?}");
}

#[tokio::test]
async fn a_taken_phone_is_left_off_yet_shown_back_even_when_taken_meanwhile() {
    for taken_before in [true, false] {
        let mut m = Mocks::new();
        m.hasher.expect_hash().returning(|_| Ok("hashed".into()));
        m.users
            .expect_phone_taken()
            .returning(move |_| Ok(taken_before));
        let mut seq = mockall::Sequence::new();
        if !taken_before {
            // Taken between the check and the insert: the store refuses, the retry drops it.
            m.users
                .expect_create()
                .withf(|new| new.phone.is_some())
                .times(1)
                .in_sequence(&mut seq)
                .returning(|_| Err(RepoError::Conflict(ConflictOn::Phone)));
        }
        m.users
            .expect_create()
            .withf(|new| new.phone.is_none())
            .times(1)
            .in_sequence(&mut seq)
            .returning(|new| Ok(created(&new)));
        link_allowed(&mut m);
        m.mailer.expect_send().returning(|_| Ok(()));
        let mailed = m.service().register(input(), Locale::Ar).await.unwrap();
        let shown = Phone::parse("+966501234567").unwrap();
        assert_eq!(mailed.value.phone.as_deref(), Some(shown.as_str()));
    }
}

#[tokio::test]
async fn a_hashing_failure_stores_nothing() {
    let mut m = Mocks::new();
    m.hasher
        .expect_hash()
        .returning(|_| Err(HashError("no worker".into())));
    m.users.expect_create().times(0);
    let err = m.service().register(input(), Locale::Ar).await.unwrap_err();
    assert!(matches!(err, AuthError::Hashing(_)), "{err:?}");
}

#[tokio::test]
async fn invalid_input_is_reported_field_by_field_before_any_port_is_asked() {
    let m = Mocks::new();
    let err = m
        .service()
        .register(RegisterInput::default(), Locale::Ar)
        .await
        .unwrap_err();
    let AuthError::Validation(errors) = err else {
        panic!("expected a validation error, got {err:?}");
    };
    let fields: Vec<_> = errors.0.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, vec!["name", "email", "password"]);
}

#[tokio::test]
async fn beyond_the_hourly_limit_no_link_is_issued_or_sent() {
    let mut m = Mocks::new();
    let user = User {
        email_verified_at: None,
        ..user(Role::Customer)
    };
    m.account(&user);
    m.one_time
        .expect_count_issued_since()
        .returning(|_, _, _| Ok(3));
    m.one_time.expect_issue().times(0);
    m.mailer.expect_send().times(0);
    let mailed = m.service().resend_verification(&user.email).await.unwrap();
    assert!(mailed.mail_error.is_none());
}

#[tokio::test]
async fn a_verification_token_marks_the_email_verified_once() {
    let mut m = Mocks::new();
    let id = UserId::new();
    m.one_time
        .expect_consume()
        .withf(|purpose, digest, _| *purpose == TokenPurpose::VerifyEmail && digest == "digest:t")
        .times(1)
        .returning(move |_, _, _| Ok(Some(id)));
    m.credentials
        .expect_mark_email_verified()
        .withf(move |u, at| *u == id && *at == now())
        .times(1)
        .returning(|_, _| Ok(()));
    let service = m.service();
    service.verify_email("t").await.unwrap();

    let mut m = Mocks::new();
    m.one_time.expect_consume().returning(|_, _, _| Ok(None));
    m.credentials.expect_mark_email_verified().times(0);
    let err = m.service().verify_email("t").await.unwrap_err();
    assert!(matches!(err, AuthError::InvalidToken), "{err:?}");
}
