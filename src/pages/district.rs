//! One district: its figures, its source documents and the units its items name, with
//! links to its charts and its search.

use crate::components::document_card::document_cards;
use crate::components::unit_table::unit_table;
use crate::components::{page_title::PageTitle, with_bundle::WithBundle};
use crate::nav::{tab_title, use_lang, use_nav};
use crate::pages::not_found::NotFound;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use reform_core::routes::Page;
use reform_core::words::{
    district_summary, status_basis, DISTRICT_CHARTS, DISTRICT_DOCUMENTS, DISTRICT_SEARCH,
    DISTRICT_UNITS,
};
use reform_core::{Bundle, District};
use std::sync::Arc;

/// The page of the district named by the `:id` route parameter.
#[component]
pub fn DistrictPage() -> impl IntoView {
    let params = use_params_map();
    let render = move |bundle: Arc<Bundle>| {
        let id = params.read().get("id").unwrap_or_default();
        match bundle.district(&id).cloned() {
            Some(district) => view! { <DistrictView bundle district /> }.into_any(),
            None => view! { <NotFound /> }.into_any(),
        }
    };
    let page = Signal::derive(move || Page::District(params.read().get("id").unwrap_or_default()));
    view! { <WithBundle page render /> }
}

/// What one district promised and who is responsible: its documents, then its units.
#[component]
fn DistrictView(bundle: Arc<Bundle>, district: District) -> impl IntoView {
    let nav = use_nav();
    let lang = use_lang();
    let title = tab_title(lang, &district.name, &district.name_en);
    let language = lang.chart_language();
    let coverage = bundle.coverage_in(Some(&district.id));
    let documents = bundle.documents_in(Some(&district.id));
    let units = bundle
        .units_by_district_and_kind()
        .into_iter()
        .filter(|(place, _, _)| place.id == district.id)
        .map(|(_, kind, loads)| unit_table(kind, loads))
        .collect_view();
    let narrowed = |page: Page| nav.with_query(&page, &[("district", district.id.clone())]);
    view! {
        <PageTitle title />
        <h1>{lang.pick(&district.name, &district.name_en).to_string()}</h1>
        <p class="title-alt">{lang.pick(&district.name_en, &district.name).to_string()}</p>
        <p class="lede">{district_summary(&coverage, language)}</p>
        <p class="muted">{status_basis(coverage.items, coverage.progress_sources, &bundle.as_of(), language)}</p>
        <p>
            <a href=format!("{}#timeline", narrowed(Page::Charts))>{lang.say(DISTRICT_CHARTS)}</a>
            " · "
            <a href=narrowed(Page::Search)>{lang.say(DISTRICT_SEARCH)}</a>
        </p>
        <h2>{format!("{} ({})", lang.say(DISTRICT_DOCUMENTS), documents.len())}</h2>
        <ul class="document-list">{document_cards(&bundle, &documents, false)}</ul>
        <h2>{format!("{} ({})", lang.say(DISTRICT_UNITS), coverage.units)}</h2>
        {units}
    }
}
