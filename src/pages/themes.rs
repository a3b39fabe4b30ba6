//! The themes: threads of items across years and districts.

use crate::components::{page_title::PageTitle, with_bundle::WithBundle};
use crate::nav::{tab_title, use_lang, use_nav};
use leptos::prelude::*;
use reform_core::routes::Page;
use reform_core::text::year_span;
use reform_core::Bundle;
use std::sync::Arc;

/// Every theme with its span of years and item count.
#[component]
pub fn ThemesPage() -> impl IntoView {
    view! { <WithBundle page=Page::Themes render=|bundle| view! { <ThemeList bundle /> } /> }
}

/// Every theme with its item count and the years it spans.
#[component]
fn ThemeList(bundle: Arc<Bundle>) -> impl IntoView {
    let nav = use_nav();
    let lang = use_lang();
    let rows = bundle
        .themes
        .iter()
        .map(|theme| {
            let items = bundle.items_of_theme(theme);
            let span = year_span(bundle.years_of_theme(theme));
            view! {
                <li class="document-card">
                    <a class="document-title" href=nav.page(&Page::Theme(theme.id.clone()))>{lang.pick(&theme.name, &theme.name_en).to_string()}</a>
                    <p class="facts">
                        <span>{format!("{} {}", items.len(), lang.pick("项任务", "items"))}</span>
                        <span>{span}</span>
                    </p>
                </li>
            }
        })
        .collect_view();
    view! {
        <PageTitle title=tab_title(lang, "主题", "Themes") />
        <h1>{lang.pick("主题", "Themes")}</h1>
        <p class="lede">{lang.pick("把不同年份、不同区的相关任务串起来看。", "Related items followed across years and districts.")}</p>
        <ul class="document-list">{rows}</ul>
    }
}
