//! Waits for the shared bundle and renders a view of it, with loading and error states.

use crate::components::load_failed::LoadFailed;
use crate::data::BundleResource;
use leptos::prelude::*;
use reform_core::Bundle;
use std::sync::Arc;

/// Renders `render(bundle)` once the bundle is loaded; a loading notice before, and an
/// error with a retry if loading failed.
#[component]
pub fn WithBundle<F, V>(render: F) -> impl IntoView
where
    F: Fn(Arc<Bundle>) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let BundleResource(bundle) = expect_context::<BundleResource>();
    let retry = Callback::new(move |()| bundle.refetch());
    view! {
        <Transition fallback=|| view! { <p class="notice" role="status">"正在加载数据…"</p> }>
            {move || {
                bundle
                    .get()
                    .map(|loaded| match loaded {
                        Ok(bundle) => render(bundle).into_any(),
                        Err(error) => view! { <LoadFailed error retry /> }.into_any(),
                    })
            }}
        </Transition>
    }
}
