//! The frame around every page: skip link, site header with navigation, footer.

use crate::data::SiteBase;
use leptos::prelude::*;
use reform_core::routes::Page;

/// Header, main region and footer around the routed page.
#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let base = expect_context::<SiteBase>();
    view! {
        <a class="skip-link" href="#main">"跳到正文"</a>
        <header class="site-header">
            <a class="site-name" href=base.href(&Page::Home.path())>"深圳区级改革追踪"</a>
            <nav aria-label="主导航">
                <a href=base.href(&Page::Documents.path())>"原始文件"</a>
            </nav>
        </header>
        <main id="main" tabindex="-1">{children()}</main>
        <footer class="site-footer">
            <p>
                "所有内容均由原始文件编译而成,可逐行对照原文。"
                <a href=base.href("data/bundle.json")>"下载数据 (JSON)"</a>
            </p>
        </footer>
    }
}
