//! The charts as static files beside the bundle — for readers without JavaScript, link
//! previews and the embed fallback — drawn by the same core code as in the browser; and
//! `version.json`, which tells a pinned embed whether the data has changed since.

use reform_core::charts::completion::{CompletionCounts, Grouping, Language};
use reform_core::charts::embed::inline_article;
use reform_core::charts::view::{
    chart_url, completion_layouts_in_both, narrowed_files, static_file, static_table_file,
    ChartKind, ChartParams, NarrowedView,
};
use reform_core::charts::Chart;
use reform_core::{Bundle, CurrentVersion};

/// `(path below the bundle folder, contents)` of the static drawing of one view
/// ([`reform_core::charts::view::static_views`]): both languages, desktop and phone
/// layouts, and its CSV.
pub fn chart_files(bundle: &Bundle, kind: ChartKind, grouping: Grouping) -> Vec<(String, String)> {
    let layouts = unfiltered(grouping).render_layouts_in_both(kind, bundle);
    files_of(kind, grouping, layouts)
}

/// [`chart_files`] of the completion charts `counts` counted, by each of its groupings:
/// the views of [`reform_core::charts::view::bounded_views`], drawn at any corpus size,
/// counted as the items pass (the compiler holds them apart from the bundle).
pub fn completion_chart_files(counts: CompletionCounts) -> Vec<(String, String)> {
    completion_layouts_in_both(counts)
        .into_iter()
        .flat_map(|(grouping, layouts)| files_of(ChartKind::Completion, grouping, layouts))
        .collect()
}

/// The files of the static drawing of one view, from its desktop and phone `layouts` in
/// Chinese and in English.
fn files_of(
    kind: ChartKind,
    grouping: Grouping,
    layouts: [[Chart; 2]; 2],
) -> Vec<(String, String)> {
    let [chinese, english] = layouts;
    let mut files = Vec::new();
    for (language, layouts) in [(Language::Chinese, chinese), (Language::English, english)] {
        let [(wide_file, wide), (narrow_file, narrow)] = named(kind, grouping, language, layouts);
        let table = wide.table.to_csv();
        files.push((format!("charts/{wide_file}"), wide.svg));
        files.push((format!("charts/{narrow_file}"), narrow.svg));
        let table_file = static_table_file(kind, grouping, language);
        files.push((format!("charts/{table_file}"), table));
    }
    files
}

/// `(path below the bundle folder, contents)` of a narrowed view
/// ([`reform_core::charts::view::narrowed_views`]) in both languages: the embed's article,
/// its drawings written in, which an embed page whose URL asks for this view fetches
/// instead of starting the app; and its data table.
pub fn narrowed_chart_files(bundle: &Bundle, view: &NarrowedView) -> Vec<(String, String)> {
    let NarrowedView { kind, params, stem } = view;
    let kind = *kind;
    let mut files = Vec::new();
    for language in [Language::Chinese, Language::English] {
        let [article_file, table_file] = narrowed_files(stem, language);
        let (article, table) = inline_article(
            params,
            kind,
            bundle,
            language,
            |_| chart_url(&table_file, bundle.version()),
            None,
        );
        files.push((format!("charts/{article_file}"), article));
        files.push((format!("charts/{table_file}"), table));
    }
    files
}

/// The desktop and phone drawings of `kind` by `grouping`, unfiltered, in `language`, each
/// with its file name below `data/charts/`: what the static files hold, and what an embed
/// page lays its clickable marks over.
pub fn drawings(
    bundle: &Bundle,
    kind: ChartKind,
    grouping: Grouping,
    language: Language,
) -> [(String, Chart); 2] {
    let layouts = unfiltered(grouping).render_layouts(kind, bundle, language);
    named(kind, grouping, language, layouts)
}

/// The view of a chart by `grouping` with no filter: what the static files draw.
fn unfiltered(grouping: Grouping) -> ChartParams {
    ChartParams {
        grouping,
        ..ChartParams::default()
    }
}

/// The desktop and phone `layouts` of a static drawing, each with its file name.
fn named(
    kind: ChartKind,
    grouping: Grouping,
    language: Language,
    [wide, narrow]: [Chart; 2],
) -> [(String, Chart); 2] {
    [
        (static_file(kind, grouping, language, false), wide),
        (static_file(kind, grouping, language, true), narrow),
    ]
}

/// `version.json`: which version is current, for a pinned embed to tell whether the data
/// has changed since. Pinned embeds load their version's chart shards, which the compiler
/// keeps (`reform_core::shard::kept_for_pinned_embeds`).
pub fn version_file(bundle: &Bundle) -> (String, String) {
    let current = CurrentVersion {
        latest_source_date: bundle.latest_source_date,
        version: bundle.version().to_string(),
    };
    let current = serde_json::to_string_pretty(&current).expect("the version always serializes");
    ("version.json".to_string(), format!("{current}\n"))
}
