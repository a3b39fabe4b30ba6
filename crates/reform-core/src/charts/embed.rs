//! A chart as an embed shows it, in HTML: its title, the desktop and phone drawings with
//! their clickable marks, the links to the full view and the CSV, the pinned version. The
//! compiler writes it into embed pages and beside the data; the embed drawer
//! (`crates/reform-embed`) writes it in the browser for the views the compiler did not draw.
//! It is what the app's embed page shows, mark for mark.

use crate::charts::completion::Language;
use crate::charts::view::{chart_url, ChartKind, ChartParams};
use crate::charts::Chart;
use crate::model::Bundle;
use crate::routes::{link, query_string, Page};
use crate::text::escape_html as esc;

/// Where an article's desktop and phone drawings are.
pub enum Drawings {
    /// Images of the static files of these names (below `data/charts/`): an embed page
    /// carries several views and shows one, so only that one's drawing is fetched.
    Files([(String, Chart); 2]),
    /// Written into the article: a fetched or drawn article is the view shown, so its
    /// drawing comes with it rather than after it.
    Inline([Chart; 2]),
}

/// One view in one language, hidden until the embed page's start script shows it.
/// `table_href` is where its CSV is; `live_version`, for a view of a pinned data version,
/// the version now current: if it differs, the pinned note links to the latest chart.
pub fn article(
    params: &ChartParams,
    kind: ChartKind,
    language: Language,
    drawings: Drawings,
    table_href: &str,
    version: &str,
    live_version: Option<&str>,
) -> String {
    let english = language == Language::English;
    let ([wide, narrow], [wide_url, narrow_url]) = match drawings {
        Drawings::Files([(wide_file, wide), (narrow_file, narrow)]) => (
            [wide, narrow],
            [wide_file, narrow_file].map(|file| Some(chart_url(&file, version))),
        ),
        Drawings::Inline(charts) => (charts, [None, None]),
    };
    let pick = |zh: &'static str, en: &'static str| if english { en } else { zh };
    let full_view = format!(
        "{}#{}",
        link(&Page::Charts, &params.to_pairs(), english),
        wide.id
    );
    let changed = match live_version {
        Some(live) if live != version => format!(
            " · {}<a href=\"{}\" target=\"_blank\" rel=\"noopener\">{}</a>",
            pick("此后数据已更新:", "The data has changed since: "),
            esc(&full_view),
            pick("查看最新图表", "see the latest chart"),
        ),
        _ => String::new(),
    };
    format!(
        "<article class=\"embed\" data-view=\"{}\" data-lang=\"{}\" lang=\"{}\" hidden>\
         <h1>{}</h1>\
         <div class=\"chart wide\">{}</div><div class=\"chart narrow\">{}</div>\
         <p class=\"embed-links\"><a href=\"{}\" target=\"_blank\" rel=\"noopener\">{}</a> · \
         <a href=\"{}\" download=\"{}.csv\">{}</a></p>\
         <p class=\"data-version\" hidden>{}<code>{}</code>{changed}</p></article>",
        esc(&query_string(&params.pairs_for(kind))),
        pick("zh", "en"),
        pick("zh-Hans", "en"),
        esc(&wide.title),
        canvas(&wide, wide_url.as_deref(), english, true),
        canvas(&narrow, narrow_url.as_deref(), english, true),
        esc(&full_view),
        pick("完整图表与数据表 ↗", "Full view and data table ↗"),
        esc(table_href),
        esc(&wide.id),
        pick("下载 CSV", "Download CSV"),
        pick("固定数据版本 ", "Pinned data version "),
        esc(version),
    )
}

/// `kind` drawn for `params` from `bundle` in `language`, whole: its article, the drawings
/// written in, and its data table as CSV. `table_href` gives the CSV's address from the CSV
/// (a file beside the data, or a `data:` URL made in the page); `live_version` is as for
/// [`article`]. What the compiler writes beside the data, and the embed drawer in the page.
// Always inlined, as [`ChartParams::render_layouts`] is, for a drawer built for one chart.
#[inline(always)]
pub fn inline_article(
    params: &ChartParams,
    kind: ChartKind,
    bundle: &Bundle,
    language: Language,
    table_href: impl FnOnce(&str) -> String,
    live_version: Option<&str>,
) -> (String, String) {
    let drawn = params.render_layouts(kind, bundle, language);
    let table = drawn[0].table.to_csv();
    let article = article(
        params,
        kind,
        language,
        Drawings::Inline(drawn),
        &table_href(&table),
        bundle.version(),
        live_version,
    );
    (article, table)
}

/// The drawing of `chart` (the static file at `url`, else its SVG written in) with the
/// chart's clickable marks laid over it, as the app's `ChartCanvas` lays them over its SVG.
/// In an embed (`new_tab`) they open beside the host page rather than inside the iframe.
pub fn canvas(chart: &Chart, url: Option<&str>, english: bool, new_tab: bool) -> String {
    let separator = if english { ". " } else { "。" };
    let target = if new_tab {
        " target=\"_blank\" rel=\"noopener\""
    } else {
        ""
    };
    let marks: String = chart
        .hotspots
        .iter()
        .map(|spot| {
            format!(
                "<a class=\"hotspot\" href=\"{}\" style=\"{}\" title=\"{}\"{target} tabindex=\"-1\" aria-hidden=\"true\"></a>",
                esc(&link(&spot.target.0, &spot.target.1, english)),
                spot.placement(chart.width, chart.height),
                esc(&spot.label)
            )
        })
        .collect();
    let drawing = match url {
        Some(url) => format!(
            "<img src=\"{}\" width=\"{}\" height=\"{}\" alt=\"{}\" loading=\"lazy\">",
            esc(url),
            chart.width,
            chart.height,
            esc(&format!(
                "{}{separator}{} {}",
                chart.title, chart.description, chart.note
            )),
        ),
        // The SVG comes from the core, which escapes every text it draws; wrapped as the
        // app wraps it.
        None => format!("<div>{}</div>", chart.svg),
    };
    format!(
        "<div class=\"chart-canvas\" style=\"max-width:{}px\">{drawing}{marks}</div>",
        chart.width
    )
}
