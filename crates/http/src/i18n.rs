//! The message catalogue: every sentence the API says, in Arabic and English. Codes never
//! change with the language; only these texts do.

use crate::error::{Detail, ErrorCode, ErrorDetail};
use basma_domain::model::Locale;
use basma_domain::validation::Rule;

/// Messages beyond the default one per error code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Msg {
    Ok,
    Created,
    Updated,
    Deleted,
    Ready,
    NotReady,
    RouteNotFound,
}

fn pick(locale: Locale, ar: &'static str, en: &'static str) -> &'static str {
    match locale {
        Locale::Ar => ar,
        Locale::En => en,
    }
}

pub fn text(msg: Msg, locale: Locale) -> &'static str {
    match msg {
        Msg::Ok => pick(locale, "تمت العملية بنجاح", "Success"),
        Msg::Created => pick(locale, "تم الإنشاء بنجاح", "Created"),
        Msg::Updated => pick(locale, "تم التحديث بنجاح", "Updated"),
        Msg::Deleted => pick(locale, "تم الحذف بنجاح", "Deleted"),
        Msg::Ready => pick(locale, "الخدمة جاهزة", "Service is ready"),
        Msg::NotReady => pick(locale, "الخدمة غير جاهزة", "Service is not ready"),
        Msg::RouteNotFound => pick(locale, "المسار غير موجود", "No such route"),
    }
}

/// The default message of each error code.
pub fn error_message(code: ErrorCode, locale: Locale) -> &'static str {
    match code {
        ErrorCode::ValidationError => pick(
            locale,
            "البيانات المدخلة غير صالحة",
            "The input is not valid",
        ),
        ErrorCode::MalformedJson => {
            pick(locale, "صيغة JSON غير صحيحة", "The body is not valid JSON")
        }
        ErrorCode::Unauthenticated => {
            pick(locale, "يلزم تسجيل الدخول", "Authentication is required")
        }
        ErrorCode::InvalidToken => pick(locale, "رمز الدخول غير صالح", "The token is not valid"),
        ErrorCode::TokenExpired => pick(locale, "انتهت صلاحية رمز الدخول", "The token has expired"),
        ErrorCode::InvalidCredentials => pick(
            locale,
            "البريد الإلكتروني أو كلمة المرور غير صحيحة",
            "Wrong email or password",
        ),
        ErrorCode::Forbidden => pick(locale, "ليست لديك صلاحية لهذا الإجراء", "You may not do this"),
        ErrorCode::EmailNotVerified => pick(
            locale,
            "يجب تأكيد البريد الإلكتروني أولاً",
            "Verify your email address first",
        ),
        ErrorCode::AccountDisabled => pick(locale, "الحساب معطل", "This account is disabled"),
        ErrorCode::NotFound => pick(locale, "العنصر غير موجود", "Not found"),
        ErrorCode::MethodNotAllowed => pick(
            locale,
            "الطريقة غير مسموحة لهذا المسار",
            "Method not allowed on this route",
        ),
        ErrorCode::Conflict => pick(
            locale,
            "تعارض مع الحالة الحالية",
            "Conflicts with the current state",
        ),
        ErrorCode::EmailTaken => pick(
            locale,
            "البريد الإلكتروني مستخدم",
            "This email is already registered",
        ),
        ErrorCode::InvalidTransition => pick(
            locale,
            "لا يمكن نقل الطلب إلى هذه الحالة",
            "The request cannot move to that status",
        ),
        ErrorCode::VersionConflict => pick(
            locale,
            "تم تعديل الطلب من قبل شخص آخر، أعد التحميل",
            "Someone else changed this first; reload and retry",
        ),
        ErrorCode::PayloadTooLarge => pick(locale, "حجم الطلب كبير جداً", "The body is too large"),
        ErrorCode::UnsupportedMediaType => pick(
            locale,
            "نوع المحتوى يجب أن يكون application/json",
            "Content-Type must be application/json",
        ),
        ErrorCode::RateLimited => pick(
            locale,
            "طلبات كثيرة، حاول لاحقاً",
            "Too many requests; retry later",
        ),
        ErrorCode::ServiceUnavailable => pick(
            locale,
            "الخدمة غير متاحة مؤقتاً",
            "The service is temporarily unavailable",
        ),
        ErrorCode::InternalError => {
            pick(locale, "حدث خطأ داخلي", "Something went wrong on our side")
        }
    }
}

/// Explains a broken validation rule.
pub fn rule_message(rule: &Rule, locale: Locale) -> String {
    match (rule, locale) {
        (Rule::Required, Locale::Ar) => "هذا الحقل مطلوب".into(),
        (Rule::Required, Locale::En) => "This field is required".into(),
        (Rule::Length { min, max }, Locale::Ar) => {
            format!("يجب أن يكون الطول بين {min} و{max} حرفاً")
        }
        (Rule::Length { min, max }, Locale::En) => {
            format!("Must be between {min} and {max} characters long")
        }
        (Rule::Range { min, max }, Locale::Ar) => format!("يجب أن تكون القيمة بين {min} و{max}"),
        (Rule::Range { min, max }, Locale::En) => format!("Must be between {min} and {max}"),
        (Rule::EmailFormat, Locale::Ar) => "البريد الإلكتروني غير صالح".into(),
        (Rule::EmailFormat, Locale::En) => "Not a valid email address".into(),
        (Rule::PhoneFormat, Locale::Ar) => "رقم الهاتف غير صالح".into(),
        (Rule::PhoneFormat, Locale::En) => "Not a valid phone number".into(),
        (Rule::PasswordStrength, Locale::Ar) => {
            "يجب أن تحتوي كلمة المرور على حرف ورقم وألا تطابق البريد الإلكتروني".into()
        }
        (Rule::PasswordStrength, Locale::En) => {
            "Needs a letter and a digit, and must not be the email".into()
        }
        (Rule::OneOf { allowed }, Locale::Ar) => format!("القيم المسموحة: {}", allowed.join("، ")),
        (Rule::OneOf { allowed }, Locale::En) => format!("Must be one of: {}", allowed.join(", ")),
        (Rule::UuidFormat, Locale::Ar) => "المعرف غير صالح".into(),
        (Rule::UuidFormat, Locale::En) => "Not a valid id".into(),
        (Rule::DateTimeFormat, Locale::Ar) => "التاريخ يجب أن يكون بصيغة RFC 3339".into(),
        (Rule::DateTimeFormat, Locale::En) => "Must be an RFC 3339 date-time".into(),
        (Rule::CodeFormat, Locale::Ar) => "الرمز يجب أن يتكون من أحرف إنجليزية كبيرة وأرقام".into(),
        (Rule::CodeFormat, Locale::En) => "Must be upper-case letters, digits and _".into(),
        (Rule::Unknown, Locale::Ar) => "العنصر المشار إليه غير موجود".into(),
        (Rule::Unknown, Locale::En) => "Refers to something that does not exist".into(),
        (Rule::Mismatch, Locale::Ar) => "القيمة غير صحيحة".into(),
        (Rule::Mismatch, Locale::En) => "Does not match".into(),
        (Rule::WrongType { expected }, Locale::Ar) => {
            format!("نوع القيمة غير صحيح، المتوقع: {expected}")
        }
        (Rule::WrongType { expected }, Locale::En) => format!("Wrong type, expected {expected}"),
    }
}

pub fn render_detail(detail: &ErrorDetail, locale: Locale) -> Detail {
    match detail {
        ErrorDetail::Field(field) => Detail {
            field: field.field.clone(),
            message: rule_message(&field.rule, locale),
            allowed: None,
        },
        ErrorDetail::AllowedStatuses(allowed) => Detail {
            field: "status".into(),
            message: match locale {
                Locale::Ar if allowed.is_empty() => "لا توجد حالات تالية مسموحة".into(),
                Locale::Ar => format!("الحالات المسموحة: {}", allowed.join("، ")),
                Locale::En if allowed.is_empty() => "No next status is allowed".into(),
                Locale::En => format!("Allowed next statuses: {}", allowed.join(", ")),
            },
            allowed: Some(allowed.clone()),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_code_has_distinct_arabic_and_english_messages() {
        for code in ErrorCode::ALL {
            let (ar, en) = (
                error_message(code, Locale::Ar),
                error_message(code, Locale::En),
            );
            assert!(!ar.is_empty() && !en.is_empty() && ar != en, "{code:?}");
        }
    }
}
