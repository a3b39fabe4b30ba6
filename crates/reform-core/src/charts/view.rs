//! A chart view as it lives in a URL: which chart (`/embed/<kind>/`) and how it is narrowed
//! (`?by=`, `?topic=`, `?district=`, `?unit=`, `?plan=`). The charts page and the embeds
//! read and write the same pairs, so an embed shows exactly the view it was copied from.

use super::completion::{
    completion_chart, completion_charts, CompletionCounts, Grouping, Language, DESKTOP_WIDTH,
    PHONE_WIDTH,
};
use super::network::{network_chart, NetworkFilter};
use super::responsibility::responsibility_chart;
use super::timeline::{timeline_chart, TimelineFilter};
use super::Chart;
use crate::model::{document_of_item, Bundle};
use crate::shard::SiteIndex;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// One of the portal's charts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChartKind {
    /// Stacked bars of item statuses.
    Completion,
    /// Units × documents, led and co-organised.
    ResponsibilityMap,
    /// Documents, deadlines and reports on a time axis.
    Timeline,
    /// Units named on the same items.
    Network,
}

impl ChartKind {
    /// Every chart, in the order of the charts page.
    pub const ALL: [ChartKind; 4] = [
        ChartKind::Completion,
        ChartKind::ResponsibilityMap,
        ChartKind::Timeline,
        ChartKind::Network,
    ];

    /// The name in embed URLs and in the charts page's fragments.
    pub fn code(self) -> &'static str {
        match self {
            ChartKind::Completion => "completion",
            ChartKind::ResponsibilityMap => "responsibility-map",
            ChartKind::Timeline => "timeline",
            ChartKind::Network => "network",
        }
    }

    /// The chart named `code`.
    pub fn from_code(code: &str) -> Option<ChartKind> {
        ChartKind::ALL.into_iter().find(|kind| kind.code() == code)
    }

    /// The URL query keys that change the chart's drawing: an embed's URL carries only
    /// these.
    pub fn view_keys(self) -> &'static [&'static str] {
        match self {
            ChartKind::Completion => &["by"],
            ChartKind::ResponsibilityMap => &[],
            ChartKind::Timeline => &["topic", "district", "unit"],
            ChartKind::Network => &["topic", "plan"],
        }
    }

    /// Width of the chart's desktop layout (the network is square, so narrower).
    pub fn desktop_width(self) -> u32 {
        match self {
            ChartKind::Network => 640,
            _ => DESKTOP_WIDTH,
        }
    }
}

/// How the charts are narrowed; every field comes from the URL and is checked against the
/// bundle, so an unknown id shows the unfiltered chart rather than an empty one.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ChartParams {
    /// What the completion bars stand for (`?by=`).
    pub grouping: Grouping,
    /// The timeline's theme, district and unit (`?topic=`, `?district=`, `?unit=`).
    pub filter: TimelineFilter,
    /// The plan the network is drawn from (`?plan=`, a document id).
    pub plan: Option<String>,
}

impl ChartParams {
    /// Reads the pairs this type writes; unknown keys, and ids `bundle` lacks, are ignored.
    pub fn from_pairs<'a>(
        bundle: &Bundle,
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> ChartParams {
        let mut params = ChartParams::default();
        for (key, value) in pairs {
            let value = value.to_string();
            match key {
                "by" => params.grouping = Grouping::from_code(&value).unwrap_or_default(),
                "topic" if bundle.theme(&value).is_some() => params.filter.theme = Some(value),
                "district" if bundle.district(&value).is_some() => {
                    params.filter.district = Some(value)
                }
                "unit" if bundle.unit(&value).is_some() => params.filter.unit = Some(value),
                "plan" if bundle.document(&value).is_some() => params.plan = Some(value),
                _ => {}
            }
        }
        params
    }

    /// The view as URL pairs, in a stable order; the default grouping is left out.
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        if self.grouping != Grouping::default() {
            pairs.push(("by", self.grouping.code().to_string()));
        }
        pairs.extend(self.filter.theme.clone().map(|theme| ("topic", theme)));
        pairs.extend(
            self.filter
                .district
                .clone()
                .map(|district| ("district", district)),
        );
        pairs.extend(self.filter.unit.clone().map(|unit| ("unit", unit)));
        pairs.extend(self.plan.clone().map(|plan| ("plan", plan)));
        pairs
    }

    /// The pairs that change `kind`'s drawing ([`ChartKind::view_keys`]).
    pub fn pairs_for(&self, kind: ChartKind) -> Vec<(&'static str, String)> {
        self.to_pairs()
            .into_iter()
            .filter(|(key, _)| kind.view_keys().contains(key))
            .collect()
    }

    /// The pairs an embed of `kind` in this view carries: [`ChartParams::pairs_for`], and,
    /// when the corpus is too large to load whole, the one district whose data `bundle`
    /// holds, for every chart: the charts page then shows that district alone, and an embed
    /// without it would ask its reader to choose one.
    pub fn embed_pairs(
        &self,
        kind: ChartKind,
        index: &SiteIndex,
        bundle: &Bundle,
    ) -> Vec<(&'static str, String)> {
        let mut pairs = self.pairs_for(kind);
        if let (false, [district]) = (index.loads_whole(), bundle.districts.as_slice()) {
            if !pairs.iter().any(|(key, _)| *key == "district") {
                pairs.push(("district", district.id.clone()));
            }
        }
        pairs
    }

    /// `kind` drawn for this view, `width` pixels wide.
    pub fn render(
        &self,
        kind: ChartKind,
        bundle: &Bundle,
        language: Language,
        width: u32,
    ) -> Chart {
        match kind {
            ChartKind::Completion => completion_chart(bundle, self.grouping, language, width),
            ChartKind::ResponsibilityMap => responsibility_chart(bundle, language, width),
            ChartKind::Timeline => timeline_chart(bundle, &self.filter, language, width),
            ChartKind::Network => network_chart(bundle, &self.network_filter(), language, width),
        }
    }

    /// The network chart's filter in this view.
    fn network_filter(&self) -> NetworkFilter {
        NetworkFilter {
            document: self.plan.clone(),
            theme: self.filter.theme.clone(),
        }
    }

    /// [`ChartParams::render`] in the desktop layout ([`ChartKind::desktop_width`]) and
    /// the phone layout ([`PHONE_WIDTH`]); a completion chart's bars are counted once for
    /// both.
    // Always inlined, and each chart called outside the widths' closure: an embed drawer
    // built for one chart passes its kind as a constant, and only then does the match drop
    // the other charts' code from its wasm (a fifth of it).
    #[inline(always)]
    pub fn render_layouts(
        &self,
        kind: ChartKind,
        bundle: &Bundle,
        language: Language,
    ) -> [Chart; 2] {
        let widths = [kind.desktop_width(), PHONE_WIDTH];
        match kind {
            ChartKind::Completion => completion_charts(bundle, self.grouping, language, widths),
            ChartKind::ResponsibilityMap => {
                widths.map(|width| responsibility_chart(bundle, language, width))
            }
            ChartKind::Timeline => {
                widths.map(|width| timeline_chart(bundle, &self.filter, language, width))
            }
            ChartKind::Network => {
                let filter = self.network_filter();
                widths.map(|width| network_chart(bundle, &filter, language, width))
            }
        }
    }

    /// [`ChartParams::render_layouts`] in Chinese and in English, in that order: a
    /// completion chart's bars are counted once for both.
    pub fn render_layouts_in_both(&self, kind: ChartKind, bundle: &Bundle) -> [[Chart; 2]; 2] {
        match kind {
            ChartKind::Completion => {
                let mut counts = CompletionCounts::new(bundle, &[self.grouping]);
                bundle.items.iter().for_each(|item| counts.add(item));
                let (_, layouts) = completion_layouts_in_both(counts)
                    .pop()
                    .expect("one drawing per grouping");
                layouts
            }
            _ => [Language::Chinese, Language::English]
                .map(|language| self.render_layouts(kind, bundle, language)),
        }
    }
}

/// The desktop and phone layouts of the completion charts `counts` counted, by each of
/// its groupings (given with them), in Chinese and in English: what
/// [`ChartParams::render_layouts_in_both`] draws of each unfiltered.
pub fn completion_layouts_in_both(counts: CompletionCounts) -> Vec<(Grouping, [[Chart; 2]; 2])> {
    counts.charts_in_both([ChartKind::Completion.desktop_width(), PHONE_WIDTH])
}

/// Room an embed needs around its chart's SVG: title, links and margins.
pub const EMBED_EXTRA_HEIGHT: u32 = 150;

/// An embed of one chart view, as a journalist copies it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Embed<'a> {
    /// Which chart.
    pub kind: ChartKind,
    /// The view's pairs ([`ChartParams::pairs_for`]).
    pub view: &'a [(&'static str, String)],
    /// The language, always explicit: an embed must not follow a reader's own setting.
    pub language: Language,
    /// A forced colour scheme (`light`, `dark`), or `None` for the reader's.
    pub scheme: Option<&'a str>,
    /// The data version it is pinned to, or `None` to follow the latest data.
    pub pinned: Option<&'a str>,
}

impl Embed<'_> {
    /// The embed's address below `site`, the absolute URL of the site's base
    /// (`https://example.org/portal/`).
    pub fn url(&self, site: &str) -> String {
        let mut pairs = self.view.to_vec();
        pairs.push(("lang", self.language.code().to_string()));
        pairs.extend(self.scheme.map(|scheme| ("theme", scheme.to_string())));
        pairs.extend(self.pinned.map(|version| ("data", version.to_string())));
        format!(
            "{}?{}",
            crate::routes::join_base(site, &crate::routes::Page::Embed(self.kind).path()),
            crate::routes::query_string(&pairs)
        )
    }

    /// The code to paste: the iframe (titled, sandboxed, sized for a chart `chart_height`
    /// pixels tall) and the optional script that fits its height to the chart.
    pub fn snippet(&self, site: &str, title: &str, chart_height: u32) -> String {
        use crate::text::escape_html;
        format!(
            "<iframe src=\"{}\" title=\"{}\" width=\"100%\" height=\"{}\" style=\"border:0;max-width:100%\" loading=\"lazy\" sandbox=\"allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox\" referrerpolicy=\"strict-origin-when-cross-origin\" data-reform-embed></iframe>\n<script src=\"{}\" async></script>",
            escape_html(&self.url(site)),
            escape_html(title),
            chart_height + EMBED_EXTRA_HEIGHT,
            escape_html(&crate::routes::join_base(site, "embed.js"))
        )
    }
}

/// The views the compiler draws as static files (for readers without JavaScript, link
/// previews and the embeds' fallback): every chart's default view and every completion
/// grouping while the app draws the whole corpus at once ([`SiteIndex::loads_whole`]). Beyond that
/// the app asks for a district, and a whole-corpus drawing of a chart that grows with the
/// documents (a bar or row per document, unit or report) would be megabytes no one can
/// read; only the completion by theme, year and lead unit, whose sizes stay bounded, remain.
///
/// [`Resolved::All`]: crate::shard::Resolved::All
pub fn static_views(index: &SiteIndex) -> Vec<(ChartKind, Grouping)> {
    let whole = index.loads_whole();
    drawable_views()
        .filter(|&(kind, grouping)| whole || is_bounded(kind, grouping))
        .collect()
}

/// The views of [`static_views`] drawn whatever the size of the corpus (the completion by
/// theme, year and lead unit, whose drawings stay the same size): they can be drawn before
/// the index is known.
pub fn bounded_views() -> Vec<(ChartKind, Grouping)> {
    drawable_views()
        .filter(|&(kind, grouping)| is_bounded(kind, grouping))
        .collect()
}

/// True for a view of [`bounded_views`].
pub fn is_bounded(kind: ChartKind, grouping: Grouping) -> bool {
    kind == ChartKind::Completion && grouping != Grouping::Document
}

/// Every chart's default view and every completion grouping: what could be drawn statically.
fn drawable_views() -> impl Iterator<Item = (ChartKind, Grouping)> {
    ChartKind::ALL.into_iter().flat_map(|kind| {
        match kind {
            ChartKind::Completion => Grouping::ALL.to_vec(),
            _ => vec![Grouping::Document],
        }
        .into_iter()
        .map(move |grouping| (kind, grouping))
    })
}

/// A narrowed view drawn beside the data ([`narrowed_views`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NarrowedView {
    /// Which chart.
    pub kind: ChartKind,
    /// The view: narrowed by one pair, or by a theme and one district or plan.
    pub params: ChartParams,
    /// `timeline.topic-co-governance`, `timeline.topic-co-governance.district-luohu`: the
    /// name its files share below `data/charts/views/` ([`narrowed_files`]).
    pub stem: String,
}

/// The narrowed views drawn as static files beside the default ones, while the app draws
/// the whole corpus at once ([`SiteIndex::loads_whole`]): each choice the charts page
/// offers a journalist — the timeline of one theme, district or unit, the network of one
/// theme or plan, and a theme within a district or a plan that holds some of its items —
/// so that its embed needs no app. A view whose id is not a slug is left to the app: its
/// file name would need escaping.
pub fn narrowed_views(index: &SiteIndex, bundle: &Bundle) -> Vec<NarrowedView> {
    if !index.loads_whole() {
        return Vec::new();
    }
    let themes = || bundle.themes.iter().map(|theme| theme.id.clone());
    // Found once, for the timeline's districts and the network's plans.
    let within: Vec<_> = themes_within(bundle).collect();
    let topic = |theme: String| ChartParams {
        filter: TimelineFilter {
            theme: Some(theme),
            ..TimelineFilter::default()
        },
        ..ChartParams::default()
    };
    let in_district = |district: &str| TimelineFilter {
        district: Some(district.to_string()),
        ..TimelineFilter::default()
    };
    let timeline = themes()
        .map(topic)
        .chain(bundle.districts.iter().map(|district| ChartParams {
            filter: in_district(&district.id),
            ..ChartParams::default()
        }))
        // Each unit's page links to its timeline.
        .chain(bundle.units.iter().map(|unit| ChartParams {
            filter: TimelineFilter {
                unit: Some(unit.id.clone()),
                ..TimelineFilter::default()
            },
            ..ChartParams::default()
        }))
        .chain(within.iter().flat_map(|(theme, districts, _)| {
            districts.iter().map(move |district| ChartParams {
                filter: TimelineFilter {
                    theme: Some(theme.to_string()),
                    ..in_district(district)
                },
                ..ChartParams::default()
            })
        }));
    let network = themes()
        .map(topic)
        .chain(bundle.documents_with_items().map(|document| ChartParams {
            plan: Some(document.id.clone()),
            ..ChartParams::default()
        }))
        .chain(within.iter().flat_map(|(theme, _, plans)| {
            plans.iter().map(move |plan| ChartParams {
                plan: Some(plan.to_string()),
                ..topic(theme.to_string())
            })
        }));
    timeline
        .map(|params| (ChartKind::Timeline, params))
        .chain(network.map(|params| (ChartKind::Network, params)))
        .filter_map(|(kind, params)| {
            let stem = narrowed_stem(kind, &params)?;
            Some(NarrowedView { kind, params, stem })
        })
        .collect()
}

/// Each theme with the districts (in catalog order) and the documents (in bundle order)
/// its items come from.
fn themes_within<'a>(
    bundle: &'a Bundle,
) -> impl Iterator<Item = (&'a str, Vec<&'a str>, Vec<&'a str>)> {
    let district_of: HashMap<&str, &str> = bundle
        .documents
        .iter()
        .map(|document| (document.id.as_str(), document.district.as_str()))
        .collect();
    bundle.themes.iter().map(move |theme| {
        let documents: HashSet<&str> = theme
            .items
            .iter()
            .map(|item| document_of_item(item))
            .collect();
        let districts: HashSet<&str> = documents
            .iter()
            .filter_map(|document| district_of.get(document).copied())
            .collect();
        let among = |ids: &mut dyn Iterator<Item = &'a str>, wanted: &HashSet<&str>| {
            ids.filter(|id| wanted.contains(id)).collect()
        };
        (
            theme.id.as_str(),
            among(
                &mut bundle.districts.iter().map(|d| d.id.as_str()),
                &districts,
            ),
            among(
                &mut bundle.documents.iter().map(|d| d.id.as_str()),
                &documents,
            ),
        )
    })
}

/// The stem of a narrowed view ([`NarrowedView::stem`]): the chart, then each pair of its
/// URL in order; `None` without a pair, or if an id is not a slug.
fn narrowed_stem(kind: ChartKind, params: &ChartParams) -> Option<String> {
    let pairs = params.pairs_for(kind);
    if pairs.is_empty() || !pairs.iter().all(|(_, id)| crate::text::is_slug(id)) {
        return None;
    }
    Some(
        pairs
            .iter()
            .fold(kind.code().to_string(), |stem, (key, id)| {
                format!("{stem}.{key}-{id}")
            }),
    )
}

/// The address, below the site's base, of the static chart file `file` as the data
/// `version` drew it. Files keep their names from one version to the next (readers link
/// them), so the version rides in the query: a CDN that caches a file under its address
/// cannot serve last version's drawing beside this version's page.
pub fn chart_url(file: &str, version: &str) -> String {
    format!("data/charts/{file}?v={version}")
}

/// The files of a narrowed view ([`NarrowedView::stem`]) in `language`, below `data/charts/`:
/// the embed's article (HTML, its drawings written in) and the data table.
pub fn narrowed_files(stem: &str, language: Language) -> [String; 2] {
    let base = format!("views/{stem}.{}", language.code());
    [format!("{base}.html"), format!("{base}.csv")]
}

/// The file (below `data/charts/`) of the static drawing of `kind` in its default view,
/// in `language` (`zh` or `en`): the picture for readers without JavaScript.
pub fn static_file(
    kind: ChartKind,
    grouping: Grouping,
    language: Language,
    narrow: bool,
) -> String {
    let layout = if narrow { ".narrow" } else { "" };
    format!("{}{layout}.svg", static_stem(kind, grouping, language))
}

/// The file (below `data/charts/`) of the data table drawn in [`static_file`].
pub fn static_table_file(kind: ChartKind, grouping: Grouping, language: Language) -> String {
    format!("{}.csv", static_stem(kind, grouping, language))
}

/// `completion-by-theme.en`: the name the static files of a view share.
fn static_stem(kind: ChartKind, grouping: Grouping, language: Language) -> String {
    let stem = match kind {
        ChartKind::Completion => format!("completion-by-{}", grouping.code()),
        other => other.code().to_string(),
    };
    format!("{stem}.{}", language.code())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A site index saying the shards weigh `total_bytes` together.
    fn index(total_bytes: u64) -> SiteIndex {
        SiteIndex {
            schema_version: crate::SCHEMA_VERSION,
            content_hash: String::new(),
            latest_source_date: None,
            coverage: Default::default(),
            years: vec![],
            themes: vec![],
            total_bytes,
            directory_buckets: 1,
            term_buckets: 0,
        }
    }

    #[test]
    fn kinds_round_trip_their_codes() {
        for kind in ChartKind::ALL {
            assert_eq!(ChartKind::from_code(kind.code()), Some(kind));
        }
        assert_eq!(ChartKind::from_code("pie"), None);
    }

    #[test]
    fn unknown_ids_are_ignored() {
        let params = ChartParams::from_pairs(
            &Bundle::default(),
            [
                ("by", "year"),
                ("topic", "nope"),
                ("plan", "nope"),
                ("x", "y"),
            ],
        );
        assert_eq!(params.grouping, Grouping::Year);
        assert_eq!(params.filter, TimelineFilter::default());
        assert_eq!(params.to_pairs(), [("by", "year".to_string())]);
        assert_eq!(params.pairs_for(ChartKind::Timeline), []);
    }

    #[test]
    fn an_embed_snippet_names_its_view_language_scheme_and_version() {
        let view = [("topic", "property-management".to_string())];
        let embed = Embed {
            kind: ChartKind::Timeline,
            view: &view,
            language: Language::English,
            scheme: Some("dark"),
            pinned: Some("eadfc257a8fee391"),
        };
        assert_eq!(
            embed.snippet("https://example.org/portal/", "Time \"line\"", 200),
            "<iframe src=\"https://example.org/portal/embed/timeline/?topic=property-management&amp;lang=en&amp;theme=dark&amp;data=eadfc257a8fee391\" title=\"Time &quot;line&quot;\" width=\"100%\" height=\"350\" style=\"border:0;max-width:100%\" loading=\"lazy\" sandbox=\"allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox\" referrerpolicy=\"strict-origin-when-cross-origin\" data-reform-embed></iframe>\n<script src=\"https://example.org/portal/embed.js\" async></script>"
        );
        let live = Embed {
            scheme: None,
            pinned: None,
            language: Language::Chinese,
            ..embed
        };
        assert_eq!(
            live.url("https://example.org/"),
            "https://example.org/embed/timeline/?topic=property-management&lang=zh"
        );
    }

    #[test]
    fn static_drawings_stop_growing_with_the_corpus() {
        let small = static_views(&index(crate::shard::LOAD_ALL_LIMIT_BYTES));
        assert_eq!(
            small.len(),
            7,
            "every completion grouping and the other three charts"
        );
        assert!(small.contains(&(ChartKind::Timeline, Grouping::Document)));
        let large = static_views(&index(crate::shard::LOAD_ALL_LIMIT_BYTES + 1));
        assert_eq!(
            large,
            [
                (ChartKind::Completion, Grouping::Theme),
                (ChartKind::Completion, Grouping::Year),
                (ChartKind::Completion, Grouping::Unit),
            ]
        );
    }

    #[test]
    fn narrowed_views_are_drawn_for_each_choice_of_the_charts_page_while_the_corpus_loads_whole() {
        let theme = |id: &str, items: &[&str]| crate::Theme {
            id: id.into(),
            name: String::new(),
            name_en: String::new(),
            items: items.iter().map(|item| item.to_string()).collect(),
        };
        let district = |id: &str| crate::District {
            id: id.into(),
            name: String::new(),
            name_en: String::new(),
        };
        let document: crate::Document = serde_json::from_value(serde_json::json!({
            "id": "2014-plan", "district": "luohu", "kind": "plan", "title": "", "title_en": "",
            "doc_number": null, "issuer": null, "issued": null, "published": null,
            "source_url": null, "text_path": "", "line_count": 0, "char_count": 0,
            "status_counts": {"delivered": 0, "in_progress": 0, "overdue": 0, "no_evidence": 0}
        }))
        .unwrap();
        let item: crate::Item = serde_json::from_value(serde_json::json!({
            "id": "2014-plan/1", "document": "2014-plan", "number": 1, "label": "一", "title": "",
            "text": "", "first_line": 1, "last_line": 1, "section": null, "subsection": null,
            "lead_units": [], "co_units": [], "other_units": [], "leaders": [], "deadline": null,
            "deadline_text": null, "status": "no_evidence", "themes": ["co-governance"]
        }))
        .unwrap();
        let bundle = Bundle {
            themes: vec![
                theme("co-governance", &["2014-plan/1"]),
                theme("Not A Slug", &["2014-plan/1"]),
                theme("empty", &[]),
            ],
            districts: vec![district("luohu"), district("yantian")],
            documents: vec![document],
            items: vec![item],
            ..Bundle::default()
        };
        let stems: Vec<String> = narrowed_views(&index(0), &bundle)
            .into_iter()
            .map(|view| view.stem)
            .collect();
        // A theme within each district and plan its items come from; the theme whose id is
        // no slug is left to the app.
        assert_eq!(
            stems,
            [
                "timeline.topic-co-governance",
                "timeline.topic-empty",
                "timeline.district-luohu",
                "timeline.district-yantian",
                "timeline.topic-co-governance.district-luohu",
                "network.topic-co-governance",
                "network.topic-empty",
                "network.plan-2014-plan",
                "network.topic-co-governance.plan-2014-plan",
            ]
        );
        assert!(narrowed_views(&index(crate::shard::LOAD_ALL_LIMIT_BYTES + 1), &bundle).is_empty());
        // The stem names each pair of the URL, in its order; no pair, no file.
        let both =
            ChartParams::from_pairs(&bundle, [("district", "luohu"), ("topic", "co-governance")]);
        assert_eq!(
            narrowed_stem(ChartKind::Timeline, &both).as_deref(),
            Some("timeline.topic-co-governance.district-luohu")
        );
        assert_eq!(
            narrowed_stem(ChartKind::Timeline, &ChartParams::default()),
            None
        );
        assert_eq!(
            narrowed_files("network.plan-x", Language::English),
            [
                "views/network.plan-x.en.html",
                "views/network.plan-x.en.csv"
            ]
        );
    }

    #[test]
    fn an_embed_of_one_district_of_a_large_corpus_names_the_district_for_every_chart() {
        let district = |id: &str| crate::District {
            id: id.into(),
            name: String::new(),
            name_en: String::new(),
        };
        let one = Bundle {
            districts: vec![district("d0042")],
            ..Bundle::default()
        };
        let params = ChartParams::from_pairs(&one, [("by", "year"), ("district", "d0042")]);
        let large = index(crate::shard::LOAD_ALL_LIMIT_BYTES + 1);
        assert_eq!(
            params.embed_pairs(ChartKind::Completion, &large, &one),
            [
                ("by", "year".to_string()),
                ("district", "d0042".to_string())
            ]
        );
        assert_eq!(
            params.embed_pairs(ChartKind::ResponsibilityMap, &large, &one),
            [("district", "d0042".to_string())]
        );
        // The timeline names it once, as its own filter.
        assert_eq!(
            params.embed_pairs(ChartKind::Timeline, &large, &one),
            [("district", "d0042".to_string())]
        );
        // A corpus that loads whole: the view's own pairs, as the charts page draws them.
        let small = index(0);
        assert_eq!(
            params.embed_pairs(ChartKind::Completion, &small, &one),
            [("by", "year".to_string())]
        );
        let two = Bundle {
            districts: vec![district("a"), district("b")],
            ..Bundle::default()
        };
        assert_eq!(
            params.embed_pairs(ChartKind::ResponsibilityMap, &large, &two),
            []
        );
    }

    #[test]
    fn static_files_follow_the_compiler_names() {
        assert_eq!(
            static_file(
                ChartKind::Completion,
                Grouping::Theme,
                Language::English,
                true
            ),
            "completion-by-theme.en.narrow.svg"
        );
        assert_eq!(
            static_file(
                ChartKind::Network,
                Grouping::Document,
                Language::Chinese,
                false
            ),
            "network.zh.svg"
        );
        assert_eq!(
            static_table_file(ChartKind::Completion, Grouping::Year, Language::Chinese),
            "completion-by-year.zh.csv"
        );
    }
}
