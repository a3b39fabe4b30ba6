//! The application shell: loads the data once, shares it, and owns the routes. Embeds
//! (`/embed/…`) get a shell of their own: no site frame, and only the charts' data.

use crate::components::layout::Layout;
use crate::components::with_index::WithIndex;
use crate::data::{provide_site_data, site_base, SiteBase, SiteData};
use crate::nav::{current_lang, current_scheme, follow_lang_and_scheme};
use crate::pages::{
    about::AboutPage, charts::ChartsPage, district::DistrictPage, districts::DistrictsPage,
    document::DocumentPage, documents::DocumentsPage, embed::EmbedPage, item::ItemPage,
    not_found::NotFound, overview::OverviewPage, search::SearchPage, theme::ThemePage,
    themes::ThemesPage, unit::UnitPage, units::UnitsPage,
};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::hooks::use_query_map;
use leptos_router::path;
use reform_core::load::is_data_version;
use reform_core::routes::join_base;

/// The whole app. Routes mirror [`reform_core::routes::Page`]; the site may live under any
/// sub-path, read from the page's `<base href>`.
#[component]
pub fn App() -> impl IntoView {
    let base = site_base();
    provide_context(SiteBase(base.clone()));
    remove_load_fallback();
    let embed = current_path().starts_with(&join_base(&base, "embed/"));
    view! {
        <Router base=base.trim_end_matches('/').to_string()>
            {if embed { view! { <EmbedShell /> }.into_any() } else { view! { <Shell /> }.into_any() }}
        </Router>
    }
}

/// The portal: the site frame and every page, once the site index is in.
#[component]
fn Shell() -> impl IntoView {
    provide_site_data();
    let (lang, scheme) = (current_lang(), current_scheme());
    provide_context(lang);
    provide_context(scheme);
    follow_lang_and_scheme(lang, scheme);
    view! {
        <Layout>
            <WithIndex>
            <Routes fallback=NotFound>
                <Route path=path!("/") view=OverviewPage />
                <Route path=path!("/documents") view=DocumentsPage />
                <Route path=path!("/documents/:id") view=DocumentPage />
                <Route path=path!("/items/:document/:number") view=ItemPage />
                <Route path=path!("/units") view=UnitsPage />
                <Route path=path!("/units/:id") view=UnitPage />
                <Route path=path!("/districts") view=DistrictsPage />
                <Route path=path!("/districts/:id") view=DistrictPage />
                <Route path=path!("/themes") view=ThemesPage />
                <Route path=path!("/themes/:id") view=ThemePage />
                <Route path=path!("/charts") view=ChartsPage />
                <Route path=path!("/search") view=SearchPage />
                <Route path=path!("/about") view=AboutPage />
            </Routes>
            </WithIndex>
        </Layout>
    }
}

/// An embedded chart: no header or footer; the page loads the chart shards it needs.
#[component]
fn EmbedShell() -> impl IntoView {
    let pinned = use_query_map()
        .read_untracked()
        .get("data")
        .filter(|version| is_data_version(version));
    provide_context(SiteData::for_charts(expect_context::<SiteBase>(), pinned));
    let (lang, scheme) = (current_lang(), current_scheme());
    provide_context(lang);
    provide_context(scheme);
    follow_lang_and_scheme(lang, scheme);
    view! {
        <main id="main" class="embed-main">
            <Routes fallback=|| view! { <EmbedPage /> }>
                <Route path=path!("/embed/:chart") view=EmbedPage />
            </Routes>
        </main>
    }
}

/// The page's path, e.g. `/portal/embed/timeline/`.
fn current_path() -> String {
    web_sys::window()
        .and_then(|window| window.location().pathname().ok())
        .unwrap_or_default()
}

/// The static page's notice for a failed start is not needed once the app runs.
fn remove_load_fallback() {
    if let Some(fallback) = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.get_element_by_id("load-fallback"))
    {
        fallback.remove();
    }
}
