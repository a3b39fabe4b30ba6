//! Search over a corpus too large to load at once, before a district is chosen: a box for
//! the words, then the districts whose items may hold them, found from the term files
//! ([`reform_core::terms`]), to choose from; before any words, every district.

use crate::components::district_list::{DistrictHref, DistrictList};
use crate::components::load_failed::LoadFailed;
use crate::components::search_words::SearchWords;
use crate::data::SiteData;
use crate::nav::{query_pairs, use_lang, use_nav, Lang};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use reform_core::routes::{replacing, Page};
use reform_core::shard::SiteIndex;
use std::sync::Arc;

/// The search box, then the districts to choose from, each linking to the search narrowed
/// to it (the words and other filters kept).
#[component]
pub fn NationalSearch() -> impl IntoView {
    let nav = use_nav();
    let lang = use_lang();
    let query = use_query_map();
    let text = Memo::new(move |_| query.read().get("q").filter(|text| !text.trim().is_empty()));
    let href: DistrictHref = {
        let nav = nav.clone();
        Arc::new(move |district: &str| {
            let pairs = query_pairs(&query.read_untracked());
            nav.with_query(
                &Page::Search,
                &replacing(&pairs, "district", district.into(), &[]),
            )
        })
    };
    let input = NodeRef::<leptos::html::Input>::new();
    let navigate = use_navigate();
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let words = input.get().map(|input| input.value()).unwrap_or_default();
        let pairs = query_pairs(&query.read_untracked());
        let pairs = replacing(&pairs, "q", words, &["district"]);
        navigate(
            &nav.route(&Page::Search, &pairs),
            NavigateOptions::default(),
        );
    };
    let list = move || {
        let href = href.clone();
        match text.get() {
            Some(text) => view! { <DistrictsWithTerms text href /> }.into_any(),
            None => view! { <DistrictList href /> }.into_any(),
        }
    };
    view! {
        <form class="search-form" role="search" on:submit=submit>
            <SearchWords value=text.get_untracked().unwrap_or_default() node_ref=input />
            <button type="submit">{lang.pick("查找各区", "Find districts")}</button>
        </form>
        {list}
    }
}

/// The districts whose items may hold `text`, or that none does; every district if the
/// corpus has no term files.
#[component]
fn DistrictsWithTerms(text: String, href: DistrictHref) -> impl IntoView {
    let index = expect_context::<Arc<SiteIndex>>();
    let data = expect_context::<SiteData>();
    let lang = use_lang();
    let found = LocalResource::new({
        let (data, index, text) = (data.clone(), index.clone(), text.clone());
        move || {
            data.track();
            let (data, index, text) = (data.clone(), index.clone(), text.clone());
            async move { data.districts_holding(&index, &text).await }
        }
    });
    let retry = Callback::new(move |()| data.retry());
    let total = index.coverage.districts;
    let looking = lang.pick(
        "正在查找可能有结果的区…",
        "Finding the districts that may have results…",
    );
    view! {
        <Transition fallback=move || view! { <p class="notice" role="status">{looking}</p> }>
            {move || {
                let href = href.clone();
                let text = text.clone();
                found.get().map(|found| match found {
                    Ok(Some(positions)) if positions.is_empty() => {
                        let none = match lang {
                            Lang::Zh => format!("没有一个区的任务含有“{text}”。"),
                            Lang::En => format!("No district's items contain “{text}”."),
                        };
                        view! { <p class="district-count" role="status">{none}</p> }.into_any()
                    }
                    Ok(Some(positions)) => {
                        let count = match lang {
                            Lang::Zh => format!("“{text}”可能出现在 {total} 个区中的 {} 个。选择一个区查看结果:", positions.len()),
                            Lang::En => format!("“{text}” may appear in {} of {total} districts. Choose one to see the results:", positions.len()),
                        };
                        view! {
                            <p class="district-count" role="status">{count}</p>
                            <DistrictList href within=Some(Arc::new(positions)) />
                        }
                        .into_any()
                    }
                    Ok(None) => view! { <DistrictList href /> }.into_any(),
                    Err(error) => view! { <LoadFailed error retry /> }.into_any(),
                })
            }}
        </Transition>
    }
}
