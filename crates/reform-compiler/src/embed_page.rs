//! An embed page that needs no wasm for the chart's default views. A journalist's iframe
//! shows one chart; its default views (each grouping the compiler draws, in both languages)
//! are written into the page at build time as the app would show them — title, the static
//! drawings with their clickable marks, links — and a small inline script
//! (`embed_start.js`) shows the one the URL asks for. The narrowed views the compiler draws
//! beside the data (a theme's, district's or unit's timeline, a theme's or plan's network,
//! a theme within a district or plan: [`narrowed_views`]) are listed in the page, and the
//! script fetches the one asked for, a few kilobytes. A forced colour scheme (`theme=`) is
//! applied to either, as the app would. Any other view (a theme for one unit, an earlier
//! data version, any narrowing of a corpus too large to draw whole) is drawn by the embed
//! drawer the page names (`crates/reform-embed`); what the drawer cannot draw starts the
//! app, whose loader the page keeps in a `<template>` until then.

use crate::security::compact_script;
use crate::site::{Pieces, TemplateError};
use crate::static_charts::drawings;
use reform_core::charts::completion::{Grouping, Language};
use reform_core::charts::embed::{article, Drawings};
use reform_core::charts::view::{
    chart_url, narrowed_views, static_table_file, static_views, ChartKind, ChartParams,
};
use reform_core::routes::query_string;
use reform_core::shard::SiteIndex;
use reform_core::text::escape_html as esc;
use reform_core::words::LOADING_DATA;
use reform_core::Bundle;
use std::collections::BTreeMap;
use std::sync::LazyLock;

/// Marks the start of Trunk's loader in `index.html`. The wasm's `<link data-trunk
/// rel="rust">` is the last tag of `<head>`, so Trunk's loader script and the preloads it
/// appends run from here to `</head>`.
pub const APP_LOADER: &str = "<!--app-loader-->";

/// The embed page's start script, inline in the page (see the file), as pages carry it
/// ([`compact_script`]).
pub fn embed_start() -> &'static str {
    static SCRIPT: LazyLock<String> = LazyLock::new(|| {
        compact_script(concat!(
            include_str!("start_app.js"),
            include_str!("embed_start.js")
        ))
    });
    &SCRIPT
}

/// The views of `kind` drawn at build time, as `<main>` holding one hidden `<article>` per
/// view and language, followed by the start script. A corpus too large to be drawn whole
/// ([`static_views`]) may have none: the script then has every view drawn by the embed
/// drawer named in `pieces`, or by the app if there is none.
pub fn embed_prerender(bundle: &Bundle, pieces: &Pieces, kind: ChartKind) -> String {
    let index = &pieces.index;
    let groupings = static_views(index)
        .into_iter()
        .filter(|(viewed, _)| *viewed == kind)
        .map(|(_, grouping)| grouping);
    let version = bundle.version();
    // The narrowed views drawn beside the data: view (as its URL query) -> file stem.
    let narrowed: serde_json::Map<String, serde_json::Value> = narrowed_views(index, bundle)
        .into_iter()
        .filter(|view| view.kind == kind)
        .map(|view| (query_string(&view.params.pairs_for(kind)), view.stem.into()))
        .collect();
    // `by=` the default grouping is the view without `by`: the script drops it.
    let mut html = format!(
        "<main id=\"main\" class=\"embed-main\" data-chart=\"{}\" data-version=\"{}\" data-default-by=\"{}\" data-views=\"{}\"{}{}>",
        kind.code(),
        esc(version),
        Grouping::default().code(),
        esc(&serde_json::Value::Object(narrowed).to_string()),
        match pieces.drawer(kind) {
            Some(drawer) => format!(" data-drawer=\"{}\"", esc(drawer)),
            None => String::new(),
        },
        unit_districts(bundle, index, kind),
    );
    for grouping in groupings {
        let params = ChartParams {
            grouping,
            ..ChartParams::default()
        };
        for language in [Language::Chinese, Language::English] {
            let drawn = drawings(bundle, kind, grouping, language);
            let table = static_table_file(kind, grouping, language);
            html.push_str(&article(
                &params,
                kind,
                language,
                Drawings::Files(drawn),
                &chart_url(&table, version),
                version,
                None,
            ));
        }
    }
    // Shown while a view is fetched or drawn in the browser: the reader's language's.
    for language in [Language::Chinese, Language::English] {
        html.push_str(&format!(
            "<p class=\"notice\" role=\"status\" data-loading=\"{}\" lang=\"{}\" hidden>{}</p>",
            language.code(),
            language.html_lang(),
            language.say(LOADING_DATA),
        ));
    }
    html.push_str("</main><script>");
    html.push_str(embed_start());
    html.push_str("</script>");
    html
}

/// For a chart drawn for one unit, while the corpus loads whole: each district's units,
/// as `data-units` (district -> unit ids). A unit's view then fetches its district's chart
/// shard with the index, while the drawer downloads, instead of looking the unit up in
/// the directory first: two round trips fewer. A larger corpus lists none (the list would
/// grow with it): its drawer looks the unit up.
fn unit_districts(bundle: &Bundle, index: &SiteIndex, kind: ChartKind) -> String {
    if !kind.view_keys().contains(&"unit") || !index.loads_whole() {
        return String::new();
    }
    let mut units: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for unit in &bundle.units {
        units.entry(&unit.district).or_default().push(&unit.id);
    }
    let json = serde_json::to_string(&units).expect("ids always serialize");
    format!(" data-units=\"{}\"", esc(&json))
}

/// `page` with Trunk's loader (from [`APP_LOADER`] to `</head>`) and the data `preloads`
/// kept in `<template id="app-loader">`: inert until the start script needs the app.
pub fn defer_app_loader(page: &str, preloads: &str) -> Result<String, TemplateError> {
    let start = page
        .find(APP_LOADER)
        .ok_or(TemplateError::MissingMarker(APP_LOADER))?
        + APP_LOADER.len();
    let end = start
        + page[start..]
            .find("</head>")
            .ok_or(TemplateError::MissingMarker("</head>"))?;
    Ok(format!(
        "{}{DEFERRED_OPEN}{preloads}{DEFERRED_LOADER}{}</template>{}",
        &page[..start],
        &page[start..end],
        &page[end..]
    ))
}

/// Marks the stylesheet of the portal's pages in `index.html` (`style/main.css`, which
/// Trunk links keeping the attribute): embed pages leave it out, since what they show
/// is styled by `style/base.css` alone.
pub const PAGES_ONLY: &str = "data-pages-only";

/// `page` as an embed page links it: without the portal's pages' stylesheet
/// ([`PAGES_ONLY`]), and with an empty icon instead of the site's, which a frame in
/// another page never shows (and without any, a browser showing the page alone would ask
/// the host for `/favicon.ico`).
pub fn embed_head(page: &str) -> String {
    let without_stylesheet = replace_link(page, PAGES_ONLY, "");
    replace_link(
        &without_stylesheet,
        "rel=\"icon\"",
        "<link rel=\"icon\" href=\"data:,\">",
    )
}

/// `page` with the first `<link>` tag that holds `needle` replaced by `with`, if there is
/// one.
fn replace_link(page: &str, needle: &str, with: &str) -> String {
    let mut from = 0;
    while let Some(start) = page[from..].find("<link").map(|at| from + at) {
        let Some(end) = page[start..].find('>').map(|at| start + at + 1) else {
            break;
        };
        if page[start..end].contains(needle) {
            return format!("{}{with}{}", &page[..start], &page[end..]);
        }
        from = end;
    }
    page.to_string()
}

/// Opens the template [`defer_app_loader`] keeps the loader in.
const DEFERRED_OPEN: &str = "<template id=\"app-loader\">";
/// Between the data preloads and the loader in that template.
const DEFERRED_LOADER: &str = "<!--loader-->";

/// `page` with a loader that [`defer_app_loader`] kept back in place again, without the
/// data preloads it kept with it: the template's form, for a second `site` run over a
/// built home page. Any other page as it is.
pub fn restore_app_loader(page: &str) -> String {
    let kept = format!("{APP_LOADER}{DEFERRED_OPEN}");
    let Some(start) = page.find(&kept) else {
        return page.to_string();
    };
    let preloads = start + kept.len();
    let (Some(loader), Some(head)) = (
        page[preloads..].find(DEFERRED_LOADER),
        page[preloads..].find("</head>"),
    ) else {
        return page.to_string();
    };
    let (loader, head) = (preloads + loader + DEFERRED_LOADER.len(), preloads + head);
    match page[..head].strip_suffix("</template>") {
        Some(before_close) if loader <= before_close.len() => format!(
            "{}{APP_LOADER}{}{}",
            &page[..start],
            &page[loader..before_close.len()],
            &page[head..]
        ),
        _ => page.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::render_page;
    use reform_core::routes::Page;
    use reform_core::shard::Split;

    const TEMPLATE: &str = "<html><head><title>x</title><!--page-head--><!--/page-head-->\
        <!--app-loader--><script type=\"module\">import init from '/app.js';</script><link rel=\"preload\" href=\"/app_bg.wasm\"></head>\
        <body><noscript><!--page-body--><!--/page-body--></noscript><div id=\"prerender\"><!--page-prerender--><!--/page-prerender--></div>\
        <div id=\"load-fallback\"><!--page-fallback--><!--/page-fallback--></div></body></html>";

    fn seeds() -> Bundle {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../public/data/bundle.json"
        ))
        .expect("the committed bundle");
        serde_json::from_str(&text).expect("the committed bundle decodes")
    }

    fn render(bundle: &Bundle, pieces: &Pieces, kind: ChartKind) -> String {
        render_page(TEMPLATE, bundle, pieces, &Page::Embed(kind), &|_| None)
            .unwrap()
            .unwrap()
    }

    fn pieces_of(bundle: &Bundle) -> Pieces {
        let split = Split::new(bundle);
        Pieces {
            index: split.index,
            table: split.table,
            drawers: vec![(
                ChartKind::Completion,
                "embed-drawer-completion-0123".to_string(),
            )],
        }
    }

    /// The values of `attribute` on the elements of `html` that have it, in order.
    fn values<'a>(html: &'a str, attribute: &str) -> Vec<&'a str> {
        html.split(&format!(" {attribute}=\""))
            .skip(1)
            .filter_map(|rest| rest.split('"').next())
            .collect()
    }

    #[test]
    fn draws_every_grouping_in_both_languages_and_keeps_the_app_and_its_data_waiting() {
        let bundle = seeds();
        let pieces = pieces_of(&bundle);
        let html = render(&bundle, &pieces, ChartKind::Completion);
        let (page, loader) = html.split_once("<template id=\"app-loader\">").unwrap();
        let (loader, rest) = loader.split_once("</template>").unwrap();
        // Nothing outside the template makes the browser fetch the app or its data.
        assert!(!page.contains("rel=\"preload\"") && !rest.contains("rel=\"preload\""));
        assert!(!page.contains("type=\"module\"") && !rest.contains("type=\"module\""));
        assert!(loader.starts_with("<link rel=\"preload\" href=\"data/index.json\""));
        assert!(loader.ends_with("<script type=\"module\">import init from '/app.js';</script><link rel=\"preload\" href=\"/app_bg.wasm\">"));
        let version = bundle.version();
        let main_open = format!(
            "<main id=\"main\" class=\"embed-main\" data-chart=\"completion\" data-version=\"{version}\" data-default-by=\"document\" data-views=\"{{}}\" data-drawer=\"embed-drawer-completion-0123\">"
        );
        let (_, main) = rest.split_once(&main_open).unwrap();
        // Each chart's page names its own drawer: one the build did not make, none. The
        // timeline's lists each district's units; the completion's, drawn for no unit, not.
        let timeline = render(&bundle, &pieces, ChartKind::Timeline);
        assert!(timeline.contains("data-chart=\"timeline\"") && !timeline.contains("data-drawer="));
        assert!(timeline.contains(" data-units=\"{&quot;luohu&quot;:[&quot;"));
        assert!(!html.contains("data-units="));
        let (main, after) = main.split_once("</main>").unwrap();
        assert!(after.starts_with(&format!(
            "<script>{}</script><!--/page-prerender-->",
            embed_start()
        )));
        let rest = main;
        assert_eq!(
            values(rest, "data-view"),
            ["", "", "by=theme", "by=theme", "by=year", "by=year", "by=unit", "by=unit"]
        );
        assert_eq!(values(rest, "data-lang"), ["zh", "en"].repeat(4));
        assert_eq!(rest.matches("<article class=\"embed\"").count(), 8);
        assert_eq!(
            rest.matches(" hidden>").count(),
            18,
            "articles, pin notes and loading notices start hidden"
        );
        assert!(rest.ends_with(
            "<p class=\"notice\" role=\"status\" data-loading=\"zh\" lang=\"zh-Hans\" hidden>正在加载数据…</p>\
             <p class=\"notice\" role=\"status\" data-loading=\"en\" lang=\"en\" hidden>Loading the data…</p>"
        ));
        // Each view's drawings are the static files the compiler writes, with the marks the
        // app lays over them, linking in the view's language.
        let images = values(rest, "src");
        assert_eq!(images.len(), 16);
        assert_eq!(
            images[2],
            format!("data/charts/completion-by-document.en.svg?v={version}")
        );
        assert_eq!(
            images[3],
            format!("data/charts/completion-by-document.en.narrow.svg?v={version}")
        );
        let english = rest.split("data-lang=\"en\"").nth(1).unwrap();
        let english = english.split("</article>").next().unwrap();
        let [(_, wide), _] = drawings(
            &bundle,
            ChartKind::Completion,
            Default::default(),
            Language::English,
        );
        assert!(english.contains(&format!("<h1>{}</h1>", esc(&wide.title))));
        assert!(english.contains("<a href=\"charts/?lang=en#completion-by-document\""));
        assert!(english.contains(&format!("<a href=\"data/charts/completion-by-document.en.csv?v={version}\" download=\"completion-by-document.csv\">Download CSV</a>")));
        let marks: Vec<&str> = values(english, "href")
            .into_iter()
            .filter(|href| href.starts_with("search/"))
            .collect();
        assert!(!wide.hotspots.is_empty());
        assert!(marks.len() >= wide.hotspots.len(), "{marks:?}");
        assert!(
            marks.iter().all(|href| href.ends_with("lang=en")),
            "{marks:?}"
        );
    }

    #[test]
    fn lists_the_narrowed_views_drawn_beside_the_data_and_their_articles_match() {
        let bundle = seeds();
        let pieces = pieces_of(&bundle);
        let views = |kind| {
            let html = render(&bundle, &pieces, kind);
            let listed = values(&html, "data-views")[0]
                .replace("&quot;", "\"")
                .replace("&amp;", "&");
            serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(&listed).unwrap()
        };
        let timeline = views(ChartKind::Timeline);
        // Each theme's districts and plans: where its items come from.
        let within = |place: &dyn Fn(&reform_core::Document) -> String| -> usize {
            bundle
                .themes
                .iter()
                .map(|theme| {
                    let places: std::collections::BTreeSet<String> = theme
                        .items
                        .iter()
                        .filter_map(|item| bundle.item(item))
                        .filter_map(|item| bundle.document(&item.document))
                        .map(place)
                        .collect();
                    places.len()
                })
                .sum()
        };
        let theme_districts = within(&|document| document.district.clone());
        let theme_plans = within(&|document| document.id.clone());
        assert!(theme_districts > bundle.themes.len() && theme_plans > theme_districts);
        // Every theme, both districts, every unit, and each theme within each district.
        assert_eq!(
            timeline.len(),
            bundle.themes.len() + 2 + bundle.units.len() + theme_districts
        );
        assert_eq!(
            timeline["topic=property-management&district=luohu"],
            "timeline.topic-property-management.district-luohu"
        );
        assert_eq!(
            timeline["unit=luohu-civil-affairs-bureau"],
            "timeline.unit-luohu-civil-affairs-bureau"
        );
        assert_eq!(
            timeline["topic=property-management"],
            "timeline.topic-property-management"
        );
        assert_eq!(timeline["district=yantian"], "timeline.district-yantian");
        // Every theme, the four documents with items, and each theme within each plan.
        let network = views(ChartKind::Network);
        assert_eq!(network.len(), bundle.themes.len() + 4 + theme_plans);
        assert_eq!(
            network["plan=2014-luohu-reform-plan"],
            "network.plan-2014-luohu-reform-plan"
        );
        assert!(views(ChartKind::Completion).is_empty());
        assert!(views(ChartKind::ResponsibilityMap).is_empty());

        // The English article of one: the view, its drawings written in, links in English.
        let params = ChartParams::from_pairs(&bundle, [("topic", "property-management")]);
        let view = narrowed_views(&pieces.index, &bundle)
            .into_iter()
            .find(|view| view.kind == ChartKind::Timeline && view.params == params)
            .unwrap();
        let files = crate::static_charts::narrowed_chart_files(&bundle, &view);
        let paths: Vec<&str> = files.iter().map(|(path, _)| path.as_str()).collect();
        assert_eq!(
            paths,
            ["zh.html", "zh.csv", "en.html", "en.csv"]
                .map(|end| format!("charts/views/timeline.topic-property-management.{end}"))
        );
        let article = &files[2].1;
        assert_eq!(values(article, "data-view"), ["topic=property-management"]);
        assert_eq!(values(article, "data-lang"), ["en"]);
        let [wide, narrow] = params.render_layouts(ChartKind::Timeline, &bundle, Language::English);
        assert!(article.contains(&format!("<div>{}</div>", wide.svg)));
        assert!(article.contains(&format!("<div>{}</div>", narrow.svg)));
        assert!(!article.contains("<img"), "nothing more to fetch");
        // Fewer items than the whole timeline.
        let whole =
            ChartParams::default().render(ChartKind::Timeline, &bundle, Language::English, 800);
        assert!(wide.svg.len() < whole.svg.len());
        assert!(
            article.contains("<a href=\"charts/?topic=property-management&amp;lang=en#timeline\"")
        );
        let version = bundle.version();
        assert!(article.contains(&format!(
            "<a href=\"data/charts/views/timeline.topic-property-management.en.csv?v={version}\" download=\"timeline.csv\">Download CSV</a>"
        )));
        assert!(article.contains(&format!("<code>{version}</code>")));
        assert_eq!(files[3].1, wide.table.to_csv());
    }

    #[test]
    fn a_corpus_too_large_to_draw_whole_starts_the_app_for_every_view() {
        let bundle = seeds();
        let mut pieces = pieces_of(&bundle);
        pieces.index.total_bytes = reform_core::shard::LOAD_ALL_LIMIT_BYTES + 1;
        let timeline = render(&bundle, &pieces, ChartKind::Timeline);
        assert!(!timeline.contains("<article class="));
        assert_eq!(
            values(&timeline, "data-views"),
            ["{}"],
            "no narrowed views either"
        );
        // Nor the units' districts: the list would grow with the corpus.
        assert!(!timeline.contains("data-units="));
        assert!(timeline.contains(&format!("<script>{}</script>", embed_start())));
        assert!(timeline.contains("<template id=\"app-loader\">"));
        // Completion by theme, year and unit stay drawn; by document, the default, does not.
        let completion = render(&bundle, &pieces, ChartKind::Completion);
        assert_eq!(
            values(&completion, "data-view"),
            ["by=theme", "by=theme", "by=year", "by=year", "by=unit", "by=unit"]
        );
    }

    #[test]
    fn writes_hostile_names_as_text() {
        const PAYLOAD: &str = "<script>window.__xss=1</script>\"'><img src=x>";
        let mut bundle = seeds();
        for document in &mut bundle.documents {
            document.title.push_str(PAYLOAD);
            document.title_en.push_str(PAYLOAD);
        }
        for unit in &mut bundle.units {
            unit.name.push_str(PAYLOAD);
        }
        let pieces = pieces_of(&bundle);
        for kind in ChartKind::ALL {
            let html = render(&bundle, &pieces, kind);
            let (_, drawn) = html.split_once("<main id=\"main\"").unwrap();
            let (drawn, _) = drawn.split_once("</main>").unwrap();
            assert!(
                drawn.contains("&lt;script&gt;window.__xss=1"),
                "{kind:?}: the names are shown"
            );
            assert!(
                !drawn.contains("<script") && !drawn.contains("<img src=x"),
                "{kind:?}"
            );
        }
    }

    #[test]
    fn an_embed_links_the_base_stylesheet_alone_and_an_empty_icon() {
        let head = "<head><link rel=\"icon\" href=\"/favicon-1.svg\" integrity=\"sha384-a\"/>\
            <link rel=\"stylesheet\" href=\"/base-2.css\" integrity=\"sha384-b\"/>\
            <link rel=\"stylesheet\" href=\"/main-3.css\" data-pages-only integrity=\"sha384-c\"/></head>";
        assert_eq!(
            embed_head(head),
            "<head><link rel=\"icon\" href=\"data:,\"><link rel=\"stylesheet\" href=\"/base-2.css\" integrity=\"sha384-b\"/></head>"
        );
        // A page without them is left as it is; the mark outside a link is not one.
        assert_eq!(embed_head("<head></head>"), "<head></head>");
        let named = "<!-- data-pages-only --><link rel=\"stylesheet\" href=\"/base-2.css\"/>";
        assert_eq!(embed_head(named), named);
    }

    #[test]
    fn a_deferred_loader_is_restored_as_it_was() {
        // As index.html has it: a comment names </head> before the marker.
        let page = "<head><!-- to </head> --><!--app-loader--><script type=\"module\">go()</script><link rel=\"preload\" href=\"app.wasm\"></head><body></body>";
        let deferred =
            defer_app_loader(page, "<link rel=\"preload\" href=\"data/index.json\">").unwrap();
        assert_eq!(
            deferred,
            "<head><!-- to </head> --><!--app-loader--><template id=\"app-loader\"><link rel=\"preload\" href=\"data/index.json\"><!--loader--><script type=\"module\">go()</script><link rel=\"preload\" href=\"app.wasm\"></template></head><body></body>"
        );
        assert_eq!(restore_app_loader(&deferred), page);
        assert_eq!(restore_app_loader(page), page);
    }

    #[test]
    fn names_a_missing_loader_marker() {
        assert_eq!(
            defer_app_loader("<head></head>", ""),
            Err(TemplateError::MissingMarker(APP_LOADER))
        );
    }
}
