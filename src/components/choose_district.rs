//! Shown instead of a page over the whole corpus when that is more than a browser should
//! download at once: the reader narrows it to one district.

use crate::components::district_list::DistrictList;
use crate::components::national_search::NationalSearch;
use crate::components::page_title::PageTitle;
use crate::nav::{query_pairs, tab_title, use_lang, use_nav, Lang};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use reform_core::routes::{replacing, Page};
use reform_core::shard::SiteIndex;
use reform_core::words::CHOOSE_DISTRICT;
use std::sync::Arc;

/// Why the page asks, and every district, each linking to `page` narrowed to it (other
/// filters kept).
#[component]
pub fn ChooseDistrict(page: Page) -> impl IntoView {
    let index = expect_context::<Arc<SiteIndex>>();
    let nav = use_nav();
    let lang = use_lang();
    // A theme's page quotes the theme's own items and data, and lists its districts only.
    let theme = index.theme_of_page(&page).cloned();
    let page_is_search = page == Page::Search;
    let pairs = query_pairs(&use_query_map().read_untracked());
    let href = move |district: &str| {
        nav.with_query(&page, &replacing(&pairs, "district", district.into(), &[]))
    };
    let ask = match (page_is_search, lang) {
        (true, Lang::Zh) => "输入关键词,看看哪些区可能有结果;或直接选择一个区:",
        (true, Lang::En) => {
            "Enter words to see which districts may have results, or choose a district:"
        }
        (false, Lang::Zh) => "请选择一个区:",
        (false, Lang::En) => "Choose a district:",
    };
    let explanation = match &theme {
        Some(theme) => {
            let megabytes = theme.bytes as f64 / 1_000_000.0;
            match lang {
                Lang::Zh => format!(
                    "这个主题的 {} 项任务分布在许多区({megabytes:.0} MB 数据),无法一次加载。{ask}",
                    theme.items
                ),
                Lang::En => format!(
                    "This theme's {} items come from many districts ({megabytes:.0} MB of data), too much to load at once. {ask}",
                    theme.items
                ),
            }
        }
        None => {
            let megabytes = index.total_bytes as f64 / 1_000_000.0;
            match lang {
                Lang::Zh => format!(
                    "这一页涵盖 {} 个区的 {} 项任务({megabytes:.0} MB 数据),无法一次加载。{ask}",
                    index.coverage.districts,
                    index.coverage.items
                ),
                Lang::En => format!(
                    "This page covers {} items in {} districts ({megabytes:.0} MB of data), too much to load at once. {ask}",
                    index.coverage.items,
                    index.coverage.districts
                ),
            }
        }
    };
    let theme = theme.map(|theme| theme.id.clone());
    // A search first asks for its words, then names the districts that may have results.
    let list = if page_is_search {
        view! { <NationalSearch /> }.into_any()
    } else {
        view! { <DistrictList href=Arc::new(href) theme /> }.into_any()
    };
    view! {
        <PageTitle title=tab_title(lang, CHOOSE_DISTRICT.0, CHOOSE_DISTRICT.1) />
        <h1>{lang.say(CHOOSE_DISTRICT)}</h1>
        <p>{explanation}</p>
        {list}
    }
}
