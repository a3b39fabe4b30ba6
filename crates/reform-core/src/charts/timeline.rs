//! The timeline: documents on a time axis (issued ▲, published ■), item deadlines (◇, or
//! ! when overdue), progress reports (✓ delivered, ◐ under way) and curated lineage from
//! one document to a later one. Every mark has its own glyph; colour only repeats it.

use super::completion::{Language, NARROW};
use super::{
    draw_note, finish, fit_text, text_style, wrap, CellLink, Chart, Hotspot, Parts, Table, GRID,
    INK, MUTED,
};
use crate::index::Index;
use crate::model::{Bundle, Document, Item, ItemStatus, ProgressStatus};
use crate::routes::Page;
use crate::text::english_count;
use crate::Date;
use plotters::prelude::*;
use plotters::style::text_anchor::HPos;
use std::collections::BTreeMap;

/// Which items the timeline follows; `None` fields do not filter.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TimelineFilter {
    /// Only items of documents of this district.
    pub district: Option<String>,
    /// Only items of this theme.
    pub theme: Option<String>,
    /// Only items this unit leads or co-organises.
    pub unit: Option<String>,
    /// Only this item (the per-item timeline).
    pub item: Option<String>,
}

impl TimelineFilter {
    fn admits(&self, index: &Index, item: &Item) -> bool {
        self.item.as_ref().is_none_or(|id| item.id == *id)
            && self
                .district
                .as_ref()
                .is_none_or(|district| index.district_of(item) == Some(district.as_str()))
            && self
                .theme
                .as_ref()
                .is_none_or(|theme| item.themes.contains(theme))
            && self.unit.as_ref().is_none_or(|unit| {
                item.lead_units
                    .iter()
                    .chain(&item.co_units)
                    .any(|named| *named.unit == **unit)
            })
    }
}

/// A mark on a document's row; deadlines and reports on one day share a mark, which
/// lists their items (by id).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Mark {
    Issued,
    Published,
    Deadline { overdue: bool, items: Vec<String> },
    Progress { delivered: bool, items: Vec<String> },
}

const DELIVERED: RGBColor = RGBColor(0x1a, 0x7f, 0x37);
const IN_PROGRESS: RGBColor = RGBColor(0x0b, 0x5c, 0xad);
const OVERDUE: RGBColor = RGBColor(0xb4, 0x23, 0x18);

/// Days since 0000-03-01 (proleptic Gregorian): a linear scale for dates.
fn day_number(date: Date) -> i64 {
    let (year, month) = if date.month <= 2 {
        (i64::from(date.year) - 1, i64::from(date.month) + 9)
    } else {
        (i64::from(date.year), i64::from(date.month) - 3)
    };
    365 * year + year / 4 - year / 100 + year / 400 + (153 * month + 2) / 5 + i64::from(date.day)
        - 1
}

/// The timeline of the items `filter` admits, `width` pixels wide.
pub fn timeline_chart(
    bundle: &Bundle,
    filter: &TimelineFilter,
    language: Language,
    width: u32,
) -> Chart {
    let pick = |zh: &'static str, en: &'static str| language.pick(zh, en);
    let index = Index::new(bundle);
    let items: Vec<&Item> = bundle
        .items
        .iter()
        .filter(|item| filter.admits(&index, item))
        .collect();
    let as_of = bundle.latest_source_date;

    // Marks per document row, keyed by date.
    let mut rows: BTreeMap<&str, Vec<(Date, Mark)>> = BTreeMap::new();
    // Each table row with where its cells lead.
    let mut table_rows: Vec<(Vec<String>, Vec<CellLink>)> = Vec::new();
    let document_of = |id: &str| index.document(id);
    let title_of = |document: &Document| match language {
        Language::Chinese => document.title.clone(),
        Language::English => document.title_en.clone(),
    };
    for item in &items {
        let Some(document) = document_of(&item.document) else {
            continue;
        };
        let marks = rows.entry(document.id.as_str()).or_default();
        if let Some(issued) = document.issued {
            if !marks.contains(&(issued, Mark::Issued)) {
                marks.push((issued, Mark::Issued));
            }
        }
        if let Some(published) = document
            .published
            .filter(|published| Some(*published) != document.issued)
        {
            if !marks.contains(&(published, Mark::Published)) {
                marks.push((published, Mark::Published));
            }
        }
        if let Some(deadline) = item.deadline {
            let overdue = item.status == ItemStatus::Overdue;
            let items = vec![item.id.clone()];
            bump(marks, deadline, Mark::Deadline { overdue, items });
            table_rows.push(linked_row(
                vec![
                    deadline.to_string(),
                    title_of(document),
                    format!(
                        "{} {}{}",
                        pick("完成时限", "Deadline"),
                        item.label,
                        item.title
                    ),
                    item.status.label_en().to_string(),
                ],
                item,
                document,
            ));
        }
        for event in index.progress_of(&item.id) {
            let delivered = event.status == ProgressStatus::Delivered;
            bump(
                marks,
                event.date,
                Mark::Progress {
                    delivered,
                    items: vec![item.id.clone()],
                },
            );
            let source = document_of(&event.source).map(title_of).unwrap_or_default();
            table_rows.push(linked_row(
                vec![
                    event.date.to_string(),
                    title_of(document),
                    format!(
                        "{} {}{} ({source})",
                        if delivered { "✓" } else { "◐" },
                        item.label,
                        item.title
                    ),
                    format!("{:?}", event.status),
                ],
                item,
                document,
            ));
        }
    }
    for (id, marks) in &rows {
        if let Some(document) = document_of(id) {
            for (date, mark) in marks {
                let what = match mark {
                    Mark::Issued => pick("印发", "issued"),
                    Mark::Published => pick("发布", "published"),
                    _ => continue,
                };
                let document_link = Some((Page::Document(document.id.clone()), vec![]));
                table_rows.push((
                    vec![
                        date.to_string(),
                        title_of(document),
                        what.to_string(),
                        String::new(),
                    ],
                    vec![None, document_link],
                ));
            }
        }
    }
    // Stable: rows that read the same keep the order they were found in.
    crate::order::sort_by(&mut table_rows, |(a, _), (b, _)| a.cmp(b));
    let (table_rows, table_links): (Vec<_>, Vec<_>) = table_rows.into_iter().unzip();
    let mut documents: Vec<&Document> = rows.keys().filter_map(|id| document_of(id)).collect();
    crate::order::sort_by_key(&mut documents, |document| (document.date(), &document.id));
    let admitted: rustc_hash::FxHashSet<&str> = items.iter().map(|item| item.id.as_str()).collect();
    let row_of: rustc_hash::FxHashMap<&str, usize> = documents
        .iter()
        .enumerate()
        .map(|(row, document)| (document.id.as_str(), row))
        .collect();
    let links: Vec<(usize, usize)> = bundle
        .lineage
        .iter()
        .filter(|link| admitted.contains(link.from.as_str()) || admitted.contains(link.to.as_str()))
        .filter_map(|link| {
            let row = |id: &str| row_of.get(&*index.item(id)?.document).copied();
            Some((row(&link.from)?, row(&link.to)?))
        })
        .collect();

    let layout = if width < NARROW { "-narrow" } else { "" };
    let id = format!("timeline{layout}");
    // The per-item timeline is titled by its page: only the narrowings a reader chooses.
    let title = super::NarrowedTo::new(bundle, language)
        .theme(filter.theme.as_deref())
        .district(filter.district.as_deref())
        .unit(filter.unit.as_deref())
        .title(pick(
            "时间线:计划、时限与进展",
            "Timeline: plans, deadlines and progress",
        ));
    let description = match language {
        Language::Chinese => format!(
            "{} 份文件、{} 项任务的印发日期、完成时限、进展报告与跨年度延续。",
            documents.len(),
            items.len()
        ),
        Language::English => format!(
            "Issue dates, deadlines, progress reports and lineage of {} in {}.",
            english_count(items.len(), "item", "items"),
            english_count(documents.len(), "document", "documents")
        ),
    };
    let as_of_text = bundle.as_of();
    let note = match language {
        Language::Chinese => format!("▲印发 ■发布 ◇完成时限 !已逾期 ✓报告完成 ◐报告推进 →延续;数据截至 {as_of_text}。来源:深圳区级改革追踪"),
        Language::English => format!("▲ issued ■ published ◇ deadline ! overdue ✓ reported done ◐ reported under way → continued; as of {as_of_text}. Source: Shenzhen Reform Tracker"),
    };
    let table = Table {
        header: [
            pick("日期", "Date"),
            pick("文件", "Document"),
            pick("事件", "Event"),
            pick("状态", "Status"),
        ]
        .map(str::to_string)
        .to_vec(),
        rows: table_rows,
        links: table_links,
    };

    // Scale: from January of the first year to the end of the year after the last mark.
    let dates: Vec<Date> = rows
        .values()
        .flatten()
        .map(|(date, _)| *date)
        .chain(as_of)
        .collect();
    let first_year = dates.iter().map(|date| date.year).min().unwrap_or(2011);
    let last_year = dates
        .iter()
        .map(|date| date.year)
        .max()
        .unwrap_or(first_year)
        + 1;
    let start = Date::new(first_year, 1, 1).map_or(0, day_number);
    let end = Date::new(last_year, 1, 1)
        .map_or(start + 365, day_number)
        .max(start + 1);
    let width_f = f64::from(width);
    let pad = 12.0;
    let narrow = width < NARROW;
    let label_width = if narrow {
        0.0
    } else {
        (width_f * 0.28).min(240.0)
    };
    // On phones the document's name sits above its line, clear of the marks' upper lane.
    let row_height = if narrow { 54.0 } else { 34.0 };
    let axis_top = pad + 18.0;
    let left = pad + label_width;
    let right = width_f - pad;
    let x_of = |date: Date| {
        left + (right - left) * (day_number(date) - start) as f64 / (end - start) as f64
    };
    let note_lines = wrap(&note, 11.0, width_f - 2.0 * pad);
    let height = axis_top
        + 8.0
        + row_height * documents.len().max(1) as f64
        + 12.0
        + 16.0 * note_lines.len() as f64
        + pad;

    let size = (width, height.ceil() as u32);
    let mut hotspots = Vec::new();
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        let point = |x: f64, y: f64| (x.round() as i32, y.round() as i32);
        let _ = root.fill(&WHITE);
        let years = usize::from(last_year - first_year);
        let step = if narrow && years > 4 { 2 } else { 1 };
        for year in (first_year..=last_year).step_by(step) {
            let Some(date) = Date::new(year, 1, 1) else {
                continue;
            };
            let x = x_of(date);
            let _ = root.draw(&PathElement::new(
                vec![
                    point(x, axis_top + 6.0),
                    point(x, height - pad - 16.0 * note_lines.len() as f64 - 8.0),
                ],
                GRID.stroke_width(1),
            ));
            let _ = root.draw(&Text::new(
                year.to_string(),
                point(x, axis_top - 4.0),
                text_style(11.0, MUTED, HPos::Center),
            ));
        }
        if let Some(as_of) = as_of {
            let x = x_of(as_of);
            let _ = root.draw(&PathElement::new(
                vec![
                    point(x, axis_top + 6.0),
                    point(x, axis_top + 8.0 + row_height * documents.len() as f64),
                ],
                MUTED.stroke_width(2),
            ));
        }
        let row_y = |index: usize| {
            axis_top
                + 8.0
                + row_height * index as f64
                + row_height / 2.0
                + if narrow { 10.0 } else { 0.0 }
        };
        for (from, to) in &links {
            let (Some(a), Some(b)) = (documents[*from].date(), documents[*to].date()) else {
                continue;
            };
            let (x0, y0, x1, y1) = (x_of(a), row_y(*from), x_of(b), row_y(*to));
            let _ = root.draw(&PathElement::new(
                vec![
                    point(x0, y0),
                    point((x0 + x1) / 2.0, (y0 + y1) / 2.0 - 6.0),
                    point(x1, y1),
                ],
                MUTED.stroke_width(1),
            ));
            let _ = root.draw(&Text::new(
                "→",
                point(x1 - 6.0, y1 - 8.0),
                text_style(10.0, MUTED, HPos::Center),
            ));
        }
        for (index, document) in documents.iter().enumerate() {
            let y = row_y(index);
            let label = format!(
                "{} {}",
                document
                    .year()
                    .map(|year| year.to_string())
                    .unwrap_or_default(),
                title_of(document)
            );
            let document_page = (Page::Document(document.id.clone()), vec![]);
            let (label_from, label_to) = if narrow {
                ((pad, y - 33.0), (width_f - pad, y - 17.0))
            } else {
                (
                    (pad, y - row_height / 2.0),
                    (left - 6.0, y + row_height / 2.0),
                )
            };
            hotspots.push(Hotspot::spanning(
                label_from,
                label_to,
                label.clone(),
                document_page.clone(),
            ));
            if narrow {
                let _ = root.draw(&Text::new(
                    fit_text(&label, 11.0, width_f - 2.0 * pad),
                    point(pad, y - 25.0),
                    text_style(11.0, INK, HPos::Left),
                ));
            } else {
                let _ = root.draw(&Text::new(
                    fit_text(&label, 12.0, label_width - 10.0),
                    point(left - 10.0, y),
                    text_style(12.0, INK, HPos::Right),
                ));
            }
            let _ = root.draw(&PathElement::new(
                vec![point(left, y), point(right, y)],
                GRID.stroke_width(1),
            ));
            let mut marks = rows.get(document.id.as_str()).cloned().unwrap_or_default();
            crate::order::sort(&mut marks);
            // Marks close in time would overprint: each goes to the first of three lanes
            // (on the line, above, below) where it does not touch the previous one.
            let mut lane_ends = [f64::MIN; 3];
            for (date, mark) in marks {
                let x = x_of(date);
                let (glyph, color, what, items) = match mark {
                    Mark::Issued => ("▲".to_string(), INK, pick("印发", "issued"), vec![]),
                    Mark::Published => ("■".to_string(), MUTED, pick("发布", "published"), vec![]),
                    Mark::Deadline {
                        overdue: true,
                        items,
                    } => (
                        format!("!{}", items.len()),
                        OVERDUE,
                        pick("已逾期的时限", "overdue deadline"),
                        items,
                    ),
                    Mark::Deadline {
                        overdue: false,
                        items,
                    } => (
                        format!("◇{}", items.len()),
                        INK,
                        pick("完成时限", "deadline"),
                        items,
                    ),
                    Mark::Progress {
                        delivered: true,
                        items,
                    } => (
                        format!("✓{}", items.len()),
                        DELIVERED,
                        pick("报告完成", "reported done"),
                        items,
                    ),
                    Mark::Progress {
                        delivered: false,
                        items,
                    } => (
                        format!("◐{}", items.len()),
                        IN_PROGRESS,
                        pick("报告推进", "reported under way"),
                        items,
                    ),
                };
                let half = super::text_width(&glyph, 12.0) / 2.0 + 2.0;
                let lane = lane_ends
                    .iter()
                    .position(|end| x - half > *end)
                    .unwrap_or(0);
                lane_ends[lane] = x + half;
                let offset = [0.0, -11.0, 11.0][lane];
                // One item opens itself; several open their document.
                let target = match items.as_slice() {
                    [only] => (Page::Item(only.clone()), vec![]),
                    _ => document_page.clone(),
                };
                let count = match items.len() {
                    0 => String::new(),
                    count => format!(" · {count}"),
                };
                hotspots.push(Hotspot::spanning(
                    (x - half, y + offset - 8.0),
                    (x + half, y + offset + 8.0),
                    format!("{date} {what}{count} · {label}"),
                    target,
                ));
                let _ = root.draw(&Text::new(
                    glyph,
                    point(x, y + offset),
                    text_style(12.0, color, HPos::Center),
                ));
            }
        }
        draw_note(
            &root,
            note_lines,
            pad,
            axis_top + 8.0 + row_height * documents.len().max(1) as f64 + 16.0,
        );
        let _ = root.present();
    }
    let parts = Parts {
        id,
        title,
        description,
        note,
        table,
        hotspots,
    };
    finish(&svg, size, parts)
}

/// A table row whose document cell opens the document and whose event cell opens `item`.
fn linked_row(row: Vec<String>, item: &Item, document: &Document) -> (Vec<String>, Vec<CellLink>) {
    let links = vec![
        None,
        Some((Page::Document(document.id.clone()), vec![])),
        Some((Page::Item(item.id.clone()), vec![])),
    ];
    (row, links)
}

/// Adds the items of `mark` (a deadline or a report) to the mark of the same sort at `date`,
/// or adds the mark.
fn bump(marks: &mut Vec<(Date, Mark)>, date: Date, mark: Mark) {
    for (existing_date, existing) in marks.iter_mut() {
        if *existing_date != date {
            continue;
        }
        match (existing, &mark) {
            (
                Mark::Deadline { overdue, items },
                Mark::Deadline {
                    overdue: new,
                    items: more,
                },
            ) if overdue == new => {
                items.extend(more.iter().cloned());
                return;
            }
            (
                Mark::Progress { delivered, items },
                Mark::Progress {
                    delivered: new,
                    items: more,
                },
            ) if delivered == new => {
                items.extend(more.iter().cloned());
                return;
            }
            _ => {}
        }
    }
    marks.push((date, mark));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mark_glyphs_reach_wcag_aa_on_white() {
        for colour in [DELIVERED, IN_PROGRESS, OVERDUE, INK, MUTED] {
            assert!(super::super::contrast(colour, WHITE) >= 4.5, "{colour:?}");
        }
    }

    #[test]
    fn day_numbers_are_linear() {
        let day = |y, m, d| day_number(Date::new(y, m, d).unwrap());
        assert_eq!(day(2014, 3, 1) - day(2014, 2, 28), 1);
        assert_eq!(day(2016, 3, 1) - day(2016, 2, 28), 2, "leap day");
        assert_eq!(day(2015, 1, 1) - day(2014, 1, 1), 365);
    }

    #[test]
    fn deadlines_on_one_day_are_counted_together() {
        let date = Date::new(2012, 12, 31).unwrap();
        let mut marks = Vec::new();
        bump(
            &mut marks,
            date,
            Mark::Deadline {
                overdue: true,
                items: vec!["a".into()],
            },
        );
        bump(
            &mut marks,
            date,
            Mark::Deadline {
                overdue: true,
                items: vec!["b".into()],
            },
        );
        bump(
            &mut marks,
            date,
            Mark::Progress {
                delivered: true,
                items: vec!["a".into()],
            },
        );
        assert_eq!(
            marks,
            [
                (
                    date,
                    Mark::Deadline {
                        overdue: true,
                        items: vec!["a".into(), "b".into()]
                    }
                ),
                (
                    date,
                    Mark::Progress {
                        delivered: true,
                        items: vec!["a".into()]
                    }
                )
            ]
        );
    }
}
