//! Stage one for a document's metadata: what the text itself says about the document
//! (title, document number, issuing body, dates), each value with the line it came from.
//! The compiler turns this raw form into a validated [`crate::Document`].

use crate::date::Date;
use crate::text::{self, is_colon, is_han, strip_enclosing_parens};

/// How many lines from the top may hold header information. Real documents put it in the
/// first few lines; looking further would pick up dates and numbers quoted in the body.
const HEADER_LINES: usize = 12;

/// A value together with the 1-based line number it was read from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Located<T> {
    /// The value as parsed.
    pub value: T,
    /// 1-based line number in the source text.
    pub line: u32,
}

impl<T> Located<T> {
    /// `Some(Located { value, line })`: the form every parser field takes.
    pub fn at(value: T, line: u32) -> Option<Located<T>> {
        Some(Located { value, line })
    }
}

/// The metadata a document's text states about itself; `None` where the text is silent.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DocumentHeader {
    /// The document's own title, e.g. from `关于印发《X》的通知` or the headline.
    pub title: Option<Located<String>>,
    /// Document number such as `罗办发〔2014〕1号`.
    pub doc_number: Option<Located<String>>,
    /// Issuing body, from the notice title `A关于印发…的通知`.
    pub issuer: Option<Located<String>>,
    /// Issue date printed alone on a line, `(2014年4月1日)`.
    pub issued: Option<Located<Date>>,
    /// Publication date, from `发布日期:` / `发布时间:` or a news dateline.
    pub published: Option<Located<Date>>,
}

/// Reads the header of a document: never fails, leaves unknown fields `None`.
pub fn read_header(source: &str) -> DocumentHeader {
    let mut header = DocumentHeader::default();
    let lines = source.lines().take(HEADER_LINES).zip(1u32..);
    for (raw_line, line) in lines {
        let content = text::trim(raw_line);
        if content.is_empty() {
            continue;
        }
        let bare = strip_enclosing_parens(content);
        if header.issued.is_none() {
            if let Some((date, range)) = Date::find_chinese(bare) {
                if range == (0..bare.len()) {
                    header.issued = Located::at(date, line);
                    continue;
                }
            }
        }
        if header.doc_number.is_none() && is_doc_number(bare) {
            header.doc_number = Located::at(bare.to_string(), line);
            continue;
        }
        if header.published.is_none() {
            if let Some(date) = publication_date(content) {
                header.published = Located::at(date, line);
                continue;
            }
        }
        if let Some((title, issuer)) = notice_title(content) {
            // The issuer counts only on the notice line that gave the title: later lines
            // quote other notices (`根据《关于印发〈…〉的通知》`).
            if header.title.is_none() {
                header.title = Located::at(title, line);
                header.issuer = issuer.and_then(|issuer| Located::at(issuer, line));
            }
        }
    }
    if header.title.is_none() {
        header.title = headline(source);
    }
    header
}

/// `罗办发〔2014〕1号`: a Han prefix, a bracketed four-digit year, a serial number, `号`.
pub fn is_doc_number(text: &str) -> bool {
    let prefix_len: usize = text
        .chars()
        .take_while(|c| is_han(*c))
        .map(char::len_utf8)
        .sum();
    if prefix_len == 0 {
        return false;
    }
    let mut rest = text[prefix_len..].chars();
    let opens = matches!(rest.next(), Some('〔' | '[' | '［' | '(' | '（' | '【'));
    let year: String = rest.by_ref().take(4).collect();
    let closes = matches!(rest.next(), Some('〕' | ']' | '］' | ')' | '）' | '】'));
    let tail: String = rest.collect();
    let serial = tail.strip_suffix('号').unwrap_or("");
    opens
        && closes
        && year.len() == 4
        && year.bytes().all(|b| b.is_ascii_digit())
        && !serial.is_empty()
        && serial.bytes().all(|b| b.is_ascii_digit())
}

/// `发布日期:2014-06-09` anywhere on the line, or a dateline `2018-12-28 10:25` alone.
fn publication_date(line: &str) -> Option<Date> {
    let compact = text::without_spaces(line);
    for label in ["发布日期", "发布时间", "发文日期"] {
        if let Some(position) = compact.find(label) {
            let after = compact[position + label.len()..].trim_start_matches(is_colon);
            if let Some(date) = after.get(..10).and_then(Date::parse_iso) {
                return Some(date);
            }
        }
    }
    let date = line.get(..10).and_then(Date::parse_iso)?;
    let time = text::trim(&line[10..]);
    let is_time = time.is_empty()
        || (time.len() == 5
            && time.as_bytes()[2] == b':'
            && time.bytes().filter(u8::is_ascii_digit).count() == 4);
    is_time.then_some(date)
}

/// The title of a notice that publishes a document, and the issuer before `关于`:
/// `A关于印发《X》的通知`, `关于印发X的通知`, `现将《X》印发给你们`, `《X》…现予印发`.
fn notice_title(line: &str) -> Option<(String, Option<String>)> {
    // A "名称:" label on gazette pages precedes the notice title.
    let line = match line.find(is_colon) {
        Some(colon) if text::eq_without_spaces(&line[..colon], "名称") => &line[colon + 1..],
        _ => line,
    };
    let line = text::trim(line);
    // Only the notice's own sentences: news text also "印发了《…》" other documents.
    let is_notice = (line.contains("关于印发") && line.ends_with("的通知"))
        || (line.starts_with("现将《") && line.contains("》印发"))
        || (line.starts_with('《') && line.contains("现予印发"));
    if !is_notice {
        return None;
    }
    let title = match quoted_title(line) {
        Some(title) => title.to_string(),
        None => {
            let start = line.find("关于印发")? + "关于印发".len();
            let end = line.rfind("的通知")?;
            line.get(start..end).filter(|t| !t.is_empty())?.to_string()
        }
    };
    let issuer = line
        .find("关于印发")
        .map(|end| text::normalize_spaces(&line[..end]))
        .filter(|issuer| !issuer.is_empty());
    Some((title, issuer))
}

/// Text inside the first `《…》`, allowing nested `〈…〉` / `<…>` inside.
fn quoted_title(line: &str) -> Option<&str> {
    let start = line.find('《')? + '《'.len_utf8();
    let length = line[start..].find('》')?;
    Some(&line[start..start + length]).filter(|title| !title.is_empty())
}

/// A news report has no notice: its title is the first line that is not site navigation.
fn headline(source: &str) -> Option<Located<String>> {
    source
        .lines()
        .take(HEADER_LINES)
        .zip(1u32..)
        .map(|(line, number)| (text::trim(line), number))
        .find(|(line, _)| !line.is_empty() && !line.contains(" > ") && !line.starts_with("首页"))
        .map(|(line, number)| Located {
            value: text::normalize_spaces(line),
            line: number,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_gazette_notice() {
        let source = "首页 > 政务公开 > 2014\n发布机构:信息中心发布日期:2014-06-09\n名 称:甲办公室 乙办公室关于印发《深圳市罗湖区2014年改革计划》的通知\n(2014年4月1日)\n罗办发〔2014〕1号\n正文";
        let header = read_header(source);
        assert_eq!(
            header.title,
            Located::at("深圳市罗湖区2014年改革计划".to_string(), 3)
        );
        assert_eq!(
            header.issuer,
            Located::at("甲办公室 乙办公室".to_string(), 3)
        );
        assert_eq!(
            header.issued,
            Located::at(Date::new(2014, 4, 1).unwrap(), 4)
        );
        assert_eq!(
            header.published,
            Located::at(Date::new(2014, 6, 9).unwrap(), 2)
        );
        assert_eq!(
            header.doc_number,
            Located::at("罗办发〔2014〕1号".to_string(), 5)
        );
    }

    #[test]
    fn reads_full_width_and_unquoted_forms() {
        let source = "发布时间：2011-09-02\n关于印发盐田区2011年重点改革计划的通知\n（2011年7月22日）\n（深盐办〔2011〕37号）";
        let header = read_header(source);
        assert_eq!(
            header.title,
            Located::at("盐田区2011年重点改革计划".to_string(), 2)
        );
        assert_eq!(header.issuer, None);
        assert_eq!(
            header.issued,
            Located::at(Date::new(2011, 7, 22).unwrap(), 3)
        );
        assert_eq!(
            header.doc_number,
            Located::at("深盐办〔2011〕37号".to_string(), 4)
        );
        assert_eq!(
            header.published,
            Located::at(Date::new(2011, 9, 2).unwrap(), 1)
        );
    }

    #[test]
    fn takes_a_news_headline_and_dateline() {
        let source = "抓重点 补短板\n读特记者 冯庆\n2018-12-28 10:25\n\n今年4月,区政府印发了《2018年改革计划》";
        let header = read_header(source);
        assert_eq!(header.title, Located::at("抓重点 补短板".to_string(), 1));
        assert_eq!(
            header.published,
            Located::at(Date::new(2018, 12, 28).unwrap(), 3)
        );
        assert_eq!(header.issued, None);
        assert_eq!(header.doc_number, None);
    }

    #[test]
    fn ignores_dates_and_numbers_quoted_in_the_body() {
        let source =
            "关于印发甲计划的通知\n为贯彻落实(粤办发〔2012〕24号)文件,于2012年9月27日起施行,\
            根据市委、市政府《关于印发〈深圳市2011改革计划〉的通知》精神";
        let header = read_header(source);
        assert_eq!(header.title, Located::at("甲计划".to_string(), 1));
        assert_eq!(header.issuer, None);
        assert_eq!(header.doc_number, None);
        assert_eq!(header.issued, None);
    }

    #[test]
    fn recognises_document_numbers() {
        assert!(is_doc_number("罗办〔2015〕4号"));
        assert!(is_doc_number("深办发[2015]1号"));
        assert!(!is_doc_number("〔2015〕4号"));
        assert!(!is_doc_number("罗办〔15〕4号"));
        assert!(!is_doc_number("罗办〔2015〕号"));
        assert!(!is_doc_number("罗办〔2015〕4号文"));
    }

    #[test]
    fn survives_empty_and_odd_input() {
        assert_eq!(read_header(""), DocumentHeader::default());
        let odd = read_header("《》印发\n关于印发的通知\n(\n2014-13-01\n");
        assert_eq!(odd.title, Located::at("《》印发".to_string(), 1));
        assert_eq!(odd.published, None);
    }
}
