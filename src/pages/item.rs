//! One reform item: what was promised, who is responsible, and what became of it, with
//! every claim quoted from a dated source.

use crate::components::chart_figure::ChartFigure;
use crate::components::{
    item_row::ItemRow, page_title::PageTitle, status_badge::StatusBadge, unit_links::UnitLinks,
    with_bundle::WithBundle,
};
use crate::nav::{use_lang, use_nav, Lang};
use crate::pages::not_found::NotFound;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use reform_core::charts::completion::{DESKTOP_WIDTH, PHONE_WIDTH};
use reform_core::charts::timeline::{timeline_chart, TimelineFilter};
use reform_core::routes::Page;
use reform_core::{Bundle, Item, ProgressStatus};
use std::sync::Arc;

/// The page of the item named by the `:document` and `:number` route parameters.
#[component]
pub fn ItemPage() -> impl IntoView {
    let params = use_params_map();
    let render = move |bundle: Arc<Bundle>| {
        let params = params.read();
        let id = format!(
            "{}/{}",
            params.get("document").unwrap_or_default(),
            params.get("number").unwrap_or_default()
        );
        match bundle.item(&id).cloned() {
            Some(item) => view! { <ItemView bundle item /> }.into_any(),
            None => view! { <NotFound /> }.into_any(),
        }
    };
    let page = Signal::derive(move || {
        let params = params.read();
        Page::Item(format!(
            "{}/{}",
            params.get("document").unwrap_or_default(),
            params.get("number").unwrap_or_default()
        ))
    });
    view! { <WithBundle page render /> }
}

/// Units, status, quoted evidence, lineage and related items of one item.
#[component]
fn ItemView(bundle: Arc<Bundle>, item: Item) -> impl IntoView {
    let nav = use_nav();
    let lang = use_lang();
    let title = Page::Item(item.id.clone())
        .meta(&bundle)
        .map(|meta| meta.title)
        .unwrap_or_default();
    let document = bundle.document(&item.document).cloned();
    let document_title = document
        .as_ref()
        .map(|document| lang.pick(&document.title, &document.title_en).to_string());
    let as_of = bundle.as_of();
    let events = bundle
        .progress_of(&item.id)
        .into_iter()
        .cloned()
        .collect::<Vec<_>>();
    let evidence = if events.is_empty() {
        let text = match lang {
            Lang::Zh => format!("截至 {as_of},没有找到关于此项的公开证据。"),
            Lang::En => format!("No public evidence as of {as_of}."),
        };
        view! { <p class="evidence-none">{text}</p> }.into_any()
    } else {
        let rows = events
            .into_iter()
            .map(|event| {
                let source = bundle.document(&event.source);
                let source_title = source.map(|source| lang.pick(&source.title, &source.title_en).to_string()).unwrap_or_default();
                let href = nav.page_at(&Page::Document(event.source.clone()), &format!("L{}", event.source_line));
                let reported = match event.status {
                    ProgressStatus::Delivered => lang.pick("报告已完成", "reported done"),
                    ProgressStatus::InProgress => lang.pick("报告推进中", "reported under way"),
                };
                view! {
                    <li class="evidence">
                        <p class="evidence-head">
                            <time datetime=event.date.to_string()>{event.date.to_string()}</time>
                            " · " {reported} " · "
                            <a href=href>{format!("{source_title} {} {}", lang.pick("第", "line"), event.source_line)}{lang.pick("行", "")}</a>
                        </p>
                        <blockquote lang="zh-Hans">{event.quote.clone()}</blockquote>
                        {(lang == Lang::En).then(|| view! { <p class="note">{event.note_en.clone()}</p> })}
                    </li>
                }
            })
            .collect_view();
        view! { <ol class="evidence-list">{rows}</ol> }.into_any()
    };
    // The item's own timeline, when it has a deadline or a report to place in time.
    let timeline =
        (item.deadline.is_some() || !bundle.progress_of(&item.id).is_empty()).then(|| {
            let language = lang.chart_language();
            let filter = TimelineFilter {
                item: Some(item.id.clone()),
                ..TimelineFilter::default()
            };
            let chart = timeline_chart(&bundle, &filter, language, DESKTOP_WIDTH);
            let narrow = timeline_chart(&bundle, &filter, language, PHONE_WIDTH);
            let permalink = nav.page_at(&Page::Item(item.id.clone()), &chart.id);
            view! { <ChartFigure chart narrow permalink /> }
        });
    let lineage = bundle.lineage_of(&item.id);
    let rows = |items: Vec<&Item>| {
        items.into_iter().map(|other| view! { <ItemRow bundle=bundle.clone() item=other.clone() show_document=true /> }).collect_view()
    };
    let continues = (!lineage.continues.is_empty()).then(|| {
        view! { <h3>{lang.pick("延续自", "Continues")}</h3><ul class="item-list">{rows(lineage.continues.clone())}</ul> }
    });
    let continued_by = (!lineage.continued_by.is_empty()).then(|| {
        view! { <h3>{lang.pick("后续延续为", "Continued by")}</h3><ul class="item-list">{rows(lineage.continued_by.clone())}</ul> }
    });
    let suggested = (!lineage.suggested.is_empty()).then(|| {
        let list = lineage
            .suggested
            .iter()
            .map(|(other, suggestion)| {
                let similarity = format!("{}%", suggestion.similarity / 10);
                view! {
                    <li class="item-row">
                        <a href=nav.page(&Page::Item(other.id.clone()))>{format!("{}{}", other.label, other.title)}</a>
                        <span class="suggestion-score">{format!("{} {similarity}", lang.pick("标题相似度", "title similarity"))}</span>
                    </li>
                }
            })
            .collect_view();
        view! {
            <h3>{lang.pick("机器建议(未经核实)", "Machine suggestions (not verified)")}</h3>
            <p class="hint">{lang.pick("以下仅因标题用词相近而列出,并非事实认定。", "Listed only because the titles share words; not a finding.")}</p>
            <ul class="item-list suggestions">{list}</ul>
        }
    });
    let has_lineage = continues.is_some() || continued_by.is_some() || suggested.is_some();
    let related: Vec<Item> = bundle
        .related_by_theme(&item)
        .into_iter()
        .cloned()
        .collect();
    let themes = item
        .themes
        .iter()
        .filter_map(|id| bundle.theme(id))
        .map(|theme| view! { <li><a href=nav.page(&Page::Theme(theme.id.clone()))>{lang.pick(&theme.name, &theme.name_en).to_string()}</a></li> })
        .collect_view();
    let heading = |zh: &'static str, en: &'static str| view! { <dt>{lang.pick(zh, en)}</dt> };
    view! {
        <PageTitle title />
        <nav class="breadcrumb" aria-label=lang.pick("位置", "Breadcrumb")>
            <a href=nav.page(&Page::Documents)>{lang.pick("原始文件", "Documents")}</a>
            " › "
            <a href=nav.page(&Page::Document(item.document.to_string()))>{document_title}</a>
        </nav>
        <h1 lang="zh-Hans"><span class="item-label">{item.label.to_string()}</span>{item.title.to_string()}</h1>
        <p class="status-line">
            <StatusBadge status=item.status />
            " "
            <span class="as-of">{format!("{} {as_of}", lang.pick("数据截至", "as of"))}</span>
        </p>
        <dl class="facts-table">
            {heading("牵头单位", "Lead units")}
            <dd><UnitLinks bundle=bundle.clone() units=item.lead_units.to_vec() others=item.other_units.to_vec() /></dd>
            {(!item.co_units.is_empty()).then(|| view! {
                {heading("协办单位", "Co-organisers")}
                <dd><UnitLinks bundle=bundle.clone() units=item.co_units.to_vec() /></dd>
            })}
            {(!item.leaders.is_empty()).then(|| view! {
                {heading("牵头区领导", "Responsible leader")}
                <dd lang="zh-Hans">{item.leaders.join("、")}</dd>
            })}
            {item.deadline.map(|deadline| view! {
                {heading("完成时限", "Deadline")}
                <dd><time datetime=deadline.to_string()>{deadline.to_string()}</time>
                    {item.deadline_text.clone().map(|text| view! { <span class="as-written" lang="zh-Hans">{format!(" ({text})")}</span> })}
                </dd>
            })}
            {item.section.clone().map(|section| view! {
                {heading("所属部分", "Section")}
                <dd lang="zh-Hans">{section}</dd>
            })}
            {(!item.themes.is_empty()).then(|| view! {
                {heading("主题", "Themes")}
                <dd><ul class="inline-list">{themes}</ul></dd>
            })}
        </dl>
        <h2>{lang.pick("原文", "Text")}</h2>
        <blockquote class="item-text" lang="zh-Hans">{item.text.to_string()}</blockquote>
        <p>
            <a href=nav.page_at(&Page::Document(item.document.to_string()), &format!("item-{}", item.number))>
                {lang.pick("在原文中查看", "See it in the source text")}
            </a>
        </p>
        <h2>{lang.pick("进展与证据", "Progress and evidence")}</h2>
        {evidence}
        {timeline}
        {has_lineage.then(|| view! { <h2>{lang.pick("跨年度延续", "Across years")}</h2> })}
        {continues}
        {continued_by}
        {suggested}
        {(!related.is_empty()).then(|| view! {
            <h2>{lang.pick("同主题的其他任务", "Other items on the same themes")}</h2>
            <ul class="item-list">
                {related.into_iter().map(|other| view! { <ItemRow bundle=bundle.clone() item=other show_document=true /> }).collect_view()}
            </ul>
        })}
    }
}
