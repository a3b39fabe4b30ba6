//! The charts: completion by document, theme, year or lead unit (`?by=`), the unit
//! responsibility map, and the timeline (`?theme=` narrows it to one theme).

use crate::components::{
    chart_figure::ChartFigure, page_title::PageTitle, with_bundle::WithBundle,
};
use crate::nav::{tab_title, use_lang, use_nav, Lang};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use reform_core::charts::completion::{
    completion_chart, Grouping, Language, DESKTOP_WIDTH, PHONE_WIDTH,
};
use reform_core::charts::responsibility::{matrix, responsibility_chart};
use reform_core::charts::timeline::{timeline_chart, TimelineFilter};
use reform_core::routes::Page;
use reform_core::Bundle;
use std::sync::Arc;

/// The charts page; the grouping and the timeline's theme live in the URL.
#[component]
pub fn ChartsPage() -> impl IntoView {
    let query = use_query_map();
    let render = move |bundle: Arc<Bundle>| {
        let query = query.read();
        let grouping = query
            .get("by")
            .and_then(|code| Grouping::from_code(&code))
            .unwrap_or(Grouping::Document);
        let theme = query
            .get("theme")
            .filter(|theme| bundle.theme(theme).is_some());
        view! { <Charts bundle grouping theme /> }
    };
    view! { <WithBundle render /> }
}

#[component]
fn Charts(bundle: Arc<Bundle>, grouping: Grouping, theme: Option<String>) -> impl IntoView {
    let nav = use_nav();
    let lang = use_lang();
    let language = match lang {
        Lang::Zh => Language::Chinese,
        Lang::En => Language::English,
    };
    // The URL pairs of this view, so that every permalink reproduces it.
    let mut pairs = vec![("by", grouping.code().to_string())];
    pairs.extend(theme.clone().map(|theme| ("theme", theme)));
    let permalink =
        |fragment: &str| format!("{}#{fragment}", nav.with_query(&Page::Charts, &pairs));

    let chart = completion_chart(&bundle, grouping, language, DESKTOP_WIDTH);
    let narrow = completion_chart(&bundle, grouping, language, PHONE_WIDTH);
    let chart_link = permalink(&chart.id);
    let map = responsibility_chart(&bundle, language, DESKTOP_WIDTH);
    let map_narrow = responsibility_chart(&bundle, language, PHONE_WIDTH);
    let map_link = permalink(&map.id);
    // Each row opens its unit; each count opens the search for that unit in that document.
    let (columns, matrix_rows) = matrix(&bundle);
    let map_links: Vec<Vec<Option<String>>> = matrix_rows
        .iter()
        .map(|row| {
            let mut links = vec![Some(nav.page(&Page::Unit(row.unit.id.clone())))];
            for (document, (led, co)) in columns.iter().zip(&row.cells) {
                let search = |count: &u32| {
                    let kind = serde_json::to_value(document.kind)
                        .ok()
                        .and_then(|value| value.as_str().map(str::to_string));
                    let mut query = vec![
                        ("unit", row.unit.id.clone()),
                        ("district", document.district.clone()),
                    ];
                    query.extend(document.year().map(|year| ("year", year.to_string())));
                    query.extend(kind.map(|kind| ("kind", kind)));
                    (*count > 0).then(|| nav.with_query(&Page::Search, &query))
                };
                links.push(search(led));
                links.push(search(co));
            }
            links
        })
        .collect();
    let filter = TimelineFilter {
        theme: theme.clone(),
        ..TimelineFilter::default()
    };
    let timeline = timeline_chart(&bundle, &filter, language, DESKTOP_WIDTH);
    let timeline_narrow = timeline_chart(&bundle, &filter, language, PHONE_WIDTH);
    let timeline_link = permalink(&timeline.id);

    let grouping_tabs = Grouping::ALL
        .map(|option| {
            let label = match option {
                Grouping::Document => lang.pick("按文件", "By document"),
                Grouping::Theme => lang.pick("按主题", "By theme"),
                Grouping::Year => lang.pick("按年份", "By year"),
                Grouping::Unit => lang.pick("按牵头单位", "By lead unit"),
            };
            let mut option_pairs = vec![("by", option.code().to_string())];
            option_pairs.extend(theme.clone().map(|theme| ("theme", theme)));
            let current = (option == grouping).then_some("page");
            view! { <li><a href=nav.with_query(&Page::Charts, &option_pairs) aria-current=current>{label}</a></li> }
        })
        .collect_view();
    let theme_tabs = std::iter::once(None)
        .chain(bundle.themes.iter().map(Some))
        .map(|option| {
            let label = option.map_or_else(
                || lang.pick("全部任务", "All items").to_string(),
                |theme| lang.pick(&theme.name, &theme.name_en).to_string(),
            );
            let mut option_pairs = vec![("by", grouping.code().to_string())];
            option_pairs.extend(option.map(|theme| ("theme", theme.id.clone())));
            let href = format!("{}#timeline", nav.with_query(&Page::Charts, &option_pairs));
            let current = (option.map(|theme| &theme.id) == theme.as_ref()).then_some("page");
            view! { <li><a href=href aria-current=current>{label}</a></li> }
        })
        .collect_view();
    view! {
        <PageTitle title=tab_title(lang, "图表", "Charts") />
        <h1>{lang.pick("图表", "Charts")}</h1>
        <nav aria-label=lang.pick("完成情况分组", "Completion grouping")><ul class="tabs">{grouping_tabs}</ul></nav>
        <ChartFigure chart narrow permalink=chart_link />
        <ChartFigure chart=map narrow=map_narrow permalink=map_link links=map_links />
        <nav aria-label=lang.pick("时间线主题", "Timeline theme")><ul class="tabs">{theme_tabs}</ul></nav>
        <ChartFigure chart=timeline narrow=timeline_narrow permalink=timeline_link />
    }
}
