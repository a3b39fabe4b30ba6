//! The application shell: loads the bundle once, shares it, and owns the routes.

use crate::components::layout::Layout;
use crate::data::{provide_bundle, site_base, SiteBase};
use crate::pages::{document::DocumentPage, documents::DocumentsPage, not_found::NotFound};
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
            <Layout>
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=DocumentsPage />
                    <Route path=path!("/documents") view=DocumentsPage />
                    <Route path=path!("/documents/:id") view=DocumentPage />
                </Routes>
            </Layout>
        </Router>
    }
}
