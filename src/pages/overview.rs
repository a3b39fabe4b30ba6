//! The landing page: what the portal covers, where things stand, and where to go next.

use crate::components::{
    chart_canvas::ChartCanvas, page_title::PageTitle, status_badge::StatusBadge,
    with_bundle::WithBundle,
};
use crate::nav::{use_lang, use_nav};
use leptos::prelude::*;
use reform_core::charts::completion::{DESKTOP_WIDTH, PHONE_WIDTH};
use reform_core::charts::view::{ChartKind, ChartParams};
use reform_core::routes::Page;
use reform_core::{Bundle, ItemStatus};
use std::sync::Arc;

/// Coverage, headline completion figures and entry points.
#[component]
pub fn OverviewPage() -> impl IntoView {
    view! { <WithBundle render=|bundle| view! { <Overview bundle /> } /> }
}

#[component]
fn Overview(bundle: Arc<Bundle>) -> impl IntoView {
    let nav = use_nav();
    let lang = use_lang();
    let coverage = bundle.coverage();
    let as_of = bundle.as_of();
    let years = coverage
        .years
        .map(|(first, last)| format!("{first}–{last}"))
        .unwrap_or_default();
    let figures = [
        (coverage.districts, lang.pick("个区", "districts")),
        (
            coverage.documents,
            lang.pick("份原始文件", "source documents"),
        ),
        (coverage.items, lang.pick("项改革任务", "reform items")),
        (coverage.units, lang.pick("个责任单位", "responsible units")),
    ];
    let statuses = ItemStatus::ALL.map(|status| {
        let count = coverage.statuses.get(status);
        let href = nav.with_query(&Page::Search, &[("status", status.code().to_string())]);
        view! {
            <li>
                <a href=href>
                    <strong>{count}</strong>
                    " "
                    <StatusBadge status />
                </a>
            </li>
        }
    });
    // The headline chart: where each document's items stand.
    let completion = |width| {
        ChartParams::default().render(ChartKind::Completion, &bundle, lang.chart_language(), width)
    };
    let (chart, narrow) = (completion(DESKTOP_WIDTH), completion(PHONE_WIDTH));
    let charts_href = format!("{}#{}", nav.page(&Page::Charts), chart.id);
    let documents = bundle
        .documents
        .iter()
        .filter(|document| document.status_counts.total() > 0)
        .map(|document| {
            let counts = document.status_counts;
            view! {
                <tr>
                    <th scope="row">
                        <a href=nav.page(&Page::Document(document.id.clone()))>{lang.pick(&document.title, &document.title_en).to_string()}</a>
                    </th>
                    <td>{counts.total()}</td>
                    {ItemStatus::ALL.map(|status| view! { <td>{counts.get(status)}</td> }).collect_view()}
                </tr>
            }
        })
        .collect_view();
    view! {
        <PageTitle title=lang.pick("深圳区级改革追踪", "Shenzhen Reform Tracker") />
        <h1>{lang.pick("承诺了什么,谁负责,做成了什么", "What was promised, who is responsible, what got done")}</h1>
        <p class="lede">
            {lang.pick(
                "深圳各区每年公布改革计划:编号的改革任务、牵头单位与协办单位,有时还有牵头区领导和完成时限。这里把计划与后来的文件、报道对照起来。",
                "Shenzhen's districts publish yearly reform plans: numbered items, each with a lead unit and co-organisers, sometimes a responsible leader and a deadline. This portal sets them against what later documents and reports say.",
            )}
        </p>
        <ul class="figures">
            {figures.map(|(count, label)| view! { <li><strong>{count}</strong>" "{label}</li> }).collect_view()}
            <li><strong>{years}</strong>" "{lang.pick("年份", "years")}</li>
        </ul>
        <h2>{lang.pick("完成情况", "Where things stand")}</h2>
        <p class="rule">
            {match lang {
                crate::nav::Lang::Zh => format!(
                    "共 {} 项;状态依据 {} 份有日期的后续来源;数据截至 {as_of}。",
                    coverage.items,
                    coverage.progress_sources
                ),
                crate::nav::Lang::En => format!(
                    "{} items; statuses from {} dated later sources; as of {as_of}.",
                    coverage.items,
                    coverage.progress_sources
                ),
            }}
        </p>
        <ul class="status-figures">{statuses.collect_view()}</ul>
        <figure class="chart-figure overview-chart">
            <div class="chart wide">
                <ChartCanvas chart=chart />
            </div>
            <div class="chart narrow">
                <ChartCanvas chart=narrow />
            </div>
            <figcaption>
                <a href=charts_href>{lang.pick("数据表、下载与更多图表", "Data table, downloads and more charts")}</a>
            </figcaption>
        </figure>
        <div class="table-scroll">
            <table class="status-table">
                <caption>{lang.pick("各文件任务状态", "Item statuses by document")}</caption>
                <thead>
                    <tr>
                        <th scope="col">{lang.pick("文件", "Document")}</th>
                        <th scope="col">{lang.pick("任务", "Items")}</th>
                        {ItemStatus::ALL
                            .map(|status| view! { <th scope="col">{lang.pick(status.label_zh(), status.label_en())}</th> })
                            .collect_view()}
                    </tr>
                </thead>
                <tbody>{documents}</tbody>
            </table>
        </div>
        <h2>{lang.pick("从这里开始", "Start here")}</h2>
        <ul class="entry-points">
            <li><a href=nav.page(&Page::Documents)>{lang.pick("原始文件:计划、方案、要点与报道", "Source documents: plans, schemes, work points, reports")}</a></li>
            <li><a href=nav.page(&Page::Units)>{lang.pick("责任单位:谁牵头、谁协办", "Units: who leads, who co-organises")}</a></li>
            <li><a href=nav.page(&Page::Themes)>{lang.pick("主题:跨年度追踪", "Themes: threads across years")}</a></li>
            <li><a href=nav.page(&Page::Charts)>{lang.pick("图表:按文件、主题、年份、单位看完成情况", "Charts: status by document, theme, year, unit")}</a></li>
            <li><a href=nav.page(&Page::Search)>{lang.pick("搜索全部任务", "Search every item")}</a></li>
        </ul>
    }
}
