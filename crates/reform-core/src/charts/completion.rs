//! Completion charts: stacked bars of item statuses per document, theme, year or unit, each
//! segment labelled with its count (colour is never the only signal), with the roll-up rule
//! stated under the chart.

use super::{
    draw_note, finish, fit_text, text_style, text_width, wrap, Chart, Hotspot, Parts, Table, INK,
    MUTED,
};
use crate::model::{Bundle, Document, Item, ItemStatus, StatusCounts, Theme};
use crate::query::{UnitTallies, UnitTally};
use crate::routes::Page;
use crate::search::SearchQuery;
use crate::shard::{year_counts, SiteIndex, YearCounts};
use crate::text::english_count;
use crate::words::{status_basis, SITE_NAME};
use plotters::prelude::*;
use plotters::style::text_anchor::HPos;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// What the bars stand for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Grouping {
    /// One bar per document with items.
    #[default]
    Document,
    /// One bar per theme.
    Theme,
    /// One bar per plan year.
    Year,
    /// One bar per unit, by items led (the busiest units).
    Unit,
}

impl Grouping {
    /// Every grouping, in display order.
    pub const ALL: [Grouping; 4] = [
        Grouping::Document,
        Grouping::Theme,
        Grouping::Year,
        Grouping::Unit,
    ];

    /// The name used in chart ids and URLs.
    pub fn code(self) -> &'static str {
        match self {
            Grouping::Document => "document",
            Grouping::Theme => "theme",
            Grouping::Year => "year",
            Grouping::Unit => "unit",
        }
    }

    /// The grouping named `code`.
    pub fn from_code(code: &str) -> Option<Grouping> {
        Grouping::ALL
            .into_iter()
            .find(|grouping| grouping.code() == code)
    }
}

/// The language of a chart's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Language {
    /// Simplified Chinese.
    Chinese,
    /// English.
    English,
}

impl Language {
    /// `zh` or `en`, as in URLs and file names.
    pub fn code(self) -> &'static str {
        self.pick("zh", "en")
    }

    /// The HTML `lang` attribute of text in this language.
    pub fn html_lang(self) -> &'static str {
        self.pick("zh-Hans", "en")
    }

    /// The Chinese or the English text.
    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Language::Chinese => zh,
            Language::English => en,
        }
    }
}

/// How many units the unit chart shows, busiest first.
pub const TOP_UNITS: usize = 15;
/// Below this width, labels go above their bars.
pub const NARROW: u32 = 560;
/// Width of the desktop layout.
pub const DESKTOP_WIDTH: u32 = 800;
/// Width of the phone layout.
pub const PHONE_WIDTH: u32 = 360;

/// One bar: a label and its counts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bar {
    /// What the bar stands for.
    pub label: String,
    /// The page listing the bar's items.
    pub target: super::CellLink,
    /// The search finding the bar's items, narrowed by status for each segment; `None`
    /// when no search finds exactly them (a unit's led items: the unit page lists them).
    pub search: Option<SearchQuery>,
    /// Items per status.
    pub counts: StatusCounts,
}

/// The bars of a completion chart, in display order.
pub fn bars(bundle: &Bundle, grouping: Grouping, language: Language) -> Vec<Bar> {
    let mut counts = CompletionCounts::new(bundle, &[grouping]);
    bundle.items.iter().for_each(|item| counts.add(item));
    let counted = counts.counted().pop().expect("one count per grouping");
    labelled(&counted, bundle, language)
}

/// What a completion chart's bars stand for and their counts, in display order, before
/// they are labelled in a language: counted once for both (a national corpus's bars by
/// unit are one pass over 850,000 items).
enum Counted<'a> {
    /// Each document with its items' statuses, in document order.
    Documents(Vec<(&'a Document, StatusCounts)>),
    /// Each theme with its members' statuses, in theme order.
    Themes(Vec<(&'a Theme, StatusCounts)>),
    /// Each plan year.
    Years(Vec<YearCounts>),
    /// The busiest units by items led.
    Units(Vec<UnitTally<'a>>),
}

/// The counts behind the bars of completion charts by each of several groupings, made an
/// item at a time as the items pass ([`CompletionCounts::add`]), all in one pass: the
/// compiler counts them for corpora of hundreds of thousands of items while it writes the
/// items' table, the items held apart from the bundle.
pub struct CompletionCounts<'a> {
    bundle: &'a Bundle,
    groupings: Vec<Grouping>,
    counters: Vec<Counter<'a>>,
}

impl<'a> CompletionCounts<'a> {
    /// Nothing counted yet of `bundle`'s items, for each of `groupings`.
    pub fn new(bundle: &'a Bundle, groupings: &[Grouping]) -> CompletionCounts<'a> {
        CompletionCounts {
            bundle,
            groupings: groupings.to_vec(),
            counters: groupings
                .iter()
                .map(|&grouping| Counter::new(bundle, grouping))
                .collect(),
        }
    }

    /// Counts `item`.
    pub fn add(&mut self, item: &Item) {
        self.counters
            .iter_mut()
            .for_each(|counter| counter.add(item));
    }

    /// The completion charts by each grouping, with it, in Chinese and in English, each at
    /// `widths`, the bars labelled once for all widths.
    pub fn charts_in_both<const N: usize>(
        self,
        widths: [u32; N],
    ) -> Vec<(Grouping, [[Chart; N]; 2])> {
        let (bundle, groupings) = (self.bundle, self.groupings.clone());
        let sources = Sources::of(bundle);
        groupings
            .into_iter()
            .zip(self.counted())
            .map(|(grouping, counted)| {
                let charts = [Language::Chinese, Language::English].map(|language| {
                    let bars = labelled(&counted, bundle, language);
                    widths.map(|width| chart_of_bars(&bars, grouping, language, width, &sources))
                });
                (grouping, charts)
            })
            .collect()
    }

    /// What was counted, for each grouping in order.
    fn counted(self) -> Vec<Counted<'a>> {
        let bundle = self.bundle;
        self.counters
            .into_iter()
            .map(|counter| counter.finish(bundle))
            .collect()
    }
}

/// The counts of one grouping, an item at a time.
enum Counter<'a> {
    /// Each document's items' statuses, by id.
    Documents(HashMap<&'a str, StatusCounts>),
    /// Only the theme members' statuses: themes hold a few thousand items, a corpus
    /// hundreds of thousands. Of two items with one id, the later counts.
    Themes(HashMap<&'a str, Option<ItemStatus>>),
    /// Counted from the documents' counts when done: nothing to count an item at a time.
    Years,
    Units(UnitTallies<'a>),
}

impl<'a> Counter<'a> {
    fn new(bundle: &'a Bundle, grouping: Grouping) -> Counter<'a> {
        match grouping {
            Grouping::Document => Counter::Documents(
                bundle
                    .documents
                    .iter()
                    .map(|document| (document.id.as_str(), StatusCounts::default()))
                    .collect(),
            ),
            Grouping::Theme => Counter::Themes(
                bundle
                    .themes
                    .iter()
                    .flat_map(|theme| &theme.items)
                    .map(|member| (member.as_str(), None))
                    .collect(),
            ),
            Grouping::Year => Counter::Years,
            Grouping::Unit => Counter::Units(UnitTallies::new(&bundle.units)),
        }
    }

    fn add(&mut self, item: &Item) {
        match self {
            Counter::Documents(counts) => {
                if let Some(counts) = counts.get_mut(&*item.document) {
                    counts.add(item.status);
                }
            }
            Counter::Themes(status_of) => {
                if let Some(status) = status_of.get_mut(item.id.as_str()) {
                    *status = Some(item.status);
                }
            }
            Counter::Years => {}
            Counter::Units(tallies) => tallies.add(item),
        }
    }

    fn finish(self, bundle: &'a Bundle) -> Counted<'a> {
        match self {
            Counter::Documents(counts) => Counted::Documents(
                bundle
                    .documents
                    .iter()
                    .map(|document| (document, counts[document.id.as_str()]))
                    .collect(),
            ),
            Counter::Themes(status_of) => Counted::Themes(
                bundle
                    .themes
                    .iter()
                    .map(|theme| {
                        // A member listed twice counts once, as in `Bundle::items_of_theme`.
                        let members: HashSet<&str> =
                            theme.items.iter().map(String::as_str).collect();
                        let statuses = members
                            .into_iter()
                            .filter_map(|member| status_of.get(member).copied().flatten());
                        (theme, StatusCounts::of(statuses))
                    })
                    .collect(),
            ),
            Counter::Years => Counted::Years(year_counts(bundle)),
            Counter::Units(tallies) => Counted::Units(
                tallies
                    .finish()
                    .into_iter()
                    .filter(|tally| tally.led > 0)
                    .take(TOP_UNITS)
                    .collect(),
            ),
        }
    }
}

/// The bars of `counted`, labelled in `language`, those with no items left out.
fn labelled(counted: &Counted, bundle: &Bundle, language: Language) -> Vec<Bar> {
    let mut bars: Vec<Bar> = match counted {
        Counted::Documents(documents) => documents
            .iter()
            .map(|&(document, counts)| Bar {
                label: language
                    .pick(&document.title, &document.title_en)
                    .to_string(),
                target: Some((Page::Document(document.id.clone()), vec![])),
                search: Some(SearchQuery::of_document(document)),
                counts,
            })
            .collect(),
        Counted::Themes(themes) => themes
            .iter()
            .map(|&(theme, counts)| Bar {
                label: language.pick(&theme.name, &theme.name_en).to_string(),
                target: Some((Page::Theme(theme.id.clone()), vec![])),
                search: Some(SearchQuery {
                    theme: Some(theme.id.clone()),
                    ..SearchQuery::default()
                }),
                counts,
            })
            .collect(),
        Counted::Years(years) => years.iter().map(year_bar).collect(),
        Counted::Units(tallies) => tallies
            .iter()
            .map(|tally| {
                let district = bundle
                    .district(&tally.unit.district)
                    .map(|district| language.pick(&district.name, &district.name_en).to_string())
                    .unwrap_or_default();
                Bar {
                    label: format!(
                        "{} · {district}",
                        language.pick(&tally.unit.name, &tally.unit.name_en)
                    ),
                    target: Some((Page::Unit(tally.unit.id.clone()), vec![])),
                    search: None,
                    counts: tally.led_statuses,
                }
            })
            .collect(),
    };
    bars.retain(|bar| bar.counts.total() > 0);
    bars
}

/// `part` as a whole percentage of `whole` (0 when there is nothing).
fn percent(part: u32, whole: u32) -> u32 {
    // In u64: counts read from a file may be anything.
    (u64::from(part) * 100)
        .checked_div(u64::from(whole))
        .map_or(0, |share| share.min(u64::from(u32::MAX)) as u32)
}

/// Fill colour, label colour and symbol of each status; segment labels reach WCAG AA
/// contrast on their fills.
fn paint(status: ItemStatus) -> (RGBColor, RGBColor, &'static str) {
    const WHITE_TEXT: RGBColor = RGBColor(255, 255, 255);
    let (fill, text) = match status {
        ItemStatus::Delivered => (RGBColor(0x1a, 0x7f, 0x37), WHITE_TEXT),
        ItemStatus::InProgress => (RGBColor(0x0b, 0x5c, 0xad), WHITE_TEXT),
        ItemStatus::Overdue => (RGBColor(0xb4, 0x23, 0x18), WHITE_TEXT),
        ItemStatus::NoEvidence => (RGBColor(0xd0, 0xd7, 0xde), RGBColor(0x1b, 0x1f, 0x24)),
    };
    (fill, text, status.symbol())
}

/// The completion chart for `grouping`, `width` pixels wide (labels go above the bars
/// below [`NARROW`]).
pub fn completion_chart(
    bundle: &Bundle,
    grouping: Grouping,
    language: Language,
    width: u32,
) -> Chart {
    let [chart] = completion_charts(bundle, grouping, language, [width]);
    chart
}

/// [`completion_chart`] at each of `widths` (a desktop and a phone layout), the bars
/// counted once for all.
pub fn completion_charts<const N: usize>(
    bundle: &Bundle,
    grouping: Grouping,
    language: Language,
    widths: [u32; N],
) -> [Chart; N] {
    let bars = bars(bundle, grouping, language);
    let sources = Sources::of(bundle);
    widths.map(|width| chart_of_bars(&bars, grouping, language, width, &sources))
}

/// [`completion_charts`] in Chinese and in English, in that order, the bars counted once
/// for both: what the compiler draws of a whole corpus.
pub fn completion_charts_in_both<const N: usize>(
    bundle: &Bundle,
    grouping: Grouping,
    widths: [u32; N],
) -> [[Chart; N]; 2] {
    let mut counts = CompletionCounts::new(bundle, &[grouping]);
    bundle.items.iter().for_each(|item| counts.add(item));
    let (_, charts) = counts.charts_in_both(widths).pop().expect("one grouping");
    charts
}

/// The completion chart by year from the site index alone: the overview's chart, whose
/// data does not grow with the corpus.
pub fn year_chart(index: &SiteIndex, language: Language, width: u32) -> Chart {
    let bars: Vec<Bar> = index
        .years
        .iter()
        .filter(|year| year.counts.total() > 0)
        .map(year_bar)
        .collect();
    let sources = Sources {
        progress_sources: index.coverage.progress_sources,
        as_of: index.as_of(),
    };
    chart_of_bars(&bars, Grouping::Year, language, width, &sources)
}

/// The bar of one plan year, linking to that year's items.
fn year_bar(year: &YearCounts) -> Bar {
    Bar {
        label: year.year.to_string(),
        target: Some((Page::Search, vec![("year", year.year.to_string())])),
        search: Some(SearchQuery {
            year: Some(year.year),
            ..SearchQuery::default()
        }),
        counts: year.counts,
    }
}

/// What the chart's note cites.
struct Sources {
    /// Dated sources behind the statuses.
    progress_sources: usize,
    /// The latest source date.
    as_of: String,
}

impl Sources {
    /// What `bundle`'s charts cite.
    fn of(bundle: &Bundle) -> Sources {
        Sources {
            progress_sources: bundle.progress_sources(),
            as_of: bundle.as_of(),
        }
    }
}

fn chart_of_bars(
    bars: &[Bar],
    grouping: Grouping,
    language: Language,
    width: u32,
    sources: &Sources,
) -> Chart {
    // Ids differ between the two layouts so both can sit in one page.
    let layout = if width < NARROW { "-narrow" } else { "" };
    let id = format!("completion-by-{}{layout}", grouping.code());
    let (title, description, note) = words(sources, grouping, language, bars);
    let table = table(grouping, language, bars);
    let (svg, size, hotspots) = draw(bars, language, width, &note);
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

fn words(
    sources: &Sources,
    grouping: Grouping,
    language: Language,
    bars: &[Bar],
) -> (String, String, String) {
    let by = match grouping {
        Grouping::Document => language.pick("按文件", "by document"),
        Grouping::Theme => language.pick("按主题", "by theme"),
        Grouping::Year => language.pick("按年份", "by year"),
        Grouping::Unit => language.pick("按牵头单位(前 15 个)", "by lead unit (top 15)"),
    };
    let total = bars.iter().fold(StatusCounts::default(), |total, bar| {
        total.plus(&bar.counts)
    });
    let delivered_percent = percent(total.delivered, total.total());
    let basis = status_basis(
        total.total() as usize,
        sources.progress_sources,
        &sources.as_of,
        language,
    );
    let note = format!(
        "{basis}{}{}",
        language.pick("来源:", " Source: "),
        language.say(SITE_NAME)
    );
    match language {
        Language::Chinese => (
            format!("改革任务完成情况({by})"),
            format!(
                "{} 组共 {} 项任务:已完成 {}({}%),推进中 {},已逾期 {},暂无公开证据 {}。",
                bars.len(),
                total.total(),
                total.delivered,
                delivered_percent,
                total.in_progress,
                total.overdue,
                total.no_evidence
            ),
            note,
        ),
        Language::English => (
            format!("Reform item status {by}"),
            format!(
                "{} in {}: {} delivered ({}%), {} in progress, {} overdue, {} without public evidence.",
                english_count(total.total() as usize, "item", "items"),
                english_count(bars.len(), "group", "groups"),
                total.delivered,
                delivered_percent,
                total.in_progress,
                total.overdue,
                total.no_evidence
            ),
            note,
        ),
    }
}

fn table(grouping: Grouping, language: Language, bars: &[Bar]) -> Table {
    let first = match grouping {
        Grouping::Document => language.pick("文件", "Document"),
        Grouping::Theme => language.pick("主题", "Theme"),
        Grouping::Year => language.pick("年份", "Year"),
        Grouping::Unit => language.pick("牵头单位", "Lead unit"),
    };
    let mut header = vec![
        first.to_string(),
        language.pick("任务数", "Items").to_string(),
    ];
    header.extend(ItemStatus::ALL.map(|status| {
        language
            .pick(status.label_zh(), status.label_en())
            .to_string()
    }));
    header.push(language.pick("完成率", "Delivered %").to_string());
    let rows = bars
        .iter()
        .map(|bar| {
            let total = bar.counts.total();
            let mut row = vec![bar.label.clone(), total.to_string()];
            row.extend(ItemStatus::ALL.map(|status| bar.counts.get(status).to_string()));
            row.push(format!("{}%", percent(bar.counts.delivered, total)));
            row
        })
        .collect();
    let links = bars.iter().map(|bar| vec![bar.target.clone()]).collect();
    Table {
        header,
        rows,
        links,
    }
}

/// Where a segment of `bar` leads: the search for its items of `status`, else the bar's page.
fn segment_target(bar: &Bar, status: ItemStatus) -> Option<(Page, Vec<(&'static str, String)>)> {
    match &bar.search {
        Some(search) => {
            let query = SearchQuery {
                status: Some(status),
                ..search.clone()
            };
            Some((Page::Search, query.to_pairs()))
        }
        None => bar.target.clone(),
    }
}

/// The SVG, its size and its clickable segments.
fn draw(
    bars: &[Bar],
    language: Language,
    width: u32,
    note: &str,
) -> (String, (u32, u32), Vec<Hotspot>) {
    let narrow = width < NARROW;
    let width_f = f64::from(width);
    let pad = 12.0;
    let label_size = 13.0;
    let legend_height = if narrow { 48.0 } else { 28.0 };
    let row_height = if narrow { 46.0 } else { 30.0 };
    let bar_height = 20.0;
    // As wide as the longest label needs (years take little), at most a third of the chart.
    let longest = bars
        .iter()
        .map(|bar| text_width(&bar.label, label_size))
        .fold(0.0, f64::max);
    let label_width = if narrow {
        0.0
    } else {
        (width_f * 0.34).clamp(120.0, 300.0).min(longest + 16.0)
    };
    // Room after the longest bar for its total and any counts written there.
    let total_width = 150.0;
    let bar_left = pad + label_width;
    let bar_span = (width_f - bar_left - pad - total_width).max(40.0);
    let note_lines = wrap(note, 11.0, width_f - 2.0 * pad);
    let height = pad
        + legend_height
        + row_height * bars.len() as f64
        + 8.0
        + 16.0 * note_lines.len() as f64
        + pad;
    let max_total = bars
        .iter()
        .map(|bar| bar.counts.total())
        .max()
        .unwrap_or(1)
        .max(1);

    let size = (width, height.ceil() as u32);
    let mut hotspots = Vec::new();
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        let point = |x: f64, y: f64| (x.round() as i32, y.round() as i32);
        // Drawing into a String cannot fail; errors are ignored rather than unwrapped.
        let _ = root.fill(&WHITE);

        // Legend: swatch, symbol and name for each status.
        let mut x = pad;
        let mut y = pad + 10.0;
        for status in ItemStatus::ALL {
            let (fill, ink, symbol) = paint(status);
            let name = language.pick(status.label_zh(), status.label_en());
            let entry_width = 22.0 + text_width(name, 12.0) + 16.0;
            if narrow && x + entry_width > width_f - pad {
                x = pad;
                y += 20.0;
            }
            let _ = root.draw(&Rectangle::new(
                [point(x, y - 8.0), point(x + 16.0, y + 8.0)],
                fill.filled(),
            ));
            if status == ItemStatus::NoEvidence {
                let _ = root.draw(&Rectangle::new(
                    [point(x, y - 8.0), point(x + 16.0, y + 8.0)],
                    MUTED.stroke_width(1),
                ));
            }
            let _ = root.draw(&Text::new(
                symbol,
                point(x + 8.0, y),
                text_style(11.0, ink, HPos::Center),
            ));
            let _ = root.draw(&Text::new(
                name,
                point(x + 21.0, y),
                text_style(12.0, INK, HPos::Left),
            ));
            x += entry_width;
        }

        for (index, bar) in bars.iter().enumerate() {
            let top = pad + legend_height + row_height * index as f64;
            let bar_top = if narrow {
                top + 18.0
            } else {
                top + (row_height - bar_height) / 2.0
            };
            let label_y = if narrow {
                top + 8.0
            } else {
                bar_top + bar_height / 2.0
            };
            let label = if narrow {
                fit_text(&bar.label, label_size, width_f - 2.0 * pad)
            } else {
                fit_text(&bar.label, label_size, label_width - 10.0)
            };
            let label_x = if narrow { pad } else { bar_left - 8.0 };
            let anchor = if narrow { HPos::Left } else { HPos::Right };
            let _ = root.draw(&Text::new(
                label,
                point(label_x, label_y),
                text_style(label_size, INK, anchor),
            ));

            let mut left = bar_left;
            // Counts too wide for their segment are written after the total instead.
            let mut unlabelled: Vec<String> = Vec::new();
            for status in ItemStatus::ALL {
                let count = bar.counts.get(status);
                if count == 0 {
                    continue;
                }
                let (fill, ink, symbol) = paint(status);
                let segment = bar_span * f64::from(count) / f64::from(max_total);
                let _ = root.draw(&Rectangle::new(
                    [
                        point(left, bar_top),
                        point(left + segment, bar_top + bar_height),
                    ],
                    fill.filled(),
                ));
                // The pale fill is outlined so the segment stands out from the white
                // background at 3:1 (WCAG 1.4.11).
                if status == ItemStatus::NoEvidence {
                    let _ = root.draw(&Rectangle::new(
                        [
                            point(left, bar_top),
                            point(left + segment - 1.0, bar_top + bar_height),
                        ],
                        MUTED.stroke_width(1),
                    ));
                }
                // A thin white gap keeps neighbouring segments apart without colour.
                let _ = root.draw(&Rectangle::new(
                    [
                        point(left + segment - 1.0, bar_top),
                        point(left + segment, bar_top + bar_height),
                    ],
                    WHITE.filled(),
                ));
                if let Some(target) = segment_target(bar, status) {
                    let name = language.pick(status.label_zh(), status.label_en());
                    hotspots.push(Hotspot::spanning(
                        (left, bar_top),
                        (left + segment, bar_top + bar_height),
                        format!("{} · {name} {count}", bar.label),
                        target,
                    ));
                }
                let label = format!("{symbol}{count}");
                if text_width(&label, 11.0) + 6.0 <= segment {
                    let _ = root.draw(&Text::new(
                        label,
                        point(left + segment / 2.0, bar_top + bar_height / 2.0),
                        text_style(11.0, ink, HPos::Center),
                    ));
                } else {
                    unlabelled.push(label);
                }
                left += segment;
            }
            let mut total = bar.counts.total().to_string();
            if !unlabelled.is_empty() {
                total = format!("{total} ({})", unlabelled.join(" "));
            }
            // The share delivered, as a percentage, follows every total.
            let share = percent(bar.counts.delivered, bar.counts.total());
            total = match language {
                Language::Chinese => format!("{total} · 完成 {share}%"),
                Language::English => format!("{total} · {share}% done"),
            };
            let _ = root.draw(&Text::new(
                total,
                point(left + 6.0, bar_top + bar_height / 2.0),
                text_style(12.0, INK, HPos::Left),
            ));
        }

        draw_note(
            &root,
            note_lines,
            pad,
            pad + legend_height + row_height * bars.len() as f64 + 8.0 + 8.0,
        );
        let _ = root.present();
    }
    (svg, size, hotspots)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Item;

    #[test]
    fn a_theme_counts_each_member_once_by_the_later_item_of_its_id() {
        let item = |number, status| Item {
            status,
            ..Item::numbered("d", number)
        };
        let bundle = Bundle {
            items: vec![
                item(1, ItemStatus::Overdue),
                item(1, ItemStatus::Delivered),
                item(2, ItemStatus::InProgress),
                item(3, ItemStatus::Overdue),
            ],
            themes: vec![Theme {
                id: "t".into(),
                name: "主题".into(),
                name_en: "Theme".into(),
                items: ["d/1", "d/2", "d/1", "d/9"].map(String::from).to_vec(),
            }],
            ..Bundle::default()
        };
        let [bar] = &bars(&bundle, Grouping::Theme, Language::English)[..] else {
            panic!("one bar for the one theme");
        };
        let expected = StatusCounts {
            delivered: 1,
            in_progress: 1,
            ..StatusCounts::default()
        };
        assert_eq!((bar.label.as_str(), bar.counts), ("Theme", expected));
    }

    #[test]
    fn counts_from_a_hostile_index_neither_overflow_nor_loop() {
        let huge = StatusCounts {
            delivered: u32::MAX,
            in_progress: u32::MAX,
            overdue: 7,
            no_evidence: 0,
        };
        assert_eq!(huge.total(), u32::MAX);
        assert_eq!(percent(u32::MAX, 1), u32::MAX);
        assert_eq!(percent(777_777_770, 777_777_800), 99);
        let index = crate::shard::SiteIndex {
            schema_version: crate::SCHEMA_VERSION,
            content_hash: String::new(),
            latest_source_date: None,
            coverage: Default::default(),
            years: vec![crate::shard::YearCounts {
                year: 2012,
                counts: huge,
            }],
            themes: vec![],
            total_bytes: 0,
            directory_buckets: 1,
            term_buckets: 0,
        };
        let chart = year_chart(&index, Language::English, 360);
        assert!(
            chart.description.contains("4294967295 items"),
            "{}",
            chart.description
        );
    }

    #[test]
    fn status_colours_reach_wcag_contrast() {
        use crate::charts::contrast;
        for status in ItemStatus::ALL {
            let (fill, ink, _) = paint(status);
            // Counts are text on their segment: 4.5:1 (WCAG 1.4.3).
            assert!(contrast(ink, fill) >= 4.5, "{status:?} label on its fill");
            // A segment against the white card, by its fill or its outline: 3:1 (WCAG 1.4.11).
            let edge = if status == ItemStatus::NoEvidence {
                MUTED
            } else {
                fill
            };
            assert!(contrast(edge, WHITE) >= 3.0, "{status:?} against white");
        }
    }

    #[test]
    fn groupings_round_trip_their_codes() {
        for grouping in Grouping::ALL {
            assert_eq!(Grouping::from_code(grouping.code()), Some(grouping));
        }
        assert_eq!(Grouping::from_code("nope"), None);
    }
}
