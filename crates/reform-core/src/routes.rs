//! The portal's pages and their URLs. The app routes with them, and the compiler writes
//! one HTML file per page so that deep links load on any static host without rewrites.

use crate::charts::view::ChartKind;
use crate::model::{Bundle, Document};
use crate::shard::district_shard;
use crate::text::is_slug;

/// One page of the portal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Page {
    /// The landing page: coverage and headline figures.
    Home,
    /// The list of source documents.
    Documents,
    /// One source document, by [`Document::id`].
    Document(String),
    /// One item, by [`crate::Item::id`] (`document-id/number`).
    Item(String),
    /// All units, by district and kind.
    Units,
    /// Every district with its figures, each leading to its page.
    Districts,
    /// One district, by [`crate::District::id`]: its documents and units. Only for an id
    /// usable in a path ([`crate::text::is_slug`]); see [`district_route`].
    District(String),
    /// One unit, by [`crate::Unit::id`].
    Unit(String),
    /// All themes.
    Themes,
    /// One theme, by [`crate::Theme::id`].
    Theme(String),
    /// Completion charts.
    Charts,
    /// Full-text search with filters.
    Search,
    /// How the data is made, the status vocabulary, downloads.
    About,
    /// One chart alone, for an iframe on another site.
    Embed(ChartKind),
}

impl Page {
    /// Path below the site's base, always with a trailing slash so that a static server
    /// finds `…/index.html` for it: `/documents/2014-luohu-reform-plan/`.
    pub fn path(&self) -> String {
        match self {
            Page::Home => "/".to_string(),
            Page::Documents => "/documents/".to_string(),
            Page::Document(id) => format!("/documents/{id}/"),
            Page::Item(id) => format!("/items/{id}/"),
            Page::Units => "/units/".to_string(),
            Page::Districts => "/districts/".to_string(),
            Page::District(id) => format!("/districts/{id}/"),
            Page::Unit(id) => format!("/units/{id}/"),
            Page::Themes => "/themes/".to_string(),
            Page::Theme(id) => format!("/themes/{id}/"),
            Page::Charts => "/charts/".to_string(),
            Page::Search => "/search/".to_string(),
            Page::About => "/about/".to_string(),
            Page::Embed(kind) => format!("/embed/{}/", kind.code()),
        }
    }

    /// [`Page::path`] with `pairs` as its query, if any: `/charts/?by=year&lang=en`.
    pub fn path_with_query<K: AsRef<str>, V: AsRef<str>>(&self, pairs: &[(K, V)]) -> String {
        let mut url = self.path();
        if !pairs.is_empty() {
            url.push('?');
            url.push_str(&query_string(pairs));
        }
        url
    }

    /// Every page the bundle gives rise to, in a stable order.
    pub fn all(bundle: &Bundle) -> Vec<Page> {
        let mut pages = vec![
            Page::Home,
            Page::Documents,
            Page::Units,
            Page::Districts,
            Page::Themes,
            Page::Charts,
            Page::Search,
            Page::About,
        ];
        pages.extend(ChartKind::ALL.map(Page::Embed));
        pages.extend(
            bundle
                .documents
                .iter()
                .map(|document| Page::Document(document.id.clone())),
        );
        pages.extend(bundle.items.iter().map(|item| Page::Item(item.id.clone())));
        pages.extend(
            bundle
                .unit_loads()
                .into_iter()
                .map(|load| Page::Unit(load.unit.id.clone())),
        );
        pages.extend(
            bundle
                .themes
                .iter()
                .map(|theme| Page::Theme(theme.id.clone())),
        );
        pages.extend(
            bundle
                .districts
                .iter()
                .filter(|district| is_slug(&district.id))
                .map(|district| Page::District(district.id.clone())),
        );
        pages
    }

    /// The page's `<title>` and description, for the browser tab, search engines and link
    /// previews; `None` for an id the bundle does not have.
    pub fn meta(&self, bundle: &Bundle) -> Option<PageMeta> {
        let coverage = bundle.coverage();
        let meta = |title: String, description: String| PageMeta {
            title: format!("{title} · {SITE}"),
            description,
        };
        Some(match self {
            Page::Home => PageMeta {
                title: SITE.to_string(),
                description: format!(
                    "深圳各区改革计划承诺了什么、由谁负责、完成了什么:{} 份原始文件、{} 项改革任务、{} 个责任单位,数据截至 {}。",
                    coverage.documents,
                    coverage.items,
                    coverage.units,
                    as_of(bundle)
                ),
            },
            Page::Documents => meta(
                "原始文件".into(),
                format!("{} 份改革计划、工作方案、工作要点与成果报道的原文和元数据。", coverage.documents),
            ),
            Page::Document(id) => {
                let document = bundle.document(id)?;
                meta(document.title.clone(), describe(document, bundle.items_of(id).len()))
            }
            Page::Item(id) => {
                let item = bundle.item(id)?;
                let document = bundle.document(&item.document)?;
                let leads: Vec<&str> = item
                    .lead_units
                    .iter()
                    .filter_map(|named| bundle.unit(&named.unit).map(|unit| unit.name.as_str()))
                    .collect();
                meta(
                    format!("{}{}", item.label, item.title),
                    format!(
                        "{} 第 {} 项 · 牵头单位:{} · 状态:{}",
                        document.title,
                        item.number,
                        if leads.is_empty() { "未列明".to_string() } else { leads.join("、") },
                        item.status.label_zh()
                    ),
                )
            }
            Page::Units => meta("责任单位".into(), format!("{} 个单位牵头或协办的改革任务。", coverage.units)),
            Page::Unit(id) => {
                let unit = bundle.unit(id)?;
                let load = bundle.load_of(unit);
                meta(
                    format!("{}({})", unit.name, bundle.district_name(&unit.district)),
                    format!("牵头 {} 项、协办 {} 项改革任务。{}", load.led.len(), load.co.len(), unit.name_en),
                )
            }
            Page::Districts => meta(
                crate::words::DISTRICTS.0.into(),
                format!("{} 个区,各区的改革计划、完成情况与责任单位。", coverage.districts),
            ),
            Page::District(id) => {
                let district = bundle.district(id)?;
                let coverage = district_shard(bundle, id)?.coverage();
                meta(
                    district.name.clone(),
                    format!(
                        "{}({})的 {} 份原始文件、{} 项改革任务与 {} 个责任单位。",
                        district.name,
                        district.name_en,
                        coverage.documents,
                        coverage.items,
                        coverage.units
                    ),
                )
            }
            Page::Themes => meta("主题".into(), format!("{} 个跨年度改革主题。", bundle.themes.len())),
            Page::Theme(id) => {
                let theme = bundle.theme(id)?;
                meta(theme.name.clone(), format!("{} 项相关改革任务 · {}", theme.items.len(), theme.name_en))
            }
            Page::Charts => meta("图表".into(), "改革任务完成情况、责任单位分布与时间线。".into()),
            Page::Search => meta("搜索".into(), "按标题、正文、责任单位与进展证据搜索改革任务。".into()),
            Page::About => meta("关于数据".into(), "数据如何编译、状态的含义、开放数据下载与纠错方式。".into()),
            Page::Embed(kind) => {
                let name = match kind {
                    ChartKind::Completion => "改革任务完成情况",
                    ChartKind::ResponsibilityMap => "责任单位分布图",
                    ChartKind::Timeline => "时间线",
                    ChartKind::Network => "协作网络",
                };
                meta(format!("嵌入图表:{name}"), format!("{name},数据截至 {}。", as_of(bundle)))
            }
        })
    }
}

/// The site's name, in every title.
pub const SITE: &str = "深圳区级改革追踪";

/// What a page shows in its `<head>`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PageMeta {
    /// Text of `<title>`.
    pub title: String,
    /// Text of `<meta name="description">` and the social-card description.
    pub description: String,
}

/// Percent-encodes a query value (UTF-8), leaving unreserved characters as they are.
pub fn encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// A `data:` URL holding `text` as `mime` in UTF-8: a download made in the page.
pub fn data_url(mime: &str, text: &str) -> String {
    format!("data:{mime};charset=utf-8,{}", encode(text))
}

/// A link below the site's base (the page's `<base href>`), in the page's language. The
/// base itself is `./`: an empty address would read as "this page" to anyone but the browser.
pub fn link(page: &Page, pairs: &[(&'static str, String)], english: bool) -> String {
    let mut pairs = pairs.to_vec();
    if english {
        pairs.push(("lang", "en".to_string()));
    }
    let path = page.path_with_query(&pairs);
    match path.trim_start_matches('/') {
        "" => "./".to_string(),
        below => below.to_string(),
    }
}

/// Where a district's records are shown: its page, or where its id cannot name a path,
/// the documents narrowed to it.
pub fn district_route(id: &str) -> (Page, Vec<(&'static str, String)>) {
    if is_slug(id) {
        (Page::District(id.to_string()), Vec::new())
    } else {
        (Page::Documents, vec![("district", id.to_string())])
    }
}

/// A [`link`] to where a district's records are shown ([`district_route`]).
pub fn district_link(id: &str, english: bool) -> String {
    let (page, pairs) = district_route(id);
    link(&page, &pairs, english)
}

/// `key=value&…` with each value percent-encoded (keys are the portal's own names).
pub fn query_string<K: AsRef<str>, V: AsRef<str>>(pairs: &[(K, V)]) -> String {
    pairs
        .iter()
        .map(|(key, value)| format!("{}={}", key.as_ref(), encode(value.as_ref())))
        .collect::<Vec<_>>()
        .join("&")
}

/// A URL's query `pairs` with `key` set to `value` (last) and the `dropped` keys left out:
/// the other filters kept on the way to a narrower view. The language and the colour
/// scheme are left out too: each link adds its own.
pub fn replacing<'a>(
    pairs: &'a [(String, String)],
    key: &'a str,
    value: String,
    dropped: &[&str],
) -> Vec<(&'a str, String)> {
    pairs
        .iter()
        .filter(|(kept, _)| {
            !matches!(kept.as_str(), "lang" | "theme")
                && kept != key
                && !dropped.contains(&kept.as_str())
        })
        .map(|(kept, value)| (kept.as_str(), value.clone()))
        .chain([(key, value)])
        .collect()
}

/// `base` + `path` without doubled or missing slashes: `("/portal/", "/documents/")` → `/portal/documents/`.
pub fn join_base(base: &str, path: &str) -> String {
    format!(
        "{}/{}",
        base.trim_end_matches('/'),
        path.trim_start_matches('/')
    )
}

fn as_of(bundle: &Bundle) -> String {
    bundle
        .latest_source_date
        .map_or_else(|| "未知日期".to_string(), |date| date.to_string())
}

fn describe(document: &Document, items: usize) -> String {
    let mut parts = vec![document.kind.label_zh().to_string()];
    if items > 0 {
        parts.push(format!("{items} 项改革任务"));
    }
    parts.extend(document.doc_number.clone());
    parts.extend(document.issuer.clone());
    parts.extend(document.date().map(|date| date.to_string()));
    parts.join(" · ")
}

#[cfg(test)]
mod tests {

    #[test]
    fn encodes_query_values() {
        assert_eq!(encode("物业 a&b=c"), "%E7%89%A9%E4%B8%9A%20a%26b%3Dc");
        assert_eq!(encode("a-b_c.d~"), "a-b_c.d~");
        assert_eq!(
            query_string(&[("by", "year"), ("q", "物业")]),
            "by=year&q=%E7%89%A9%E4%B8%9A"
        );
        assert_eq!(query_string::<&str, &str>(&[]), "");
    }

    use super::*;

    #[test]
    fn replacing_a_pair_keeps_the_other_filters_but_language_and_scheme() {
        let pairs: Vec<(String, String)> = [
            ("q", "物业"),
            ("district", "luohu"),
            ("lang", "en"),
            ("year", "2014"),
            ("theme", "dark"),
        ]
        .map(|(key, value)| (key.to_string(), value.to_string()))
        .to_vec();
        assert_eq!(
            replacing(&pairs, "district", "yantian".into(), &[]),
            [
                ("q", "物业".to_string()),
                ("year", "2014".to_string()),
                ("district", "yantian".to_string())
            ]
        );
        assert_eq!(
            replacing(&pairs, "q", "审批".into(), &["district"]),
            [("year", "2014".to_string()), ("q", "审批".to_string())]
        );
    }

    #[test]
    fn joins_base_and_path() {
        assert_eq!(join_base("/", "/"), "/");
        assert_eq!(join_base("/portal/", "/documents/"), "/portal/documents/");
        assert_eq!(join_base("/portal", "documents/x/"), "/portal/documents/x/");
        assert_eq!(join_base("", "/"), "/");
    }

    #[test]
    fn paths_end_with_a_slash() {
        assert_eq!(Page::Home.path(), "/");
        assert_eq!(Page::Document("a-b".into()).path(), "/documents/a-b/");
        assert_eq!(Page::District("luohu".into()).path(), "/districts/luohu/");
    }

    #[test]
    fn a_district_has_a_page_when_its_id_can_name_a_path() {
        let district = |id: &str| crate::District {
            id: id.into(),
            name: "罗湖区".into(),
            name_en: "Luohu District".into(),
        };
        let bundle = Bundle {
            districts: vec![district("luohu"), district("Luo Hu")],
            ..Bundle::default()
        };
        let pages: Vec<Page> = Page::all(&bundle)
            .into_iter()
            .filter(|page| matches!(page, Page::District(_)))
            .collect();
        assert_eq!(pages, [Page::District("luohu".into())]);
        assert_eq!(district_link("luohu", false), "districts/luohu/");
        assert_eq!(district_link("luohu", true), "districts/luohu/?lang=en");
        assert_eq!(
            district_link("Luo Hu", false),
            "documents/?district=Luo%20Hu"
        );
        let meta = Page::District("luohu".into()).meta(&bundle).unwrap();
        assert_eq!(meta.title, format!("罗湖区 · {SITE}"));
        assert_eq!(
            meta.description,
            "罗湖区(Luohu District)的 0 份原始文件、0 项改革任务与 0 个责任单位。"
        );
        assert_eq!(Page::District("nowhere".into()).meta(&bundle), None);
    }
}
