//! Links and language. The language lives in the URL (`?lang=en`) so that any view can be
//! shared as it is seen, and is remembered in local storage for the next visit.

use crate::data::SiteBase;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use reform_core::routes::{district_route, Page};

/// The interface language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    /// Simplified Chinese, the default.
    Zh,
    /// English.
    En,
}

/// Where the chosen language is remembered between visits.
const STORAGE_KEY: &str = "reform-portal-lang";

impl Lang {
    /// `zh` or `en`, as in the URL.
    pub fn code(self) -> &'static str {
        self.chart_language().code()
    }

    /// The `lang` attribute for this interface language.
    pub fn html_lang(self) -> &'static str {
        self.chart_language().html_lang()
    }

    /// The Chinese or the English text.
    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    /// Words shared with the pages drawn at build time (`reform_core::words`), in this language.
    pub fn say(self, words: reform_core::words::Words) -> &'static str {
        self.chart_language().say(words)
    }

    /// The language charts are drawn in.
    pub fn chart_language(self) -> reform_core::charts::completion::Language {
        use reform_core::charts::completion::Language;
        match self {
            Lang::Zh => Language::Chinese,
            Lang::En => Language::English,
        }
    }

    /// The other language.
    pub fn other(self) -> Lang {
        match self {
            Lang::Zh => Lang::En,
            Lang::En => Lang::Zh,
        }
    }

    fn from_code(code: &str) -> Option<Lang> {
        match code {
            "zh" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// Remembers this choice for later visits.
    pub fn remember(self) {
        if let Some(storage) =
            web_sys::window().and_then(|window| window.local_storage().ok().flatten())
        {
            let _ = storage.set_item(STORAGE_KEY, self.code());
        }
    }

    fn remembered() -> Option<Lang> {
        let storage = web_sys::window()?.local_storage().ok()??;
        Lang::from_code(&storage.get_item(STORAGE_KEY).ok()??)
    }
}

/// The language of the current URL, else the remembered one, else Chinese.
pub fn current_lang() -> Memo<Lang> {
    let query = use_query_map();
    Memo::new(move |_| {
        query
            .read()
            .get("lang")
            .and_then(|code| Lang::from_code(&code))
            .or_else(Lang::remembered)
            .unwrap_or(Lang::Zh)
    })
}

/// The colour scheme: the system's, or one forced by `?theme=light|dark` (for embeds in
/// pages of a fixed scheme, and for links that must look the same for everyone).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Scheme {
    /// Follow `prefers-color-scheme`.
    #[default]
    System,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

impl Scheme {
    /// The `?theme=` value, `None` for the system's scheme.
    pub fn code(self) -> Option<&'static str> {
        match self {
            Scheme::System => None,
            Scheme::Light => Some("light"),
            Scheme::Dark => Some("dark"),
        }
    }
}

/// The scheme of the current URL.
pub fn current_scheme() -> Memo<Scheme> {
    let query = use_query_map();
    Memo::new(move |_| match query.read().get("theme").as_deref() {
        Some("light") => Scheme::Light,
        Some("dark") => Scheme::Dark,
        _ => Scheme::System,
    })
}

/// Keeps `<html lang>` and `<html data-theme>` in step with the URL.
pub fn follow_lang_and_scheme(lang: Memo<Lang>, scheme: Memo<Scheme>) {
    Effect::new(move |_| {
        let (lang, scheme) = (lang.get(), scheme.get());
        if let Some(root) = web_sys::window()
            .and_then(|window| window.document())
            .and_then(|document| document.document_element())
        {
            let _ = root.set_attribute("lang", lang.html_lang());
            let _ = match scheme.code() {
                Some(code) => root.set_attribute("data-theme", code),
                None => root.remove_attribute("data-theme"),
            };
        }
    });
}

/// Builds links that keep the site's base, the reader's language and a forced scheme.
#[derive(Clone, Debug)]
pub struct Nav {
    /// The site's base path.
    pub base: SiteBase,
    /// The language links carry.
    pub lang: Lang,
    /// The colour scheme links carry.
    pub scheme: Scheme,
}

impl Nav {
    /// Link to a page.
    pub fn page(&self, page: &Page) -> String {
        self.with_query(page, &[])
    }

    /// Link to a page with query pairs (the language is added when it is English).
    pub fn with_query(&self, page: &Page, pairs: &[(&str, String)]) -> String {
        self.base.href(&self.route(page, pairs))
    }

    /// Path and query of a page below the base, for the router's `navigate`, which adds
    /// the base itself (links do not: they get [`Nav::with_query`]).
    pub fn route(&self, page: &Page, pairs: &[(&str, String)]) -> String {
        let mut pairs: Vec<(&str, String)> = pairs.to_vec();
        if self.lang == Lang::En {
            pairs.push(("lang", "en".to_string()));
        }
        if let Some(code) = self.scheme.code() {
            pairs.push(("theme", code.to_string()));
        }
        page.path_with_query(&pairs)
    }

    /// Link to where a district's records are shown: its page ([`district_route`]).
    pub fn district(&self, id: &str) -> String {
        let (page, pairs) = district_route(id);
        self.with_query(&page, &pairs)
    }

    /// Link to a page with a fragment, e.g. a line of a source text.
    pub fn page_at(&self, page: &Page, fragment: &str) -> String {
        format!("{}#{fragment}", self.page(page))
    }

    /// URL of a data file below the base, e.g. `data/items.csv`.
    pub fn file(&self, path: &str) -> String {
        self.base.href(path)
    }
}

/// The URL's query as owned pairs, for the core's `from_pairs` readers.
pub fn query_pairs(map: &leptos_router::params::ParamsMap) -> Vec<(String, String)> {
    map.clone()
        .into_iter()
        .map(|(key, value)| (key.to_string(), value))
        .collect()
}

pub use reform_core::routes::data_url;

/// The link builder for the current language.
pub fn use_nav() -> Nav {
    let base = expect_context::<SiteBase>();
    let lang = expect_context::<Memo<Lang>>().get_untracked();
    let scheme = use_context::<Memo<Scheme>>()
        .map(|scheme| scheme.get_untracked())
        .unwrap_or_default();
    Nav { base, lang, scheme }
}

/// The current language, read once: pages re-render as a whole when it changes.
pub fn use_lang() -> Lang {
    expect_context::<Memo<Lang>>().get_untracked()
}

/// A page's browser-tab title in the reader's language: `原始文件 · 深圳区级改革追踪`.
pub fn tab_title(lang: Lang, zh: &str, en: &str) -> String {
    format!(
        "{} · {}",
        lang.pick(zh, en),
        lang.pick(reform_core::routes::SITE, "Shenzhen Reform Tracker")
    )
}
