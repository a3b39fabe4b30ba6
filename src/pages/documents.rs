//! The list of source documents: what each is, who issued it, when.

use crate::components::document_card::document_cards;
use crate::components::{page_title::PageTitle, with_bundle::WithBundle};
use crate::nav::{tab_title, use_lang, use_nav, Lang};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use reform_core::routes::Page;
use reform_core::text::english_count;
use reform_core::words::SOURCE_DOCUMENTS;
use reform_core::Bundle;
use std::sync::Arc;

/// Every source document in date order, each linking to its page.
#[component]
pub fn DocumentsPage() -> impl IntoView {
    view! { <WithBundle page=Page::Documents render=|bundle| view! { <DocumentList bundle /> } /> }
}

/// The list, narrowed by the URL's `district` as it changes.
#[component]
fn DocumentList(bundle: Arc<Bundle>) -> impl IntoView {
    let query = use_query_map();
    move || {
        let district = query
            .read()
            .get("district")
            .filter(|district| bundle.district(district).is_some());
        view! { <DocumentsOf bundle=bundle.clone() district /> }
    }
}

/// The documents of one district, or of all when `district` is `None`.
#[component]
fn DocumentsOf(bundle: Arc<Bundle>, district: Option<String>) -> impl IntoView {
    let nav = use_nav();
    let lang = use_lang();
    let as_of = bundle.as_of();
    let documents = bundle.documents_in(district.as_deref());
    let rows = document_cards(&bundle, &documents, true);
    let place = district
        .as_deref()
        .and_then(|district| bundle.district(district));
    let summary = match (lang, place) {
        (Lang::Zh, None) => format!(
            "{} 份文件,来自 {} 个区;最新来源日期 {as_of}。",
            documents.len(),
            bundle.districts.len()
        ),
        (Lang::En, None) => format!(
            "{} from {}; latest source dated {as_of}.",
            english_count(documents.len(), "document", "documents"),
            english_count(bundle.districts.len(), "district", "districts")
        ),
        (Lang::Zh, Some(place)) => format!(
            "{}的 {} 份文件;最新来源日期 {as_of}。",
            place.name,
            documents.len()
        ),
        (Lang::En, Some(place)) => format!(
            "{} from {}; latest source dated {as_of}.",
            english_count(documents.len(), "document", "documents"),
            place.name_en
        ),
    };
    // Narrowed to one district: a way back to all of them.
    let all = place.map(|_| {
        view! { <p><a href=nav.page(&Page::Documents)>{lang.pick("全部区的文件", "Documents of every district")}</a></p> }
    });
    view! {
        <PageTitle title=tab_title(lang, "原始文件", "Documents") />
        <h1>{lang.say(SOURCE_DOCUMENTS)}</h1>
        <p class="lede">{summary}</p>
        {all}
        <ul class="document-list">{rows}</ul>
    }
}
