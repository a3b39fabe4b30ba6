//! One district: its figures, how its items stand by plan, its source documents and the
//! units its items name, with links to its timeline and its search.

use crate::components::chart_canvas::ChartCanvas;
use crate::components::document_card::document_cards;
use crate::components::unit_table::unit_table;
use crate::components::{page_title::PageTitle, with_bundle::WithBundle};
use crate::nav::{tab_title, use_lang, use_nav};
use crate::pages::not_found::NotFound;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use reform_core::charts::view::{ChartKind, ChartParams};
use reform_core::routes::Page;
use reform_core::shard::district_shard;
use reform_core::words::{
    district_summary, DISTRICTS, DISTRICT_SEARCH, DISTRICT_TIMELINE, RESPONSIBLE_UNITS,
    SOURCE_DOCUMENTS, WHERE_THINGS_STAND,
};
use reform_core::{Bundle, District};
use std::sync::Arc;

/// The page of the district named by the `:id` route parameter.
#[component]
pub fn DistrictPage() -> impl IntoView {
    let params = use_params_map();
    let render = move |bundle: Arc<Bundle>| {
        let id = params.read().get("id").unwrap_or_default();
        match district_shard(&bundle, &id) {
            Some(records) => view! { <DistrictView records /> }.into_any(),
            None => view! { <NotFound /> }.into_any(),
        }
    };
    let page = Signal::derive(move || Page::District(params.read().get("id").unwrap_or_default()));
    view! { <WithBundle page render /> }
}

/// What one district promised, what came of it and who is responsible, from its records
/// alone (`records`: the district's shard, as the compiler's drawing of the page uses).
#[component]
fn DistrictView(records: Bundle) -> impl IntoView {
    let nav = use_nav();
    let lang = use_lang();
    let language = lang.chart_language();
    let Some(district) = records.districts.first().cloned() else {
        return view! { <NotFound /> }.into_any();
    };
    let District { id, name, name_en } = district.clone();
    let coverage = records.coverage();
    let documents: Vec<_> = records.documents.iter().collect();
    let chart = (coverage.items > 0).then(|| {
        let [chart, narrow] =
            ChartParams::default().render_layouts(ChartKind::Completion, &records, language);
        view! {
            <h2>{lang.say(WHERE_THINGS_STAND)}</h2>
            <figure class="chart-figure district-chart">
                <div class="chart wide"><ChartCanvas chart /></div>
                <div class="chart narrow"><ChartCanvas chart=narrow /></div>
            </figure>
        }
    });
    let units = records
        .units_by_district_and_kind()
        .into_iter()
        .map(|(_, kind, loads)| unit_table(kind, loads))
        .collect_view();
    let narrowed = |page: Page| nav.with_query(&page, &[("district", id.clone())]);
    view! {
        <PageTitle title=tab_title(lang, &name, &name_en) />
        <nav class="breadcrumb" aria-label=lang.pick("位置", "Breadcrumb")>
            <a href=nav.page(&Page::Districts)>{lang.say(DISTRICTS)}</a>
        </nav>
        <h1>{lang.pick(&name, &name_en).to_string()}</h1>
        <p class="title-alt">{lang.pick(&name_en, &name).to_string()}</p>
        <p class="lede">{district_summary(&coverage, language)}</p>
        <p>
            <a href=format!("{}#timeline", narrowed(Page::Charts))>{lang.say(DISTRICT_TIMELINE)}</a>
            " · "
            <a href=narrowed(Page::Search)>{lang.say(DISTRICT_SEARCH)}</a>
        </p>
        {chart}
        <h2>{format!("{} ({})", lang.say(SOURCE_DOCUMENTS), documents.len())}</h2>
        <ul class="document-list">{document_cards(&records, &documents, false)}</ul>
        <h2>{format!("{} ({})", lang.say(RESPONSIBLE_UNITS), coverage.units)}</h2>
        {units}
    }
    .into_any()
}
