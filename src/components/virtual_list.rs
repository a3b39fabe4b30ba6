//! A list of equal-height rows of which only those in view are in the page, so that
//! thousands of rows (every county of a national corpus) scroll smoothly.

use leptos::prelude::*;
use std::sync::Arc;

/// Lists up to this long are rendered whole: find-in-page and screen readers then see
/// every row, and nothing is gained by windowing.
pub const WHOLE_UP_TO: usize = 200;
/// Height of the scrolling window, in rows.
const WINDOW_ROWS: usize = 12;
/// Rows kept in the page above and below the window, so fast scrolling shows no gap.
const OVERSCAN: usize = 8;

/// `rows` as an ordered list, each drawn by `render` in a row `row_height` pixels high.
/// Long lists scroll in a focusable window of their own; each row keeps its position in
/// the whole list (`aria-posinset`/`aria-setsize`) for assistive technology.
#[component]
pub fn VirtualList<T, F, V>(
    rows: Vec<T>,
    row_height: u32,
    /// What the list holds, for the scrolling region's accessible name.
    label: String,
    render: F,
) -> impl IntoView
where
    T: Send + Sync + 'static,
    F: Fn(&T) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let count = rows.len();
    if count <= WHOLE_UP_TO {
        let items = rows
            .iter()
            .map(|row| view! { <li>{render(row)}</li> })
            .collect_view();
        return view! { <ol class="rows" aria-label=label>{items}</ol> }.into_any();
    }
    let (rows, render) = (Arc::new(rows), Arc::new(render));
    let height = f64::from(row_height);
    let scroll_top = RwSignal::new(0.0_f64);
    let visible = Memo::new(move |_| {
        let first = (scroll_top.get() / height) as usize;
        let start = first.saturating_sub(OVERSCAN);
        start..(first + WINDOW_ROWS + OVERSCAN).min(count)
    });
    let on_scroll = move |event: leptos::ev::Event| {
        let element: web_sys::Element = event_target(&event);
        scroll_top.set(f64::from(element.scroll_top()));
    };
    view! {
        <div
            class="virtual-list"
            role="region"
            aria-label=label
            tabindex="0"
            style=format!("height:{}px", row_height as usize * WINDOW_ROWS)
            on:scroll=on_scroll
        >
            <ol class="rows" style=format!("height:{}px", row_height as usize * count)>
                <For
                    each=move || visible.get()
                    key=|position| *position
                    children=move |position| {
                        view! {
                            <li
                                style=format!("top:{}px;height:{row_height}px", row_height as usize * position)
                                aria-posinset=position + 1
                                aria-setsize=count
                            >
                                {render(&rows[position])}
                            </li>
                        }
                    }
                />
            </ol>
        </div>
    }
    .into_any()
}
