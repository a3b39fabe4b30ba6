//! Every district with its figures, each leading to its page: from the district table,
//! windowed and searchable by name when long.

use crate::components::district_list::{DistrictHref, DistrictList};
use crate::components::page_title::PageTitle;
use crate::nav::{tab_title, use_lang, use_nav};
use leptos::prelude::*;
use reform_core::shard::SiteIndex;
use reform_core::words::DISTRICTS;
use std::sync::Arc;

/// The list of districts.
#[component]
pub fn DistrictsPage() -> impl IntoView {
    let nav = use_nav();
    let lang = use_lang();
    let index = expect_context::<Arc<SiteIndex>>();
    let href: DistrictHref = Arc::new(move |district: &str| nav.district(district));
    let (zh, en) = DISTRICTS;
    view! {
        <PageTitle title=tab_title(lang, zh, en) />
        <h1>{format!("{} ({})", lang.say(DISTRICTS), index.coverage.districts)}</h1>
        <DistrictList href />
    }
}
