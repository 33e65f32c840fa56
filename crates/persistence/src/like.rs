//! Substring search with SQL `LIKE`: one pattern builder and one escape character for every
//! list that searches text.

/// `!`, because a backslash means different things in MySQL and SQLite string literals.
pub const ESCAPE: char = '!';

/// `%text%`, lowered (Unicode-aware, so the columns are compared with `LOWER`), with `%`, `_`
/// and [`ESCAPE`] in `text` matching literally.
pub fn contains_pattern(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('%');
    for c in text.to_lowercase().chars() {
        if matches!(c, '%' | '_' | ESCAPE) {
            out.push(ESCAPE);
        }
        out.push(c);
    }
    out.push('%');
    out
}

#[cfg(test)]
mod tests {
    use super::contains_pattern;

    #[test]
    fn like_wildcards_in_the_search_text_match_literally() {
        assert_eq!(contains_pattern("50%_A!b"), "%50!%!_a!!b%");
    }
}
