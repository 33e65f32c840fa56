//! Spreadsheet-safe CSV cells (OWASP "CSV injection"): a cell a spreadsheet would read as a
//! formula gets a leading `'`, so it is shown as the text it is.

use std::borrow::Cow;

/// `value` as a cell no spreadsheet evaluates: a value starting with `=`, `+`, `-`, `@`, a
/// tab or a carriage return is prefixed with `'`; anything else is returned as it is.
pub fn cell(value: &str) -> Cow<'_, str> {
    if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{value}"))
    } else {
        Cow::Borrowed(value)
    }
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn formula_starts_are_neutralised_and_plain_text_is_kept() {
        for risky in [
            "=HYPERLINK(\"x\")",
            "+1+cmd|' /C calc'!A0",
            "-2+3",
            "@SUM(A1)",
            "\tx",
            "\rx",
        ] {
            assert_eq!(cell(risky), format!("'{risky}"));
        }
        for plain in ["Leak in flat 3", "تسرب مياه", "", "a=b"] {
            assert_eq!(cell(plain), plain);
        }
    }
}
