//! What a reader sees when data cannot be loaded: what happened, what to do, a retry.

use crate::data::LoadError;
use leptos::prelude::*;

/// An error notice with a retry button; `retry` re-runs the failed request.
#[component]
pub fn LoadFailed(error: LoadError, retry: Callback<()>) -> impl IntoView {
    view! {
        <div class="notice error" role="alert">
            <h2>"数据加载失败"</h2>
            <p>{error.advice()}</p>
            <p class="detail">{error.to_string()}</p>
            <button type="button" on:click=move |_| retry.run(())>"重试"</button>
        </div>
    }
}
