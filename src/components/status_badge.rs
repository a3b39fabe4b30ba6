//! An item's status as a labelled badge: a word and a symbol, never colour alone.

use crate::nav::use_lang;
use leptos::prelude::*;
use reform_core::ItemStatus;

/// The status label with a distinct symbol per status.
#[component]
pub fn StatusBadge(status: ItemStatus) -> impl IntoView {
    let lang = use_lang();
    view! {
        <span class=status.css_class()>
            <span aria-hidden="true">{status.symbol()}" "</span>
            {lang.pick(status.label_zh(), status.label_en())}
        </span>
    }
}
