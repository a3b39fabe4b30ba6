//! The page for addresses that name nothing.

use crate::components::page_title::PageTitle;
use crate::data::SiteBase;
use leptos::prelude::*;
use reform_core::routes::Page;

/// "Not found", with a way back to the start.
#[component]
pub fn NotFound() -> impl IntoView {
    let base = expect_context::<SiteBase>();
    view! {
        <PageTitle title="页面不存在 · 深圳区级改革追踪" />
        <div class="notice">
            <h1>"页面不存在"</h1>
            <p>"这个地址没有对应的内容,可能已更改或输入有误。"</p>
            <p>
                <a href=base.href(&Page::Home.path())>"返回首页"</a>
            </p>
        </div>
    }
}
