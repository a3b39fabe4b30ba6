//! Small text helpers shared by the parsers. Documents mix ASCII and full-width
//! punctuation freely, so every comparison goes through these.

/// Opening brackets that enclose asides, dates and unit lists.
pub const OPEN_PARENS: [char; 2] = ['(', '（'];
/// Closing brackets matching [`OPEN_PARENS`].
pub const CLOSE_PARENS: [char; 2] = [')', '）'];

/// True for `:` and `：`.
pub fn is_colon(c: char) -> bool {
    matches!(c, ':' | '：')
}

/// White space, including the full-width space (U+3000) and no-break space.
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{3000}' || c == '\u{a0}'
}

/// Trims white space, including the full-width space (U+3000) and no-break space.
pub fn trim(text: &str) -> &str {
    text.trim_matches(is_space)
}

/// `"(2014年4月1日)"` → `"2014年4月1日"`; text without one enclosing pair is returned trimmed.
pub fn strip_enclosing_parens(text: &str) -> &str {
    let text = trim(text);
    let mut chars = text.chars();
    match (chars.next(), chars.next_back()) {
        (Some(open), Some(close))
            if OPEN_PARENS.contains(&open) && CLOSE_PARENS.contains(&close) =>
        {
            trim(&text[open.len_utf8()..text.len() - close.len_utf8()])
        }
        _ => text,
    }
}

/// Collapses every run of white space to one ASCII space and trims the ends.
pub fn normalize_spaces(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split(is_space) {
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Removes all white space: `"名 称"` → `"名称"`, for matching labels.
pub fn without_spaces(text: &str) -> String {
    text.chars().filter(|&c| !is_space(c)).collect()
}

/// True when `text` without its white space is `expected`: [`without_spaces`] compared,
/// without building the string, and given up at the first difference (a label is
/// looked for before the colon of every line, however long).
pub fn eq_without_spaces(text: &str, expected: &str) -> bool {
    text.chars().filter(|&c| !is_space(c)).eq(expected.chars())
}

/// True for an id usable in a URL and a file name as it is: lowercase ASCII letters,
/// digits and hyphens, not starting with a hyphen (`2014-luohu-reform-plan`).
pub fn is_slug(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// True for characters of the CJK Unified Ideographs blocks.
pub fn is_han(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' | '\u{f900}'..='\u{faff}')
}

/// A span of years as readers see it everywhere: `2011–2015`, just `2014` for a single
/// year, nothing for none.
pub fn year_span(years: Option<(u16, u16)>) -> String {
    match years {
        Some((first, last)) if first == last => first.to_string(),
        Some((first, last)) => format!("{first}–{last}"),
        None => String::new(),
    }
}

/// A count of things in English, `1 document` or `3 documents`: `plural` is written out,
/// not derived, so that `1 entry` / `2 entries` reads right too.
pub fn english_count(count: usize, singular: &str, plural: &str) -> String {
    format!("{count} {}", english_noun(count, singular, plural))
}

/// The noun for `count` things in English, where the number stands apart from it.
pub fn english_noun<'a>(count: usize, singular: &'a str, plural: &'a str) -> &'a str {
    if count == 1 {
        singular
    } else {
        plural
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_lowercase_ascii_words_joined_by_hyphens() {
        assert!(is_slug("2014-luohu-reform-plan"));
        for not_slug in ["", "-x", "Luohu", "luohu_plan", "罗湖", "a b"] {
            assert!(!is_slug(not_slug), "{not_slug:?}");
        }
    }

    #[test]
    fn counts_one_thing_in_the_singular() {
        assert_eq!(english_count(1, "document", "documents"), "1 document");
        assert_eq!(english_count(0, "document", "documents"), "0 documents");
        assert_eq!(english_count(2, "entry", "entries"), "2 entries");
    }

    #[test]
    fn writes_a_span_of_one_year_once() {
        assert_eq!(year_span(Some((2011, 2015))), "2011–2015");
        assert_eq!(year_span(Some((2014, 2014))), "2014");
        assert_eq!(year_span(None), "");
    }

    #[test]
    fn strips_one_pair_of_either_width() {
        assert_eq!(strip_enclosing_parens(" (2014年4月1日) "), "2014年4月1日");
        assert_eq!(
            strip_enclosing_parens("（深盐办〔2011〕37号）"),
            "深盐办〔2011〕37号"
        );
        assert_eq!(strip_enclosing_parens("(a"), "(a");
        assert_eq!(strip_enclosing_parens("("), "(");
        assert_eq!(strip_enclosing_parens(""), "");
    }

    #[test]
    fn normalizes_mixed_spaces() {
        assert_eq!(normalize_spaces(" 名\u{3000}称  甲 "), "名 称 甲");
        assert_eq!(without_spaces("名 称"), "名称");
        assert!(eq_without_spaces(" 名\u{3000}称 ", "名称"));
        assert!(!eq_without_spaces("名称单位", "名称"));
        assert!(!eq_without_spaces("名", "名称"));
    }
}

/// Escapes text for HTML and SVG element content and quoted attribute values.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod escape_tests {
    #[test]
    fn escapes_markup() {
        assert_eq!(
            super::escape_html(r#"</text><script>"a'&"#),
            "&lt;/text&gt;&lt;script&gt;&quot;a&#39;&amp;"
        );
    }
}

/// [`trim`] at the start only.
pub fn trim_start(text: &str) -> &str {
    text.trim_start_matches(is_space)
}
