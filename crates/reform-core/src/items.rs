//! Stage one for a document's items: numbered paragraphs, the headings above them, and the
//! responsibility each states, names as written. The compiler validates this raw form
//! against the unit registry to build the model's items.

use crate::date::Date;
use crate::header::DocumentHeader;
use crate::numbering::{marker, Marker, Style};
use crate::responsibility::{
    deadline_date, is_label_line, parse_clause, trailing_group, Responsibility,
};
use crate::text;
use std::sync::Arc;

/// One numbered item as the text gives it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawItem {
    /// Ordinal from the marker: `五、` → 5.
    pub number: u32,
    /// The marker as written, e.g. `五、` or `1.`.
    pub label: String,
    /// Short title: the first sentence, without marker and responsibility clause.
    pub title: String,
    /// The item's lines verbatim, joined by `\n`.
    pub text: String,
    /// 1-based line where the item starts.
    pub first_line: u32,
    /// 1-based line where the item ends (label lines included).
    pub last_line: u32,
    /// Heading of the enclosing section (`二、…`), without its marker; one string shared
    /// by the section's items.
    pub section: Option<Arc<str>>,
    /// Heading of the enclosing subsection (`(一)…`), without its marker; shared likewise.
    pub subsection: Option<Arc<str>>,
    /// Units, leaders and deadline, as written.
    pub responsibility: Responsibility,
    /// The deadline as a date, when it names one.
    pub deadline: Option<Date>,
}

/// The year a plan is for, which dates `全年` (the whole year): the first `YYYY年` of the
/// title, else the year of issue.
pub fn plan_year(header: &DocumentHeader) -> Option<u16> {
    let from_title = header.title.as_ref().and_then(|title| {
        let title = &title.value;
        let end = title.find('年')?;
        let start = end.checked_sub(4)?;
        title
            .get(start..end)
            .filter(|year| year.bytes().all(|b| b.is_ascii_digit()))?
            .parse()
            .ok()
    });
    from_title.or(header.issued.as_ref().map(|issued| issued.value.year))
}

/// A document's lines as its items are read from them: trimmed, numbered from 1. An
/// item's text can be cut from them again ([`ItemLines::text`]), so that the compiler need
/// not hold the texts of a national corpus's items (365 MB) while it holds their records.
pub struct ItemLines<'a>(Vec<(u32, &'a str)>);

impl<'a> ItemLines<'a> {
    /// The lines of `source`, each with its number.
    pub fn of(source: &'a str) -> ItemLines<'a> {
        ItemLines(
            source
                .lines()
                .zip(1u32..)
                .map(|(line, number)| (number, text::trim(line)))
                .collect(),
        )
    }

    /// [`RawItem::text`] of the item on lines `first_line..=last_line`, as [`read_items`]
    /// gives it; `None` when the source has no such lines.
    pub fn text(&self, first_line: u32, last_line: u32) -> Option<String> {
        let first = usize::try_from(first_line.checked_sub(1)?).ok()?;
        let last = usize::try_from(last_line.checked_sub(1)?).ok()?;
        let lines = self.0.get(first..=last)?;
        Some(joined(lines.iter().map(|(_, line)| *line)))
    }
}

/// An item's lines joined as its text.
fn joined<'a>(lines: impl Iterator<Item = &'a str>) -> String {
    lines.collect::<Vec<_>>().join("\n")
}

/// Reads every item of a plan-like document. Never fails: a text without items gives none.
pub fn read_items(source: &str, plan_year: Option<u16>) -> Vec<RawItem> {
    let ItemLines(lines) = ItemLines::of(source);
    let markers: Vec<Option<Marker>> = lines.iter().map(|(_, line)| marker(line)).collect();
    // Each marked line's closing clause of responsibility, read once: the item style is
    // chosen by them, and the items are read with them.
    let mut clauses: Vec<Option<(usize, Responsibility)>> = lines
        .iter()
        .zip(&markers)
        .map(|((_, line), found)| {
            found.as_ref()?;
            let (start, inner) = trailing_group(line)?;
            Some((start, parse_clause(inner)?))
        })
        .collect();
    let Some(item_style) = item_style(&lines, &markers, &clauses) else {
        return Vec::new();
    };
    let mut items = Vec::new();
    let mut section: Option<Arc<str>> = None;
    let mut subsection: Option<Arc<str>> = None;
    let mut index = 0;
    while index < lines.len() {
        let line = lines[index].1;
        let Some(found) = &markers[index] else {
            index += 1;
            continue;
        };
        if found.style != item_style {
            let level = found.style.heading_level();
            if level < item_style.heading_level() && is_heading(&line[found.length..], level) {
                let heading = Some(heading_text(&line[found.length..]));
                if level == 1 {
                    section = heading;
                    subsection = None;
                } else {
                    subsection = heading;
                }
            }
            index += 1;
            continue;
        }
        let label_lines = lines[index + 1..]
            .iter()
            .take_while(|(_, next)| is_label_line(next))
            .count();
        let item_lines = &lines[index..=index + label_lines];
        items.push(read_item(
            found,
            item_lines,
            clauses[index].take(),
            section.clone(),
            subsection.clone(),
            plan_year,
        ));
        index += 1 + label_lines;
    }
    items
}

/// The item marked `found` on the first of `item_lines`, whose closing clause of
/// responsibility (its offset in the line, and what it says) is `clause`.
fn read_item(
    found: &Marker,
    item_lines: &[(u32, &str)],
    clause: Option<(usize, Responsibility)>,
    section: Option<Arc<str>>,
    subsection: Option<Arc<str>>,
    plan_year: Option<u16>,
) -> RawItem {
    let (first_line, paragraph) = item_lines[0];
    let body = &paragraph[found.length..];
    let mut responsibility = Responsibility::default();
    let mut title_source = body;
    // The line's last bracket is the body's when it opens after the marker; one that
    // opens inside the marker closes no clause of the body.
    if let Some((start, clause)) = clause.filter(|(start, _)| *start >= found.length) {
        responsibility.merge(clause);
        title_source = &body[..start - found.length];
    }
    for (_, label_line) in &item_lines[1..] {
        responsibility.merge(parse_clause(label_line).unwrap_or_default());
    }
    let deadline = responsibility
        .deadline
        .as_deref()
        .and_then(|raw| deadline_date(raw, plan_year));
    RawItem {
        number: found.number,
        label: found.label.clone(),
        title: title_of(title_source),
        text: joined(item_lines.iter().map(|(_, line)| *line)),
        first_line,
        last_line: item_lines[item_lines.len() - 1].0,
        section,
        subsection,
        responsibility,
        deadline,
    }
}

/// The style whose paragraphs carry responsibility clauses most often; without any, the
/// most frequent Arabic style, then `一、`.
fn item_style(
    lines: &[(u32, &str)],
    markers: &[Option<Marker>],
    clauses: &[Option<(usize, Responsibility)>],
) -> Option<Style> {
    let mut tallies: Vec<(Style, usize, usize)> = Vec::new();
    for (index, found) in markers.iter().enumerate() {
        let Some(found) = found else { continue };
        let annotated = clauses[index].is_some()
            || lines
                .get(index + 1)
                .is_some_and(|(_, next)| is_label_line(next) && markers[index + 1].is_none());
        match tallies
            .iter_mut()
            .find(|(style, _, _)| *style == found.style)
        {
            Some((_, count, with_clause)) => {
                *count += 1;
                *with_clause += usize::from(annotated);
            }
            None => tallies.push((found.style, 1, usize::from(annotated))),
        }
    }
    let preference = |style: Style| match style {
        Style::ArabicDot | Style::ArabicComma => 2,
        Style::HanComma => 1,
        _ => 0,
    };
    tallies
        .into_iter()
        .filter(|(style, _, with_clause)| *with_clause > 0 || preference(*style) > 0)
        .max_by_key(|(style, count, with_clause)| (*with_clause, preference(*style), *count))
        .map(|(style, _, _)| style)
}

/// A heading is one short sentence: `进一步推动社会建设创新。`, not a paragraph.
fn is_heading(text: &str, level: u8) -> bool {
    let limit = if level == 1 { 80 } else { 60 };
    let body = text::trim(text).trim_end_matches('。');
    !body.is_empty() && body.chars().count() <= limit && !body.contains('。')
}

fn heading_text(text: &str) -> Arc<str> {
    text::trim(text).trim_end_matches('。').into()
}

/// The first sentence, or its first clause when the sentence is long.
fn title_of(body: &str) -> String {
    let body = text::trim(body);
    let sentence = body.split('。').next().unwrap_or(body);
    let title = if sentence.chars().count() <= 60 {
        sentence
    } else {
        sentence
            .split([',', '，', ';', '；'])
            .next()
            .unwrap_or(sentence)
    };
    let title = text::trim(title);
    if title.chars().count() <= 60 {
        title.to_string()
    } else {
        let mut short: String = title.chars().take(40).collect();
        short.push('…');
        short
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn titles(items: &[RawItem]) -> Vec<(u32, &str)> {
        items
            .iter()
            .map(|item| (item.number, item.title.as_str()))
            .collect()
    }

    #[test]
    fn reads_items_with_trailing_brackets_under_sections() {
        let source = "计划\n一、总体要求\n(一)坚持方向。坚持党的领导。\n二、转变政府职能\n\
            1.深化行政审批制度改革。清理事项。(牵头单位:区编办、区法制办、各相关单位)\n\
            2.制定权责清单。梳理职权。(牵头单位:区编办,区监察局)。\n三、工作要求\n(一)加强领导。区委成立小组。";
        let items = read_items(source, Some(2014));
        assert_eq!(
            titles(&items),
            [(1, "深化行政审批制度改革"), (2, "制定权责清单")]
        );
        assert_eq!(items[0].section.as_deref(), Some("转变政府职能"));
        assert_eq!(
            items[0].responsibility.lead,
            ["区编办", "区法制办", "各相关单位"]
        );
        assert_eq!(items[1].responsibility.lead, ["区编办", "区监察局"]);
        assert_eq!((items[1].first_line, items[1].last_line), (6, 6));
    }

    #[test]
    fn an_item_text_is_cut_again_from_its_document_lines_as_read() {
        let folder = concat!(env!("CARGO_MANIFEST_DIR"), "/../../seeds/documents");
        let mut sources: Vec<String> = std::fs::read_dir(folder)
            .unwrap()
            .map(|entry| std::fs::read_to_string(entry.unwrap().path()).unwrap())
            .collect();
        sources.push(
            "前言\r\n  1.第一项。(牵头单位:甲局)\r\n\u{3000}主办单位:乙局。 \r\n2.第二项".into(),
        );
        let mut cut = 0;
        for source in &sources {
            let lines = ItemLines::of(source);
            for item in read_items(source, None) {
                let again = lines.text(item.first_line, item.last_line);
                assert_eq!(again.as_deref(), Some(&*item.text));
                cut += 1;
            }
        }
        assert!(cut > 50, "{cut} items");
        let lines = ItemLines::of("一\n二");
        assert_eq!(lines.text(1, 2).as_deref(), Some("一\n二"));
        assert_eq!(lines.text(0, 1), None);
        assert_eq!(lines.text(2, 3), None);
    }

    #[test]
    fn reads_label_lines_after_the_item() {
        let source = "一、重点改革项目\n(一)进一步推动社会建设创新。\n1、建立机制。探索模式。\n牵头区领导:王宏彬;\n\
            主办单位:区民政局;\n协办单位:区委宣传部、各街道办。\n2、加快培育。完善机制。\n牵头区领导:王宏彬;\n主办单位:区委组织部(区编办)。\n\
            二、改革工作要求\n(一)切实加强领导。成立小组。";
        let items = read_items(source, None);
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].responsibility.leaders, ["王宏彬"]);
        assert_eq!(items[0].responsibility.lead, ["区民政局"]);
        assert_eq!(items[0].responsibility.co, ["区委宣传部", "各街道办"]);
        assert_eq!(
            items[0].subsection.as_deref(),
            Some("进一步推动社会建设创新")
        );
        assert_eq!((items[0].first_line, items[0].last_line), (3, 6));
        assert_eq!(items[1].responsibility.lead, ["区委组织部(区编办)"]);
        assert!(items[1].text.ends_with("主办单位:区委组织部(区编办)。"));
    }

    #[test]
    fn reads_han_numbered_items_and_sentence_clauses() {
        let source = "要点\n一、全面推行共治。在10个街道推行。(牵头落实单位:区社工委,协办单位:区民政局)\n\
            二、推进改革。按照方案。(此项工作由区法制办牵头,各有关单位配合,2012年12月底前完成。)\n结语段落。";
        let items = read_items(source, Some(2015));
        assert_eq!(titles(&items), [(1, "全面推行共治"), (2, "推进改革")]);
        assert_eq!(items[1].deadline.unwrap().to_string(), "2012-12-31");
        assert_eq!(items[1].responsibility.co, ["各有关单位"]);
        assert_eq!(items[1].last_line, 3);
    }

    #[test]
    fn keeps_a_cut_off_last_item_without_inventing_units() {
        let source = "1.第一项。内容。(牵头单位:甲局)\n2.第二项。内容被截";
        let items = read_items(source, None);
        assert_eq!(items.len(), 2);
        assert_eq!(items[1].title, "第二项");
        assert!(items[1].responsibility.is_empty());
    }

    #[test]
    fn a_text_without_markers_has_no_items() {
        assert!(read_items("", None).is_empty());
        assert!(read_items("新闻正文。\n2018年是改革开放40周年。", None).is_empty());
    }

    #[test]
    fn titles_are_short() {
        assert_eq!(title_of("深化改革。正文"), "深化改革");
        let long = "甲".repeat(70) + ",乙。";
        assert_eq!(title_of(&long).chars().count(), 41);
    }
}
