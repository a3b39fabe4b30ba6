//! One source document in a list: its title linking to its page, then what it is, where
//! from, when, and how many items it holds.

use crate::nav::{use_lang, use_nav};
use leptos::prelude::*;
use reform_core::routes::Page;
use reform_core::{Bundle, Document};

/// A document's card; its district's name links to the district's page.
#[component]
pub fn DocumentCard(
    document: Document,
    items: usize,
    district: Option<reform_core::District>,
) -> impl IntoView {
    let nav = use_nav();
    let lang = use_lang();
    let date = document.date().map(|date| date.to_string());
    let district = district.map(|district| {
        view! { <a href=nav.district(&district.id)>{lang.pick(&district.name, &district.name_en).to_string()}</a> }
    });
    view! {
        <li class="document-card">
            <a class="document-title" href=nav.page(&Page::Document(document.id.clone()))>
                {lang.pick(&document.title, &document.title_en).to_string()}
            </a>
            <p class="facts">
                <span class="tag">{lang.pick(document.kind.label_zh(), document.kind.label_en())}</span>
                {district.map(|district| view! { <span>{district}</span> })}
                {date.map(|date| view! { <time datetime=date.clone()>{date.clone()}</time> })}
                {document.doc_number.clone().map(|number| view! { <span>{number}</span> })}
                {document.issuer.clone().map(|issuer| view! { <span>{issuer}</span> })}
                {(items > 0).then(|| view! { <span>{format!("{items} {}", lang.pick("项任务", "items"))}</span> })}
            </p>
        </li>
    }
}

/// The cards of `documents`, in their order; with `show_district`, each names its district
/// (not on the district's own page).
pub fn document_cards(
    bundle: &Bundle,
    documents: &[&Document],
    show_district: bool,
) -> impl IntoView {
    documents
        .iter()
        .map(|document| {
            view! {
                <DocumentCard
                    document=(*document).clone()
                    items=bundle.items_of(&document.id).len()
                    district=bundle.district(&document.district).filter(|_| show_district).cloned()
                />
            }
        })
        .collect_view()
}
