//! The charts: completion by document, theme, year or lead unit (`?by=`), the unit
//! responsibility map, the timeline (narrowed by `?topic=`, `?district=`, `?unit=`) and the
//! network (`?plan=`, `?topic=`), each with its embed code.

use crate::components::{
    chart_figure::ChartFigure, embed_code::EmbedSpec, page_title::PageTitle,
    with_bundle::WithBundle,
};
use crate::nav::{query_pairs, tab_title, use_lang, use_nav};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use reform_core::charts::completion::Grouping;
use reform_core::charts::view::{ChartKind, ChartParams};
use reform_core::routes::Page;
use reform_core::shard::SiteIndex;
use reform_core::Bundle;
use std::sync::Arc;

/// The charts page; the grouping and the filters live in the URL.
#[component]
pub fn ChartsPage() -> impl IntoView {
    let query = use_query_map();
    let render = move |bundle: Arc<Bundle>| {
        let pairs = query_pairs(&query.read());
        let params = ChartParams::from_pairs(
            &bundle,
            pairs
                .iter()
                .map(|(key, value)| (key.as_str(), value.as_str())),
        );
        view! { <Charts bundle params /> }
    };
    view! { <WithBundle page=Page::Charts render /> }
}

/// Every chart narrowed by `params`, with the controls that change them.
#[component]
fn Charts(bundle: Arc<Bundle>, params: ChartParams) -> impl IntoView {
    let index = expect_context::<Arc<SiteIndex>>();
    let nav = use_nav();
    let lang = use_lang();
    let language = lang.chart_language();
    let link_to = |params: &ChartParams, fragment: &str| {
        format!(
            "{}#{fragment}",
            nav.with_query(&Page::Charts, &params.to_pairs())
        )
    };
    let figure = |kind: ChartKind| {
        let [chart, narrow] = params.render_layouts(kind, &bundle, language);
        let permalink = link_to(&params, &chart.id);
        let embed = EmbedSpec {
            kind,
            pairs: params.embed_pairs(kind, &index, &bundle),
            version: bundle.version().to_string(),
        };
        view! { <ChartFigure chart narrow permalink embed /> }
    };
    let grouping = params.grouping;
    let filter = params.filter.clone();
    let plan = params.plan.clone();
    let with = |change: &dyn Fn(&mut ChartParams)| {
        let mut changed = params.clone();
        change(&mut changed);
        changed
    };
    let plan_tabs = std::iter::once(None)
        .chain(bundle.documents_with_items().map(Some))
        .map(|option| {
            let label = option.map_or_else(
                || lang.pick("全部计划", "All plans").to_string(),
                |document| format!("{} {}", document.year().unwrap_or_default(), lang.pick(document.kind.label_zh(), document.kind.label_en())),
            );
            let current = (option.map(|document| &document.id) == plan.as_ref()).then_some("page");
            let narrowed = with(&|changed| changed.plan = option.map(|document| document.id.clone()));
            view! { <li><a href=link_to(&narrowed, "network") aria-current=current>{label}</a></li> }
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
            let regrouped = with(&|changed| changed.grouping = option);
            view! { <li><a href=link_to(&regrouped, &format!("completion-by-{}", option.code())) aria-current=current>{label}</a></li> }
        })
        .collect_view();
    let theme_tabs = std::iter::once(None)
        .chain(bundle.themes.iter().map(Some))
        .map(|option| {
            let label = option.map_or_else(
                || lang.pick("全部主题", "All themes").to_string(),
                |theme| lang.pick(&theme.name, &theme.name_en).to_string(),
            );
            let narrowed = with(&|changed| changed.filter.theme = option.map(|theme| theme.id.clone()));
            let current = (option.map(|theme| &theme.id) == filter.theme.as_ref()).then_some("page");
            view! { <li><a href=link_to(&narrowed, "timeline") aria-current=current>{label}</a></li> }
        })
        .collect_view();
    let district_tabs = std::iter::once(None)
        .chain(bundle.districts.iter().map(Some))
        .map(|option| {
            let label = option.map_or_else(
                || lang.pick("全部区", "All districts").to_string(),
                |district| lang.pick(&district.name, &district.name_en).to_string(),
            );
            let narrowed = with(&|changed| changed.filter.district = option.map(|district| district.id.clone()));
            let current = (option.map(|district| &district.id) == filter.district.as_ref()).then_some("page");
            view! { <li><a href=link_to(&narrowed, "timeline") aria-current=current>{label}</a></li> }
        })
        .collect_view();
    let unit_filter = filter.unit.as_ref().and_then(|unit| bundle.unit(unit)).map(|unit| {
        let cleared = with(&|changed| changed.filter.unit = None);
        view! {
            <p class="active-filter">
                {format!("{}{}", lang.pick("只看单位:", "Unit only: "), lang.pick(&unit.name, &unit.name_en))}
                " "
                <a href=link_to(&cleared, "timeline")>{lang.pick("取消", "clear")}</a>
            </p>
        }
    });
    view! {
        <PageTitle title=tab_title(lang, "图表", "Charts") />
        <h1>{lang.pick("图表", "Charts")}</h1>
        <nav aria-label=lang.pick("完成情况分组", "Completion grouping")><ul class="tabs">{grouping_tabs}</ul></nav>
        {figure(ChartKind::Completion)}
        {figure(ChartKind::ResponsibilityMap)}
        <nav aria-label=lang.pick("时间线主题", "Timeline theme")><ul class="tabs">{theme_tabs}</ul></nav>
        <nav aria-label=lang.pick("时间线区", "Timeline district")><ul class="tabs">{district_tabs}</ul></nav>
        {unit_filter}
        {figure(ChartKind::Timeline)}
        <nav aria-label=lang.pick("协作网络的计划", "Network plan")><ul class="tabs">{plan_tabs}</ul></nav>
        {figure(ChartKind::Network)}
    }
}
