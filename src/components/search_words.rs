//! The search words' label and box, as every search form has them.

use crate::nav::use_lang;
use leptos::html::Input;
use leptos::prelude::*;
use reform_core::words::{SEARCH_EXAMPLE, SEARCH_WORDS};

/// The label and the box (`#search-text`) showing `value`; `on_input` is told the words on
/// each keystroke, and `node_ref` lets a form read them when it is sent.
#[component]
pub fn SearchWords(
    value: String,
    #[prop(optional)] node_ref: NodeRef<Input>,
    #[prop(optional)] on_input: Option<Callback<String>>,
) -> impl IntoView {
    let lang = use_lang();
    view! {
        <label for="search-text">{lang.say(SEARCH_WORDS)}</label>
        <input
            id="search-text"
            type="search"
            autocomplete="off"
            node_ref=node_ref
            value=value
            placeholder=lang.say(SEARCH_EXAMPLE)
            on:input=move |event| {
                if let Some(on_input) = on_input {
                    on_input.run(event_target_value(&event));
                }
            }
        />
    }
}
