//! The charts as static files beside the bundle — for readers without JavaScript, link
//! previews and the embed fallback — drawn by the same core code as in the browser; and the
//! slim chart data the embeds load, kept for every data version so pinned embeds stay right.

use reform_core::charts::completion::{Grouping, Language, PHONE_WIDTH};
use reform_core::charts::view::{static_file, ChartKind, ChartParams};
use reform_core::{Bundle, CurrentVersion};

/// `(path below the bundle folder, contents)` of every static chart of `kind` (default
/// view, both languages, desktop and phone layouts) and its CSV.
pub fn chart_files(bundle: &Bundle, kind: ChartKind) -> Vec<(String, String)> {
    let mut files = Vec::new();
    let groupings: &[Grouping] = match kind {
        ChartKind::Completion => &Grouping::ALL,
        _ => &[Grouping::Document],
    };
    for grouping in groupings {
        let params = ChartParams {
            grouping: *grouping,
            ..ChartParams::default()
        };
        for language in [Language::Chinese, Language::English] {
            let wide = params.render(kind, bundle, language, kind.desktop_width());
            let narrow = params.render(kind, bundle, language, PHONE_WIDTH);
            let wide_file = static_file(kind, *grouping, language, false);
            let csv_file = wide_file.replace(".svg", ".csv");
            files.push((format!("charts/{wide_file}"), wide.svg));
            let narrow_file = static_file(kind, *grouping, language, true);
            files.push((format!("charts/{narrow_file}"), narrow.svg));
            files.push((format!("charts/{csv_file}"), wide.table.to_csv()));
        }
    }
    files
}

/// The pinned embeds' data: `versions/<version>.json` (the bundle without item texts and
/// quotes, kept for every version) and `version.json` (which version is current, for a
/// pinned embed to tell whether the data has changed since). Live embeds load chart shards.
pub fn embed_data_files(bundle: &Bundle) -> Vec<(String, String)> {
    let slim = crate::compile::to_json(&bundle.for_charts());
    let current = CurrentVersion {
        latest_source_date: bundle.latest_source_date,
        version: bundle.version().to_string(),
    };
    let current = serde_json::to_string_pretty(&current).expect("the version always serializes");
    vec![
        (format!("versions/{}.json", bundle.version()), slim),
        ("version.json".to_string(), format!("{current}\n")),
    ]
}
