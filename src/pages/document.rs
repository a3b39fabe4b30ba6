//! One source document: its metadata, its items under their headings, and the full
//! original text, line by line, each line linkable as `#L<n>` and each item's passage as
//! `#item-<n>` (highlighted when targeted).

use crate::components::{
    item_row::ItemRow, load_failed::LoadFailed, page_title::PageTitle, with_bundle::WithBundle,
};
use crate::data::fetch_text;
use crate::nav::{use_lang, use_nav, Lang};
use crate::pages::not_found::NotFound;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use reform_core::query::text_blocks;
use reform_core::routes::Page;
use reform_core::{Bundle, Document};
use std::sync::Arc;

/// The page of the document named by the `:id` route parameter.
#[component]
pub fn DocumentPage() -> impl IntoView {
    let params = use_params_map();
    let render = move |bundle: Arc<Bundle>| {
        let id = params.read().get("id").unwrap_or_default();
        match bundle.document(&id).cloned() {
            Some(document) => view! { <DocumentView bundle document /> }.into_any(),
            None => view! { <NotFound /> }.into_any(),
        }
    };
    let page = Signal::derive(move || Page::Document(params.read().get("id").unwrap_or_default()));
    view! { <WithBundle page render /> }
}

/// Metadata, items under their headings, then the source text.
#[component]
fn DocumentView(bundle: Arc<Bundle>, document: Document) -> impl IntoView {
    let nav = use_nav();
    let lang = use_lang();
    let title = Page::Document(document.id.clone())
        .meta(&bundle)
        .map(|meta| meta.title)
        .unwrap_or_default();
    let district = bundle
        .district(&document.district)
        .map(|district| lang.pick(&district.name, &district.name_en).to_string());
    let fact = |label: &'static str, value: Option<String>| {
        value.map(|value| view! { <dt>{label}</dt><dd>{value}</dd> })
    };
    let groups = bundle
        .sections_of(&document.id)
        .into_iter()
        .map(|group| {
            let rows = group
                .items
                .iter()
                .map(|item| view! { <ItemRow bundle=bundle.clone() item=(*item).clone() /> })
                .collect_view();
            view! {
                <section class="item-group">
                    {group.section.map(|section| view! { <h3>{section.to_string()}</h3> })}
                    {group.subsection.map(|subsection| view! { <h4>{subsection.to_string()}</h4> })}
                    <ol class="item-list">{rows}</ol>
                </section>
            }
        })
        .collect_view();
    let has_items = !bundle.items_of(&document.id).is_empty();
    let text_url = nav.file(&format!("data/{}", document.text_path));
    let (other_title, other_lang) = match lang {
        Lang::Zh => (document.title_en.clone(), "en"),
        Lang::En => (document.title.clone(), "zh-Hans"),
    };
    view! {
        <PageTitle title />
        <nav class="breadcrumb" aria-label=lang.pick("位置", "Breadcrumb")>
            <a href=nav.page(&Page::Documents)>{lang.pick("原始文件", "Documents")}</a>
        </nav>
        <h1>{lang.pick(&document.title, &document.title_en).to_string()}</h1>
        <p class="title-alt" lang=other_lang>{other_title}</p>
        <dl class="facts-table">
            {fact(lang.pick("类型", "Kind"), Some(lang.pick(document.kind.label_zh(), document.kind.label_en()).to_string()))}
            {fact(lang.pick("区", "District"), district)}
            {fact(lang.pick("文号", "Number"), document.doc_number.clone())}
            {fact(lang.pick("发文机关", "Issued by"), document.issuer.clone())}
            {fact(lang.pick("印发日期", "Issued"), document.issued.map(|date| date.to_string()))}
            {fact(lang.pick("发布日期", "Published"), document.published.map(|date| date.to_string()))}
            {fact(
                lang.pick("篇幅", "Length"),
                Some(match lang {
                    Lang::Zh => format!("{} 行,{} 字", document.line_count, document.char_count),
                    Lang::En => format!("{} lines, {} characters", document.line_count, document.char_count),
                }),
            )}
        </dl>
        {has_items.then(|| view! {
            <h2>{lang.pick("改革任务", "Reform items")}</h2>
            {groups}
        })}
        <h2 id="text">{lang.pick("原文", "Original text")}</h2>
        <p>
            <a href=text_url.clone() download="">{lang.pick("下载原文 (纯文本)", "Download the text (plain text)")}</a>
        </p>
        <SourceText bundle document_id=document.id.clone() url=text_url />
    }
}

/// The verbatim source text, fetched on demand, one list item per line, item passages grouped.
#[component]
fn SourceText(bundle: Arc<Bundle>, document_id: String, url: String) -> impl IntoView {
    let text = LocalResource::new(move || {
        let url = url.clone();
        async move { fetch_text(&url).await }
    });
    let retry = Callback::new(move |()| text.refetch());
    let lang = use_lang();
    view! {
        <Transition fallback=move || view! { <p class="notice" role="status">{lang.pick("正在加载原文…", "Loading the text…")}</p> }>
            {move || {
                let bundle = bundle.clone();
                let document_id = document_id.clone();
                text.get()
                    .map(move |loaded| match loaded {
                        Ok(text) => view! { <SourceLines bundle document_id text /> }.into_any(),
                        Err(error) => view! { <LoadFailed error retry /> }.into_any(),
                    })
            }}
        </Transition>
    }
}

/// The source text line by line, each line linkable, with item passages marked.
#[component]
fn SourceLines(bundle: Arc<Bundle>, document_id: String, text: String) -> impl IntoView {
    let nav = use_nav();
    let lang = use_lang();
    let items = bundle.items_of(&document_id);
    let page = Page::Document(document_id.clone());
    let line = |text: &str, number: u32| {
        let anchor = format!("L{number}");
        view! {
            <li id=anchor.clone()>
                <a class="line-number" href=nav.page_at(&page, &anchor) aria-label=format!("{} {number}", lang.pick("第", "Line"))>
                    {number}
                </a>
                <span class="line-text">{text.to_string()}</span>
            </li>
        }
    };
    let blocks = text_blocks(&text, &items)
        .into_iter()
        .map(|block| {
            let lines = block
                .lines
                .iter()
                .zip(block.first_line..)
                .map(|(text, number)| line(text, number))
                .collect_view();
            match block.item {
                Some((id, number)) => view! {
                    <li class="passage" id=format!("item-{number}")>
                        <a class="passage-link" href=nav.page(&Page::Item(id))>
                            {format!("{} {number}", lang.pick("任务", "Item"))}
                        </a>
                        <ol>{lines}</ol>
                    </li>
                }
                .into_any(),
                None => view! { <li class="plain"><ol>{lines}</ol></li> }.into_any(),
            }
        })
        .collect_view();
    view! { <ol class="source-text" lang="zh-Hans">{blocks}</ol> }
}
