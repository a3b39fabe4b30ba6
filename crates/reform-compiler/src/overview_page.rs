//! The home page's first screen, drawn at build time as the app draws it: header, headline
//! figures, statuses and the completion chart, from the index alone, in both languages. A
//! small inline script (`overview_start.js`) keeps the one the reader will get; the app then
//! replaces it with its own view, which says the same (the browser tests compare them).

use crate::embed_page::link;
use reform_core::charts::completion::{year_chart, Language, DESKTOP_WIDTH, PHONE_WIDTH};
use reform_core::routes::Page;
use reform_core::shard::SiteIndex;
use reform_core::text::{english_count, escape_html as esc, year_span};
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

/// The first screen in `language`, as the app's layout and overview page draw it.
fn screen(index: &SiteIndex, language: Language) -> String {
    let english = language == Language::English;
    let pick = |zh: &'static str, en: &'static str| if english { en } else { zh };
    let (code, html_lang) = if english {
        ("en", "en")
    } else {
        ("zh", "zh-Hans")
    };
    let coverage = &index.coverage;
    let nav: String = [
        (Page::Documents, pick("原始文件", "Documents")),
        (Page::Units, pick("责任单位", "Units")),
        (Page::Themes, pick("主题", "Themes")),
        (Page::Charts, pick("图表", "Charts")),
        (Page::Search, pick("搜索", "Search")),
        (Page::About, pick("关于数据", "About the data")),
    ]
    .iter()
    .map(|(page, label)| format!("<a href=\"{}\">{label}</a>", esc(&link(page, &[], english))))
    .collect();
    let (switch_href, switch_lang, switch_label) = if english {
        ("?lang=zh", "zh-Hans", "中文")
    } else {
        ("?lang=en", "en", "English")
    };
    let figures: String = [
        (coverage.districts, pick("个区", "districts")),
        (coverage.documents, pick("份原始文件", "source documents")),
        (coverage.items, pick("项改革任务", "reform items")),
        (coverage.units, pick("个责任单位", "responsible units")),
    ]
    .iter()
    .map(|(count, label)| format!("<li><strong>{count}</strong> {label}</li>"))
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
                pick(status.label_zh(), status.label_en())
            )
        })
        .collect();
    let rule = if english {
        format!(
            "{}; statuses from {}; as of {}.",
            english_count(coverage.items, "item", "items"),
            english_count(
                coverage.progress_sources,
                "dated later source",
                "dated later sources"
            ),
            index.as_of()
        )
    } else {
        format!(
            "共 {} 项;状态依据 {} 份有日期的后续来源;数据截至 {}。",
            coverage.items,
            coverage.progress_sources,
            index.as_of()
        )
    };
    let canvas = |width| {
        let chart = year_chart(index, language, width);
        format!(
            "<div class=\"chart-canvas\" style=\"max-width:{}px\"><div>{}</div></div>",
            chart.width, chart.svg
        )
    };
    let site_name = pick("深圳区级改革追踪", "Shenzhen Reform Tracker");
    // The base itself, written so that no reader takes it for "this page".
    let home = Some(link(&Page::Home, &[], english))
        .filter(|href| !href.is_empty())
        .unwrap_or_else(|| "./".to_string());
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
        pick("跳到正文", "Skip to content"),
        esc(&home),
        pick("主导航", "Main"),
        pick(
            "承诺了什么,谁负责,做成了什么",
            "What was promised, who is responsible, what got done"
        ),
        pick(
            "深圳各区每年公布改革计划:编号的改革任务、牵头单位与协办单位,有时还有牵头区领导和完成时限。这里把计划与后来的文件、报道对照起来。",
            "Shenzhen's districts publish yearly reform plans: numbered items, each with a lead unit and co-organisers, sometimes a responsible leader and a deadline. This portal sets them against what later documents and reports say.",
        ),
        year_span(coverage.years),
        pick("年份", "years"),
        pick("完成情况", "Where things stand"),
        esc(&rule),
        canvas(DESKTOP_WIDTH),
        canvas(PHONE_WIDTH),
        esc(&charts_href),
        pick("数据表、下载与更多图表", "Data table, downloads and more charts"),
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
