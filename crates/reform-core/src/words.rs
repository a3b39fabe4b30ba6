//! Words shown both by the app and by the overview the compiler draws at build time, in
//! one place: the drawn overview must say what the app then shows in its place.

use crate::charts::completion::Language;
use crate::query::Coverage;
use crate::routes::Page;
use crate::shard::DistrictEntry;
use crate::text::{english_count, year_span};

/// The same words in Chinese and in English.
pub type Words = (&'static str, &'static str);

impl Language {
    /// `words` in this language.
    pub fn say(self, (zh, en): Words) -> &'static str {
        self.pick(zh, en)
    }
}

/// The portal's name, in the header and the tab.
pub const SITE_NAME: Words = ("深圳区级改革追踪", "Shenzhen Reform Tracker");
/// The skip link before the header.
pub const SKIP_TO_CONTENT: Words = ("跳到正文", "Skip to content");
/// The accessible name of the header's navigation.
pub const MAIN_NAV_LABEL: Words = ("主导航", "Main");
/// The header's navigation, in order.
pub const MAIN_NAV: [(Page, Words); 6] = [
    (Page::Documents, ("原始文件", "Documents")),
    (Page::Units, ("责任单位", "Units")),
    (Page::Themes, ("主题", "Themes")),
    (Page::Charts, ("图表", "Charts")),
    (Page::Search, ("搜索", "Search")),
    (Page::About, ("关于数据", "About the data")),
];

/// The overview's heading.
pub const OVERVIEW_HEADING: Words = (
    "承诺了什么,谁负责,做成了什么",
    "What was promised, who is responsible, what got done",
);
/// The overview's opening paragraph.
pub const OVERVIEW_LEDE: Words = (
    "深圳各区每年公布改革计划:编号的改革任务、牵头单位与协办单位,有时还有牵头区领导和完成时限。这里把计划与后来的文件、报道对照起来。",
    "Shenzhen's districts publish yearly reform plans: numbered items, each with a lead unit and co-organisers, sometimes a responsible leader and a deadline. This portal sets them against what later documents and reports say.",
);
/// What the overview's headline figures count: districts, documents, items, units.
pub const COVERAGE_FIGURES: [Words; 4] = [
    ("个区", "districts"),
    ("份原始文件", "source documents"),
    ("项改革任务", "reform items"),
    ("个责任单位", "responsible units"),
];
/// After the span of years covered.
pub const YEARS: Words = ("年份", "years");
/// The heading over the statuses.
pub const WHERE_THINGS_STAND: Words = ("完成情况", "Where things stand");
/// The overview chart's link to the charts page.
pub const MORE_CHARTS: Words = (
    "数据表、下载与更多图表",
    "Data table, downloads and more charts",
);

/// The heading over the overview's district list.
pub const DISTRICTS: Words = ("各区", "Districts");
/// The label of the box to find a district in a long list.
pub const FIND_BY_NAME: Words = ("按名称查找", "Find by name");
/// What a number of districts found is said with: one, then many (`1 district`, `5 个区`).
pub const DISTRICTS_FOUND: [Words; 2] = [("个区", "district"), ("个区", "districts")];

/// How many districts a search for one found, as the list says it.
pub fn districts_found(count: usize, language: Language) -> String {
    let [one, many] = DISTRICTS_FOUND;
    format!(
        "{count} {}",
        language.say(if count == 1 { one } else { many })
    )
}

/// Where a national district list, which needs the app, sends readers without JavaScript:
/// the list of districts, drawn whole at build time.
pub const DISTRICTS_WITHOUT_SCRIPT: Words = ("各区列表", "The list of districts");
/// Said while a page's data loads.
pub const LOADING_DATA: Words = ("正在加载数据…", "Loading the data…");
/// Said while the district table loads.
pub const LOADING_DISTRICTS: Words = ("正在加载各区…", "Loading the districts…");
/// The label of a search box.
pub const SEARCH_WORDS: Words = (
    "关键词(可用空格分隔多个词)",
    "Words (separate several with spaces)",
);
/// The example in an empty search box.
pub const SEARCH_EXAMPLE: Words = ("例如:物业、织网、审批", "e.g. 物业, 织网, 审批");
/// The heading over the overview's entry points.
pub const START_HERE: Words = ("从这里开始", "Start here");
/// The overview's entry points, in order: where each leads and what it says.
pub const ENTRY_POINTS: [(Page, Words); 6] = [
    (
        Page::Documents,
        (
            "原始文件:计划、方案、要点与报道",
            "Source documents: plans, schemes, work points, reports",
        ),
    ),
    (
        Page::Units,
        (
            "责任单位:谁牵头、谁协办",
            "Units: who leads, who co-organises",
        ),
    ),
    (
        Page::Districts,
        (
            "各区:每个区承诺了什么、做成了什么",
            "Districts: what each promised, what got done",
        ),
    ),
    (
        Page::Themes,
        ("主题:跨年度追踪", "Themes: threads across years"),
    ),
    (
        Page::Charts,
        (
            "图表:按文件、主题、年份、单位看完成情况",
            "Charts: status by document, theme, year, unit",
        ),
    ),
    (Page::Search, ("搜索全部任务", "Search every item")),
];
/// The footer's sentence on where everything comes from.
pub const FOOTER_NOTE: Words = (
    "所有内容均由原始文件编译而成:每项进展都附有可在原文中核对的引文。",
    "Everything here is compiled from the source documents: every progress claim quotes a source you can check.",
);
/// The footer's link to the about page.
pub const ABOUT_THE_DATA: Words = ("关于数据与下载", "About the data and downloads");

/// A district row's figures: years, documents, items and how many were delivered.
pub fn district_figures(entry: &DistrictEntry, language: Language) -> String {
    let years = year_span(entry.years);
    let counts = entry.counts;
    match language {
        Language::Chinese => format!(
            "{years} · {} 份文件 · {} 项任务 · 已完成 {}",
            entry.documents,
            counts.total(),
            counts.delivered
        ),
        Language::English => format!(
            "{years} · {} · {} · {} delivered",
            english_count(entry.documents as usize, "document", "documents"),
            english_count(counts.total() as usize, "item", "items"),
            counts.delivered
        ),
    }
}

/// The heading over a list of source documents: the documents page, a district's.
pub const SOURCE_DOCUMENTS: Words = ("原始文件", "Source documents");
/// The heading over a list of units: the units page, a district's.
pub const RESPONSIBLE_UNITS: Words = ("责任单位", "Responsible units");
/// A district page's link to the timeline narrowed to it (the charts page narrows no other
/// chart to a district of a corpus that loads whole).
pub const DISTRICT_TIMELINE: Words = ("此区的时间线", "This district's timeline");
/// A district page's link to the search narrowed to it.
pub const DISTRICT_SEARCH: Words = ("搜索此区的任务", "Search this district's items");
/// The heading where a reader chooses a district: the app's picker, and the list of
/// districts drawn in place of a list too long for one page.
pub const CHOOSE_DISTRICT: Words = ("选择一个区", "Choose a district");

/// A district page's figures: years, documents, items, units and how many were delivered.
pub fn district_summary(coverage: &Coverage, language: Language) -> String {
    let years = year_span(coverage.years);
    let delivered = coverage.statuses.delivered;
    match language {
        Language::Chinese => format!(
            "{years} · {} 份文件 · {} 项任务 · {} 个责任单位 · 已完成 {delivered}",
            coverage.documents, coverage.items, coverage.units
        ),
        Language::English => format!(
            "{years} · {} · {} · {} · {delivered} delivered",
            english_count(coverage.documents, "document", "documents"),
            english_count(coverage.items, "item", "items"),
            english_count(coverage.units, "unit", "units"),
        ),
    }
}

/// What statuses rest on: `items` items, statuses from `progress_sources` dated later
/// sources, as of `as_of`. Under the overview's figures and in the completion chart's note.
pub fn status_basis(
    items: usize,
    progress_sources: usize,
    as_of: &str,
    language: Language,
) -> String {
    match language {
        Language::Chinese => {
            format!(
                "共 {items} 项;状态依据 {progress_sources} 份有日期的后续来源;数据截至 {as_of}。"
            )
        }
        Language::English => format!(
            "{}; statuses from {}; as of {as_of}.",
            english_count(items, "item", "items"),
            english_count(
                progress_sources,
                "dated later source",
                "dated later sources"
            )
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_district_row_counts_in_each_language() {
        let entry = DistrictEntry {
            district: crate::District {
                id: "luohu".into(),
                name: "罗湖区".into(),
                name_en: "Luohu District".into(),
            },
            documents: 1,
            units: 3,
            counts: crate::StatusCounts {
                delivered: 2,
                in_progress: 1,
                overdue: 0,
                no_evidence: 4,
            },
            years: Some((2012, 2015)),
            bytes: 10,
        };
        assert_eq!(
            district_figures(&entry, Language::Chinese),
            "2012–2015 · 1 份文件 · 7 项任务 · 已完成 2"
        );
        assert_eq!(
            district_figures(&entry, Language::English),
            "2012–2015 · 1 document · 7 items · 2 delivered"
        );
    }

    #[test]
    fn a_district_page_counts_in_each_language() {
        let coverage = Coverage {
            districts: 1,
            years: Some((2014, 2014)),
            documents: 1,
            items: 7,
            units: 1,
            statuses: crate::StatusCounts {
                delivered: 2,
                in_progress: 1,
                overdue: 0,
                no_evidence: 4,
            },
            progress_sources: 1,
        };
        assert_eq!(
            district_summary(&coverage, Language::Chinese),
            "2014 · 1 份文件 · 7 项任务 · 1 个责任单位 · 已完成 2"
        );
        assert_eq!(
            district_summary(&coverage, Language::English),
            "2014 · 1 document · 7 items · 1 unit · 2 delivered"
        );
    }

    #[test]
    fn the_status_basis_counts_in_each_language() {
        assert_eq!(
            status_basis(72, 2, "2018-12-28", Language::Chinese),
            "共 72 项;状态依据 2 份有日期的后续来源;数据截至 2018-12-28。"
        );
        assert_eq!(
            status_basis(1, 1, "2018-12-28", Language::English),
            "1 item; statuses from 1 dated later source; as of 2018-12-28."
        );
    }
}
