//! Sends real mails through `SmtpMailer` to a real SMTP server on loopback.

use basma_domain::model::Locale;
use basma_domain::ports::{Mail, Mailer};
use basma_mail::SmtpMailer;
use basma_smtp_sink::SmtpSink;
use std::time::{Duration, Instant};

const FROM: &str = "Basma <no-reply@basma.local>";
const WAIT: Duration = Duration::from_secs(5);

/// Long enough that quoted-printable or base64 must wrap it across lines.
fn token(tag: &str) -> String {
    format!("{tag}_{}", "Ab3-x_Z9".repeat(10))
}

fn verify(to: &str, locale: Locale, token: &str) -> Mail {
    Mail::VerifyEmail {
        to: to.into(),
        name: "سارة <Sara>".into(),
        locale,
        link: format!("http://localhost:3000/verify-email?token={token}"),
    }
}

fn reset(to: &str, locale: Locale, token: &str) -> Mail {
    Mail::ResetPassword {
        to: to.into(),
        name: "Omar".into(),
        locale,
        link: format!("http://localhost:3000/reset-password?token={token}"),
    }
}

#[tokio::test]
async fn verification_and_reset_mails_arrive_with_recipient_subject_and_link() {
    let sink = SmtpSink::start().await.unwrap();
    let mailer = SmtpMailer::from_url(&sink.url(), FROM).unwrap();
    let cases = [
        (
            "en.verify@example.com",
            verify("en.verify@example.com", Locale::En, &token("ve")),
            "Basma: verify your email address",
            "/verify-email?token=",
        ),
        (
            "ar.verify@example.com",
            verify("ar.verify@example.com", Locale::Ar, &token("va")),
            "بسمة: تأكيد بريدك الإلكتروني",
            "/verify-email?token=",
        ),
        (
            "en.reset@example.com",
            reset("en.reset@example.com", Locale::En, &token("re")),
            "Basma: reset your password",
            "/reset-password?token=",
        ),
        (
            "ar.reset@example.com",
            reset("ar.reset@example.com", Locale::Ar, &token("ra")),
            "بسمة: إعادة تعيين كلمة المرور",
            "/reset-password?token=",
        ),
    ];
    for (to, mail, _, _) in &cases {
        mailer
            .send(mail.clone())
            .await
            .unwrap_or_else(|e| panic!("{to}: {e}"));
    }
    for (to, mail, subject, path) in cases {
        let (Mail::VerifyEmail { link, .. } | Mail::ResetPassword { link, .. }) = &mail;
        let got = sink
            .wait_for_mail_to(to, WAIT)
            .await
            .unwrap_or_else(|| panic!("{to}: no mail"));
        assert_eq!(got.mail_from, "no-reply@basma.local");
        assert_eq!(got.rcpt_to, vec![to.to_owned()]);
        assert!(
            got.to_header().contains(to),
            "{to}: To header {}",
            got.to_header()
        );
        assert_eq!(got.subject(), subject);
        assert!(
            got.header("Content-Type")
                .unwrap()
                .starts_with("multipart/alternative")
        );
        let text = got.part("text/plain").expect("a text/plain part");
        let html = got.part("text/html").expect("a text/html part");
        assert!(
            text.contains(link.as_str()),
            "{to}: text part lacks the link"
        );
        assert!(
            html.contains(link.as_str()),
            "{to}: html part lacks the link"
        );
        assert_eq!(got.find_url(path).as_deref(), Some(link.as_str()));
        let token = link.split_once("token=").unwrap().1;
        assert_eq!(got.token_in_url(path).as_deref(), Some(token));
        let rtl = html.contains(r#"dir="rtl""#);
        assert_eq!(rtl, subject.starts_with("بسمة"), "{to}: direction");
    }
    assert_eq!(sink.mails().len(), 4);
}

#[tokio::test]
async fn the_name_is_escaped_in_the_html_part_on_the_wire() {
    let sink = SmtpSink::start().await.unwrap();
    let mailer = SmtpMailer::from_url(&sink.url(), FROM).unwrap();
    mailer
        .send(verify("sara@example.com", Locale::Ar, "t1"))
        .await
        .unwrap();
    let got = sink
        .wait_for_mail_to("sara@example.com", WAIT)
        .await
        .unwrap();
    let html = got.part("text/html").unwrap();
    assert!(html.contains("سارة &lt;Sara&gt;"));
    assert!(got.part("text/plain").unwrap().contains("سارة <Sara>"));
}

#[tokio::test]
async fn a_refused_recipient_is_a_mail_error() {
    let sink = SmtpSink::start_rejecting().await.unwrap();
    let mailer = SmtpMailer::from_url(&sink.url(), FROM).unwrap();
    let err = mailer
        .send(reset("x@example.com", Locale::En, "t"))
        .await
        .unwrap_err();
    assert!(err.to_string().contains("550"), "{err}");
    assert!(!err.to_string().contains("token"), "{err}");
    assert!(sink.mails().is_empty());
}

#[tokio::test]
async fn an_unreachable_relay_is_a_mail_error() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let mailer = SmtpMailer::from_url(&format!("smtp://127.0.0.1:{port}"), FROM).unwrap();
    assert!(
        mailer
            .send(verify("x@example.com", Locale::En, "t"))
            .await
            .is_err()
    );
}

#[tokio::test]
async fn a_silent_relay_times_out() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let holder = tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((stream, _)) = listener.accept().await {
            held.push(stream); // accept, never greet
        }
    });
    let mailer = SmtpMailer::from_url(&format!("smtp://{addr}"), FROM)
        .unwrap()
        .with_timeout(Duration::from_millis(300));
    let started = Instant::now();
    let err = mailer
        .send(verify("x@example.com", Locale::En, "t"))
        .await
        .unwrap_err();
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "took {:?}",
        started.elapsed()
    );
    assert!(err.to_string().contains("no answer"), "{err}");
    holder.abort();
}

#[tokio::test]
async fn one_mailer_sends_many_mails_over_its_pool() {
    let sink = SmtpSink::start().await.unwrap();
    let mailer = SmtpMailer::from_url(&sink.url(), FROM).unwrap();
    for i in 0..5 {
        let to = format!("user{i}@example.com");
        mailer
            .send(verify(&to, Locale::En, &format!("t{i}")))
            .await
            .unwrap();
    }
    let all = sink.mails();
    assert_eq!(all.len(), 5);
    assert_eq!(all[4].token_in_url("/verify-email").as_deref(), Some("t4"));
}
