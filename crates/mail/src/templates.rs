//! The two account mails (email verification, password reset) in Arabic and English.
//!
//! Every mail has a localized subject, a plain-text part and an HTML part (sent together as
//! `multipart/alternative`). Arabic HTML is laid out right-to-left (`dir="rtl"`). The user's
//! name is HTML-escaped in the HTML part; the link is inserted as given (escaped only where
//! HTML requires it). Subjects are fixed strings, so nothing a user typed reaches a header.

use basma_domain::model::Locale;
use basma_domain::ports::Mail;

/// Which of the account mails this is; safe to log (carries no secret).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MailKind {
    VerifyEmail,
    ResetPassword,
}

impl MailKind {
    pub fn of(mail: &Mail) -> Self {
        match mail {
            Mail::VerifyEmail { .. } => MailKind::VerifyEmail,
            Mail::ResetPassword { .. } => MailKind::ResetPassword,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            MailKind::VerifyEmail => "verify_email",
            MailKind::ResetPassword => "reset_password",
        }
    }
}

/// The recipient address of a mail.
pub fn recipient(mail: &Mail) -> &str {
    match mail {
        Mail::VerifyEmail { to, .. } | Mail::ResetPassword { to, .. } => to,
    }
}

/// The part of an address after the last `@`: what may be logged about a recipient.
pub fn recipient_domain(address: &str) -> &str {
    address.rsplit_once('@').map_or("", |(_, domain)| domain)
}

/// A mail ready to be put on the wire.
pub struct Rendered {
    pub subject: String,
    pub text: String,
    pub html: String,
}

impl std::fmt::Debug for Rendered {
    /// The bodies carry the secret link: only the subject is printed.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Rendered")
            .field("subject", &self.subject)
            .finish_non_exhaustive()
    }
}

/// The fixed wording of one mail in one language.
struct Copy {
    lang: &'static str,
    dir: &'static str,
    subject: &'static str,
    greeting: &'static str,
    intro: &'static str,
    button: &'static str,
    fallback: &'static str,
    validity: &'static str,
    ignore: &'static str,
    signature: &'static str,
}

const AR_SIGNATURE: &str = "شركة بسمة للاستثمار والتطوير العقاري";
const EN_SIGNATURE: &str = "Basma Real Estate Investment and Development Company";

fn copy(kind: MailKind, locale: Locale) -> Copy {
    match (kind, locale) {
        (MailKind::VerifyEmail, Locale::Ar) => Copy {
            lang: "ar",
            dir: "rtl",
            subject: "بسمة: تأكيد بريدك الإلكتروني",
            greeting: "مرحباً",
            intro: "أهلاً بك في بسمة. يرجى تأكيد بريدك الإلكتروني بفتح الرابط التالي:",
            button: "تأكيد البريد الإلكتروني",
            fallback: "إذا لم يعمل الزر، انسخ هذا الرابط والصقه في المتصفح:",
            validity: "الرابط صالح لمدة 24 ساعة ويُستخدم مرة واحدة.",
            ignore: "إذا لم تقم بإنشاء حساب في بسمة، يمكنك تجاهل هذه الرسالة.",
            signature: AR_SIGNATURE,
        },
        (MailKind::VerifyEmail, Locale::En) => Copy {
            lang: "en",
            dir: "ltr",
            subject: "Basma: verify your email address",
            greeting: "Hello",
            intro: "Welcome to Basma. Please confirm your email address by opening this link:",
            button: "Verify email address",
            fallback: "If the button does not work, copy this link into your browser:",
            validity: "The link is valid for 24 hours and can be used once.",
            ignore: "If you did not create a Basma account, you can ignore this email.",
            signature: EN_SIGNATURE,
        },
        (MailKind::ResetPassword, Locale::Ar) => Copy {
            lang: "ar",
            dir: "rtl",
            subject: "بسمة: إعادة تعيين كلمة المرور",
            greeting: "مرحباً",
            intro: "تلقينا طلباً لإعادة تعيين كلمة المرور لحسابك في بسمة. لاختيار كلمة مرور جديدة افتح الرابط التالي:",
            button: "إعادة تعيين كلمة المرور",
            fallback: "إذا لم يعمل الزر، انسخ هذا الرابط والصقه في المتصفح:",
            validity: "الرابط صالح لمدة ساعة واحدة ويُستخدم مرة واحدة. ستُسجَّل خارج جميع أجهزتك بعد التغيير.",
            ignore: "إذا لم تطلب ذلك، تجاهل هذه الرسالة؛ ستبقى كلمة المرور كما هي.",
            signature: AR_SIGNATURE,
        },
        (MailKind::ResetPassword, Locale::En) => Copy {
            lang: "en",
            dir: "ltr",
            subject: "Basma: reset your password",
            greeting: "Hello",
            intro: "We received a request to reset the password of your Basma account. To choose a new password, open this link:",
            button: "Reset password",
            fallback: "If the button does not work, copy this link into your browser:",
            validity: "The link is valid for 1 hour and can be used once. You will be signed out of all your devices after the change.",
            ignore: "If you did not ask for this, ignore this email; your password stays unchanged.",
            signature: EN_SIGNATURE,
        },
    }
}

/// Renders the subject and both bodies of `mail` in its locale.
pub fn render(mail: &Mail) -> Rendered {
    let (Mail::VerifyEmail {
        name, locale, link, ..
    }
    | Mail::ResetPassword {
        name, locale, link, ..
    }) = mail;
    let c = copy(MailKind::of(mail), *locale);
    Rendered {
        subject: c.subject.to_owned(),
        text: text(&c, name, link),
        html: html(&c, name, link),
    }
}

fn text(c: &Copy, name: &str, link: &str) -> String {
    let comma = if c.lang == "ar" { "،" } else { "," };
    format!(
        "{greeting} {name}{comma}\n\n{intro}\n\n{link}\n\n{validity}\n{ignore}\n\n{signature}\n",
        greeting = c.greeting,
        intro = c.intro,
        validity = c.validity,
        ignore = c.ignore,
        signature = c.signature,
    )
}

fn html(c: &Copy, name: &str, link: &str) -> String {
    let comma = if c.lang == "ar" { "،" } else { "," };
    let align = if c.dir == "rtl" { "right" } else { "left" };
    let name = escape(name);
    let link = escape(link);
    format!(
        r#"<!DOCTYPE html>
<html lang="{lang}" dir="{dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{subject}</title>
</head>
<body dir="{dir}" style="margin:0;padding:24px;background:#f4f5f7;font-family:Tahoma,Arial,sans-serif;color:#1f2933;text-align:{align};">
<div style="max-width:560px;margin:0 auto;background:#ffffff;border-radius:8px;padding:24px;">
<p style="font-size:16px;">{greeting} {name}{comma}</p>
<p style="font-size:15px;line-height:1.6;">{intro}</p>
<p style="margin:28px 0;"><a href="{link}" style="background:#0b6e4f;color:#ffffff;padding:12px 20px;border-radius:6px;text-decoration:none;display:inline-block;">{button}</a></p>
<p style="font-size:13px;color:#52606d;">{fallback}<br><span dir="ltr" style="word-break:break-all;">{link}</span></p>
<p style="font-size:13px;color:#52606d;">{validity}<br>{ignore}</p>
<p style="font-size:13px;color:#52606d;">{signature}</p>
</div>
</body>
</html>
"#,
        lang = c.lang,
        dir = c.dir,
        subject = c.subject,
        greeting = c.greeting,
        intro = c.intro,
        button = c.button,
        fallback = c.fallback,
        validity = c.validity,
        ignore = c.ignore,
        signature = c.signature,
    )
}

/// Escapes the five characters that are special in HTML text and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(ch),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const VERIFY_LINK: &str = "http://localhost:3000/verify-email?token=Zx9_abc-DEF123";
    const RESET_LINK: &str = "http://localhost:3000/reset-password?token=Rq7_xyz-GHI456";

    fn verify(locale: Locale, name: &str) -> Mail {
        Mail::VerifyEmail {
            to: "sara@example.com".into(),
            name: name.into(),
            locale,
            link: VERIFY_LINK.into(),
        }
    }

    fn reset(locale: Locale, name: &str) -> Mail {
        Mail::ResetPassword {
            to: "sara@example.com".into(),
            name: name.into(),
            locale,
            link: RESET_LINK.into(),
        }
    }

    fn all() -> Vec<(Mail, &'static str)> {
        vec![
            (verify(Locale::Ar, "سارة"), VERIFY_LINK),
            (verify(Locale::En, "Sara"), VERIFY_LINK),
            (reset(Locale::Ar, "سارة"), RESET_LINK),
            (reset(Locale::En, "Sara"), RESET_LINK),
        ]
    }

    #[test]
    fn every_mail_contains_the_link_in_both_parts() {
        for (mail, link) in all() {
            let r = render(&mail);
            assert!(
                r.text.contains(link),
                "{:?} text lacks the link",
                MailKind::of(&mail)
            );
            assert!(
                r.html.contains(&format!(r#"href="{link}""#)),
                "{r:?} html lacks the link"
            );
        }
    }

    #[test]
    fn every_mail_contains_the_name() {
        for (mail, _) in all() {
            let r = render(&mail);
            let name = if r.html.contains("dir=\"rtl\"") {
                "سارة"
            } else {
                "Sara"
            };
            assert!(r.text.contains(name));
            assert!(r.html.contains(name));
        }
    }

    #[test]
    fn arabic_html_is_right_to_left_and_english_left_to_right() {
        for mail in [verify(Locale::Ar, "x"), reset(Locale::Ar, "x")] {
            let r = render(&mail);
            assert!(r.html.contains(r#"<html lang="ar" dir="rtl">"#));
            assert!(r.html.contains(r#"<body dir="rtl""#));
        }
        for mail in [verify(Locale::En, "x"), reset(Locale::En, "x")] {
            let r = render(&mail);
            assert!(r.html.contains(r#"<html lang="en" dir="ltr">"#));
            assert!(!r.html.contains("rtl"));
        }
    }

    #[test]
    fn subjects_are_localized_and_differ_by_kind() {
        assert_eq!(
            render(&verify(Locale::En, "x")).subject,
            "Basma: verify your email address"
        );
        assert_eq!(
            render(&reset(Locale::En, "x")).subject,
            "Basma: reset your password"
        );
        assert_eq!(
            render(&verify(Locale::Ar, "x")).subject,
            "بسمة: تأكيد بريدك الإلكتروني"
        );
        assert_eq!(
            render(&reset(Locale::Ar, "x")).subject,
            "بسمة: إعادة تعيين كلمة المرور"
        );
    }

    #[test]
    fn name_is_escaped_in_html_and_kept_in_text() {
        let hostile = r#"<script>alert("x")</script> & 'co'"#;
        for mail in [verify(Locale::En, hostile), reset(Locale::Ar, hostile)] {
            let r = render(&mail);
            assert!(!r.html.contains("<script>"));
            assert!(
                r.html.contains(
                    "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;"
                )
            );
            assert!(r.text.contains(hostile));
        }
    }

    #[test]
    fn link_with_ampersand_is_escaped_only_in_html() {
        let mail = Mail::VerifyEmail {
            to: "a@b.c".into(),
            name: "A".into(),
            locale: Locale::En,
            link: "https://app.example/verify-email?token=t1&lang=en".into(),
        };
        let r = render(&mail);
        assert!(
            r.text
                .contains("https://app.example/verify-email?token=t1&lang=en")
        );
        assert!(
            r.html
                .contains(r#"href="https://app.example/verify-email?token=t1&amp;lang=en""#)
        );
    }

    #[test]
    fn debug_of_rendered_hides_the_bodies() {
        let r = render(&verify(Locale::En, "x"));
        let printed = format!("{r:?}");
        assert!(!printed.contains("token"));
    }

    #[test]
    fn recipient_domain_is_what_follows_the_last_at() {
        assert_eq!(recipient_domain("sara@example.com"), "example.com");
        assert_eq!(recipient_domain("\"a@b\"@example.org"), "example.org");
        assert_eq!(recipient_domain("nobody"), "");
    }
}
