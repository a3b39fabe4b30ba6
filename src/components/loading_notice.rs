//! What a reader sees while data is on its way.

use crate::nav::Lang;
use leptos::prelude::*;
use reform_core::words::LOADING_DATA;

/// "Loading the data…", announced politely to screen readers, in the reader's language.
#[component]
pub fn LoadingNotice() -> impl IntoView {
    let lang = use_context::<Memo<Lang>>()
        .map(|lang| lang.get_untracked())
        .unwrap_or(Lang::Zh);
    view! { <p class="notice" role="status">{lang.say(LOADING_DATA)}</p> }
}
