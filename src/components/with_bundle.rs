//! Waits for the shared bundle and renders a view of it, with loading and error states.

use crate::components::load_failed::LoadFailed;
use crate::data::BundleResource;
use crate::nav::Lang;
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
    let lang = use_context::<Memo<Lang>>()
        .map(|lang| lang.get_untracked())
        .unwrap_or(Lang::Zh);
    let loading = lang.pick("正在加载数据…", "Loading the data…");
    view! {
        <Transition fallback=move || view! { <p class="notice" role="status">{loading}</p> }>
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
