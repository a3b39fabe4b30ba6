//! All responsible units, by district and kind, with how many items each leads and co-organises.

use crate::components::unit_table::unit_table;
use crate::components::{page_title::PageTitle, with_bundle::WithBundle};
use crate::nav::{tab_title, use_lang, use_nav};
use leptos::prelude::*;
use reform_core::routes::Page;
use reform_core::words::RESPONSIBLE_UNITS;
use reform_core::Bundle;
use std::sync::Arc;

/// The unit directory.
#[component]
pub fn UnitsPage() -> impl IntoView {
    view! { <WithBundle page=Page::Units render=|bundle| view! { <UnitDirectory bundle /> } /> }
}

/// Units grouped by district and kind, busiest first; each district's name links to its page.
#[component]
fn UnitDirectory(bundle: Arc<Bundle>) -> impl IntoView {
    let nav = use_nav();
    let lang = use_lang();
    let mut current_district = String::new();
    let groups = bundle
        .units_by_district_and_kind()
        .into_iter()
        .map(|(district, kind, loads)| {
            let district_heading = (current_district != district.id).then(|| {
                current_district = district.id.clone();
                view! { <h2><a href=nav.district(&district.id)>{lang.pick(&district.name, &district.name_en).to_string()}</a></h2> }
            });
            view! {
                {district_heading}
                {unit_table(kind, loads)}
            }
        })
        .collect_view();
    view! {
        <PageTitle title=tab_title(lang, "责任单位", "Units") />
        <h1>{lang.say(RESPONSIBLE_UNITS)}</h1>
        <p class="lede">
            {lang.pick(
                "每个单位牵头与协办的改革任务数。同名单位在不同区是不同的机构;别名与更名已合并。",
                "How many items each unit leads and co-organises. Same-named units in different districts are different bodies; aliases and renames are merged.",
            )}
        </p>
        {groups}
    }
}
