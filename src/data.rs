//! Loading data from the site: the bundle (once, shared by context) and source texts.

use crate::nav::Lang;
use gloo_net::http::Request;
use leptos::prelude::*;
use reform_core::load::{decode_bundle, BundleError};
use reform_core::routes::join_base;
use reform_core::Bundle;
use std::fmt;
use std::sync::Arc;

/// The site's base path with a trailing slash, e.g. `/portal/` (from `<base href>`).
#[derive(Clone, Debug)]
pub struct SiteBase(pub String);

impl SiteBase {
    /// Absolute URL path of a page or file below the base.
    pub fn href(&self, path: &str) -> String {
        join_base(&self.0, path)
    }
}

/// The bundle, loaded once for the whole app.
#[derive(Clone, Copy)]
pub struct BundleResource(pub LocalResource<Result<Arc<Bundle>, LoadError>>);

/// How long a data file may take before the reader is told and offered a retry.
const TIMEOUT_MS: i32 = 20_000;

/// Why data could not be loaded: what the reader sees, with the technical detail.
#[derive(Clone, Debug, PartialEq)]
pub enum LoadError {
    /// No answer from the server (offline, blocked).
    Network(String),
    /// The server did not finish answering in time.
    Timeout,
    /// The server answered with an error status.
    Status(u16),
    /// The answer is not a usable bundle.
    Bundle(BundleError),
}

impl LoadError {
    /// What happened and what to do, for readers, in `lang`.
    pub fn advice(&self, lang: Lang) -> &'static str {
        match self {
            LoadError::Network(_) => lang.pick(
                "无法连接到服务器。请检查网络后重试。",
                "The server cannot be reached. Check your connection and try again.",
            ),
            LoadError::Timeout => lang.pick(
                "服务器响应太慢。请稍后重试。",
                "The server is taking too long to answer. Try again in a moment.",
            ),
            LoadError::Status(404) => lang.pick(
                "找不到数据文件。网站可能正在更新,请稍后重试。",
                "The data file is not there. The site may be updating; try again later.",
            ),
            LoadError::Status(_) => lang.pick(
                "服务器暂时无法提供数据。请稍后重试。",
                "The server cannot provide the data right now. Try again later.",
            ),
            LoadError::Bundle(error) if error.is_newer_format() => lang.pick(
                "数据比这个页面新。请刷新页面以获取最新版本。",
                "The data is newer than this page. Reload the page to get the latest version.",
            ),
            LoadError::Bundle(BundleError::UnsupportedVersion { .. }) => lang.pick(
                "数据比这个页面旧,网站可能正在更新。请稍后重试。",
                "The data is older than this page; the site may be updating. Try again later.",
            ),
            LoadError::Bundle(BundleError::TooLarge { .. }) => lang.pick(
                "数据文件太大,无法在浏览器中打开。请下载开放数据文件使用。",
                "The data file is too large to open in a browser. Use the open-data downloads instead.",
            ),
            LoadError::Bundle(_) => lang.pick(
                "数据文件已损坏或不完整。请稍后重试。",
                "The data file is damaged or incomplete. Try again later.",
            ),
        }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Network(reason) => write!(f, "network error: {reason}"),
            LoadError::Timeout => write!(f, "no complete answer within {} s", TIMEOUT_MS / 1000),
            LoadError::Status(status) => write!(f, "HTTP status {status}"),
            LoadError::Bundle(error) => write!(f, "{error}"),
        }
    }
}

/// Starts loading `data/bundle.json` and shares it as a [`BundleResource`].
pub fn provide_bundle() {
    let base = expect_context::<SiteBase>();
    provide_context(BundleResource(load_bundle(base.href("data/bundle.json"))));
}

/// Loads the bundle file at `url` (the full bundle, or an embed's chart data).
pub fn load_bundle(url: String) -> LocalResource<Result<Arc<Bundle>, LoadError>> {
    LocalResource::new(move || {
        let url = url.clone();
        async move {
            let text = fetch_text(&url).await?;
            decode_bundle(&text)
                .map(Arc::new)
                .map_err(LoadError::Bundle)
        }
    })
}

/// Fetches a text file of the site (a bundle or a source document), giving up after
/// [`TIMEOUT_MS`].
pub async fn fetch_text(url: &str) -> Result<String, LoadError> {
    use std::cell::Cell;
    use std::rc::Rc;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    let controller = web_sys::AbortController::new().ok();
    let timed_out = Rc::new(Cell::new(false));
    let on_timeout = {
        let controller = controller.clone();
        let timed_out = timed_out.clone();
        Closure::once(move || {
            timed_out.set(true);
            if let Some(controller) = controller {
                controller.abort();
            }
        })
    };
    let window = web_sys::window();
    let timer = window.as_ref().and_then(|window| {
        window
            .set_timeout_with_callback_and_timeout_and_arguments_0(
                on_timeout.as_ref().unchecked_ref(),
                TIMEOUT_MS,
            )
            .ok()
    });
    let signal = controller.as_ref().map(|controller| controller.signal());
    let failed = |error: gloo_net::Error| {
        if timed_out.get() {
            LoadError::Timeout
        } else {
            LoadError::Network(error.to_string())
        }
    };
    let result = async {
        let response = Request::get(url)
            .abort_signal(signal.as_ref())
            .send()
            .await
            .map_err(failed)?;
        if !response.ok() {
            return Err(LoadError::Status(response.status()));
        }
        response.text().await.map_err(failed)
    }
    .await;
    if let (Some(window), Some(timer)) = (window, timer) {
        window.clear_timeout_with_handle(timer);
    }
    drop(on_timeout);
    result
}

/// The base path from `<base href>` (written by Trunk's `--public-url`), else `/`.
pub fn site_base() -> String {
    let location = web_sys::window().map(|window| window.location());
    let origin = location
        .and_then(|location| location.origin().ok())
        .unwrap_or_default();
    let base_uri = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.base_uri().ok().flatten())
        .unwrap_or_default();
    let path = base_uri.strip_prefix(&origin).unwrap_or("/");
    let path = path.split(['?', '#']).next().unwrap_or("/");
    // A base href names a folder; drop a file name if someone left one.
    match path.rfind('/') {
        Some(slash) => path[..=slash].to_string(),
        None => "/".to_string(),
    }
}
