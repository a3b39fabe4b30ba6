//! Waits for the site index (`data/index.json`, a few kilobytes) and shares it, so that
//! every page knows synchronously which shards it needs. Also decides when what was drawn
//! at build time (`#prerender`) gives way to the app's view.

use crate::components::load_failed::LoadFailed;
use crate::components::loading_notice::LoadingNotice;
use crate::data::SiteData;
use leptos::prelude::*;
use leptos_router::hooks::use_location;
use wasm_bindgen::JsCast;

/// Renders `children` once the index is loaded, with the index as context
/// (`Arc<SiteIndex>`); a loading notice before, an error with a retry if it failed.
#[component]
pub fn WithIndex(children: ChildrenFn) -> impl IntoView {
    let data = expect_context::<SiteData>();
    let index = LocalResource::new({
        let data = data.clone();
        move || {
            data.track();
            let data = data.clone();
            async move {
                let index = data.index().await?;
                // The overview drawn at build time lists the districts: it gives way once
                // the app can list them too, not to a notice that they are loading.
                if prerendered().is_some() && index.overview_lists_districts() {
                    data.table(&index).await?;
                }
                Ok(index)
            }
        }
    });
    let retry = Callback::new({
        let data = data.clone();
        move |()| data.retry()
    });
    // The drawing is of the address the page was loaded at: moving to another one within
    // the app, before the drawn page's data is in, leaves it behind too.
    let path = use_location().pathname;
    Effect::new(move |loaded_at: Option<String>| {
        let now = path.get();
        if loaded_at
            .as_ref()
            .is_some_and(|loaded_at| *loaded_at != now)
        {
            remove_prerendered();
        }
        loaded_at.unwrap_or(now)
    });
    view! {
        <Transition fallback=|| view! { <LoadingNotice /> }>
            {move || {
                index
                    .get()
                    // A record's page drawn at build time stays until the page has its
                    // data ([`WithBundle`](crate::components::with_bundle::WithBundle)).
                    .inspect(|loaded| {
                        if loaded.is_err() || !drawn_until_page_data() {
                            remove_prerendered();
                        }
                    })
                    .map(|loaded| match loaded {
                        Ok(index) => {
                            data.warm_up(index.clone());
                            provide_context(index);
                            children().into_any()
                        }
                        Err(error) => view! { <LoadFailed error retry /> }.into_any(),
                    })
            }}
        </Transition>
    }
}

/// What was drawn at build time (the overview, a record's page), if the page has it.
fn prerendered() -> Option<web_sys::Element> {
    web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.get_element_by_id("prerender"))
}

/// Whether the drawing is a record's page, which waits for the page's data.
fn drawn_until_page_data() -> bool {
    prerendered()
        .and_then(|drawn| drawn.query_selector("[data-until-page]").ok().flatten())
        .is_some()
}

/// What was drawn at build time is replaced by the app's view, rendered in the same task:
/// the reader sees one, then the other, never neither. What was typed into the overview's
/// box to find a district is kept for the app's ([`take_drawn_find`]).
pub fn remove_prerendered() {
    if let Some(prerendered) = prerendered() {
        let input = prerendered
            .query_selector(".district-find input")
            .ok()
            .flatten()
            .and_then(|input| input.dyn_into::<web_sys::HtmlInputElement>().ok());
        if let Some(input) = input {
            let focused = web_sys::window()
                .and_then(|window| window.document())
                .and_then(|document| document.active_element())
                .is_some_and(|active| active == **input);
            DRAWN_FIND.set(Some(DrawnFind {
                text: input.value(),
                focused,
            }));
        }
        prerendered.remove();
    }
}

/// The box to find a district on the overview drawn at build time, as the reader left it.
pub struct DrawnFind {
    /// What was typed.
    pub text: String,
    /// Whether the box had the focus.
    pub focused: bool,
}

thread_local! {
    static DRAWN_FIND: std::cell::Cell<Option<DrawnFind>> = const { std::cell::Cell::new(None) };
}

/// The drawn overview's box to find a district, once, for the app's box that replaces it.
pub fn take_drawn_find() -> Option<DrawnFind> {
    DRAWN_FIND.take()
}
