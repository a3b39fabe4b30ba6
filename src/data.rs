//! Loading data from the site: the bundle (once, shared by context) and source texts.

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

/// Why data could not be loaded: what the reader sees, with the technical detail.
#[derive(Clone, Debug, PartialEq)]
pub enum LoadError {
    /// No answer from the server (offline, blocked, timed out).
    Network(String),
    /// The server answered with an error status.
    Status(u16),
    /// The answer is not a usable bundle.
    Bundle(BundleError),
}

impl LoadError {
    /// What happened and what to do, for readers.
    pub fn advice(&self) -> &'static str {
        match self {
            LoadError::Network(_) => "无法连接到服务器。请检查网络后重试。",
            LoadError::Status(404) => "找不到数据文件。网站可能正在更新,请稍后重试。",
            LoadError::Status(_) => "服务器暂时无法提供数据。请稍后重试。",
            LoadError::Bundle(BundleError::UnsupportedVersion { .. }) => {
                "数据版本与页面版本不一致。请刷新页面以获取最新版本。"
            }
            LoadError::Bundle(_) => "数据文件已损坏或不完整。请稍后重试。",
        }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Network(reason) => write!(f, "network error: {reason}"),
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

/// Fetches a text file of the site (a bundle or a source document).
pub async fn fetch_text(url: &str) -> Result<String, LoadError> {
    let response = Request::get(url)
        .send()
        .await
        .map_err(|error| LoadError::Network(error.to_string()))?;
    if !response.ok() {
        return Err(LoadError::Status(response.status()));
    }
    response
        .text()
        .await
        .map_err(|error| LoadError::Network(error.to_string()))
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
