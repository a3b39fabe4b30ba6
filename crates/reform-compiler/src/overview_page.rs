//! The home page drawn at build time as the app draws it, in both languages: header,
//! headline figures, statuses, the completion chart, the districts (a long list with a box
//! to find one, a national list closed, loaded by the app when opened), the entry points
//! and the footer. A small inline script (`drawn_page_start.js`) keeps the one the reader
//! will get and finds districts in a long list as the app does. The page needs no app to
//! be read or followed, so the app's loader waits until the page has loaded and the browser
//! is idle; the app then replaces the drawing with its own view, which says the same (the
//! browser tests compare them) and keeps what was typed into the box.

use crate::security::compact_script;
use reform_core::charts::completion::{year_chart, Language, DESKTOP_WIDTH, PHONE_WIDTH};
use reform_core::charts::embed::canvas;
use reform_core::routes::Page;
use reform_core::routes::{district_link, link};
use reform_core::shard::{DistrictTable, SiteIndex, FIND_DISTRICT_FROM};
use reform_core::text::{escape_html as esc, year_span};
use reform_core::words::{
    district_figures, districts_found, status_basis, Words, ABOUT_THE_DATA, COVERAGE_FIGURES,
    DISTRICTS, DISTRICTS_FOUND, DISTRICTS_WITHOUT_SCRIPT, ENTRY_POINTS, FIND_BY_NAME, FOOTER_NOTE,
    LOADING_DISTRICTS, MAIN_NAV, MAIN_NAV_LABEL, MORE_CHARTS, OVERVIEW_HEADING, OVERVIEW_LEDE,
    SITE_NAME, SKIP_TO_CONTENT, START_HERE, WHERE_THINGS_STAND, YEARS,
};
use reform_core::ItemStatus;
use std::sync::LazyLock;

/// The start script of a page drawn at build time (the overview, a record's page), inline
/// after the drawing (see the file), as pages carry it ([`compact_script`]).
pub fn drawn_page_start() -> &'static str {
    static SCRIPT: LazyLock<String> = LazyLock::new(|| {
        compact_script(concat!(
            include_str!("start_app.js"),
            include_str!("drawn_page_start.js")
        ))
    });
    &SCRIPT
}

/// The overview in Chinese, then in English (hidden), then the start script.
pub fn overview_prerender(index: &SiteIndex, table: &DistrictTable) -> String {
    format!(
        "{}{}<script>{}</script>",
        screen(index, table, Language::Chinese),
        screen(index, table, Language::English),
        drawn_page_start()
    )
}

/// The overview in `language`, as the app's layout and overview page draw it, in the words
/// they share with it ([`reform_core::words`]).
fn screen(index: &SiteIndex, table: &DistrictTable, language: Language) -> String {
    let english = language == Language::English;
    let coverage = &index.coverage;
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
    // With its clickable marks, as the app's chart has them.
    let drawn = |width| canvas(&year_chart(index, language, width), None, english, false);
    let site_name = language.say(SITE_NAME);
    let charts_href = format!(
        "{}#completion-by-year",
        link(&Page::Charts, &[("by", "year".to_string())], english)
    );
    let main = format!(
        "<h1>{}</h1>\
         <p class=\"lede\">{}</p>\
         <ul class=\"figures\">{figures}<li><strong>{}</strong> {}</li></ul>\
         <h2>{}</h2>\
         <p class=\"rule\">{}</p>\
         <ul class=\"status-figures\">{statuses}</ul>\
         <figure class=\"chart-figure overview-chart\"><div class=\"chart wide\">{}</div><div class=\"chart narrow\">{}</div>\
         <figcaption><a href=\"{}\">{}</a></figcaption></figure>{}",
        language.say(OVERVIEW_HEADING),
        language.say(OVERVIEW_LEDE),
        year_span(coverage.years),
        language.say(YEARS),
        language.say(WHERE_THINGS_STAND),
        esc(&rule),
        drawn(DESKTOP_WIDTH),
        drawn(PHONE_WIDTH),
        esc(&charts_href),
        language.say(MORE_CHARTS),
        rest_of_page(index, table, language),
    );
    drawn_frame(&Page::Home, site_name, &main, language, false)
}

/// A page drawn at build time in `language`, titled `title`, as the app's layout frames
/// it: the skip link, the header (whose language switch leads to `page` in the other
/// language), `main` and the footer. The English one is hidden until the start script
/// shows it. With `until_page_data`, it is marked (`data-until-page`) for the app to keep
/// it until the page's data is in, not only the index.
pub fn drawn_frame(
    page: &Page,
    title: &str,
    main: &str,
    language: Language,
    until_page_data: bool,
) -> String {
    let english = language == Language::English;
    let (code, html_lang) = (language.code(), language.html_lang());
    let nav: String = MAIN_NAV
        .iter()
        .map(|(page, label)| page_link(page, *label, language))
        .collect();
    let (switch_href, switch_lang, switch_label) = if english {
        (
            link(page, &[("lang", "zh".to_string())], false),
            "zh-Hans",
            "中文",
        )
    } else {
        (link(page, &[], true), "en", "English")
    };
    format!(
        "<div{} data-lang=\"{code}\" lang=\"{html_lang}\" data-title=\"{}\"{}>\
         <a class=\"skip-link\" href=\"#prerendered-main-{code}\">{}</a>\
         <header class=\"site-header\"><a class=\"site-name\" href=\"{}\">{}</a><nav aria-label=\"{}\">{nav}</nav><a class=\"lang-switch\" href=\"{}\" hreflang=\"{switch_lang}\" lang=\"{switch_lang}\">{switch_label}</a></header>\
         <main id=\"prerendered-main-{code}\">{main}</main>{}</div>",
        if until_page_data {
            " data-until-page"
        } else {
            ""
        },
        esc(title),
        if english { " hidden" } else { "" },
        language.say(SKIP_TO_CONTENT),
        esc(&link(&Page::Home, &[], english)),
        language.say(SITE_NAME),
        language.say(MAIN_NAV_LABEL),
        esc(&switch_href),
        footer(language),
    )
}

/// Below the first screen: the districts, each with its figures (a national list behind a
/// disclosure, which says it is loading once opened, or without JavaScript, which cannot
/// load it, that the list of districts is drawn whole on its own page), and the entry points.
fn rest_of_page(index: &SiteIndex, table: &DistrictTable, language: Language) -> String {
    let english = language == Language::English;
    let heading = format!("{} ({})", language.say(DISTRICTS), index.coverage.districts);
    let districts = if !index.overview_lists_districts() {
        format!(
            "<details class=\"district-details\"><summary><h2>{heading}</h2></summary><p class=\"notice\" role=\"status\">{}</p><noscript><p>{}</p></noscript></details>",
            language.say(LOADING_DISTRICTS),
            page_link(&Page::Districts, DISTRICTS_WITHOUT_SCRIPT, language)
        )
    } else {
        // A long list comes with a box to find a district; each row then carries what it
        // is found by, as the app finds it (`DistrictTable::matching`).
        let findable = table.districts.len() > FIND_DISTRICT_FROM;
        let rows: String = table
            .districts
            .iter()
            .map(|entry| {
                let district = &entry.district;
                let found_by = if findable {
                    format!(" data-find=\"{}\"", esc(&district.found_by().join("\n")))
                } else {
                    String::new()
                };
                format!(
                    "<li{found_by}><a class=\"district-row\" href=\"{}\"><strong>{}</strong><span class=\"muted\">{}</span></a></li>",
                    esc(&district_link(&district.id, english)),
                    esc(language.pick(&district.name, &district.name_en)),
                    esc(&district_figures(entry, language))
                )
            })
            .collect();
        let find = if findable {
            let [one, many] = DISTRICTS_FOUND;
            format!(
                "<label class=\"district-find\">{}<input type=\"search\"></label><p class=\"district-count\" role=\"status\" data-one=\"{}\" data-many=\"{}\">{}</p>",
                language.say(FIND_BY_NAME),
                language.say(one),
                language.say(many),
                districts_found(table.districts.len(), language)
            )
        } else {
            String::new()
        };
        format!(
            "<h2>{heading}</h2>{find}<ol class=\"rows\" aria-label=\"{}\">{rows}</ol>",
            language.say(DISTRICTS)
        )
    };
    let entry_points: String = ENTRY_POINTS
        .iter()
        .map(|(page, label)| format!("<li>{}</li>", page_link(page, *label, language)))
        .collect();
    format!(
        "{districts}<h2>{}</h2><ul class=\"entry-points\">{entry_points}</ul>",
        language.say(START_HERE),
    )
}

/// A link to `page`, saying `label`, in `language`.
fn page_link(page: &Page, label: Words, language: Language) -> String {
    format!(
        "<a href=\"{}\">{}</a>",
        esc(&link(page, &[], language == Language::English)),
        language.say(label)
    )
}

/// The site's footer: where everything comes from, and the link to the about page.
fn footer(language: Language) -> String {
    format!(
        "<footer class=\"site-footer\"><p>{} <a href=\"{}\">{}</a></p></footer>",
        language.say(FOOTER_NOTE),
        esc(&link(&Page::About, &[], language == Language::English)),
        language.say(ABOUT_THE_DATA)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use reform_core::shard::Split;
    use reform_core::shard::OVERVIEW_DISTRICTS_UP_TO;
    use reform_core::Bundle;

    fn split() -> Split {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../public/data/bundle.json"
        ))
        .expect("the committed bundle");
        let bundle: Bundle = serde_json::from_str(&text).expect("the committed bundle decodes");
        Split::new(&bundle)
    }

    /// The screen in `code` (`zh` or `en`) of `html`.
    fn screen_of<'a>(html: &'a str, code: &str) -> &'a str {
        let start = html.find(&format!("<div data-lang=\"{code}\"")).unwrap();
        let end = start + html[start..].find("</footer></div>").unwrap();
        &html[start..end]
    }

    #[test]
    fn draws_both_languages_chinese_shown_and_keeps_the_script_last() {
        let split = split();
        let html = overview_prerender(&split.index, &split.table);
        assert!(html.starts_with(
            "<div data-lang=\"zh\" lang=\"zh-Hans\" data-title=\"深圳区级改革追踪\"><a class=\"skip-link\" href=\"#prerendered-main-zh\">"
        ));
        assert!(html.contains(
            "<div data-lang=\"en\" lang=\"en\" data-title=\"Shenzhen Reform Tracker\" hidden>"
        ));
        assert!(html.ends_with(&format!("<script>{}</script>", drawn_page_start())));
        assert_eq!(html.matches("<script>").count(), 1);
        assert_eq!(html.matches("<main id=\"prerendered-main-").count(), 2);
    }

    #[test]
    fn each_language_links_and_counts_in_its_own_words() {
        let Split { index, table, .. } = split();
        let html = overview_prerender(&index, &table);
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
        // The chart's marks lead where the app's do, in the page rather than a new tab.
        assert!(zh.contains(
            "<a class=\"hotspot\" href=\"search/?year=2012&amp;status=overdue\" style=\""
        ));
        assert!(en.contains("<a class=\"hotspot\" href=\"search/?year=2012&amp;status=overdue&amp;lang=en\" style=\""));
        assert!(!zh.contains("target=\"_blank\""));
        // Each chart drawn in its screen's language.
        assert!(en.contains("Reform item status") && !zh.contains("Reform item status"));
    }

    #[test]
    fn a_short_district_list_is_drawn_whole_with_the_entry_points_and_footer() {
        let Split { index, table, .. } = split();
        let html = overview_prerender(&index, &table);
        let (zh, en) = (screen_of(&html, "zh"), screen_of(&html, "en"));
        assert!(zh.contains(&format!(
            "<h2>各区 ({})</h2><ol class=\"rows\" aria-label=\"各区\">",
            table.districts.len()
        )));
        let luohu = &table.districts[0];
        assert!(zh.contains(&format!(
            "<li><a class=\"district-row\" href=\"districts/luohu/\"><strong>罗湖区</strong><span class=\"muted\">{}</span></a></li>",
            district_figures(luohu, Language::Chinese)
        )));
        assert!(en.contains("href=\"districts/luohu/?lang=en\"><strong>Luohu District</strong>"));
        assert_eq!(
            zh.matches("class=\"district-row\"").count(),
            table.districts.len()
        );
        assert!(zh
            .contains("<h2>从这里开始</h2><ul class=\"entry-points\"><li><a href=\"documents/\">"));
        assert!(
            en.contains("<li><a href=\"search/?lang=en\">Search every item</a></li></ul></main>")
        );
        assert!(en.ends_with(
            "<footer class=\"site-footer\"><p>Everything here is compiled from the source documents: every progress claim quotes a source you can check. <a href=\"about/?lang=en\">About the data and downloads</a></p>"
        ));
    }

    #[test]
    fn a_long_district_list_is_drawn_with_a_box_to_find_a_district() {
        let Split {
            mut index,
            mut table,
            ..
        } = split();
        for count in [FIND_DISTRICT_FROM + 1, OVERVIEW_DISTRICTS_UP_TO] {
            index.coverage.districts = count;
            table.districts = table
                .districts
                .iter()
                .cycle()
                .take(count)
                .cloned()
                .collect();
            let html = overview_prerender(&index, &table);
            let (zh, en) = (screen_of(&html, "zh"), screen_of(&html, "en"));
            assert!(zh.contains(&format!(
                "<h2>各区 ({count})</h2><label class=\"district-find\">按名称查找<input type=\"search\"></label><p class=\"district-count\" role=\"status\" data-one=\"个区\" data-many=\"个区\">{count} 个区</p><ol class=\"rows\" aria-label=\"各区\">"
            )));
            assert!(en.contains(&format!(
                "<label class=\"district-find\">Find by name<input type=\"search\"></label><p class=\"district-count\" role=\"status\" data-one=\"district\" data-many=\"districts\">{count} districts</p>"
            )));
            // Each row says what finds it: both names and the id, as the app matches them.
            assert!(zh.contains(
                "<li data-find=\"罗湖区\nluohu district\nluohu\"><a class=\"district-row\" href=\"districts/luohu/\">"
            ));
            assert_eq!(zh.matches("<li data-find=").count(), count);
            assert!(en.contains("<footer class=\"site-footer\">"));
        }
    }

    #[test]
    fn a_national_district_list_is_drawn_closed_behind_its_disclosure() {
        let Split {
            mut index,
            mut table,
            ..
        } = split();
        let many = OVERVIEW_DISTRICTS_UP_TO + 1;
        index.coverage.districts = many;
        table.districts = table.districts.iter().cycle().take(many).cloned().collect();
        let html = overview_prerender(&index, &table);
        let (zh, en) = (screen_of(&html, "zh"), screen_of(&html, "en"));
        assert!(zh.contains(&format!(
            "<details class=\"district-details\"><summary><h2>各区 ({many})</h2></summary><p class=\"notice\" role=\"status\">正在加载各区…</p><noscript><p><a href=\"districts/\">各区列表</a></p></noscript></details><h2>从这里开始</h2>"
        )));
        assert!(en.contains("<summary><h2>Districts (201)</h2></summary>"));
        assert!(!html.contains("district-row"));
        assert!(en.contains("<footer class=\"site-footer\">"));
    }
}
