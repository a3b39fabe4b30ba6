//! A chart as a figure: the SVG drawn by the core, its note, the data table one click away,
//! downloads of exactly what is drawn, and the code to embed it elsewhere.

use crate::components::chart_canvas::ChartCanvas;
use crate::components::embed_code::{EmbedCode, EmbedSpec};
use crate::nav::{data_url, use_lang, use_nav};
use leptos::prelude::*;
use reform_core::charts::Chart;

/// One chart with its table and downloads; `narrow` is the same chart laid out for
/// phones, shown instead of `chart` on small screens (by CSS, so resizing just works).
#[component]
///
/// Table cells the core gives a destination become links to the items behind them.
pub fn ChartFigure(
    chart: Chart,
    narrow: Chart,
    #[prop(into)] permalink: String,
    /// What the "Embed" button offers; charts without an embed route pass nothing.
    #[prop(optional)]
    embed: Option<EmbedSpec>,
) -> impl IntoView {
    let lang = use_lang();
    let (table_open, set_table_open) = signal(false);
    let svg_href = data_url("image/svg+xml", &chart.svg);
    let csv_href = data_url("text/csv", &chart.table.to_csv());
    let table_id = format!("{}-table", chart.id);
    let nav = use_nav();
    let links: Vec<Vec<Option<String>>> = chart
        .table
        .links
        .iter()
        .map(|row| {
            row.iter()
                .map(|link| {
                    link.as_ref()
                        .map(|(page, pairs)| nav.with_query(page, pairs))
                })
                .collect()
        })
        .collect();
    let png_svg = chart.svg.clone();
    let png_name = format!("{}.png", chart.id);
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
                                .enumerate()
                                .map(|(row_index, row)| {
                                    let link = |column: usize| links.get(row_index).and_then(|row| row.get(column)).cloned().flatten();
                                    let cell = move |column: usize, text: String| match link(column) {
                                        Some(href) => view! { <a href=href>{text}</a> }.into_any(),
                                        None => text.into_any(),
                                    };
                                    let first = row.first().cloned().unwrap_or_default();
                                    view! {
                                        <tr>
                                            <th scope="row">{cell(0, first)}</th>
                                            {row.iter().enumerate().skip(1).map(|(column, text)| view! { <td>{cell(column, text.clone())}</td> }).collect_view()}
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
            <div class="chart wide">
                <ChartCanvas chart=chart.clone() />
            </div>
            <div class="chart narrow">
                <ChartCanvas chart=narrow />
            </div>
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
                <button type="button" class="link-button" on:click=move |_| download_png(&png_svg, &png_name)>
                    {lang.pick("下载 PNG", "Download PNG")}
                </button>
            </div>
            {embed.map(|spec| view! { <EmbedCode spec title=chart.title.clone() height=chart.height /> })}
            {table}
        </figure>
    }
}

/// Renders `svg` at twice its size on a canvas and downloads it as a PNG. The browser draws
/// the SVG, so the PNG matches what the reader sees; failures leave the page as it was.
fn download_png(svg: &str, file_name: &str) {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    let Some(document) = web_sys::window().and_then(|window| window.document()) else {
        return;
    };
    let Ok(image) = web_sys::HtmlImageElement::new() else {
        return;
    };
    let source = data_url("image/svg+xml", svg);
    let loaded = image.clone();
    let file_name = file_name.to_string();
    let on_load = Closure::once(move || {
        let (width, height) = (loaded.natural_width() * 2, loaded.natural_height() * 2);
        let canvas: Option<web_sys::HtmlCanvasElement> = document
            .create_element("canvas")
            .ok()
            .and_then(|element| element.dyn_into().ok());
        let Some(canvas) = canvas else { return };
        canvas.set_width(width);
        canvas.set_height(height);
        let context: Option<web_sys::CanvasRenderingContext2d> = canvas
            .get_context("2d")
            .ok()
            .flatten()
            .and_then(|context| context.dyn_into().ok());
        let Some(context) = context else { return };
        let _ = context.scale(2.0, 2.0);
        let _ = context.draw_image_with_html_image_element(&loaded, 0.0, 0.0);
        let Ok(url) = canvas.to_data_url_with_type("image/png") else {
            return;
        };
        let link: Option<web_sys::HtmlAnchorElement> = document
            .create_element("a")
            .ok()
            .and_then(|element| element.dyn_into().ok());
        if let Some(link) = link {
            link.set_href(&url);
            link.set_download(&file_name);
            link.click();
        }
    });
    image.set_onload(Some(on_load.as_ref().unchecked_ref()));
    // The closure must outlive this call; it runs once and is then dropped by the browser.
    on_load.forget();
    image.set_src(&source);
}
