//! Every district with its figures, each linking where the caller says. The list comes
//! from the district table, fetched when first shown.

use crate::components::load_failed::LoadFailed;
use crate::components::virtual_list::VirtualList;
use crate::components::with_index::take_drawn_find;
use crate::data::{use_district_table, SiteData};
use crate::nav::use_lang;
use leptos::prelude::*;
use reform_core::shard::{DistrictTable, FIND_DISTRICT_FROM};
use reform_core::words::{
    district_figures, districts_found, DISTRICTS, FIND_BY_NAME, LOADING_DISTRICTS,
};
use std::sync::Arc;

/// Where a district's row links, given its id: one type for every list, so that the list's
/// code is in the app once, not once per caller.
pub type DistrictHref = Arc<dyn Fn(&str) -> String + Send + Sync>;

/// One row per district (with `theme`, per district its items come from; with `within`,
/// only the districts at those positions of the table): name, years, documents, items and
/// how many were delivered. Windowed when long (a national corpus lists thousands).
#[component]
pub fn DistrictList(
    href: DistrictHref,
    #[prop(default = None)] theme: Option<String>,
    #[prop(default = None)] within: Option<Arc<Vec<usize>>>,
) -> impl IntoView {
    let table = use_district_table();
    let data = expect_context::<SiteData>();
    let retry = Callback::new(move |()| data.retry());
    let lang = use_lang();
    view! {
        <Transition fallback=move || view! { <p class="notice" role="status">{lang.say(LOADING_DISTRICTS)}</p> }>
            {move || {
                let href = href.clone();
                let theme = theme.clone();
                let within = within.clone();
                table
                    .get()
                    .map(|loaded| match loaded {
                        Ok(table) => {
                            let positions = table.matching("", theme.as_deref(), within.as_deref().map(Vec::as_slice));
                            if positions.len() > FIND_DISTRICT_FROM {
                                view! { <Findable table theme within href /> }.into_any()
                            } else {
                                view! { <Rows table positions href /> }.into_any()
                            }
                        }
                        Err(error) => view! { <LoadFailed error retry /> }.into_any(),
                    })
            }}
        </Transition>
    }
}

/// A box to find a district by its Chinese or English name, the number found (announced
/// to screen readers), and the rows found. What the reader typed into the box of the
/// overview drawn at build time, before the app took over, is kept, and so is its focus.
#[component]
fn Findable(
    table: Arc<DistrictTable>,
    theme: Option<String>,
    within: Option<Arc<Vec<usize>>>,
    href: DistrictHref,
) -> impl IntoView {
    let lang = use_lang();
    let drawn = take_drawn_find();
    let focused = drawn.as_ref().is_some_and(|drawn| drawn.focused);
    let typed = drawn.map(|drawn| drawn.text).unwrap_or_default();
    let text = RwSignal::new(typed.clone());
    let input = NodeRef::<leptos::html::Input>::new();
    if focused {
        input.on_load(|input| {
            let _ = input.focus();
        });
    }
    let found = move || {
        let positions = table.matching(
            &text.read(),
            theme.as_deref(),
            within.as_deref().map(Vec::as_slice),
        );
        let count = districts_found(positions.len(), lang.chart_language());
        let href = href.clone();
        view! {
            <p class="district-count" role="status">{count}</p>
            <Rows table=table.clone() positions href />
        }
    };
    view! {
        <label class="district-find">
            {lang.say(FIND_BY_NAME)}
            <input
                type="search"
                node_ref=input
                prop:value=typed
                on:input=move |event| text.set(event_target_value(&event))
            />
        </label>
        {found}
    }
}

/// The rows themselves, once the table is in: the districts at `positions` in it.
#[component]
fn Rows(table: Arc<DistrictTable>, positions: Vec<usize>, href: DistrictHref) -> impl IntoView {
    let lang = use_lang();
    let label = lang.say(DISTRICTS).to_string();
    let render = move |position: &usize| {
        let entry = &table.districts[*position];
        let name = lang
            .pick(&entry.district.name, &entry.district.name_en)
            .to_string();
        let figures = district_figures(entry, lang.chart_language());
        view! {
            <a class="district-row" href=href(&entry.district.id)>
                <strong>{name}</strong>
                <span class="muted">{figures}</span>
            </a>
        }
    };
    view! { <VirtualList rows=positions row_height=48 label render /> }
}
