//! Item and heading markers at the start of a line: `1.` `1、` `一、` `(一)` `（一）` `一是`.

/// How a line is numbered. Documents use one style for items and others for headings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Style {
    /// `1.` or `1．`
    ArabicDot,
    /// `1、`
    ArabicComma,
    /// `(1)` or `（1）`
    ArabicParen,
    /// `一、`
    HanComma,
    /// `(一)` or `（一）`
    HanParen,
    /// `一是`
    HanShi,
}

impl Style {
    /// Nesting rank when used as a heading: `一、` sections contain `(一)` subsections.
    pub fn heading_level(self) -> u8 {
        match self {
            Style::HanComma => 1,
            Style::HanParen => 2,
            _ => 3,
        }
    }
}

/// A numbering marker found at the start of a line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Marker {
    /// The numbering style.
    pub style: Style,
    /// The ordinal, `五、` → 5.
    pub number: u32,
    /// The marker as written, e.g. `（一）`.
    pub label: String,
    /// Byte length of the marker and the white space after it.
    pub length: usize,
}

/// The marker at the start of `line`, if any.
pub fn marker(line: &str) -> Option<Marker> {
    let (style, number, label_length) = arabic(line)
        .or_else(|| parenthesized(line))
        .or_else(|| han(line))?;
    let label = line[..label_length].to_string();
    let rest = &line[label_length..];
    let spaces = rest.len() - rest.trim_start_matches([' ', '\u{3000}', '\t']).len();
    // A marker must be followed by text: "1." alone is not an item.
    (spaces < rest.len()).then_some(Marker {
        style,
        number,
        label,
        length: label_length + spaces,
    })
}

fn arabic(line: &str) -> Option<(Style, u32, usize)> {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 3 {
        return None;
    }
    let number = line[..digits].parse().ok()?;
    let after = line[digits..].chars().next()?;
    let style = match after {
        // "2014年" or "5个" are not markers: only these separators are.
        '.' | '．' => {
            // "1.5亿" is a number, not a marker.
            let next = line[digits + after.len_utf8()..].chars().next();
            if next.is_some_and(|c| c.is_ascii_digit()) {
                return None;
            }
            Style::ArabicDot
        }
        '、' => Style::ArabicComma,
        _ => return None,
    };
    Some((style, number, digits + after.len_utf8()))
}

fn parenthesized(line: &str) -> Option<(Style, u32, usize)> {
    let open = line.chars().next().filter(|c| matches!(c, '(' | '（'))?;
    let inner_start = open.len_utf8();
    let close_at = line[inner_start..].find([')', '）'])? + inner_start;
    let inner = &line[inner_start..close_at];
    let close_length = line[close_at..].chars().next()?.len_utf8();
    let (style, number) =
        if !inner.is_empty() && inner.len() <= 3 && inner.bytes().all(|b| b.is_ascii_digit()) {
            (Style::ArabicParen, inner.parse().ok()?)
        } else {
            (Style::HanParen, han_number(inner)?)
        };
    Some((style, number, close_at + close_length))
}

fn han(line: &str) -> Option<(Style, u32, usize)> {
    let numeral_length: usize = line
        .chars()
        .take_while(|c| han_digit(*c).is_some())
        .map(char::len_utf8)
        .sum();
    if numeral_length == 0 {
        return None;
    }
    let number = han_number(&line[..numeral_length])?;
    let rest = &line[numeral_length..];
    if rest.starts_with('、') {
        Some((Style::HanComma, number, numeral_length + '、'.len_utf8()))
    } else if rest.starts_with('是') {
        Some((Style::HanShi, number, numeral_length + '是'.len_utf8()))
    } else {
        None
    }
}

fn han_digit(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '零' => 0,
        '一' => 1,
        '二' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        '十' => 10,
        _ => return None,
    })
}

/// `十二` → 12, `二十` → 20, `二十三` → 23, `七` → 7; 1 to 99.
pub fn han_number(text: &str) -> Option<u32> {
    let digits: Vec<u32> = text.chars().map(han_digit).collect::<Option<_>>()?;
    match digits.as_slice() {
        [units @ 1..=9] => Some(*units),
        [10] => Some(10),
        [10, units @ 1..=9] => Some(10 + units),
        [tens @ 2..=9, 10] => Some(tens * 10),
        [tens @ 2..=9, 10, units @ 1..=9] => Some(tens * 10 + units),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn style_and_number(line: &str) -> Option<(Style, u32, String)> {
        marker(line).map(|found| (found.style, found.number, found.label))
    }

    #[test]
    fn reads_every_style_in_both_widths() {
        let cases = [
            ("1.深化改革", Style::ArabicDot, 1, "1."),
            ("12．深化改革", Style::ArabicDot, 12, "12．"),
            ("3、提升水平", Style::ArabicComma, 3, "3、"),
            ("(2)细则", Style::ArabicParen, 2, "(2)"),
            ("十一、推动法治化", Style::HanComma, 11, "十一、"),
            ("(一)坚持方向", Style::HanParen, 1, "(一)"),
            ("（十二）加强", Style::HanParen, 12, "（十二）"),
            ("二是深入开展", Style::HanShi, 2, "二是"),
        ];
        for (line, style, number, label) in cases {
            assert_eq!(
                style_and_number(line),
                Some((style, number, label.to_string())),
                "{line}"
            );
        }
        assert_eq!(marker("1. 进一步清理").unwrap().length, 3);
    }

    #[test]
    fn ignores_numbers_that_are_not_markers() {
        for line in [
            "2014年是",
            "1.5亿元",
            "5个街道",
            "(此项工作由区法制办牵头)",
            "一年来",
            "1.",
            "十是",
            "(二十一",
        ] {
            assert_eq!(marker(line), None, "{line}");
        }
    }

    #[test]
    fn converts_han_numerals() {
        assert_eq!(han_number("十"), Some(10));
        assert_eq!(han_number("十二"), Some(12));
        assert_eq!(han_number("二十"), Some(20));
        assert_eq!(han_number("九十九"), Some(99));
        assert_eq!(han_number("十十"), None);
        assert_eq!(han_number("一十"), None);
        assert_eq!(han_number(""), None);
    }
}
