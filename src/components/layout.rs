//! The frame around every page: skip link, site header with navigation and language
//! switch, footer. The routed page re-renders when the language changes.

use crate::nav::{use_nav, Lang};
use leptos::prelude::*;
use leptos_router::hooks::use_location;
use reform_core::routes::Page;
use reform_core::words::{
    ABOUT_THE_DATA, FOOTER_NOTE, MAIN_NAV, MAIN_NAV_LABEL, SITE_NAME, SKIP_TO_CONTENT,
};

/// Header, main region and footer around the routed page.
#[component]
pub fn Layout(children: ChildrenFn) -> impl IntoView {
    let lang = expect_context::<Memo<Lang>>();
    view! {
        {move || {
            lang.track();
            view! { <Header /> }
        }}
        <main id="main" tabindex="-1">
            {move || {
                lang.track();
                children()
            }}
        </main>
        {move || {
            lang.track();
            view! { <Footer /> }
        }}
    }
}

/// Skip link, site name, main navigation and the language switch.
#[component]
fn Header() -> impl IntoView {
    let nav = use_nav();
    let lang = nav.lang;
    let location = use_location();
    // The same address in the other language.
    let switch_href = move || {
        let mut pairs: Vec<(String, String)> = location
            .query
            .get()
            .into_iter()
            .filter(|(key, _)| key != "lang")
            .map(|(key, value)| (key.to_string(), value.to_string()))
            .collect();
        pairs.push(("lang".into(), lang.other().code().into()));
        format!(
            "{}?{}",
            location.pathname.get(),
            reform_core::routes::query_string(&pairs)
        )
    };
    view! {
        // Fragment-only links would resolve against <base href>, i.e. the home page.
        <a class="skip-link" href=move || format!("{}#main", location.pathname.get()) on:click=focus_main>
            {lang.say(SKIP_TO_CONTENT)}
        </a>
        <header class="site-header">
            <a class="site-name" href=nav.page(&Page::Home)>
                {lang.say(SITE_NAME)}
            </a>
            <nav aria-label=lang.say(MAIN_NAV_LABEL)>
                {MAIN_NAV
                    .into_iter()
                    .map(|(page, label)| view! { <a href=nav.page(&page)>{lang.say(label)}</a> })
                    .collect_view()}
            </nav>
            <a
                class="lang-switch"
                href=switch_href
                hreflang=lang.other().html_lang()
                lang=lang.other().html_lang()
                on:click=move |_| lang.other().remember()
            >
                {lang.pick("English", "中文")}
            </a>
        </header>
    }
}

/// Where the data comes from, and the link to the downloads.
#[component]
fn Footer() -> impl IntoView {
    let nav = use_nav();
    let lang = nav.lang;
    view! {
        <footer class="site-footer">
            <p>
                {lang.say(FOOTER_NOTE)} " " <a href=nav.page(&Page::About)>{lang.say(ABOUT_THE_DATA)}</a>
            </p>
        </footer>
    }
}

/// Moves keyboard focus to the main region, as a skip link should.
fn focus_main(_: leptos::ev::MouseEvent) {
    use wasm_bindgen::JsCast;
    let main = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.get_element_by_id("main"))
        .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(main) = main {
        let _ = main.focus();
    }
}
