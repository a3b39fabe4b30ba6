//! One item in a list: number, title (a link), document, status.

use crate::components::status_badge::StatusBadge;
use crate::nav::{use_lang, use_nav};
use leptos::prelude::*;
use reform_core::routes::Page;
use reform_core::{Bundle, Item};

/// A summary row linking to the item's page; `show_document` adds the document's title.
#[component]
pub fn ItemRow(
    bundle: std::sync::Arc<Bundle>,
    item: Item,
    #[prop(optional)] show_document: bool,
) -> impl IntoView {
    let nav = use_nav();
    let lang = use_lang();
    let document = bundle.document(&item.document).map(|document| {
        let year = document
            .year()
            .map(|year| format!("{year} · "))
            .unwrap_or_default();
        format!("{year}{}", lang.pick(&document.title, &document.title_en))
    });
    view! {
        <li class="item-row">
            <a class="item-title" lang="zh-Hans" href=nav.page(&Page::Item(item.id.clone()))>
                <span class="item-label">{item.label.to_string()}</span>
                {item.title.to_string()}
            </a>
            <StatusBadge status=item.status />
            {show_document.then(|| view! { <span class="item-document">{document}</span> })}
        </li>
    }
}
