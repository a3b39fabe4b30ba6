//! Waits for the shards a page needs and renders the page from them, with loading, error,
//! "not found" and "choose a district" states.

use crate::components::choose_district::ChooseDistrict;
use crate::components::load_failed::LoadFailed;
use crate::components::loading_notice::LoadingNotice;
use crate::components::with_index::remove_prerendered;
use crate::data::{Loaded, SiteData};
use crate::nav::query_pairs;
use crate::pages::not_found::NotFound;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use reform_core::routes::Page;
use reform_core::shard::{Need, SiteIndex};
use reform_core::Bundle;
use std::sync::Arc;

/// Renders `render(bundle)` with the data `page` needs ([`Need::of_page`], narrowed by the
/// URL's `district` or `unit` filter). The data is fetched again only when the shards it
/// resolves to change, so filters that stay within them re-render nothing here.
#[component]
pub fn WithBundle<F, V>(#[prop(into)] page: Signal<Page>, render: F) -> impl IntoView
where
    F: Fn(Arc<Bundle>) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    // What follows is in the app once, not once per page's render type.
    with_bundle(page, Arc::new(move |bundle| render(bundle).into_any()))
}

/// A page's rendering from its data, whatever the page.
type Render = Arc<dyn Fn(Arc<Bundle>) -> AnyView + Send + Sync>;

fn with_bundle(page: Signal<Page>, render: Render) -> AnyView {
    let data = expect_context::<SiteData>();
    let index = expect_context::<Arc<SiteIndex>>();
    let query = use_query_map();
    let resolved = Memo::new({
        let index = index.clone();
        move |_| {
            let pairs = query_pairs(&query.read());
            let pairs = pairs
                .iter()
                .map(|(key, value)| (key.as_str(), value.as_str()));
            let need = Need::of_page(&page.get(), pairs).unwrap_or(Need::Everything {
                district: None,
                unit: None,
            });
            index.resolve(&need)
        }
    });
    let loaded = LocalResource::new({
        let data = data.clone();
        move || {
            let (data, index, resolved) = (data.clone(), index.clone(), resolved.get());
            async move { data.load(&index, resolved).await }
        }
    });
    let retry = Callback::new(move |()| data.retry());
    view! {
        <Transition fallback=|| view! { <LoadingNotice /> }>
            {move || {
                loaded
                    .get()
                    .inspect(|_| remove_prerendered())
                    .map(|loaded| match loaded {
                        Ok(Loaded::Bundle(bundle)) => render(bundle).into_any(),
                        Ok(Loaded::ChooseDistrict) => {
                            view! { <ChooseDistrict page=page.get_untracked() /> }.into_any()
                        }
                        Ok(Loaded::NotFound) => view! { <NotFound /> }.into_any(),
                        Err(error) => view! { <LoadFailed error retry /> }.into_any(),
                    })
            }}
        </Transition>
    }
    .into_any()
}
