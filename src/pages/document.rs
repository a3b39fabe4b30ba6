//! One source document: its metadata and the full original text, line by line, each line
//! linkable as `#L<n>`.

use crate::components::{load_failed::LoadFailed, page_title::PageTitle, with_bundle::WithBundle};
use crate::data::{fetch_text, SiteBase};
use crate::pages::not_found::NotFound;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use reform_core::routes::Page;
use reform_core::{Bundle, Document};
use std::sync::Arc;

/// The page of the document named by the `:id` route parameter.
#[component]
pub fn DocumentPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let render = move |bundle: Arc<Bundle>| match bundle.document(&id()).cloned() {
        Some(document) => {
            let title = Page::Document(document.id.clone())
                .meta(&bundle)
                .map(|meta| meta.title)
                .unwrap_or_default();
            let district = bundle.district_name(&document.district);
            view! {
                <PageTitle title />
                <DocumentView document district />
            }
            .into_any()
        }
        None => view! { <NotFound /> }.into_any(),
    };
    view! { <WithBundle render /> }
}

#[component]
fn DocumentView(document: Document, district: String) -> impl IntoView {
    let base = expect_context::<SiteBase>();
    let text_url = base.href(&format!("data/{}", document.text_path));
    let fact = |label: &'static str, value: Option<String>| {
        value.map(|value| view! { <dt>{label}</dt><dd>{value}</dd> })
    };
    view! {
        <nav class="breadcrumb" aria-label="位置">
            <a href=base.href(&Page::Documents.path())>"原始文件"</a>
        </nav>
        <h1>{document.title.clone()}</h1>
        <p class="title-en" lang="en">{document.title_en.clone()}</p>
        <dl class="facts-table">
            {fact("类型", Some(document.kind.label_zh().to_string()))}
            {fact("区", Some(district))}
            {fact("文号", document.doc_number.clone())}
            {fact("发文机关", document.issuer.clone())}
            {fact("印发日期", document.issued.map(|date| date.to_string()))}
            {fact("发布日期", document.published.map(|date| date.to_string()))}
            {fact("篇幅", Some(format!("{} 行,{} 字", document.line_count, document.char_count)))}
        </dl>
        <h2>"原文"</h2>
        <p>
            <a href=text_url.clone()>"下载原文 (纯文本)"</a>
        </p>
        <SourceText url=text_url />
    }
}

/// The verbatim source text, fetched on demand, one list item per line.
#[component]
fn SourceText(url: String) -> impl IntoView {
    let text = LocalResource::new(move || {
        let url = url.clone();
        async move { fetch_text(&url).await }
    });
    let retry = Callback::new(move |()| text.refetch());
    view! {
        <Transition fallback=|| view! { <p class="notice" role="status">"正在加载原文…"</p> }>
            {move || {
                text.get()
                    .map(|loaded| match loaded {
                        Ok(text) => view! { <SourceLines text /> }.into_any(),
                        Err(error) => view! { <LoadFailed error retry /> }.into_any(),
                    })
            }}
        </Transition>
    }
}

#[component]
fn SourceLines(text: String) -> impl IntoView {
    let lines: Vec<_> = text
        .lines()
        .zip(1..)
        .map(|(line, number)| {
            let anchor = format!("L{number}");
            view! {
                <li id=anchor.clone()>
                    <a class="line-number" href=format!("#{anchor}") aria-label=format!("第 {number} 行")>
                        {number}
                    </a>
                    <span class="line-text">{line.to_string()}</span>
                </li>
            }
        })
        .collect();
    view! { <ol class="source-text" lang="zh-Hans">{lines}</ol> }
}
