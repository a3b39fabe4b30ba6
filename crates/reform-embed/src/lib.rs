//! The embed drawer. An embed page shows the views the compiler drew without any wasm;
//! for any other view (a theme for one unit, a district's chart in a national corpus, an
//! earlier data version) its start script loads this instead of the app: the core's
//! loading steps, chart and embed article, and nothing of Leptos. The script fetches the
//! files it [wants](EmbedDrawing::wants), hands their text back, and puts the
//! [article](EmbedDrawing::article) in the page. Whatever this cannot draw (no such
//! record, a district to choose, damaged data) the script leaves to the app, which tells
//! the reader and offers a retry.
//!
//! The site has one drawer per chart, built with that chart's feature (`timeline`, …;
//! `scripts/build-embed-drawer.sh`), and each chart's embed page names its own: a drawer
//! carries its chart's code and not the three others' (about a quarter of the app's size
//! instead of a third). Built without a feature (the native tests), it draws every chart.

use reform_core::charts::completion::Language;
use reform_core::charts::embed::inline_article;
use reform_core::charts::view::{ChartKind, ChartParams};
use reform_core::load::is_data_version;
use reform_core::loading::Loading;
use reform_core::routes::{data_url, Page};
use reform_core::shard::{index_path, Need};
use wasm_bindgen::prelude::*;

#[cfg(target_arch = "wasm32")]
mod bump;

#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: bump::Bump = bump::Bump::new();

/// The chart this drawer is built for (its Cargo feature), or `None` for every chart. A
/// constant, so that the chart's code is all the build keeps of the core's charts.
const BUILT_FOR: Option<ChartKind> = if cfg!(feature = "completion") {
    Some(ChartKind::Completion)
} else if cfg!(feature = "responsibility-map") {
    Some(ChartKind::ResponsibilityMap)
} else if cfg!(feature = "timeline") {
    Some(ChartKind::Timeline)
} else if cfg!(feature = "network") {
    Some(ChartKind::Network)
} else {
    None
};

/// One embed's view on its way to being drawn.
#[wasm_bindgen]
pub struct EmbedDrawing {
    /// The chart shown.
    kind: ChartKind,
    /// The page's URL query, as `(key, value)` pairs.
    pairs: Vec<(String, String)>,
    /// The language it is drawn in.
    language: Language,
    /// The data version pinned by `?data=`, if it names one.
    pinned: Option<String>,
    /// The data, once the index is in.
    loading: Option<Loading>,
    /// The texts of the files wanted, as they come.
    given: Vec<String>,
    /// The district of the view's unit, if the page says ([`EmbedDrawing::in_district`]).
    unit_district: Option<String>,
}

#[wasm_bindgen]
impl EmbedDrawing {
    /// The embed of chart `kind` (its code, as in `/embed/timeline/`), in English or
    /// Chinese; its URL's query comes next, pair by pair ([`EmbedDrawing::param`]).
    #[wasm_bindgen(constructor)]
    pub fn new(kind: &str, english: bool) -> Result<EmbedDrawing, String> {
        let kind = ChartKind::from_code(kind).ok_or_else(|| format!("no chart named {kind}"))?;
        if let Some(built_for) = BUILT_FOR.filter(|built_for| *built_for != kind) {
            return Err(format!(
                "this drawer draws the {} chart, not the {}",
                built_for.code(),
                kind.code()
            ));
        }
        Ok(EmbedDrawing {
            kind,
            pairs: Vec::new(),
            language: if english {
                Language::English
            } else {
                Language::Chinese
            },
            pinned: None,
            loading: None,
            given: Vec::new(),
            unit_district: None,
        })
    }

    /// Adds a pair of the URL's query, before the data is asked for; `data=` pins a
    /// version, as in the app. (Strings one by one: the smallest glue between JS and wasm.)
    pub fn param(&mut self, key: String, value: String) {
        // The first that names a version, as before any other.
        if self.pinned.is_none() && key == "data" && is_data_version(&value) {
            self.pinned = Some(value.clone());
        }
        self.pairs.push((key, value));
    }

    /// The district of the view's unit, as the embed page lists it: a unit's view then
    /// loads that district's shard without looking the unit up first.
    pub fn in_district(&mut self, district: String) {
        self.unit_district = Some(district);
    }

    /// Whether the view is of a pinned data version.
    #[wasm_bindgen(getter)]
    pub fn pinned(&self) -> bool {
        self.pinned.is_some()
    }

    /// The files to fetch next, all at once, as paths below `data/`, one per line; none
    /// once the view can be drawn.
    pub fn wants(&self) -> String {
        self.wanted().join("\n")
    }

    /// Takes the text of the next file [`EmbedDrawing::wants`] named, in its order; once
    /// all are in, reads them.
    pub fn give(&mut self, text: String) -> Result<(), String> {
        self.given.push(text);
        if self.given.len() < self.wanted().len() {
            return Ok(());
        }
        let texts = std::mem::take(&mut self.given);
        match &mut self.loading {
            Some(loading) => loading.give(&texts).map_err(|error| error.to_string()),
            // The index, alone, came first.
            None => {
                let need = Need::of_page(&Page::Embed(self.kind), self.query());
                let need = match (need, &self.unit_district) {
                    (Some(Need::Unit(_)), Some(district)) => Need::District(district.clone()),
                    (need, _) => need.unwrap_or(Need::Everything {
                        district: None,
                        unit: None,
                    }),
                };
                let path = index_path(self.pinned.as_deref());
                let loading = Loading::new(&path, &texts[0], self.pinned.as_deref(), &need, true)
                    .map_err(|error| error.to_string())?;
                self.loading = Some(loading);
                Ok(())
            }
        }
    }

    /// The view as the embed page shows it (hidden until shown), once every file is in.
    /// `live_version`, for a pinned view: the version now current, to link the latest
    /// chart if it has changed since.
    pub fn article(&self, live_version: Option<String>) -> Option<String> {
        let bundle = self.loading.as_ref()?.bundle()?;
        let params = ChartParams::from_pairs(bundle, self.query());
        let (article, _) = inline_article(
            &params,
            BUILT_FOR.unwrap_or(self.kind),
            bundle,
            self.language,
            |table| data_url("text/csv", table),
            live_version.as_deref(),
        );
        Some(article)
    }

    fn wanted(&self) -> Vec<String> {
        match &self.loading {
            None => vec![index_path(self.pinned.as_deref())],
            Some(loading) => loading.wants(),
        }
    }

    fn query(&self) -> impl Iterator<Item = (&str, &str)> {
        self.pairs
            .iter()
            .map(|(key, value)| (key.as_str(), value.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reform_core::shard::Split;
    use reform_core::Bundle;
    use std::collections::HashMap;
    use std::sync::OnceLock;

    /// The seeds' data files by path below `data/`, as the compiler writes them.
    /// Read and cut once for every test.
    fn seed_site() -> &'static (String, HashMap<String, String>) {
        static SITE: OnceLock<(String, HashMap<String, String>)> = OnceLock::new();
        SITE.get_or_init(|| {
            let text = include_str!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../public/data/bundle.json"
            ));
            let bundle: Bundle = reform_core::load::decode(text).unwrap();
            let Split { index, files, .. } = Split::new(&bundle);
            let mut site: HashMap<String, String> = files.into_iter().collect();
            site.insert(
                "index.json".to_string(),
                serde_json::to_string(&index).unwrap(),
            );
            (bundle.version().to_string(), site)
        })
    }

    /// The drawing of the embed of `kind` with `query`, every file it asked for handed over,
    /// and those files.
    fn drawn(kind: &str, query: &[(&str, &str)], english: bool) -> (EmbedDrawing, Vec<String>) {
        let mut drawing = drawing(kind, query, english);
        let asked = walk(&mut drawing);
        (drawing, asked)
    }

    /// The drawing of the embed of `kind` with `query`, before any file is in.
    fn drawing(kind: &str, query: &[(&str, &str)], english: bool) -> EmbedDrawing {
        let mut drawing = EmbedDrawing::new(kind, english).unwrap();
        for (key, value) in query {
            drawing.param(key.to_string(), value.to_string());
        }
        drawing
    }

    /// Hands `drawing` every file it asks for; returns their paths.
    fn walk(drawing: &mut EmbedDrawing) -> Vec<String> {
        let (_, site) = seed_site();
        let mut asked = Vec::new();
        while !drawing.wants().is_empty() {
            let wanted = drawing.wants();
            for path in wanted.split('\n') {
                drawing.give(site[path].clone()).unwrap();
                asked.push(path.to_string());
            }
        }
        asked
    }

    #[test]
    fn draws_a_view_the_compiler_does_not_from_the_chart_data_alone() {
        let query = [
            ("topic", "property-management"),
            ("unit", "luohu-housing-construction-bureau"),
            ("lang", "en"),
        ];
        let (drawing, asked) = drawn("timeline", &query, true);
        // The unit's district alone, found in the directory.
        let (version, _) = seed_site();
        assert_eq!(
            asked,
            [
                "index.json".to_string(),
                format!("shards/{version}/directory-0.json"),
                format!("shards/{version}/charts/luohu.json")
            ]
        );
        let article = drawing.article(None).unwrap();
        assert!(article.starts_with(
            "<article class=\"embed\" data-view=\"topic=property-management&amp;unit=luohu-housing-construction-bureau\" data-lang=\"en\" lang=\"en\" hidden><h1>Timeline"
        ), "{article}");
        // Drawn in, with its marks; the CSV made in the page.
        assert!(article.contains("<svg") && article.contains("class=\"hotspot\""));
        assert!(article.contains("href=\"data:text/csv;charset=utf-8,"));
        assert!(!drawing.pinned());
    }

    #[test]
    fn a_units_view_whose_district_the_page_names_needs_no_look_up() {
        let (version, _) = seed_site();
        let query = [
            ("topic", "property-management"),
            ("unit", "luohu-housing-construction-bureau"),
        ];
        let looked_up = drawn("timeline", &query, false).0.article(None);
        let mut drawing = drawing("timeline", &query, false);
        drawing.in_district("luohu".to_string());
        let asked = walk(&mut drawing);
        assert_eq!(
            asked,
            [
                "index.json".to_string(),
                format!("shards/{version}/charts/luohu.json")
            ]
        );
        assert_eq!(drawing.article(None), looked_up);
    }

    #[test]
    fn a_pinned_version_is_read_from_its_own_index_and_links_the_latest_if_changed() {
        let (version, _) = seed_site();
        let (drawing, asked) = drawn("timeline", &[("data", version)], false);
        assert_eq!(asked[0], format!("shards/{version}/index.json"));
        assert!(drawing.pinned());
        let changed = drawing.article(Some("ffff".to_string())).unwrap();
        assert!(changed.contains(&format!(
            "固定数据版本 <code>{version}</code> · 此后数据已更新:<a href=\"charts/#timeline\" target=\"_blank\" rel=\"noopener\">查看最新图表</a>"
        )), "{changed}");
        let same = drawing.article(Some(version.clone())).unwrap();
        assert!(same.contains(&format!("固定数据版本 <code>{version}</code></p>")));
        // Not a version: ignored, as the app ignores it.
        let (drawing, asked) = drawn("timeline", &[("data", "../x")], false);
        assert_eq!(asked[0], "index.json");
        assert!(!drawing.pinned());
        // Of two versions, the first.
        let (_, asked) = drawn(
            "timeline",
            &[("data", version), ("data", "ffffffffffffffff")],
            false,
        );
        assert_eq!(asked[0], format!("shards/{version}/index.json"));
    }

    /// `make unit` also runs these tests on a drawer built for the timeline alone.
    #[test]
    fn a_drawer_built_for_one_chart_leaves_the_others_to_the_app() {
        let refused = EmbedDrawing::new("network", false).err();
        if cfg!(feature = "timeline") {
            assert_eq!(
                refused,
                Some("this drawer draws the timeline chart, not the network".to_string())
            );
        } else {
            assert_eq!(BUILT_FOR, None);
            assert_eq!(
                refused, None,
                "built without a feature, it draws every chart"
            );
        }
    }

    #[test]
    fn says_what_it_cannot_draw() {
        assert_eq!(
            EmbedDrawing::new("pie", false).err(),
            Some("no chart named pie".to_string())
        );
        let mut drawing = EmbedDrawing::new("timeline", false).unwrap();
        assert_eq!(drawing.article(None), None, "nothing before the data is in");
        let damaged = drawing.give("{".to_string()).unwrap_err();
        assert!(damaged.starts_with("data/index.json: "), "{damaged}");
        let (mut drawn, _) = drawn("timeline", &[], false);
        assert_eq!(drawn.wants(), "", "nothing more to fetch");
        assert_eq!(
            drawn.give("{}".to_string()),
            Err("not as many files as were asked for".to_string())
        );
    }
}
