//! The main charts as static files beside the bundle — for readers without JavaScript,
//! link previews and the embed fallback — drawn by the same core code as in the browser.

use reform_core::charts::completion::{
    completion_chart, Grouping, Language, DESKTOP_WIDTH, PHONE_WIDTH,
};
use reform_core::charts::network::{network_chart, NetworkFilter};
use reform_core::charts::responsibility::responsibility_chart;
use reform_core::charts::timeline::{timeline_chart, TimelineFilter};
use reform_core::Bundle;

/// `(path below the bundle folder, contents)` of every static chart and its CSV.
pub fn chart_files(bundle: &Bundle) -> Vec<(String, String)> {
    /// The network is square: wider would be taller than a screen.
    const NETWORK_WIDTH: u32 = 640;
    let mut files = Vec::new();
    for grouping in Grouping::ALL {
        for (language, code) in [(Language::Chinese, "zh"), (Language::English, "en")] {
            let wide = completion_chart(bundle, grouping, language, DESKTOP_WIDTH);
            let narrow = completion_chart(bundle, grouping, language, PHONE_WIDTH);
            files.push((format!("charts/{}.{code}.svg", wide.id), wide.svg));
            files.push((format!("charts/{}.{code}.narrow.svg", wide.id), narrow.svg));
            files.push((
                format!("charts/{}.{code}.csv", wide.id),
                wide.table.to_csv(),
            ));
        }
    }
    for (language, code) in [(Language::Chinese, "zh"), (Language::English, "en")] {
        let everything = TimelineFilter::default();
        let charts = [
            (
                responsibility_chart(bundle, language, DESKTOP_WIDTH),
                responsibility_chart(bundle, language, PHONE_WIDTH),
            ),
            (
                timeline_chart(bundle, &everything, language, DESKTOP_WIDTH),
                timeline_chart(bundle, &everything, language, PHONE_WIDTH),
            ),
            (
                network_chart(bundle, &NetworkFilter::default(), language, NETWORK_WIDTH),
                network_chart(bundle, &NetworkFilter::default(), language, PHONE_WIDTH),
            ),
        ];
        for (wide, narrow) in charts {
            files.push((format!("charts/{}.{code}.svg", wide.id), wide.svg));
            files.push((format!("charts/{}.{code}.narrow.svg", wide.id), narrow.svg));
            files.push((
                format!("charts/{}.{code}.csv", wide.id),
                wide.table.to_csv(),
            ));
        }
    }
    files
}
