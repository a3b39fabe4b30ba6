//! One theme: its items across years, oldest first, with statuses.

use crate::components::{item_row::ItemRow, page_title::PageTitle, with_bundle::WithBundle};
use crate::nav::{use_lang, use_nav};
use crate::pages::not_found::NotFound;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use reform_core::routes::Page;
use reform_core::{Bundle, Theme};
use std::sync::Arc;

/// The page of the theme named by the `:id` route parameter.
#[component]
pub fn ThemePage() -> impl IntoView {
    let params = use_params_map();
    let render = move |bundle: Arc<Bundle>| {
        let id = params.read().get("id").unwrap_or_default();
        match bundle.theme(&id).cloned() {
            Some(theme) => view! { <ThemeView bundle theme /> }.into_any(),
            None => view! { <NotFound /> }.into_any(),
        }
    };
    let page = Signal::derive(move || Page::Theme(params.read().get("id").unwrap_or_default()));
    view! { <WithBundle page render /> }
}

/// One theme's items across years and districts.
#[component]
fn ThemeView(bundle: Arc<Bundle>, theme: Theme) -> impl IntoView {
    let nav = use_nav();
    let lang = use_lang();
    let title = Page::Theme(theme.id.clone())
        .meta(&bundle)
        .map(|meta| meta.title)
        .unwrap_or_default();
    let rows = bundle
        .items_of_theme(&theme)
        .into_iter()
        .map(
            |item| view! { <ItemRow bundle=bundle.clone() item=item.clone() show_document=true /> },
        )
        .collect_view();
    view! {
        <PageTitle title />
        <nav class="breadcrumb" aria-label=lang.pick("位置", "Breadcrumb")>
            <a href=nav.page(&Page::Themes)>{lang.pick("主题", "Themes")}</a>
        </nav>
        <h1>{lang.pick(&theme.name, &theme.name_en).to_string()}</h1>
        <p class="title-alt">{lang.pick(&theme.name_en, &theme.name).to_string()}</p>
        <p><a href=nav.with_query(&Page::Search, &[("topic", theme.id.clone())])>{lang.pick("在搜索中筛选此主题", "Filter the search by this theme")}</a></p>
        <ol class="item-list">{rows}</ol>
    }
}
