//! The home page's first screen, drawn at build time as the app draws it: header, headline
//! figures, statuses and the completion chart, from the index alone, in both languages. A
//! small inline script (`overview_start.js`) keeps the one the reader will get; the app then
//! replaces it with its own view, which says the same (the browser tests compare them).

use crate::site::link;
use reform_core::charts::completion::{year_chart, Language, DESKTOP_WIDTH, PHONE_WIDTH};
use reform_core::routes::Page;
use reform_core::shard::SiteIndex;
use reform_core::text::{escape_html as esc, year_span};
use reform_core::words::{
    status_basis, COVERAGE_FIGURES, MAIN_NAV, MAIN_NAV_LABEL, MORE_CHARTS, OVERVIEW_HEADING,
    OVERVIEW_LEDE, SITE_NAME, SKIP_TO_CONTENT, WHERE_THINGS_STAND, YEARS,
};
use reform_core::ItemStatus;

/// The home page's start script, inline after the drawn screens (see the file).
pub const OVERVIEW_START: &str = include_str!("overview_start.js");

/// The overview's first screen in Chinese, then in English (hidden), then the start script.
pub fn overview_prerender(index: &SiteIndex) -> String {
    format!(
        "{}{}<script>{OVERVIEW_START}</script>",
        screen(index, Language::Chinese),
        screen(index, Language::English)
    )
}

/// The first screen in `language`, as the app's layout and overview page draw it, in the
/// words they share with it ([`reform_core::words`]).
fn screen(index: &SiteIndex, language: Language) -> String {
    let english = language == Language::English;
    let (code, html_lang) = if english {
        ("en", "en")
    } else {
        ("zh", "zh-Hans")
    };
    let coverage = &index.coverage;
    let nav: String = MAIN_NAV
        .iter()
        .map(|(page, label)| {
            format!(
                "<a href=\"{}\">{}</a>",
                esc(&link(page, &[], english)),
                language.say(*label)
            )
        })
        .collect();
    let (switch_href, switch_lang, switch_label) = if english {
        ("?lang=zh", "zh-Hans", "中文")
    } else {
        ("?lang=en", "en", "English")
    };
    let counts = [
        coverage.districts,
        coverage.documents,
        coverage.items,
        coverage.units,
    ];
    let figures: String = counts
        .into_iter()
        .zip(COVERAGE_FIGURES)
        .map(|(count, label)| format!("<li><strong>{count}</strong> {}</li>", language.say(label)))
        .collect();
    let statuses: String = ItemStatus::ALL
        .iter()
        .map(|status| {
            format!(
                "<li><a href=\"{}\"><strong>{}</strong> <span class=\"{}\"><span aria-hidden=\"true\">{} </span>{}</span></a></li>",
                esc(&link(&Page::Search, &[("status", status.code().to_string())], english)),
                coverage.statuses.get(*status),
                status.css_class(),
                status.symbol(),
                language.pick(status.label_zh(), status.label_en())
            )
        })
        .collect();
    let rule = status_basis(
        coverage.items,
        coverage.progress_sources,
        &index.as_of(),
        language,
    );
    let canvas = |width| {
        let chart = year_chart(index, language, width);
        format!(
            "<div class=\"chart-canvas\" style=\"max-width:{}px\"><div>{}</div></div>",
            chart.width, chart.svg
        )
    };
    let site_name = language.say(SITE_NAME);
    let charts_href = format!(
        "{}#completion-by-year",
        link(&Page::Charts, &[("by", "year".to_string())], english)
    );
    format!(
        "<div data-lang=\"{code}\" lang=\"{html_lang}\" data-title=\"{site_name}\"{hidden}>\
         <a class=\"skip-link\" href=\"#prerendered-main-{code}\">{}</a>\
         <header class=\"site-header\"><a class=\"site-name\" href=\"{}\">{site_name}</a><nav aria-label=\"{}\">{nav}</nav><a class=\"lang-switch\" href=\"{switch_href}\" hreflang=\"{switch_lang}\" lang=\"{switch_lang}\">{switch_label}</a></header>\
         <main id=\"prerendered-main-{code}\"><h1>{}</h1>\
         <p class=\"lede\">{}</p>\
         <ul class=\"figures\">{figures}<li><strong>{}</strong> {}</li></ul>\
         <h2>{}</h2>\
         <p class=\"rule\">{}</p>\
         <ul class=\"status-figures\">{statuses}</ul>\
         <figure class=\"chart-figure overview-chart\"><div class=\"chart wide\">{}</div><div class=\"chart narrow\">{}</div>\
         <figcaption><a href=\"{}\">{}</a></figcaption></figure></main></div>",
        language.say(SKIP_TO_CONTENT),
        esc(&link(&Page::Home, &[], english)),
        language.say(MAIN_NAV_LABEL),
        language.say(OVERVIEW_HEADING),
        language.say(OVERVIEW_LEDE),
        year_span(coverage.years),
        language.say(YEARS),
        language.say(WHERE_THINGS_STAND),
        esc(&rule),
        canvas(DESKTOP_WIDTH),
        canvas(PHONE_WIDTH),
        esc(&charts_href),
        language.say(MORE_CHARTS),
        hidden = if english { " hidden" } else { "" },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use reform_core::shard::Split;
    use reform_core::Bundle;

    fn index() -> SiteIndex {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../public/data/bundle.json"
        ))
        .expect("the committed bundle");
        let bundle: Bundle = serde_json::from_str(&text).expect("the committed bundle decodes");
        Split::new(&bundle).index
    }

    /// The screen in `code` (`zh` or `en`) of `html`.
    fn screen_of<'a>(html: &'a str, code: &str) -> &'a str {
        let start = html.find(&format!("<div data-lang=\"{code}\"")).unwrap();
        let end = start + html[start..].find("</main></div>").unwrap();
        &html[start..end]
    }

    #[test]
    fn draws_both_languages_chinese_shown_and_keeps_the_script_last() {
        let html = overview_prerender(&index());
        assert!(html.starts_with(
            "<div data-lang=\"zh\" lang=\"zh-Hans\" data-title=\"深圳区级改革追踪\"><a class=\"skip-link\" href=\"#prerendered-main-zh\">"
        ));
        assert!(html.contains(
            "<div data-lang=\"en\" lang=\"en\" data-title=\"Shenzhen Reform Tracker\" hidden>"
        ));
        assert!(html.ends_with(&format!("<script>{OVERVIEW_START}</script>")));
        assert_eq!(html.matches("<script>").count(), 1);
        assert_eq!(html.matches("<main id=\"prerendered-main-").count(), 2);
    }

    #[test]
    fn each_language_links_and_counts_in_its_own_words() {
        let index = index();
        let html = overview_prerender(&index);
        let (zh, en) = (screen_of(&html, "zh"), screen_of(&html, "en"));
        assert!(zh.contains("<a class=\"site-name\" href=\"./\">深圳区级改革追踪</a>"));
        assert!(zh.contains("<a href=\"documents/\">原始文件</a>"));
        assert!(zh.contains("<a href=\"search/?status=delivered\">"));
        assert!(zh
            .contains("<a href=\"charts/?by=year#completion-by-year\">数据表、下载与更多图表</a>"));
        assert!(zh.contains("href=\"?lang=en\" hreflang=\"en\" lang=\"en\">English</a>"));
        assert!(en.contains("<a class=\"site-name\" href=\"?lang=en\">Shenzhen Reform Tracker</a>"));
        assert!(en.contains("<a href=\"documents/?lang=en\">Documents</a>"));
        assert!(en.contains("<a href=\"search/?status=delivered&amp;lang=en\">"));
        assert!(en.contains("<a href=\"charts/?by=year&amp;lang=en#completion-by-year\">Data table, downloads and more charts</a>"));
        assert!(en.contains("href=\"?lang=zh\" hreflang=\"zh-Hans\" lang=\"zh-Hans\">中文</a>"));
        let coverage = &index.coverage;
        assert!(en.contains(&format!(
            "<p class=\"rule\">{} items; statuses from {} dated later sources; as of {}.</p>",
            coverage.items,
            coverage.progress_sources,
            index.as_of()
        )));
        assert!(zh.contains("完成情况") && !en.contains("完成情况"));
        // Each chart drawn in its screen's language.
        assert!(en.contains("Reform item status") && !zh.contains("Reform item status"));
    }
}
