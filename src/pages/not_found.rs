//! The page for addresses that name nothing.

use crate::components::page_title::PageTitle;
use crate::components::with_index::remove_prerendered;
use crate::nav::{use_lang, use_nav};
use leptos::prelude::*;
use reform_core::routes::Page;

/// "Not found", with a way back to the start.
#[component]
pub fn NotFound() -> impl IntoView {
    // No data to wait for: a page drawn at build time gives way at once.
    remove_prerendered();
    let nav = use_nav();
    let lang = use_lang();
    view! {
        <PageTitle title=lang.pick("页面不存在 · 深圳区级改革追踪", "Page not found · Shenzhen Reform Tracker") />
        <div class="notice">
            <h1>{lang.pick("页面不存在", "Page not found")}</h1>
            <p>{lang.pick("这个地址没有对应的内容,可能已更改或输入有误。", "Nothing lives at this address; it may have changed or been mistyped.")}</p>
            <p>
                <a href=nav.page(&Page::Home)>{lang.pick("返回首页", "Back to the start")}</a>
                " · "
                <a href=nav.page(&Page::Search)>{lang.pick("搜索", "Search")}</a>
            </p>
        </div>
    }
}
