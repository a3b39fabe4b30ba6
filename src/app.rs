//! The application shell: loads the bundle once, shares it, and owns the routes.

use crate::components::layout::Layout;
use crate::data::{provide_bundle, site_base, SiteBase};
use crate::nav::current_lang;
use crate::pages::{
    about::AboutPage, charts::ChartsPage, document::DocumentPage, documents::DocumentsPage,
    item::ItemPage, not_found::NotFound, overview::OverviewPage, search::SearchPage,
    theme::ThemePage, themes::ThemesPage, unit::UnitPage, units::UnitsPage,
};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

/// The whole app. Routes mirror [`reform_core::routes::Page`]; the site may live under any
/// sub-path, read from the page's `<base href>`.
#[component]
pub fn App() -> impl IntoView {
    let base = site_base();
    provide_context(SiteBase(base.clone()));
    provide_bundle();
    view! {
        <Router base=base.trim_end_matches('/').to_string()>
            <Shell />
        </Router>
    }
}

/// Everything inside the router: the language (read from the URL) and the routes.
#[component]
fn Shell() -> impl IntoView {
    provide_context(current_lang());
    view! {
        <Layout>
            <Routes fallback=NotFound>
                <Route path=path!("/") view=OverviewPage />
                <Route path=path!("/documents") view=DocumentsPage />
                <Route path=path!("/documents/:id") view=DocumentPage />
                <Route path=path!("/items/:document/:number") view=ItemPage />
                <Route path=path!("/units") view=UnitsPage />
                <Route path=path!("/units/:id") view=UnitPage />
                <Route path=path!("/themes") view=ThemesPage />
                <Route path=path!("/themes/:id") view=ThemePage />
                <Route path=path!("/charts") view=ChartsPage />
                <Route path=path!("/search") view=SearchPage />
                <Route path=path!("/about") view=AboutPage />
            </Routes>
        </Layout>
    }
}
