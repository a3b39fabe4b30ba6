//! One chart alone, for an iframe on another site: title, chart, source line, "as of" date
//! and a link back to the full view. `?data=<version>` pins the data version (the shell then
//! loads that version's chart shards); the page then says when the live data has changed
//! since. The page's start script (the compiler's `embed_start.js`) reports the height to
//! the host page, and shows the views drawn at build time, and those the embed drawer
//! (`crates/reform-embed`) draws, without this app: the app draws what they cannot, and
//! says why if it cannot either.

use crate::components::chart_canvas::ChartCanvas;
use crate::components::with_bundle::WithBundle;
use crate::components::with_index::WithIndex;
use crate::data::{fetch_text, SiteBase, SiteData};
use crate::nav::{query_pairs, use_lang, use_nav};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};
use reform_core::charts::view::{ChartKind, ChartParams};
use reform_core::routes::Page;
use reform_core::{Bundle, CurrentVersion};
use std::sync::Arc;

/// The embed route: for a chart that exists, loads the chart shards it needs (of the pinned
/// data version, if any) and shows the chart; for any other name, says which charts exist
/// without loading any data.
#[component]
pub fn EmbedPage() -> impl IntoView {
    let params = use_params_map();
    let kind = Memo::new(move |_| {
        params
            .read()
            .get("chart")
            .and_then(|code| ChartKind::from_code(&code))
    });
    move || match kind.get() {
        Some(kind) => view! { <LoadedChart kind /> }.into_any(),
        None => view! { <UnknownChart /> }.into_any(),
    }
}

/// Loads the data of chart `kind` and shows it as the URL's parameters narrow it.
#[component]
fn LoadedChart(kind: ChartKind) -> impl IntoView {
    let base = expect_context::<SiteBase>();
    let pinned = expect_context::<SiteData>().pinned().is_some();
    // The live version, for a pinned embed to say when the data has changed since.
    let live_version = pinned.then(|| {
        let url = base.href("data/version.json");
        LocalResource::new(move || {
            let url = url.clone();
            async move {
                let text = fetch_text(&url).await.ok()?;
                serde_json::from_str::<CurrentVersion>(&text)
                    .ok()
                    .map(|current| current.version)
            }
        })
    });
    let render = move |bundle: Arc<Bundle>| {
        let pairs = query_pairs(&use_query_map().read());
        let params = ChartParams::from_pairs(
            &bundle,
            pairs
                .iter()
                .map(|(key, value)| (key.as_str(), value.as_str())),
        );
        view! { <EmbeddedChart bundle kind params live_version /> }
    };
    view! {
        <WithIndex>
            <WithBundle page=Page::Embed(kind) render />
        </WithIndex>
    }
}

/// The chart with its words and links.
#[component]
fn EmbeddedChart(
    bundle: Arc<Bundle>,
    kind: ChartKind,
    params: ChartParams,
    /// Set for a pinned embed: the live data version, once known.
    live_version: Option<LocalResource<Option<String>>>,
) -> impl IntoView {
    let nav = use_nav();
    let lang = use_lang();
    let language = lang.chart_language();
    let [wide, narrow] = params.render_layouts(kind, &bundle, language);
    let full_view = format!(
        "{}#{}",
        nav.with_query(&Page::Charts, &params.to_pairs()),
        wide.id
    );
    let csv_href = crate::nav::data_url("text/csv", &wide.table.to_csv());
    let version = bundle.version().to_string();
    let pinned_note = live_version.map(|live_version| {
        let shown = version.clone();
        let full_view = full_view.clone();
        let changed = move || {
            let live = live_version.get().flatten()?;
            (live != shown).then(|| {
                view! {
                    " · " {lang.pick("此后数据已更新:", "The data has changed since: ")}
                    <a href=full_view.clone() target="_blank" rel="noopener">
                        {lang.pick("查看最新图表", "see the latest chart")}
                    </a>
                }
            })
        };
        view! {
            <p class="data-version">
                {lang.pick("固定数据版本 ", "Pinned data version ")}
                <code>{version.clone()}</code>
                {changed}
            </p>
        }
    });
    view! {
        <article class="embed">
            <h1>{wide.title.clone()}</h1>
            <div class="chart wide">
                <ChartCanvas chart=wide.clone() new_tab=true />
            </div>
            <div class="chart narrow">
                <ChartCanvas chart=narrow new_tab=true />
            </div>
            <p class="embed-links">
                <a href=full_view target="_blank" rel="noopener">
                    {lang.pick("完整图表与数据表 ↗", "Full view and data table ↗")}
                </a>
                " · "
                <a href=csv_href download=format!("{}.csv", wide.id)>{lang.pick("下载 CSV", "Download CSV")}</a>
            </p>
            {pinned_note}
        </article>
    }
}

/// For an unknown chart name: what exists instead.
#[component]
fn UnknownChart() -> impl IntoView {
    let nav = use_nav();
    let lang = use_lang();
    let links = ChartKind::ALL
        .map(|kind| view! { <li><a href=nav.page(&Page::Embed(kind))>{kind.code()}</a></li> })
        .collect_view();
    view! {
        <div class="notice error" role="alert">
            <p>{lang.pick("没有这个图表。可嵌入的图表:", "There is no such chart. Charts that can be embedded:")}</p>
            <ul>{links}</ul>
        </div>
    }
}
