//! Keeps the browser tab's title in step with the route (the static page files set it
//! for the first load; this follows client-side navigation).

use leptos::prelude::*;

/// Sets `document.title` while mounted.
#[component]
pub fn PageTitle(#[prop(into)] title: String) -> impl IntoView {
    Effect::new(move |_| {
        if let Some(document) = web_sys::window().and_then(|window| window.document()) {
            document.set_title(&title);
        }
    });
}
