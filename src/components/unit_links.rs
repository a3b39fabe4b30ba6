//! A list of units as links to their pages, each as the registry names it (with the
//! spelling the document used when it differs), plus "other relevant units".

use crate::nav::{use_lang, use_nav};
use leptos::prelude::*;
use reform_core::routes::Page;
use reform_core::{Bundle, UnitRef};

/// Units named by an item in one role.
#[component]
pub fn UnitLinks(
    bundle: std::sync::Arc<Bundle>,
    units: Vec<UnitRef>,
    #[prop(optional)] others: Vec<String>,
) -> impl IntoView {
    let nav = use_nav();
    let lang = use_lang();
    let links = units
        .into_iter()
        .map(|named| {
            let unit = bundle.unit(&named.unit);
            let name = unit.map_or(named.written.to_string(), |unit| lang.pick(&unit.name, &unit.name_en).to_string());
            let as_written = unit.filter(|unit| *unit.name != *named.written).map(|_| named.written.clone());
            view! {
                <li>
                    <a href=nav.page(&Page::Unit(named.unit.to_string()))>{name}</a>
                    {as_written.map(|written| view! { <span class="as-written">{format!(" ({}{written})", lang.pick("原文作", "written "))}</span> })}
                </li>
            }
        })
        .collect_view();
    let others = (!others.is_empty()).then(|| {
        view! {
            <li class="others" title=others.join("、")>
                {lang.pick("其他相关单位", "other relevant units")}
            </li>
        }
    });
    view! { <ul class="unit-links">{links}{others}</ul> }
}
