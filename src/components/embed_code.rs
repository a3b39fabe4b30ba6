//! The "Embed" panel under a chart: the iframe code for another site, live or pinned to
//! this data version, with the optional resizing script.

use crate::nav::{use_lang, use_nav};
use leptos::prelude::*;
use reform_core::charts::view::{ChartKind, Embed};

/// What to embed: the chart, the URL pairs of its view, and the data version it shows.
#[derive(Clone, Debug, PartialEq)]
pub struct EmbedSpec {
    /// Which chart.
    pub kind: ChartKind,
    /// The view's filters, as in the charts page's URL.
    pub pairs: Vec<(&'static str, String)>,
    /// The data version on screen, for a pinned embed.
    pub version: String,
}

/// A disclosure with the iframe snippet, a live/pinned choice and a copy button.
#[component]
pub fn EmbedCode(spec: EmbedSpec, title: String, height: u32) -> impl IntoView {
    let nav = use_nav();
    let lang = use_lang();
    let (pinned, set_pinned) = signal(false);
    let (copied, set_copied) = signal(false);
    let origin = web_sys::window()
        .and_then(|window| window.location().origin().ok())
        .unwrap_or_default();
    // The absolute address of the site's base, which the snippet's URLs start from.
    let site = format!("{origin}{}", nav.base.0);
    let name = format!("{}-embed-mode", spec.kind.code());
    let snippet = {
        let spec = spec.clone();
        move || {
            Embed {
                kind: spec.kind,
                view: &spec.pairs,
                language: lang.chart_language(),
                scheme: nav.scheme.code(),
                pinned: pinned.get().then_some(spec.version.as_str()),
            }
            .snippet(&site, &title, height)
        }
    };
    let copy_text = snippet.clone();
    let copy = move |_| {
        if let Some(window) = web_sys::window() {
            // The promise is not awaited: a refused copy leaves the text to select by hand.
            let _ = window.navigator().clipboard().write_text(&copy_text());
            set_copied.set(true);
        }
    };
    let mode = move |value: bool, label: &'static str| {
        let name = name.clone();
        view! {
            <label>
                <input
                    type="radio"
                    name=name
                    prop:checked=move || pinned.get() == value
                    on:change=move |_| {
                        set_pinned.set(value);
                        set_copied.set(false);
                    }
                />
                " " {label}
            </label>
        }
    };
    view! {
        <details class="embed-code">
            <summary>{lang.pick("嵌入到其他网站", "Embed on another site")}</summary>
            <fieldset>
                <legend>{lang.pick("数据", "Data")}</legend>
                {mode(false, lang.pick("实时:随最新数据更新", "Live: follows the latest data"))}
                {mode(true, lang.pick("固定:始终显示当前这一版数据", "Pinned: always this data version"))}
            </fieldset>
            <label class="snippet">
                {lang.pick("复制以下代码到文章中:", "Copy this code into your article:")}
                <textarea readonly rows="5" prop:value=snippet.clone()></textarea>
            </label>
            <p>
                <button type="button" on:click=copy>{lang.pick("复制代码", "Copy the code")}</button>
                " "
                <span role="status">{move || copied.get().then(|| lang.pick("已复制", "Copied"))}</span>
            </p>
            <p class="hint">
                {lang.pick(
                    "脚本可选:它让框架随图表高度自动调整;没有它,框架保持上面的高度。",
                    "The script is optional: it makes the frame follow the chart's height; without it the frame keeps the height above.",
                )}
            </p>
        </details>
    }
}
