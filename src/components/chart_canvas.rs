//! A chart's SVG with its clickable marks: the only place SVG markup enters the page.

use crate::nav::use_nav;
use leptos::prelude::*;
use reform_core::charts::Chart;

/// The SVG with its clickable marks laid over it. Marks are placed in percentages of the
/// SVG's size, so they follow it as it scales. They are a pointer shortcut: keyboard and
/// screen-reader users get the same links in the data table, so the marks stay out of the
/// tab order and the accessibility tree rather than repeating every link. In an embed,
/// `new_tab` opens them beside the host page instead of inside the iframe.
#[component]
pub fn ChartCanvas(chart: Chart, #[prop(optional)] new_tab: bool) -> impl IntoView {
    let nav = use_nav();
    let target = new_tab.then_some("_blank");
    let rel = new_tab.then_some("noopener");
    let marks = chart
        .hotspots
        .iter()
        .map(|spot| {
            let style = spot.placement(chart.width, chart.height);
            view! {
                <a
                    class="hotspot"
                    href=nav.with_query(&spot.target.0, &spot.target.1)
                    style=style
                    title=spot.label.clone()
                    target=target
                    rel=rel
                    tabindex="-1"
                    aria-hidden="true"
                ></a>
            }
        })
        .collect_view();
    view! {
        <div class="chart-canvas" style=format!("max-width:{}px", chart.width)>
            // The SVG comes from the core, which escapes every text it draws.
            <div inner_html=chart.svg></div>
            {marks}
        </div>
    }
}
