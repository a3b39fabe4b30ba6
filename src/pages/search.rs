//! Search: instant, CJK-aware full-text search over items, with filters. The search text
//! and every filter live in the URL, so a search can be shared, bookmarked and reloaded.

use crate::components::{
    page_title::PageTitle, search_words::SearchWords, status_badge::StatusBadge,
    with_bundle::WithBundle,
};
use crate::nav::{query_pairs, tab_title, use_lang, use_nav, Lang, Nav};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use reform_core::routes::Page;
use reform_core::search::{group_by_document, SearchIndex, SearchQuery, Segment};
use reform_core::{Bundle, DocumentKind, ItemStatus};
use std::sync::Arc;

/// The search page.
#[component]
pub fn SearchPage() -> impl IntoView {
    view! { <WithBundle page=Page::Search render=|bundle| view! { <Search bundle /> } /> }
}

/// The form, the filters and the results, all following the URL.
#[component]
fn Search(bundle: Arc<Bundle>) -> impl IntoView {
    let nav = use_nav();
    let lang = use_lang();
    let query_map = use_query_map();
    let query = Memo::new(move |_| {
        let pairs = query_pairs(&query_map.read());
        SearchQuery::from_pairs(
            pairs
                .iter()
                .map(|(key, value)| (key.as_str(), value.as_str())),
        )
    });
    let navigate = use_navigate();
    let go = {
        let nav = nav.clone();
        move |next: SearchQuery| {
            let url = nav.route(&Page::Search, &next.to_pairs());
            navigate(
                &url,
                NavigateOptions {
                    replace: true,
                    scroll: false,
                    ..Default::default()
                },
            );
        }
    };
    let set_text = {
        let go = go.clone();
        move |text: String| {
            let mut next = query.get_untracked();
            next.text = text;
            go(next);
        }
    };
    let initial_text = query.get_untracked().text;
    let filters = Filters {
        bundle: bundle.clone(),
        lang,
        query,
        go: Callback::new(go),
    };
    // Gathered once; every keystroke then searches it.
    let index = SearchIndex::new(&bundle);
    let results = {
        let bundle = bundle.clone();
        let nav = nav.clone();
        move || results_view(&bundle, &index, &nav, lang, &query.get())
    };
    view! {
        <PageTitle title=tab_title(lang, "搜索", "Search") />
        <h1>{lang.pick("搜索改革任务", "Search reform items")}</h1>
        <form class="search-form" role="search" on:submit=|event| event.prevent_default()>
            <SearchWords value=initial_text on_input=Callback::new(set_text) />
            {filters.view()}
        </form>
        <div aria-live="polite">{results}</div>
    }
}

/// The filter selects, each writing its value into the URL.
struct Filters {
    bundle: Arc<Bundle>,
    lang: Lang,
    query: Memo<SearchQuery>,
    go: Callback<SearchQuery>,
}

impl Filters {
    fn view(self) -> impl IntoView {
        let Filters {
            bundle,
            lang,
            query,
            go,
        } = self;
        let current = query.get_untracked();
        let select = move |id: &'static str,
                           label: &'static str,
                           options: Vec<(String, String)>,
                           selected: Option<String>,
                           apply: fn(&mut SearchQuery, Option<String>)| {
            let options = options
                .into_iter()
                .map(|(value, text)| {
                    let is_selected = selected.as_deref() == Some(value.as_str());
                    view! { <option value=value selected=is_selected>{text}</option> }
                })
                .collect_view();
            view! {
                <div class="filter">
                    <label for=id>{label}</label>
                    <select
                        id=id
                        on:change=move |event| {
                            let value = event_target_value(&event);
                            let mut next = query.get_untracked();
                            apply(&mut next, Some(value).filter(|value| !value.is_empty()));
                            go.run(next);
                        }
                    >
                        <option value="">{lang.pick("全部", "All")}</option>
                        {options}
                    </select>
                </div>
            }
        };
        let districts = bundle
            .districts
            .iter()
            .map(|d| (d.id.clone(), lang.pick(&d.name, &d.name_en).to_string()))
            .collect();
        let mut years: Vec<u16> = bundle
            .documents
            .iter()
            .filter(|d| !bundle.items_of(&d.id).is_empty())
            .filter_map(|d| d.year())
            .collect();
        years.dedup();
        let years = years
            .into_iter()
            .map(|year| (year.to_string(), year.to_string()))
            .collect();
        let kinds = [
            DocumentKind::Plan,
            DocumentKind::Scheme,
            DocumentKind::WorkPoints,
        ]
        .into_iter()
        .map(|kind| {
            let code = serde_json::to_value(kind)
                .ok()
                .and_then(|value| value.as_str().map(str::to_string))
                .unwrap_or_default();
            (
                code,
                lang.pick(kind.label_zh(), kind.label_en()).to_string(),
            )
        })
        .collect();
        let units = bundle
            .unit_loads()
            .into_iter()
            .map(|load| {
                let district = bundle
                    .district(&load.unit.district)
                    .map(|d| lang.pick(&d.name, &d.name_en).to_string())
                    .unwrap_or_default();
                (
                    load.unit.id.clone(),
                    format!(
                        "{} · {district}",
                        lang.pick(&load.unit.name, &load.unit.name_en)
                    ),
                )
            })
            .collect();
        let statuses = ItemStatus::ALL
            .map(|status| {
                (
                    status.code().to_string(),
                    lang.pick(status.label_zh(), status.label_en()).to_string(),
                )
            })
            .to_vec();
        let themes = bundle
            .themes
            .iter()
            .map(|theme| {
                (
                    theme.id.clone(),
                    lang.pick(&theme.name, &theme.name_en).to_string(),
                )
            })
            .collect();
        let kind_code = current.kind.and_then(|kind| {
            serde_json::to_value(kind)
                .ok()?
                .as_str()
                .map(str::to_string)
        });
        let status_value = current.status.map(|status| status.code().to_string());
        view! {
            <fieldset class="filters">
                <legend>{lang.pick("筛选", "Filters")}</legend>
                {select("filter-district", lang.pick("区", "District"), districts, current.district.clone(), |q, v| q.district = v)}
                {select("filter-year", lang.pick("年份", "Year"), years, current.year.map(|y| y.to_string()), |q, v| q.year = v.and_then(|v| v.parse().ok()))}
                {select("filter-kind", lang.pick("文件类型", "Document kind"), kinds, kind_code, |q, v| {
                    q.kind = v.and_then(|v| serde_json::from_value(serde_json::Value::String(v)).ok())
                })}
                {select("filter-unit", lang.pick("责任单位", "Unit"), units, current.unit.clone(), |q, v| q.unit = v)}
                {select("filter-status", lang.pick("状态", "Status"), statuses, status_value, |q, v| {
                    q.status = v.and_then(|v| serde_json::from_value(serde_json::Value::String(v)).ok())
                })}
                {select("filter-theme", lang.pick("主题", "Theme"), themes, current.theme.clone(), |q, v| q.theme = v)}
            </fieldset>
        }
    }
}

/// How many hits the page lists: enough for any reading, few enough to render at once.
const SHOWN: usize = 200;

fn results_view(
    bundle: &Bundle,
    index: &SearchIndex,
    nav: &Nav,
    lang: Lang,
    query: &SearchQuery,
) -> AnyView {
    let hits = index.search(bundle, query);
    let count = hits.len();
    let summary = match lang {
        Lang::Zh => format!("找到 {count} 项任务"),
        Lang::En => format!("{count} item{} found", if count == 1 { "" } else { "s" }),
    };
    // The best hits are shown; the count says how many more the filters would reveal.
    let shown: Vec<_> = hits.into_iter().take(SHOWN).collect();
    let more = (count > SHOWN).then(|| {
        let text = match lang {
            Lang::Zh => format!("只显示前 {SHOWN} 项。请加关键词或筛选条件以缩小范围。"),
            Lang::En => {
                format!("Showing the first {SHOWN}. Add words or filters to narrow the search.")
            }
        };
        view! { <p class="notice">{text}</p> }
    });
    let groups = group_by_document(bundle, shown)
        .into_iter()
        .map(|(document, hits)| {
            let rows = hits
                .into_iter()
                .map(|hit| {
                    view! {
                        <li class="hit">
                            <a class="hit-title" lang="zh-Hans" href=nav.page(&Page::Item(hit.item.id.clone()))>
                                <span class="item-label">{hit.item.label.to_string()}</span>
                                {segments(hit.title(query))}
                            </a>
                            <StatusBadge status=hit.item.status />
                            <p class="snippet" lang="zh-Hans">{segments(hit.snippet(query))}</p>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <section class="hit-group">
                    <h2>{lang.pick(&document.title, &document.title_en).to_string()}</h2>
                    <ol class="hits">{rows}</ol>
                </section>
            }
        })
        .collect_view();
    view! {
        <p class="result-count" role="status">{summary}</p>
        {(count == 0).then(|| view! { <p class="notice">{lang.pick("没有符合条件的任务。请尝试更短的词或取消筛选。", "No items match. Try a shorter word or fewer filters.")}</p> })}
        {groups}
        {more}
    }
    .into_any()
}

fn segments(segments: Vec<Segment>) -> impl IntoView {
    segments
        .into_iter()
        .map(|segment| {
            if segment.marked {
                view! { <mark>{segment.text}</mark> }.into_any()
            } else {
                segment.text.into_any()
            }
        })
        .collect_view()
}
