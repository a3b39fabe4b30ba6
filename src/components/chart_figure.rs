//! A chart as a figure: the SVG drawn by the core, its note, the data table one click away,
//! and downloads of exactly what is drawn. The only place SVG markup enters the page.

use crate::nav::{encode, use_lang};
use leptos::prelude::*;
use reform_core::charts::Chart;

/// One chart with its table and downloads; `narrow` is the same chart laid out for
/// phones, shown instead of `chart` on small screens (by CSS, so resizing just works).
#[component]
pub fn ChartFigure(chart: Chart, narrow: Chart, #[prop(into)] permalink: String) -> impl IntoView {
    let lang = use_lang();
    let (table_open, set_table_open) = signal(false);
    let svg_href = format!("data:image/svg+xml;charset=utf-8,{}", encode(&chart.svg));
    let csv_href = format!(
        "data:text/csv;charset=utf-8,{}",
        encode(&chart.table.to_csv())
    );
    let table_id = format!("{}-table", chart.id);
    let header = chart.table.header.clone();
    let rows = chart.table.rows.clone();
    let table = move || {
        table_open.get().then(|| {
            view! {
                <div class="table-scroll" id=table_id.clone()>
                    <table class="chart-table">
                        <thead>
                            <tr>{header.iter().map(|cell| view! { <th scope="col">{cell.clone()}</th> }).collect_view()}</tr>
                        </thead>
                        <tbody>
                            {rows
                                .iter()
                                .map(|row| {
                                    let (first, rest) = row.split_first().map_or((String::new(), &[][..]), |(first, rest)| (first.clone(), rest));
                                    view! {
                                        <tr>
                                            <th scope="row">{first}</th>
                                            {rest.iter().map(|cell| view! { <td>{cell.clone()}</td> }).collect_view()}
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                </div>
            }
        })
    };
    view! {
        <figure class="chart-figure" id=chart.id.clone()>
            <h2>{chart.title.clone()}</h2>
            // The SVG comes from the core, which escapes every text it draws.
            <div class="chart wide" inner_html=chart.svg.clone()></div>
            <div class="chart narrow" inner_html=narrow.svg></div>
            <figcaption class="rule">
                {chart.description.clone()} " "
                <a href=permalink>{lang.pick("本图链接", "Link to this chart")}</a>
            </figcaption>
            <div class="chart-actions">
                <button
                    type="button"
                    aria-expanded=move || table_open.get().to_string()
                    aria-controls=format!("{}-table", chart.id)
                    on:click=move |_| set_table_open.update(|open| *open = !*open)
                >
                    {move || if table_open.get() { lang.pick("隐藏数据表", "Hide the data table") } else { lang.pick("显示数据表", "Show the data table") }}
                </button>
                <a href=svg_href download=format!("{}.svg", chart.id)>{lang.pick("下载 SVG", "Download SVG")}</a>
                <a href=csv_href download=format!("{}.csv", chart.id)>{lang.pick("下载 CSV", "Download CSV")}</a>
            </div>
            {table}
        </figure>
    }
}
