//! One unit: everything it leads or co-organises across all years, with statuses, and the
//! names it goes by.

use crate::components::unit_table::kind_en;
use crate::components::{item_row::ItemRow, page_title::PageTitle, with_bundle::WithBundle};
use crate::nav::{use_lang, use_nav};
use crate::pages::not_found::NotFound;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use reform_core::routes::Page;
use reform_core::{Bundle, Unit};
use std::sync::Arc;

/// The page of the unit named by the `:id` route parameter.
#[component]
pub fn UnitPage() -> impl IntoView {
    let params = use_params_map();
    let render = move |bundle: Arc<Bundle>| {
        let id = params.read().get("id").unwrap_or_default();
        match bundle.unit(&id).cloned() {
            Some(unit) => view! { <UnitView bundle unit /> }.into_any(),
            None => view! { <NotFound /> }.into_any(),
        }
    };
    let page = Signal::derive(move || Page::Unit(params.read().get("id").unwrap_or_default()));
    view! { <WithBundle page render /> }
}

/// What one unit leads and co-organises.
#[component]
fn UnitView(bundle: Arc<Bundle>, unit: Unit) -> impl IntoView {
    let nav = use_nav();
    let lang = use_lang();
    let title = Page::Unit(unit.id.clone())
        .meta(&bundle)
        .map(|meta| meta.title)
        .unwrap_or_default();
    let load = bundle.load_of(&unit);
    let district = bundle
        .district(&unit.district)
        .map(|district| view! { <a href=nav.district(&district.id)>{lang.pick(&district.name, &district.name_en).to_string()}</a> });
    let list = |items: Vec<&reform_core::Item>| {
        items.into_iter().map(|item| view! { <ItemRow bundle=bundle.clone() item=item.clone() show_document=true /> }).collect_view()
    };
    let led = list(load.led.clone());
    let co = list(load.co.clone());
    let search = nav.with_query(&Page::Search, &[("unit", unit.id.clone())]);
    view! {
        <PageTitle title />
        <nav class="breadcrumb" aria-label=lang.pick("位置", "Breadcrumb")>
            <a href=nav.page(&Page::Units)>{lang.pick("责任单位", "Units")}</a>
        </nav>
        <h1>{lang.pick(&unit.name, &unit.name_en).to_string()}</h1>
        <p class="title-alt">{lang.pick(&unit.name_en, &unit.name).to_string()}</p>
        <dl class="facts-table">
            <dt>{lang.pick("区", "District")}</dt><dd>{district}</dd>
            <dt>{lang.pick("类型", "Kind")}</dt><dd>{lang.pick(unit.kind.label_zh(), kind_en(unit.kind))}</dd>
            {(!unit.aliases.is_empty()).then(|| view! {
                <dt>{lang.pick("文中别称", "Also written")}</dt><dd lang="zh-Hans">{unit.aliases.join("、")}</dd>
            })}
            {(!unit.former_names.is_empty()).then(|| view! {
                <dt>{lang.pick("曾用名", "Former names")}</dt><dd lang="zh-Hans">{unit.former_names.join("、")}</dd>
            })}
        </dl>
        <p>
            <a href=search>{lang.pick("在搜索中筛选此单位", "Filter the search by this unit")}</a>
            " · "
            <a href=format!("{}#timeline", nav.with_query(&Page::Charts, &[("unit", unit.id.clone())]))>
                {lang.pick("此单位的时间线", "This unit's timeline")}
            </a>
        </p>
        <h2>{format!("{} ({})", lang.pick("牵头", "Leads"), load.led.len())}</h2>
        <ul class="item-list">{led}</ul>
        <h2>{format!("{} ({})", lang.pick("协办", "Co-organises"), load.co.len())}</h2>
        <ul class="item-list">{co}</ul>
    }
}
