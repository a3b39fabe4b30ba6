//! The list of source documents: what each is, who issued it, when.

use crate::components::{page_title::PageTitle, with_bundle::WithBundle};
use crate::data::SiteBase;
use leptos::prelude::*;
use reform_core::routes::Page;
use reform_core::{Bundle, Document};
use std::sync::Arc;

/// Every source document in date order, each linking to its page.
#[component]
pub fn DocumentsPage() -> impl IntoView {
    view! { <WithBundle render=|bundle| view! { <DocumentList bundle /> } /> }
}

#[component]
fn DocumentList(bundle: Arc<Bundle>) -> impl IntoView {
    let title = Page::Documents
        .meta(&bundle)
        .map(|meta| meta.title)
        .unwrap_or_default();
    let as_of = bundle
        .latest_source_date
        .map(|date| date.to_string())
        .unwrap_or_default();
    let rows: Vec<_> = bundle
        .documents
        .iter()
        .map(|document| view! { <DocumentRow document=document.clone() district=bundle.district_name(&document.district) /> })
        .collect();
    view! {
        <PageTitle title />
        <h1>"原始文件"</h1>
        <p class="lede">
            {format!("{} 份文件,来自 {} 个区;最新来源日期 {as_of}。", bundle.documents.len(), bundle.districts.len())}
        </p>
        <ul class="document-list">{rows}</ul>
    }
}

#[component]
fn DocumentRow(document: Document, district: String) -> impl IntoView {
    let base = expect_context::<SiteBase>();
    let href = base.href(&Page::Document(document.id.clone()).path());
    let date = document.date().map(|date| date.to_string());
    view! {
        <li class="document-card">
            <a class="document-title" href=href>{document.title.clone()}</a>
            <p class="facts">
                <span class="tag">{document.kind.label_zh()}</span>
                <span>{district}</span>
                {date.map(|date| view! { <time datetime=date.clone()>{date.clone()}</time> })}
                {document.doc_number.clone().map(|number| view! { <span>{number}</span> })}
            </p>
        </li>
    }
}
