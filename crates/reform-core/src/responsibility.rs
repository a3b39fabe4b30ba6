//! Who is responsible for an item, as the documents write it: a trailing bracket
//! `(牵头单位:A、B,协办单位:C)`, a sentence `(此项工作由A牵头,B配合,2012年12月底前完成。)`,
//! or separate lines `牵头区领导:X;` `主办单位:A;` `协办单位:B。`. Names stay as written;
//! the unit registry resolves them later.

use crate::date::Date;
use crate::text::{self, is_colon, CLOSE_PARENS, OPEN_PARENS};

/// Roles of the people and units named for an item, names as written.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Responsibility {
    /// Lead units (牵头 / 主办 / 责任单位).
    pub lead: Vec<String>,
    /// Co-organising units (协办 / 配合).
    pub co: Vec<String>,
    /// Responsible leaders, people (牵头区领导 / 责任领导).
    pub leaders: Vec<String>,
    /// The deadline as written, e.g. `2012年12月底前完成`.
    pub deadline: Option<String>,
}

impl Responsibility {
    /// True when nothing was found.
    pub fn is_empty(&self) -> bool {
        self.lead.is_empty()
            && self.co.is_empty()
            && self.leaders.is_empty()
            && self.deadline.is_none()
    }

    /// Adds what `other` names, keeping the first deadline.
    pub fn merge(&mut self, other: Responsibility) {
        self.lead.extend(other.lead);
        self.co.extend(other.co);
        self.leaders.extend(other.leaders);
        if self.deadline.is_none() {
            self.deadline = other.deadline;
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    Lead,
    Co,
    Leader,
    Deadline,
}

/// Labels that introduce a list, with the role of what follows.
const LABELS: [(&str, Role); 14] = [
    ("牵头区领导", Role::Leader),
    ("责任领导", Role::Leader),
    ("分管区领导", Role::Leader),
    ("牵头落实单位", Role::Lead),
    ("牵头单位", Role::Lead),
    ("牵头部门", Role::Lead),
    ("主办单位", Role::Lead),
    ("责任单位", Role::Lead),
    ("协办单位", Role::Co),
    ("配合单位", Role::Co),
    ("协助单位", Role::Co),
    ("参与单位", Role::Co),
    ("完成时限", Role::Deadline),
    ("完成时间", Role::Deadline),
];

fn label_role(label: &str) -> Option<Role> {
    LABELS
        .iter()
        .find(|(name, _)| text::eq_without_spaces(label, name))
        .map(|(_, role)| *role)
}

/// The last bracketed group of a paragraph when the paragraph ends with it (an optional
/// `。` may follow): returns the byte offset of the opening bracket and the inner text.
pub fn trailing_group(paragraph: &str) -> Option<(usize, &str)> {
    let trimmed = text::trim(paragraph).trim_end_matches(['。', '.']);
    let last = trimmed.chars().next_back()?;
    if !CLOSE_PARENS.contains(&last) {
        return None;
    }
    let mut depth = 0usize;
    for (offset, c) in trimmed.char_indices().rev() {
        if CLOSE_PARENS.contains(&c) {
            depth += 1;
        } else if OPEN_PARENS.contains(&c) {
            depth -= 1;
            if depth == 0 {
                let start = offset + c.len_utf8();
                let start_in_paragraph =
                    paragraph.len() - text::trim_start(paragraph).len() + offset;
                return Some((
                    start_in_paragraph,
                    &trimmed[start..trimmed.len() - last.len_utf8()],
                ));
            }
        }
    }
    None
}

/// True when a whole line is a label line such as `主办单位:区民政局;`.
pub fn is_label_line(line: &str) -> bool {
    let line = text::trim(line);
    line.find(is_colon)
        .is_some_and(|colon| label_role(&line[..colon]).is_some())
}

/// Reads a responsibility clause (the inside of a trailing bracket, or a label line);
/// `None` when the text is something else, such as `(试行)`.
pub fn parse_clause(clause: &str) -> Option<Responsibility> {
    let clause = text::trim(clause).trim_end_matches(['。', ';', '；', '.']);
    let mut found = Responsibility::default();
    let mut current: Option<Role> = None;
    let mut recognised = false;
    for part in split_top_level(clause, &[',', '，', ';', '；']) {
        let part = text::trim(part);
        if part.is_empty() {
            continue;
        }
        if let Some(colon) = part.find(is_colon) {
            if let Some(role) = label_role(&part[..colon]) {
                current = Some(role);
                recognised = true;
                add(&mut found, role, &part[colon + is_colon_len(part, colon)..]);
                continue;
            }
        }
        if looks_like_deadline(part) {
            found.deadline.get_or_insert_with(|| part.to_string());
            recognised = true;
            continue;
        }
        if let Some((role, names)) = sentence_role(part) {
            current = Some(role);
            recognised = true;
            add(&mut found, role, names);
            continue;
        }
        match current {
            // "…、各街道,区法院": an unlabelled list continues the previous role.
            Some(role) => add(&mut found, role, part),
            None => return None,
        }
    }
    (recognised && !found.is_empty()).then_some(found)
}

fn is_colon_len(text: &str, colon: usize) -> usize {
    text[colon..].chars().next().map_or(1, char::len_utf8)
}

fn add(found: &mut Responsibility, role: Role, list: &str) {
    let names = split_units(list);
    match role {
        Role::Lead => found.lead.extend(names),
        Role::Co => found.co.extend(names),
        Role::Leader => found.leaders.extend(names),
        Role::Deadline => {
            let list = text::trim(list);
            if !list.is_empty() {
                found.deadline.get_or_insert_with(|| list.to_string());
            }
        }
    }
}

/// `此项工作由A、B牵头` → lead A、B; `B配合` → co; `以上工作分别由各有关单位负责落实` → lead.
fn sentence_role(part: &str) -> Option<(Role, &str)> {
    const ENDINGS: [(&str, Role); 6] = [
        ("牵头", Role::Lead),
        ("负责落实", Role::Lead),
        ("负责", Role::Lead),
        ("配合", Role::Co),
        ("协办", Role::Co),
        ("协助", Role::Co),
    ];
    let (names, role) = ENDINGS
        .iter()
        .find_map(|(ending, role)| part.strip_suffix(ending).map(|names| (names, *role)))?;
    const PREFIXES: [&str; 5] = ["此项工作由", "以上工作分别由", "以上工作由", "分别由", "由"];
    let names = PREFIXES
        .iter()
        .find_map(|prefix| names.strip_prefix(prefix))
        .unwrap_or(names);
    (!text::trim(names).is_empty()).then_some((role, names))
}

fn looks_like_deadline(part: &str) -> bool {
    part == "全年"
        || part.contains("底前")
        || part.ends_with("前完成")
        || (part.contains("完成") && part.contains('年'))
}

/// Splits a list of names at `、` `,` `;` (either width) outside brackets:
/// `区委组织部(区编办)、区财政局` → two names.
/// `区编办等各有关单位` ("区编办 and the other units") gives `区编办` and `等各有关单位`.
pub fn split_units(list: &str) -> Vec<String> {
    let mut names = Vec::new();
    for name in split_top_level(list, &['、', ',', '，', ';', '；']) {
        let name = text::trim(name).trim_end_matches(['。', '.']);
        match name.find('等') {
            Some(position) if position > 0 => {
                names.push(name[..position].to_string());
                names.push(name[position..].to_string());
            }
            _ if !name.is_empty() => names.push(name.to_string()),
            _ => {}
        }
    }
    names
}

fn split_top_level<'a>(text: &'a str, separators: &[char]) -> Vec<&'a str> {
    let mut parts = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    for (offset, c) in text.char_indices() {
        match c {
            '(' | '（' | '<' | '〈' | '《' | '＜' => depth += 1,
            ')' | '）' | '>' | '〉' | '》' | '＞' => depth = (depth - 1).max(0),
            _ if depth == 0 && separators.contains(&c) => {
                parts.push(&text[start..offset]);
                start = offset + c.len_utf8();
            }
            _ => {}
        }
    }
    parts.push(&text[start..]);
    parts
}

/// The date a deadline means: `2012年12月底前` → 2012-12-31, `2013年7月底前完成阶段性任务`
/// → 2013-07-31, `2012年9月27日前` → that day, `全年` / `年底前` → the end of `plan_year`.
pub fn deadline_date(deadline: &str, plan_year: Option<u16>) -> Option<Date> {
    if let Some((date, _)) = Date::find_chinese(deadline) {
        return Some(date);
    }
    let year_end = deadline.find('年');
    // `get` rather than indexing: the four bytes before 年 may cut a character in two.
    let written_year = year_end
        .and_then(|end| deadline.get(end.checked_sub(4)?..end))
        .filter(|year| year.bytes().all(|b| b.is_ascii_digit()));
    let year = match written_year {
        Some(year) => year.parse().ok(),
        None => plan_year,
    }?;
    let after_year = year_end.map_or(deadline, |end| &deadline[end + '年'.len_utf8()..]);
    let digits = after_year.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && after_year[digits..].starts_with('月') {
        return Date::end_of_month(year, after_year[..digits].parse().ok()?);
    }
    if deadline.contains("全年") || deadline.contains("年底") || deadline.contains("年内") {
        return Date::end_of_month(year, 12);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clause(text: &str) -> Responsibility {
        parse_clause(text).unwrap_or_else(|| panic!("no responsibility in {text}"))
    }

    fn strings(names: &[&str]) -> Vec<String> {
        names.iter().map(|name| name.to_string()).collect()
    }

    #[test]
    fn reads_labelled_lists() {
        let found = clause("牵头单位:区编办、区法制办、区监察局、各相关单位");
        assert_eq!(
            found.lead,
            strings(&["区编办", "区法制办", "区监察局", "各相关单位"])
        );
        assert!(found.co.is_empty());
        let found = clause(
            "牵头落实单位：区社工委，协办单位：区委宣传部<区文化体育局>、区发改局、各街道办事处",
        );
        assert_eq!(found.lead, strings(&["区社工委"]));
        assert_eq!(
            found.co,
            strings(&["区委宣传部<区文化体育局>", "区发改局", "各街道办事处"])
        );
    }

    #[test]
    fn unlabelled_parts_continue_the_previous_role() {
        let found = clause("牵头单位:区城管局、区法制办、各相关职能部门、各街道,区法院");
        assert_eq!(found.lead.last().unwrap(), "区法院");
        let found = clause("牵头单位:A局,配合单位:B局、C局,各区");
        assert_eq!(found.co, strings(&["B局", "C局", "各区"]));
    }

    #[test]
    fn keeps_nested_brackets_inside_names() {
        let found = clause("牵头落实单位:区卫生计生局,协办单位:区委组织部(编办)、区财政局");
        assert_eq!(found.co, strings(&["区委组织部(编办)", "区财政局"]));
    }

    #[test]
    fn reads_sentences_with_deadlines() {
        let found = clause(
            "此项工作由区法制办、区人力资源局牵头,区编办等各有关单位配合,2012年12月底前完成。",
        );
        assert_eq!(found.lead, strings(&["区法制办", "区人力资源局"]));
        assert_eq!(found.co, strings(&["区编办", "等各有关单位"]));
        assert_eq!(found.deadline.as_deref(), Some("2012年12月底前完成"));
        let found = clause("A局牵头,B局、C局配合");
        assert_eq!((found.lead.len(), found.co.len()), (1, 2));
        let found = clause("以上工作分别由各有关单位负责落实。");
        assert_eq!(found.lead, strings(&["各有关单位"]));
    }

    #[test]
    fn reads_label_lines() {
        assert!(is_label_line("牵头区领导:王宏彬;"));
        assert!(is_label_line(
            "协办单位：区社会建设办、区财政局、各街道办。"
        ));
        assert!(!is_label_line("说明:这不是标签"));
        assert_eq!(clause("牵头区领导:王宏彬;").leaders, strings(&["王宏彬"]));
        assert_eq!(
            clause("主办单位:区委组织部(区编办)。").lead,
            strings(&["区委组织部(区编办)"])
        );
        assert_eq!(
            clause("完成时限:2013年3月底前").deadline.as_deref(),
            Some("2013年3月底前")
        );
        assert_eq!(
            clause("责任单位:甲局;责任领导:张三").leaders,
            strings(&["张三"])
        );
    }

    #[test]
    fn rejects_other_brackets() {
        assert_eq!(parse_clause("试行"), None);
        assert_eq!(parse_clause("粤办发〔2012〕24号"), None);
        assert_eq!(parse_clause(""), None);
        assert_eq!(parse_clause("牵头单位:"), None);
    }

    #[test]
    fn finds_the_trailing_group() {
        let paragraph = "1.推进改革。(牵头单位:区委组织部(编办)、区财政局)。";
        let (start, inner) = trailing_group(paragraph).unwrap();
        assert_eq!(inner, "牵头单位:区委组织部(编办)、区财政局");
        assert!(paragraph[start..].starts_with("(牵头单位"));
        assert_eq!(trailing_group("没有括号。"), None);
        assert_eq!(trailing_group("不平衡)"), None);
        assert_eq!(trailing_group(")"), None);
    }

    #[test]
    fn turns_deadlines_into_dates() {
        let date = |text| deadline_date(text, Some(2014)).map(|date| date.to_string());
        assert_eq!(date("2012年12月底前完成").as_deref(), Some("2012-12-31"));
        assert_eq!(date("2013年2月底前").as_deref(), Some("2013-02-28"));
        assert_eq!(
            date("2013年7月底前完成阶段性任务").as_deref(),
            Some("2013-07-31")
        );
        assert_eq!(date("2012年9月27日前").as_deref(), Some("2012-09-27"));
        assert_eq!(date("全年").as_deref(), Some("2014-12-31"));
        assert_eq!(date("6月底前").as_deref(), Some("2014-06-30"));
        assert_eq!(date("年底前完成").as_deref(), Some("2014-12-31"));
        assert_eq!(deadline_date("全年", None), None);
        assert_eq!(date("尽快").as_deref(), None);
        assert_eq!(date("2013年13月底前"), None);
    }

    #[test]
    fn survives_a_year_cut_inside_a_character() {
        // Found by `cargo fuzz run parse_document`: the bytes before 年 split a character.
        let deadline = "\u{fffd}\u{fffd}20年6月底前完成";
        assert_eq!(
            deadline_date(deadline, Some(2020))
                .map(|date| date.to_string())
                .as_deref(),
            Some("2020-06-30")
        );
        assert_eq!(deadline_date("年", None), None);
    }
}
