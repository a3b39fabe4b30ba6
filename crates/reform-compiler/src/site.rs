//! One HTML file per page of the built site, so that every deep link loads on a plain
//! static server under any sub-path, with a real title, description and link-preview card,
//! and the content readable without JavaScript.

use crate::embed_page::{defer_app_loader, embed_head, embed_prerender, restore_app_loader};
use crate::overview_page::{drawn_frame, drawn_page_start, overview_prerender};
use reform_core::charts::completion::{Grouping, Language};
use reform_core::charts::embed::canvas;
use reform_core::charts::view::{
    chart_url, static_file, static_table_file, static_views, ChartKind, ChartParams,
};
use reform_core::query::UnitLoad;
use reform_core::routes::{district_link, link, Page, PageMeta};
use reform_core::shard::{district_shard, DistrictTable, Need, Resolved, SiteIndex};
use reform_core::text::escape_html as esc;
use reform_core::words::{
    district_figures, district_summary, CHOOSE_DISTRICT, DISTRICTS, DISTRICT_SEARCH,
    DISTRICT_TIMELINE, RESPONSIBLE_UNITS, SOURCE_DOCUMENTS, WHERE_THINGS_STAND,
};
use reform_core::{Bundle, District, Document, Item};

/// Marks the region of `<head>` that holds per-page meta tags; kept so runs are repeatable.
pub const HEAD_START: &str = "<!--page-head-->";
/// End of the head region.
pub const HEAD_END: &str = "<!--/page-head-->";
/// Marks the region inside `<noscript>` that holds the page's content without JavaScript.
pub const BODY_START: &str = "<!--page-body-->";
/// End of the body region.
pub const BODY_END: &str = "<!--/page-body-->";
/// Marks the region shown when the app fails to start (the stylesheet reveals it after a
/// delay; the app removes it once mounted): a notice, or for an embed its static chart.
pub const FALLBACK_START: &str = "<!--page-fallback-->";
/// End of the fallback region.
pub const FALLBACK_END: &str = "<!--/page-fallback-->";
/// Marks the region holding what is drawn at build time, read before the app has loaded
/// (the stylesheet hides the app until it removes the region, which it does once its own
/// view is ready): the overview, whole, in both languages; a record's page or a list of
/// them, in Chinese; and an embed's default views, shown without the app at all
/// (`embed_page.rs`). Empty on the other pages (charts, search, about).
pub const PRERENDER_START: &str = "<!--page-prerender-->";
/// End of the pre-rendered region.
pub const PRERENDER_END: &str = "<!--/page-prerender-->";

/// Why a page could not be rendered from the template.
#[derive(Debug, PartialEq, Eq)]
pub enum TemplateError {
    /// A marker pair is missing from `index.html`.
    MissingMarker(&'static str),
}

/// `template` with every page region emptied and the app's loader in place: a built
/// site's `index.html` may already be the overview's page (a second `site` run), whose
/// document list would otherwise be carried, searched and replaced in every page written.
pub fn blank_template(template: &str) -> Result<String, TemplateError> {
    [
        (HEAD_START, HEAD_END),
        (BODY_START, BODY_END),
        (PRERENDER_START, PRERENDER_END),
        (FALLBACK_START, FALLBACK_END),
    ]
    .into_iter()
    .try_fold(restore_app_loader(template), |page, (start, end)| {
        replace_between(&page, start, end, "")
    })
}

/// The full HTML of `page`: the template with its title, meta tags and no-script content.
/// `text_of` returns a document's source text, shown in full on its page.
pub fn render_page(
    template: &str,
    bundle: &Bundle,
    pieces: &Pieces,
    page: &Page,
    text_of: &dyn Fn(&Document) -> Option<String>,
) -> Result<Option<String>, TemplateError> {
    let Some(meta) = page.meta(bundle) else {
        return Ok(None);
    };
    let with_title = replace_title(template, &meta.title)?;
    let data = data_files(bundle, pieces, page);
    let prerendered = match page {
        Page::Home => Some(overview_prerender(&pieces.index, &pieces.table)),
        Page::Embed(kind) => Some(embed_prerender(bundle, pieces, *kind)),
        _ => None,
    };
    // An embed page loads the app, and the app's data, only if the URL asks for a view not
    // drawn into the page; the home page, drawn whole, once it has loaded. The data
    // preloads wait with the app's loader.
    let deferred = matches!(page, Page::Embed(_) | Page::Home);
    let head_data: &[String] = if deferred { &[] } else { &data };
    let with_head = replace_between(&with_title, HEAD_START, HEAD_END, &head(&meta, head_data))?;
    // A record's page, or a list of them: what the drawn page's <main> holds (below);
    // any other page: its no-script <main>.
    let body = match page {
        // The overview drawn into the page serves readers without JavaScript too; a list of
        // every document here would make the first view grow with the corpus.
        Page::Home => String::new(),
        // Lists too long for one page (a corpus that does not load whole) list the
        // districts instead, each linking to its own page, as the app asks for a district.
        Page::Documents | Page::Units if !pieces.index.loads_whole() => {
            district_choice(page, &pieces.table)
        }
        Page::Documents => document_list(bundle),
        Page::Document(id) => match bundle.document(id) {
            Some(document) => document_body(bundle, document, text_of(document).as_deref()),
            None => return Ok(None),
        },
        Page::Item(id) => match bundle.item(id) {
            Some(item) => item_body(bundle, item),
            None => return Ok(None),
        },
        Page::Units => unit_list(bundle),
        Page::Unit(id) => match bundle.unit(id) {
            Some(unit) => unit_body(bundle, unit),
            None => return Ok(None),
        },
        Page::District(id) => match bundle.district(id) {
            Some(district) => district_body(bundle, district),
            None => return Ok(None),
        },
        Page::Themes => theme_list(bundle),
        Page::Theme(id) => match bundle.theme(id) {
            Some(theme) => theme_body(bundle, theme),
            None => return Ok(None),
        },
        Page::Charts => static_charts(bundle, &pieces.index),
        Page::Embed(kind) => embed_fallback(bundle, &pieces.index, *kind),
        // Read from the district table (the app's list is windowed, and searchable by name).
        Page::Districts => format!(
            "<h1>{} ({})</h1>{}",
            Language::Chinese.say(DISTRICTS),
            pieces.table.districts.len(),
            district_rows(&pieces.table)
        ),
        Page::Search | Page::About => format!(
            "<main><h1>{}</h1><p>{}</p></main>",
            esc(&meta.title),
            esc(&meta.description)
        ),
    };
    // A record's page, and each list of them, is drawn into the region the app replaces,
    // in Chinese and framed as the app frames it: readable before the app has loaded (a
    // deep link's first view), and without JavaScript. Readers of English wait for the app
    // (the start script removes the Chinese drawing for them).
    // The list of districts, drawn from the district table, is whole as drawn: the app
    // replaces it once the index is in, not waiting for a shard.
    let until_page_data = waits_for_page_data(page);
    let (body, prerendered) = if until_page_data || *page == Page::Districts {
        let drawn = drawn_frame(page, &meta.title, &body, Language::Chinese, until_page_data);
        (
            String::new(),
            Some(format!("{drawn}<script>{}</script>", drawn_page_start())),
        )
    } else {
        (body, prerendered)
    };
    // An embed that cannot start shows what readers without JavaScript see.
    let fallback = match page {
        Page::Embed(_) => body.as_str(),
        _ => APP_FAILED,
    };
    let with_body = replace_between(&with_head, BODY_START, BODY_END, &body)?;
    let with_prerender = replace_between(
        &with_body,
        PRERENDER_START,
        PRERENDER_END,
        prerendered.as_deref().unwrap_or_default(),
    )?;
    let html = replace_between(&with_prerender, FALLBACK_START, FALLBACK_END, fallback)?;
    let html = match page {
        Page::Embed(_) => embed_head(&html),
        _ => html,
    };
    if deferred {
        defer_app_loader(&html, &preloads(&data)).map(Some)
    } else {
        Ok(Some(html))
    }
}

/// The files the app reads first, as the built site has them (`data/index.json` and the
/// district table): what a page's preloads are worked out from.
pub struct Pieces {
    /// The site index.
    pub index: SiteIndex,
    /// The district table.
    pub table: DistrictTable,
    /// The embed drawers' folders below the site's base (`embed-drawer-<chart>-<hash>`),
    /// by chart, those the build made (`scripts/build-embed-drawer.sh`): a chart's embed
    /// pages draw the views the compiler did not with its drawer, and without one start
    /// the app for them.
    pub drawers: Vec<(ChartKind, String)>,
}

impl Pieces {
    /// The folder of the embed drawer of chart `kind`, if the build made one.
    pub fn drawer(&self, kind: ChartKind) -> Option<&str> {
        self.drawers
            .iter()
            .find(|(drawn, _)| *drawn == kind)
            .map(|(_, folder)| folder.as_str())
    }
}

/// The data files the app fetches for `page`, so that they download alongside the wasm
/// instead of after it has started: the index and the page's shards (through the directory
/// for a document, item or unit; chart shards for an embed).
pub fn data_files(bundle: &Bundle, pieces: &Pieces, page: &Page) -> Vec<String> {
    let index = &pieces.index;
    let mut files = vec!["index.json".to_string()];
    // The list of districts needs no shard (no `Need`), only the table the index names.
    if *page == Page::Districts {
        files.push(index.districts_file());
    }
    let need = Need::of_page(page, []);
    let districts: Vec<String> = match need.as_ref().map(|need| index.resolve(need)) {
        Some(all_or_theme @ (Resolved::All | Resolved::Theme(_))) => {
            files.push(index.districts_file());
            pieces.table.districts_of(&all_or_theme)
        }
        Some(Resolved::LookUp { file, .. }) => {
            files.push(file);
            let district = match &need {
                Some(Need::Document(id)) => bundle.document(id).map(|found| &found.district),
                Some(Need::Unit(id)) => bundle.unit(id).map(|found| &found.district),
                _ => None,
            };
            district.cloned().into_iter().collect()
        }
        Some(Resolved::District(district)) => vec![district],
        _ => Vec::new(),
    };
    files.extend(districts.iter().map(|district| match page {
        Page::Embed(_) => index.chart_shard_file(district),
        _ => index.shard_file(district),
    }));
    files
        .into_iter()
        .map(|file| format!("data/{file}"))
        .collect()
}

/// Shown when the app does not start although scripts run (an old browser, a blocked file).
const APP_FAILED: &str = "<p class=\"notice\">页面的交互部分未能加载。请刷新页面,或换用较新的浏览器。<br>The interactive page did not load. Reload, or try a newer browser.</p>";

/// The embed fallback of a chart with no static drawing: the full view instead.
const EMBED_TOO_LARGE: &str = "<div class=\"embed-fallback\"><p>这个图表涵盖的数据太多,无法作为一张静态图片显示。请在<a href=\"charts/\" target=\"_blank\" rel=\"noopener\">完整图表</a>中选择一个区。</p><p>This chart covers too much data for one static picture: choose a district in the <a href=\"charts/\" target=\"_blank\" rel=\"noopener\">full view</a>.</p></div>";

/// An embed without JavaScript: the compiler's drawing of the chart's default view, its
/// source line, the data table (CSV) and the full view. Loaded lazily: as the start-failure
/// fallback it stays undisplayed, and unfetched, while the page shows a view of its own
/// (without JavaScript browsers load it at once). A corpus too large to draw whole
/// has no such drawing ([`static_views`]): the reader is sent to the full view instead.
fn embed_fallback(bundle: &Bundle, index: &SiteIndex, kind: ChartKind) -> String {
    let grouping = Grouping::default();
    if !static_views(index).contains(&(kind, grouping)) {
        return EMBED_TOO_LARGE.to_string();
    }
    let chart =
        ChartParams::default().render(kind, bundle, Language::Chinese, kind.desktop_width());
    let version = bundle.version();
    let file = chart_url(
        &static_file(kind, grouping, Language::Chinese, false),
        version,
    );
    let narrow = chart_url(
        &static_file(kind, grouping, Language::Chinese, true),
        version,
    );
    let table = chart_url(
        &static_table_file(kind, grouping, Language::Chinese),
        version,
    );
    format!(
        "<figure class=\"embed-fallback\"><h1>{}</h1><picture><source media=\"(max-width: 560px)\" srcset=\"{narrow}\"><img src=\"{file}\" alt=\"{}\" width=\"{}\" height=\"{}\" loading=\"lazy\"></picture><figcaption><a href=\"{table}\" target=\"_blank\" rel=\"noopener\">数据表(CSV)</a> · <a href=\"charts/#{}\" target=\"_blank\" rel=\"noopener\">完整图表</a></figcaption></figure>",
        esc(&chart.title),
        esc(&format!("{}。{} {}", chart.title, chart.description, chart.note)),
        chart.width,
        chart.height,
        chart.id,
    )
}

/// The static chart files the compiler drew ([`static_views`]), shown as images for
/// readers without JavaScript.
fn static_charts(bundle: &Bundle, index: &SiteIndex) -> String {
    let images: String = static_views(index)
        .into_iter()
        .map(|(kind, grouping)| {
            let params = ChartParams {
                grouping,
                ..ChartParams::default()
            };
            let chart = params.render(kind, bundle, Language::Chinese, kind.desktop_width());
            let file = chart_url(
                &static_file(kind, grouping, Language::Chinese, false),
                bundle.version(),
            );
            format!(
                "<figure><img src=\"{file}\" alt=\"{}\" width=\"100%\"><figcaption>{}</figcaption></figure>",
                esc(&format!("{}。{}", chart.title, chart.description)),
                esc(&chart.note)
            )
        })
        .collect();
    format!("<main><h1>图表</h1>{images}</main>")
}

/// The page for unknown addresses: the app shell, which shows its not-found view.
pub fn render_not_found(template: &str) -> Result<String, TemplateError> {
    let meta = PageMeta {
        title: format!("页面不存在 · {}", reform_core::routes::SITE),
        description: "这个地址没有对应的内容。".to_string(),
    };
    let with_title = replace_title(template, &meta.title)?;
    let with_head = replace_between(
        &with_title,
        HEAD_START,
        HEAD_END,
        &head(&meta, &["data/index.json".to_string()]),
    )?;
    let with_body = replace_between(
        &with_head,
        BODY_START,
        BODY_END,
        "<main><h1>页面不存在</h1><p><a href=\"./\">返回首页</a></p></main>",
    )?;
    let with_prerender = replace_between(&with_body, PRERENDER_START, PRERENDER_END, "")?;
    replace_between(&with_prerender, FALLBACK_START, FALLBACK_END, APP_FAILED)
}

/// Whether `page` is drawn at build time until the app has its data: the pages of the
/// bundle's records and their lists (the app keeps the drawing, marked
/// `data-until-page`, until the page's data is in, rather than until the index is).
fn waits_for_page_data(page: &Page) -> bool {
    matches!(
        page,
        Page::Documents
            | Page::Document(_)
            | Page::Item(_)
            | Page::Units
            | Page::Unit(_)
            | Page::District(_)
            | Page::Themes
            | Page::Theme(_)
    )
}

/// Where a page's file goes inside the site: `/documents/x/` → `documents/x/index.html`.
pub fn file_for(page: &Page) -> String {
    format!("{}index.html", page.path().trim_start_matches('/'))
}

fn replace_title(template: &str, title: &str) -> Result<String, TemplateError> {
    replace_between(template, "<title>", "</title>", &esc(title))
}

fn replace_between(
    text: &str,
    start: &'static str,
    end: &'static str,
    content: &str,
) -> Result<String, TemplateError> {
    let open = text
        .find(start)
        .ok_or(TemplateError::MissingMarker(start))?
        + start.len();
    let close = text[open..]
        .find(end)
        .ok_or(TemplateError::MissingMarker(end))?
        + open;
    Ok(format!("{}{content}{}", &text[..open], &text[close..]))
}

/// Meta tags of a page, and the preloads of the data files its app view fetches.
fn head(meta: &PageMeta, data: &[String]) -> String {
    let title = esc(&meta.title);
    let description = esc(&meta.description);
    format!(
        "{}\
         <meta name=\"description\" content=\"{description}\">\
         <meta property=\"og:type\" content=\"website\">\
         <meta property=\"og:title\" content=\"{title}\">\
         <meta property=\"og:description\" content=\"{description}\">\
         <meta name=\"twitter:card\" content=\"summary\">",
        preloads(data)
    )
}

/// Preloads of the data files an app view fetches.
fn preloads(data: &[String]) -> String {
    data.iter()
        .map(|file| {
            format!(
                "<link rel=\"preload\" href=\"{}\" as=\"fetch\" crossorigin=\"anonymous\">",
                esc(file)
            )
        })
        .collect()
}

fn document_list(bundle: &Bundle) -> String {
    format!(
        "<h1>深圳区级改革追踪</h1><h2>原始文件</h2>{}",
        document_rows(&bundle.documents.iter().collect::<Vec<_>>())
    )
}

fn document_rows(documents: &[&Document]) -> String {
    let rows: String = documents
        .iter()
        .map(|document| {
            format!(
                "<li><a href=\"{}\">{}</a> {}</li>",
                esc(Page::Document(document.id.clone())
                    .path()
                    .trim_start_matches('/')),
                esc(&document.title),
                esc(&facts(document).join(" · ")),
            )
        })
        .collect();
    format!("<ul>{rows}</ul>")
}

/// A list page of a corpus too large to list whole: every district, with its figures,
/// linking to its page (which lists its documents and units).
fn district_choice(page: &Page, table: &DistrictTable) -> String {
    let heading = Language::Chinese.say(match page {
        Page::Units => RESPONSIBLE_UNITS,
        _ => SOURCE_DOCUMENTS,
    });
    format!(
        "<h1>{heading}</h1><p>这里涵盖 {} 个区,无法在一页中列出。各区的{heading}在各区的页面上:</p><h2>{}</h2>{}",
        table.districts.len(),
        Language::Chinese.say(CHOOSE_DISTRICT),
        district_rows(table)
    )
}

/// Every district of `table` with its figures, each linking to its page.
fn district_rows(table: &DistrictTable) -> String {
    let rows: String = table
        .districts
        .iter()
        .map(|entry| {
            format!(
                "<li><a href=\"{}\">{}</a> {}</li>",
                esc(&district_link(&entry.district.id, false)),
                esc(&entry.district.name),
                esc(&district_figures(entry, Language::Chinese)),
            )
        })
        .collect();
    format!("<ul>{rows}</ul>")
}

/// A district's page, from its records alone (its shard, cut from `bundle`): its figures,
/// links to its timeline and search, how its items stand by plan, its documents and the units
/// named in its items, as the app's page shows them.
fn district_body(bundle: &Bundle, district: &District) -> String {
    let Some(records) = district_shard(bundle, &district.id) else {
        return String::new();
    };
    let coverage = records.coverage();
    let documents: Vec<&Document> = records.documents.iter().collect();
    let units: String = records
        .units_by_district_and_kind()
        .iter()
        .flat_map(|(_, _, loads)| loads)
        .map(|load| unit_row(load, None))
        .collect();
    let chart = if coverage.items > 0 {
        let [wide, narrow] = ChartParams::default().render_layouts(
            ChartKind::Completion,
            &records,
            Language::Chinese,
        );
        format!(
            "<h2>{}</h2><figure class=\"chart-figure district-chart\"><div class=\"chart wide\">{}</div><div class=\"chart narrow\">{}</div></figure>",
            Language::Chinese.say(WHERE_THINGS_STAND),
            canvas(&wide, None, false, false),
            canvas(&narrow, None, false, false)
        )
    } else {
        String::new()
    };
    let narrowed = |page: Page, fragment: &str| {
        format!(
            "{}{fragment}",
            link(&page, &[("district", district.id.clone())], false)
        )
    };
    format!(
        "<p><a href=\"districts/\">{}</a></p><h1>{}</h1><p>{}</p><p>{}</p><p><a href=\"{}\">{}</a> · <a href=\"{}\">{}</a></p>{chart}<h2>{} ({})</h2>{}<h2>{} ({})</h2><ul>{units}</ul>",
        Language::Chinese.say(DISTRICTS),
        esc(&district.name),
        esc(&district.name_en),
        esc(&district_summary(&coverage, Language::Chinese)),
        esc(&narrowed(Page::Charts, "#timeline")),
        Language::Chinese.say(DISTRICT_TIMELINE),
        esc(&narrowed(Page::Search, "")),
        Language::Chinese.say(DISTRICT_SEARCH),
        Language::Chinese.say(SOURCE_DOCUMENTS),
        documents.len(),
        document_rows(&documents),
        Language::Chinese.say(RESPONSIBLE_UNITS),
        coverage.units,
    )
}

fn document_body(bundle: &Bundle, document: &Document, text: Option<&str>) -> String {
    let mut html = format!(
        "<p><a href=\"documents/\">原始文件</a></p><h1>{}</h1><p>{}</p>",
        esc(&document.title),
        esc(&facts(document).join(" · "))
    );
    let items = bundle.items_of(&document.id);
    if !items.is_empty() {
        html.push_str(&item_list(bundle, &items));
    }
    if let Some(text) = text {
        html.push_str(&format!("<h2>原文</h2><pre>{}</pre>", esc(text)));
    }
    html
}

fn item_link(item: &Item) -> String {
    format!(
        "<a href=\"{}\">{}{}</a>",
        esc(Page::Item(item.id.clone()).path().trim_start_matches('/')),
        esc(&item.label),
        esc(&item.title)
    )
}

fn item_list(bundle: &Bundle, items: &[&Item]) -> String {
    let rows: String = items
        .iter()
        .map(|item| {
            let document = bundle
                .document(&item.document)
                .map_or("", |document| document.title.as_str());
            format!(
                "<li>{} — {} · {}</li>",
                item_link(item),
                esc(document),
                item.status.label_zh()
            )
        })
        .collect();
    format!("<ul>{rows}</ul>")
}

fn unit_names(bundle: &Bundle, refs: &[reform_core::UnitRef]) -> String {
    refs.iter()
        .map(|named| {
            bundle
                .unit(&named.unit)
                .map_or(named.written.as_str(), |unit| unit.name.as_str())
        })
        .collect::<Vec<_>>()
        .join("、")
}

fn item_body(bundle: &Bundle, item: &Item) -> String {
    let document = bundle.document(&item.document);
    let mut html = format!(
        "<p><a href=\"{}\">{}</a></p><h1>{}{}</h1><p>状态:{}</p>\
         <dl><dt>牵头单位</dt><dd>{}</dd>",
        esc(Page::Document(item.document.to_string())
            .path()
            .trim_start_matches('/')),
        esc(document.map_or("", |document| document.title.as_str())),
        esc(&item.label),
        esc(&item.title),
        item.status.label_zh(),
        esc(&unit_names(bundle, &item.lead_units)),
    );
    // As the app's page: no co-organisers, no row for them.
    if !item.co_units.is_empty() {
        html.push_str(&format!(
            "<dt>协办单位</dt><dd>{}</dd>",
            esc(&unit_names(bundle, &item.co_units))
        ));
    }
    if let Some(deadline) = item.deadline {
        html.push_str(&format!("<dt>完成时限</dt><dd>{deadline}</dd>"));
    }
    html.push_str(&format!(
        "</dl><blockquote>{}</blockquote>",
        esc(&item.text)
    ));
    for event in bundle.progress_of(&item.id) {
        html.push_str(&format!(
            "<p>{} {}:“{}”</p>",
            event.date,
            esc(&event.source),
            esc(&event.quote)
        ));
    }
    html
}

/// A unit's row in a drawn list: its link, its district's name where the list spans
/// districts, and how many items it leads and co-organises.
fn unit_row(load: &UnitLoad, district: Option<&str>) -> String {
    let district = district.map_or(String::new(), |name| format!("({})", esc(name)));
    format!(
        "<li><a href=\"{}\">{}</a>{district} 牵头 {} · 协办 {}</li>",
        esc(Page::Unit(load.unit.id.clone())
            .path()
            .trim_start_matches('/')),
        esc(&load.unit.name),
        load.led.len(),
        load.co.len()
    )
}

fn unit_list(bundle: &Bundle) -> String {
    let rows: String = bundle
        .unit_loads()
        .iter()
        .map(|load| unit_row(load, Some(&bundle.district_name(&load.unit.district))))
        .collect();
    format!(
        "<h1>{}</h1><ul>{rows}</ul>",
        Language::Chinese.say(RESPONSIBLE_UNITS)
    )
}

fn unit_body(bundle: &Bundle, unit: &reform_core::Unit) -> String {
    let load = bundle.load_of(unit);
    format!(
        "<p><a href=\"units/\">责任单位</a></p><h1>{}</h1><p>{}</p><h2>牵头</h2>{}<h2>协办</h2>{}",
        esc(&unit.name),
        esc(&unit.name_en),
        item_list(bundle, &load.led),
        item_list(bundle, &load.co)
    )
}

fn theme_list(bundle: &Bundle) -> String {
    let rows: String = bundle
        .themes
        .iter()
        .map(|theme| {
            format!(
                "<li><a href=\"{}\">{}</a> {} 项</li>",
                esc(Page::Theme(theme.id.clone()).path().trim_start_matches('/')),
                esc(&theme.name),
                theme.items.len()
            )
        })
        .collect();
    format!("<h1>主题</h1><ul>{rows}</ul>")
}

fn theme_body(bundle: &Bundle, theme: &reform_core::Theme) -> String {
    format!(
        "<p><a href=\"themes/\">主题</a></p><h1>{}</h1><p>{}</p>{}",
        esc(&theme.name),
        esc(&theme.name_en),
        item_list(bundle, &bundle.items_of_theme(theme))
    )
}

fn facts(document: &Document) -> Vec<String> {
    let mut facts = vec![document.kind.label_zh().to_string()];
    facts.extend(document.doc_number.clone());
    facts.extend(document.issuer.clone());
    facts.extend(document.issued.map(|date| format!("印发 {date}")));
    facts.extend(document.published.map(|date| format!("发布 {date}")));
    facts
}

#[cfg(test)]
mod tests {
    use super::*;
    use reform_core::{Date, DocumentKind, SCHEMA_VERSION};

    const TEMPLATE: &str = "<html><head><title>x</title><!--page-head--><!--/page-head-->\
        <!--app-loader--><script type=\"module\">import init from '/app.js';</script></head>\
        <body><noscript><!--page-body--><!--/page-body--></noscript><div id=\"load-fallback\"><!--page-fallback--><!--/page-fallback--></div>\
        <div id=\"prerender\"><!--page-prerender--><!--/page-prerender--></div></body></html>";

    fn bundle() -> Bundle {
        Bundle {
            schema_version: SCHEMA_VERSION,
            content_hash: String::new(),
            latest_source_date: Date::new(2014, 6, 9),
            districts: vec![],
            documents: vec![Document {
                id: "d".into(),
                district: "luohu".into(),
                kind: DocumentKind::Plan,
                title: "计划<script>".into(),
                title_en: "Plan".into(),
                doc_number: Some("罗办发〔2014〕1号".into()),
                issuer: None,
                issued: Date::new(2014, 4, 1),
                published: None,
                source_url: None,
                text_path: "documents/d.txt".into(),
                line_count: 1,
                char_count: 2,
                status_counts: Default::default(),
            }],
            ..Bundle::default()
        }
    }

    /// `page` of the test bundle, each document's text being `text`.
    fn rendered(page: &Page, text: Option<&str>) -> String {
        render_page(TEMPLATE, &bundle(), &pieces(), page, &|_| {
            text.map(String::from)
        })
        .unwrap()
        .unwrap()
    }

    fn pieces() -> Pieces {
        let split = reform_core::shard::Split::new(&bundle());
        Pieces {
            index: split.index,
            table: split.table,
            drawers: Vec::new(),
        }
    }

    #[test]
    fn preloads_the_index_and_the_shards_the_page_needs() {
        let preloads = |page: Page| data_files(&bundle(), &pieces(), &page);
        let version = pieces().index.version().to_string();
        assert_eq!(preloads(Page::Home), ["data/index.json"]);
        assert_eq!(
            preloads(Page::Document("d".into())),
            [
                "data/index.json".to_string(),
                format!("data/shards/{version}/directory-0.json"),
                format!("data/shards/{version}/luohu.json"),
            ]
        );
        assert_eq!(
            preloads(Page::Embed(ChartKind::Timeline)),
            [
                "data/index.json".to_string(),
                format!("data/shards/{version}/districts.json"),
            ],
            "the test bundle has no districts, hence no chart shard"
        );
    }

    #[test]
    fn renders_title_meta_and_escaped_content() {
        let page = Page::Document("d".into());
        let html = rendered(&page, Some("正文 <b>"));
        assert!(
            html.contains("<title>计划&lt;script&gt; · 深圳区级改革追踪</title>"),
            "{html}"
        );
        assert!(html.contains(
            "<meta name=\"description\" content=\"改革计划 · 罗办发〔2014〕1号 · 2014-04-01\">"
        ));
        assert!(html.contains("<pre>正文 &lt;b&gt;</pre>"));
        // The title's markup is text; the one script is the drawn page's start.
        assert!(!html.contains("计划<script>"));
        assert_eq!(html.matches("<script>").count(), 1);
    }

    #[test]
    fn rendering_twice_gives_the_same_page() {
        let once = rendered(&Page::Home, None);
        let blank = blank_template(&once).unwrap();
        // The template again, with the home page's title: the loader back in place.
        assert_eq!(
            blank,
            blank_template(TEMPLATE)
                .unwrap()
                .replace("<title>x</title>", "<title>深圳区级改革追踪</title>")
        );
        let twice = render_page(&blank, &bundle(), &pieces(), &Page::Home, &|_| None)
            .unwrap()
            .unwrap();
        assert_eq!(once, twice);
        // Without JavaScript the drawn overview is the page: no list of every document,
        // which would grow with the corpus.
        assert!(once.contains(&format!("{BODY_START}{BODY_END}")));
        assert!(!once.contains("<a href=\"documents/d/\">"));
        assert!(once.contains("<a href=\"documents/\">原始文件</a>"));
    }

    #[test]
    fn a_record_page_is_drawn_framed_until_the_app_has_its_data() {
        let page = Page::Document("d".into());
        let html = rendered(&page, Some("正文"));
        // Drawn where the app replaces it, not in <noscript>: readable with or without it.
        assert!(html.contains(&format!("<noscript>{BODY_START}{BODY_END}</noscript>")));
        let drawn = html.split(PRERENDER_START).nth(1).unwrap();
        assert!(drawn.starts_with(
            "<div data-until-page data-lang=\"zh\" lang=\"zh-Hans\" data-title=\"计划&lt;script&gt; · 深圳区级改革追踪\"><a class=\"skip-link\" href=\"#prerendered-main-zh\">跳到正文</a><header class=\"site-header\">"
        ), "{drawn}");
        // Its language switch leads to this page in English; the escaped title is its own.
        assert!(drawn
            .contains("<a class=\"lang-switch\" href=\"documents/d/?lang=en\" hreflang=\"en\""));
        assert!(drawn.contains("<main id=\"prerendered-main-zh\"><p><a href=\"documents/\">原始文件</a></p><h1>计划&lt;script&gt;</h1>"));
        assert!(drawn.contains("正文"));
        assert!(drawn.contains("</main><footer class=\"site-footer\">"));
        assert!(drawn.contains(&format!(
            "<script>{}</script>{PRERENDER_END}",
            drawn_page_start()
        )));
        // Pages of other kinds keep their no-script content and draw nothing.
        let search = rendered(&Page::Search, None);
        assert!(search.contains(&format!("{PRERENDER_START}{PRERENDER_END}")));
        assert!(!search.contains(&format!("{BODY_START}{BODY_END}")));
    }

    #[test]
    fn an_embed_page_carries_its_static_chart_for_no_script_and_failed_starts() {
        let page = Page::Embed(ChartKind::Timeline);
        let html = rendered(&page, None);
        // In <noscript>, in the start-failure fallback, and in the view drawn for the app,
        // each at an address of this data version.
        let version = bundle().version().to_string();
        let image = format!("<img src=\"data/charts/timeline.zh.svg?v={version}\"");
        assert_eq!(html.matches(&image).count(), 3, "{html}");
        assert!(html.contains(&format!(
            "<a href=\"data/charts/timeline.zh.csv?v={version}\""
        )));
        assert!(html.contains("<a href=\"charts/#timeline\""));
        let plain = rendered(&Page::Search, None);
        assert!(
            plain.contains("<!--page-fallback--><p class=\"notice\">页面的交互部分未能加载"),
            "{plain}"
        );
    }

    #[test]
    fn a_district_page_lists_its_documents_and_too_long_a_list_lists_the_districts() {
        let mut bundle = bundle();
        bundle.districts = vec![District {
            id: "luohu".into(),
            name: "罗湖区".into(),
            name_en: "Luohu District".into(),
        }];
        let split = reform_core::shard::Split::new(&bundle);
        let mut pieces = Pieces {
            index: split.index,
            table: split.table,
            drawers: Vec::new(),
        };
        let draw = |page: Page, pieces: &Pieces| {
            render_page(TEMPLATE, &bundle, pieces, &page, &|_| None)
                .unwrap()
                .unwrap()
        };
        let district = draw(Page::District("luohu".into()), &pieces);
        assert!(district.contains(
            "<p><a href=\"districts/\">各区</a></p><h1>罗湖区</h1><p>Luohu District</p><p>2014 · 1 份文件 · 0 项任务 · 0 个责任单位 · 已完成 0</p>"
        ), "{district}");
        assert!(district.contains(
            "<a href=\"charts/?district=luohu#timeline\">此区的时间线</a> · <a href=\"search/?district=luohu\">搜索此区的任务</a>"
        ));
        assert!(district.contains(
            "<h2>原始文件 (1)</h2><ul><li><a href=\"documents/d/\">计划&lt;script&gt;</a>"
        ));
        assert!(district.contains("<h2>责任单位 (0)</h2><ul></ul>"));
        assert_eq!(
            draw(Page::Documents, &pieces)
                .matches("documents/d/")
                .count(),
            1
        );
        assert!(render_page(
            TEMPLATE,
            &bundle,
            &pieces,
            &Page::District("nowhere".into()),
            &|_| None
        )
        .unwrap()
        .is_none());

        // Too large to load whole: the lists name the districts, each linking to its page.
        pieces.index.total_bytes = reform_core::shard::LOAD_ALL_LIMIT_BYTES + 1;
        for page in [Page::Documents, Page::Units] {
            let list = draw(page.clone(), &pieces);
            assert!(list.contains(
                "<h2>选择一个区</h2><ul><li><a href=\"districts/luohu/\">罗湖区</a> 2014 · 1 份文件 · 0 项任务 · 已完成 0</li></ul>"
            ), "{list}");
            assert!(!list.contains("documents/d/"), "{page:?}");
        }
        let national = draw(Page::District("luohu".into()), &pieces);
        let version = pieces.index.version().to_string();
        assert!(national.contains(&format!(
            "<link rel=\"preload\" href=\"data/shards/{version}/luohu.json\""
        )));
        assert!(
            !national.contains("districts.json"),
            "one district, without a look-up"
        );
        // The district list, at any scale: every district, its table preloaded.
        let list = draw(Page::Districts, &pieces);
        assert!(list.contains(
            "<main id=\"prerendered-main-zh\"><h1>各区 (1)</h1><ul><li><a href=\"districts/luohu/\">罗湖区</a> 2014 · 1 份文件 · 0 项任务 · 已完成 0</li></ul></main>"
        ), "{list}");
        // Whole as drawn: the app replaces it once the index is in.
        assert!(!list.contains("data-until-page"), "{list}");
        assert!(list.contains(&format!(
            "<link rel=\"preload\" href=\"data/shards/{version}/districts.json\""
        )));
    }

    #[test]
    fn a_corpus_too_large_to_draw_whole_sends_embeds_to_the_full_view() {
        let mut large = pieces();
        large.index.total_bytes = reform_core::shard::LOAD_ALL_LIMIT_BYTES + 1;
        let page = Page::Embed(ChartKind::Timeline);
        let html = render_page(TEMPLATE, &bundle(), &large, &page, &|_| None)
            .unwrap()
            .unwrap();
        assert_eq!(html.matches(EMBED_TOO_LARGE).count(), 2, "{html}");
        assert!(!html.contains("data/charts/timeline"));
        let charts = render_page(TEMPLATE, &bundle(), &large, &Page::Charts, &|_| None)
            .unwrap()
            .unwrap();
        let drawn: Vec<&str> = charts
            .split("<img src=\"data/charts/")
            .skip(1)
            .filter_map(|rest| rest.split(['"', '?']).next())
            .collect();
        assert_eq!(
            drawn,
            [
                "completion-by-theme.zh.svg",
                "completion-by-year.zh.svg",
                "completion-by-unit.zh.svg"
            ]
        );
    }

    #[test]
    fn reports_a_missing_marker() {
        let result = render_page(
            "<title></title>",
            &bundle(),
            &pieces(),
            &Page::Home,
            &|_| None,
        );
        assert_eq!(result, Err(TemplateError::MissingMarker(HEAD_START)));
    }

    #[test]
    fn places_pages_in_folders() {
        assert_eq!(file_for(&Page::Home), "index.html");
        assert_eq!(
            file_for(&Page::Document("d".into())),
            "documents/d/index.html"
        );
    }
}
