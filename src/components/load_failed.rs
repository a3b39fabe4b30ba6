//! What a reader sees when data cannot be loaded: what happened, what to do, a retry.

use crate::data::LoadError;
use crate::nav::Lang;
use leptos::prelude::*;

/// An error notice in the reader's language with a retry button; `retry` re-runs the
/// failed request.
#[component]
pub fn LoadFailed(error: LoadError, retry: Callback<()>) -> impl IntoView {
    let lang = use_context::<Memo<Lang>>()
        .map(|lang| lang.get_untracked())
        .unwrap_or(Lang::Zh);
    view! {
        <div class="notice error" role="alert">
            <h2>{lang.pick("数据加载失败", "The data could not be loaded")}</h2>
            <p>{error.advice(lang)}</p>
            <p class="detail">{error.to_string()}</p>
            <button type="button" on:click=move |_| retry.run(())>{lang.pick("重试", "Try again")}</button>
        </div>
    }
}
