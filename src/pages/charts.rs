//! The charts: completion by document, theme, year or lead unit (`?by=`), the unit
//! responsibility map, and the timeline, narrowed by `?theme=`, `?district=` and `?unit=`.

use crate::components::{
    chart_figure::ChartFigure, page_title::PageTitle, with_bundle::WithBundle,
};
use crate::nav::{tab_title, use_lang, use_nav, Lang};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use reform_core::charts::completion::{
    completion_chart, Grouping, Language, DESKTOP_WIDTH, PHONE_WIDTH,
};
use reform_core::charts::network::{network_chart, NetworkFilter};
use reform_core::charts::responsibility::responsibility_chart;
use reform_core::charts::timeline::{timeline_chart, TimelineFilter};
use reform_core::routes::Page;
use reform_core::Bundle;
use std::sync::Arc;

/// The charts page; the grouping and the timeline's filters live in the URL.
#[component]
pub fn ChartsPage() -> impl IntoView {
    let query = use_query_map();
    let render = move |bundle: Arc<Bundle>| {
        let query = query.read();
        let grouping = query
            .get("by")
            .and_then(|code| Grouping::from_code(&code))
            .unwrap_or(Grouping::Document);
        let filter = TimelineFilter {
            theme: query
                .get("theme")
                .filter(|theme| bundle.theme(theme).is_some()),
            district: query
                .get("district")
                .filter(|district| bundle.district(district).is_some()),
            unit: query.get("unit").filter(|unit| bundle.unit(unit).is_some()),
            item: None,
        };
        let plan = query
            .get("plan")
            .filter(|plan| bundle.document(plan).is_some());
        view! { <Charts bundle grouping filter plan /> }
    };
    view! { <WithBundle render /> }
}

/// The URL pairs of a view, so that every link and permalink reproduces it.
fn view_pairs(grouping: Grouping, filter: &TimelineFilter) -> Vec<(&'static str, String)> {
    let mut pairs = vec![("by", grouping.code().to_string())];
    pairs.extend(filter.theme.clone().map(|theme| ("theme", theme)));
    pairs.extend(
        filter
            .district
            .clone()
            .map(|district| ("district", district)),
    );
    pairs.extend(filter.unit.clone().map(|unit| ("unit", unit)));
    pairs
}

#[component]
fn Charts(
    bundle: Arc<Bundle>,
    grouping: Grouping,
    filter: TimelineFilter,
    plan: Option<String>,
) -> impl IntoView {
    let nav = use_nav();
    let lang = use_lang();
    let language = match lang {
        Lang::Zh => Language::Chinese,
        Lang::En => Language::English,
    };
    let link_to = |grouping: Grouping, filter: &TimelineFilter, fragment: &str| {
        format!(
            "{}#{fragment}",
            nav.with_query(&Page::Charts, &view_pairs(grouping, filter))
        )
    };

    let chart = completion_chart(&bundle, grouping, language, DESKTOP_WIDTH);
    let narrow = completion_chart(&bundle, grouping, language, PHONE_WIDTH);
    let chart_link = link_to(grouping, &filter, &chart.id);
    let map = responsibility_chart(&bundle, language, DESKTOP_WIDTH);
    let map_narrow = responsibility_chart(&bundle, language, PHONE_WIDTH);
    let map_link = link_to(grouping, &filter, &map.id);
    let timeline = timeline_chart(&bundle, &filter, language, DESKTOP_WIDTH);
    let timeline_narrow = timeline_chart(&bundle, &filter, language, PHONE_WIDTH);
    let timeline_link = link_to(grouping, &filter, &timeline.id);
    let network_filter = NetworkFilter {
        document: plan.clone(),
        theme: filter.theme.clone(),
    };
    let network = network_chart(&bundle, &network_filter, language, 640);
    let network_narrow = network_chart(&bundle, &network_filter, language, PHONE_WIDTH);
    let with_plan = |plan: Option<&str>| {
        let mut pairs = view_pairs(grouping, &filter);
        pairs.extend(plan.map(|plan| ("plan", plan.to_string())));
        format!("{}#network", nav.with_query(&Page::Charts, &pairs))
    };
    let network_link = with_plan(plan.as_deref());
    let plan_tabs = std::iter::once(None)
        .chain(bundle.documents.iter().filter(|document| !bundle.items_of(&document.id).is_empty()).map(Some))
        .map(|option| {
            let label = option.map_or_else(
                || lang.pick("全部计划", "All plans").to_string(),
                |document| format!("{} {}", document.year().unwrap_or_default(), lang.pick(document.kind.label_zh(), document.kind.label_en())),
            );
            let current = (option.map(|document| &document.id) == plan.as_ref()).then_some("page");
            view! { <li><a href=with_plan(option.map(|document| document.id.as_str())) aria-current=current>{label}</a></li> }
        })
        .collect_view();

    let grouping_tabs = Grouping::ALL
        .map(|option| {
            let label = match option {
                Grouping::Document => lang.pick("按文件", "By document"),
                Grouping::Theme => lang.pick("按主题", "By theme"),
                Grouping::Year => lang.pick("按年份", "By year"),
                Grouping::Unit => lang.pick("按牵头单位", "By lead unit"),
            };
            let current = (option == grouping).then_some("page");
            view! { <li><a href=nav.with_query(&Page::Charts, &view_pairs(option, &filter)) aria-current=current>{label}</a></li> }
        })
        .collect_view();
    let theme_tabs = std::iter::once(None)
        .chain(bundle.themes.iter().map(Some))
        .map(|option| {
            let label = option.map_or_else(
                || lang.pick("全部主题", "All themes").to_string(),
                |theme| lang.pick(&theme.name, &theme.name_en).to_string(),
            );
            let narrowed = TimelineFilter { theme: option.map(|theme| theme.id.clone()), ..filter.clone() };
            let current = (option.map(|theme| &theme.id) == filter.theme.as_ref()).then_some("page");
            view! { <li><a href=link_to(grouping, &narrowed, "timeline") aria-current=current>{label}</a></li> }
        })
        .collect_view();
    let district_tabs = std::iter::once(None)
        .chain(bundle.districts.iter().map(Some))
        .map(|option| {
            let label = option.map_or_else(
                || lang.pick("全部区", "All districts").to_string(),
                |district| lang.pick(&district.name, &district.name_en).to_string(),
            );
            let narrowed = TimelineFilter { district: option.map(|district| district.id.clone()), ..filter.clone() };
            let current = (option.map(|district| &district.id) == filter.district.as_ref()).then_some("page");
            view! { <li><a href=link_to(grouping, &narrowed, "timeline") aria-current=current>{label}</a></li> }
        })
        .collect_view();
    let unit_filter = filter.unit.as_ref().and_then(|unit| bundle.unit(unit)).map(|unit| {
        let cleared = TimelineFilter { unit: None, ..filter.clone() };
        view! {
            <p class="active-filter">
                {format!("{}{}", lang.pick("只看单位:", "Unit only: "), lang.pick(&unit.name, &unit.name_en))}
                " "
                <a href=link_to(grouping, &cleared, "timeline")>{lang.pick("取消", "clear")}</a>
            </p>
        }
    });
    view! {
        <PageTitle title=tab_title(lang, "图表", "Charts") />
        <h1>{lang.pick("图表", "Charts")}</h1>
        <nav aria-label=lang.pick("完成情况分组", "Completion grouping")><ul class="tabs">{grouping_tabs}</ul></nav>
        <ChartFigure chart narrow permalink=chart_link />
        <ChartFigure chart=map narrow=map_narrow permalink=map_link />
        <nav aria-label=lang.pick("时间线主题", "Timeline theme")><ul class="tabs">{theme_tabs}</ul></nav>
        <nav aria-label=lang.pick("时间线区", "Timeline district")><ul class="tabs">{district_tabs}</ul></nav>
        {unit_filter}
        <ChartFigure chart=timeline narrow=timeline_narrow permalink=timeline_link />
        <nav aria-label=lang.pick("协作网络的计划", "Network plan")><ul class="tabs">{plan_tabs}</ul></nav>
        <ChartFigure chart=network narrow=network_narrow permalink=network_link />
    }
}
