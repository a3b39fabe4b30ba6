//! Completion charts: item statuses by document, theme, year or lead unit (`?by=`).

use crate::components::{
    chart_figure::ChartFigure, page_title::PageTitle, with_bundle::WithBundle,
};
use crate::nav::{tab_title, use_lang, use_nav, Lang};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use reform_core::charts::completion::{
    completion_chart, Grouping, Language, DESKTOP_WIDTH, PHONE_WIDTH,
};
use reform_core::charts::responsibility::responsibility_chart;
use reform_core::routes::Page;
use reform_core::Bundle;
use std::sync::Arc;

/// The charts page; the grouping lives in the URL.
#[component]
pub fn ChartsPage() -> impl IntoView {
    let query = use_query_map();
    let render = move |bundle: Arc<Bundle>| {
        let grouping = query
            .read()
            .get("by")
            .and_then(|code| Grouping::from_code(&code))
            .unwrap_or(Grouping::Document);
        view! { <Charts bundle grouping /> }
    };
    view! { <WithBundle render /> }
}

#[component]
fn Charts(bundle: Arc<Bundle>, grouping: Grouping) -> impl IntoView {
    let nav = use_nav();
    let lang = use_lang();
    let language = match lang {
        Lang::Zh => Language::Chinese,
        Lang::En => Language::English,
    };
    let chart = completion_chart(&bundle, grouping, language, DESKTOP_WIDTH);
    let narrow = completion_chart(&bundle, grouping, language, PHONE_WIDTH);
    let permalink = nav.with_query(&Page::Charts, &[("by", grouping.code().to_string())]);
    let map = responsibility_chart(&bundle, language, DESKTOP_WIDTH);
    let map_narrow = responsibility_chart(&bundle, language, PHONE_WIDTH);
    let map_link = format!(
        "{}#{}",
        nav.with_query(&Page::Charts, &[("by", grouping.code().to_string())]),
        map.id
    );
    let tabs = Grouping::ALL
        .map(|option| {
            let label = match option {
                Grouping::Document => lang.pick("按文件", "By document"),
                Grouping::Theme => lang.pick("按主题", "By theme"),
                Grouping::Year => lang.pick("按年份", "By year"),
                Grouping::Unit => lang.pick("按牵头单位", "By lead unit"),
            };
            let current = (option == grouping).then_some("page");
            view! { <li><a href=nav.with_query(&Page::Charts, &[("by", option.code().to_string())]) aria-current=current>{label}</a></li> }
        })
        .collect_view();
    view! {
        <PageTitle title=tab_title(lang, "完成情况图表", "Completion charts") />
        <h1>{lang.pick("完成情况图表", "Completion charts")}</h1>
        <nav aria-label=lang.pick("分组方式", "Grouping")><ul class="tabs">{tabs}</ul></nav>
        <ChartFigure chart narrow permalink />
        <ChartFigure chart=map narrow=map_narrow permalink=map_link />
    }
}
