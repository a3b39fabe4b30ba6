//! The landing page: what the portal covers, where things stand, and where to go next.

use crate::components::{
    chart_canvas::ChartCanvas,
    district_list::{DistrictHref, DistrictList},
    page_title::PageTitle,
    status_badge::StatusBadge,
    with_index::remove_prerendered,
};
use crate::nav::{use_lang, use_nav};
use leptos::prelude::*;
use leptos_router::hooks::use_location;
use reform_core::charts::completion::{year_chart, Grouping, DESKTOP_WIDTH, PHONE_WIDTH};
use reform_core::charts::view::ChartParams;
use reform_core::routes::Page;
use reform_core::shard::{SiteIndex, DISTRICTS_FRAGMENT};
use reform_core::text::year_span;
use reform_core::words::{
    status_basis, COVERAGE_FIGURES, DISTRICTS, ENTRY_POINTS, MORE_CHARTS, OVERVIEW_HEADING,
    OVERVIEW_LEDE, SITE_NAME, START_HERE, WHERE_THINGS_STAND, YEARS,
};
use reform_core::ItemStatus;
use std::sync::Arc;

/// Coverage, headline completion figures and entry points, from the site index alone:
/// the first view downloads no shard, whatever the size of the corpus.
#[component]
pub fn OverviewPage() -> impl IntoView {
    // Its data (the index) is in: whatever was drawn at build time gives way.
    remove_prerendered();
    let index = expect_context::<Arc<SiteIndex>>();
    let nav = use_nav();
    let lang = use_lang();
    let coverage = index.coverage.clone();
    let as_of = index.as_of();
    let years = year_span(coverage.years);
    let counts = [
        coverage.districts,
        coverage.documents,
        coverage.items,
        coverage.units,
    ];
    let statuses = ItemStatus::ALL.map(|status| {
        let count = coverage.statuses.get(status);
        let href = nav.with_query(&Page::Search, &[("status", status.code().to_string())]);
        view! {
            <li>
                <a href=href>
                    <strong>{count}</strong>
                    " "
                    <StatusBadge status />
                </a>
            </li>
        }
    });
    // The headline chart: where each year's items stand.
    let completion = |width| year_chart(&index, lang.chart_language(), width);
    let (chart, narrow) = (completion(DESKTOP_WIDTH), completion(PHONE_WIDTH));
    let charts_href = format!(
        "{}#{}",
        nav.with_query(
            &Page::Charts,
            &ChartParams {
                grouping: Grouping::Year,
                ..ChartParams::default()
            }
            .to_pairs()
        ),
        chart.id
    );
    let district_nav = nav.clone();
    let district_href = move |district: &str| district_nav.district(district);
    // A short district list is part of the page; a national one (thousands of rows, the
    // district table grows with them) loads only when the reader opens it, or when the
    // address asks for it (`#districts`: the page drawn at build time sets it when opened
    // there, before the app took over).
    let heading = format!("{} ({})", lang.say(DISTRICTS), coverage.districts);
    let districts = if index.overview_lists_districts() {
        view! {
            <h2 id=DISTRICTS_FRAGMENT>{heading}</h2>
            <DistrictList href=Arc::new(district_href) />
        }
        .into_any()
    } else {
        let asked =
            use_location().hash.get_untracked().trim_start_matches('#') == DISTRICTS_FRAGMENT;
        let opened = RwSignal::new(asked);
        let district_href: DistrictHref = Arc::new(district_href);
        view! {
            <details class="district-details" id=DISTRICTS_FRAGMENT open=asked>
                <summary on:click=move |_| opened.set(true)><h2>{heading}</h2></summary>
                {move || {
                    let href = district_href.clone();
                    opened.get().then(|| view! { <DistrictList href /> })
                }}
            </details>
        }
        .into_any()
    };
    view! {
        <PageTitle title=lang.say(SITE_NAME) />
        <h1>{lang.say(OVERVIEW_HEADING)}</h1>
        <p class="lede">{lang.say(OVERVIEW_LEDE)}</p>
        <ul class="figures">
            {counts
                .into_iter()
                .zip(COVERAGE_FIGURES)
                .map(|(count, label)| view! { <li><strong>{count}</strong>" "{lang.say(label)}</li> })
                .collect_view()}
            <li><strong>{years}</strong>" "{lang.say(YEARS)}</li>
        </ul>
        <h2>{lang.say(WHERE_THINGS_STAND)}</h2>
        <p class="rule">
            {status_basis(coverage.items, coverage.progress_sources, &as_of, lang.chart_language())}
        </p>
        <ul class="status-figures">{statuses.collect_view()}</ul>
        <figure class="chart-figure overview-chart">
            <div class="chart wide">
                <ChartCanvas chart=chart />
            </div>
            <div class="chart narrow">
                <ChartCanvas chart=narrow />
            </div>
            <figcaption>
                <a href=charts_href>{lang.say(MORE_CHARTS)}</a>
            </figcaption>
        </figure>
        {districts}
        <h2>{lang.say(START_HERE)}</h2>
        <ul class="entry-points">
            {ENTRY_POINTS
                .iter()
                .map(|(page, label)| view! { <li><a href=nav.page(page)>{lang.say(*label)}</a></li> })
                .collect_view()}
        </ul>
    }
}
