//! Loading data from the site: the index (once), the district shards each page needs
//! (fetched once, kept and shared by context; chart shards for embeds, of the pinned data
//! version if any), and source texts.

use crate::nav::Lang;
use futures::channel::oneshot;
use gloo_net::http::Request;
use leptos::prelude::*;
use reform_core::load::BundleError;
use reform_core::loading::{
    read_directory, read_index, read_shard, read_table, read_term_file, FileError,
};
use reform_core::routes::join_base;
use reform_core::shard::{
    index_path, merge, Directory, DistrictTable, KeptShards, Resolved, SiteIndex,
};
use reform_core::terms::{buckets_of, districts_holding, query_keys, term_file_path};
use reform_core::Bundle;
use rustc_hash::FxHashMap as HashMap;
use std::fmt;
use std::sync::{Arc, Mutex};

/// The site's base path with a trailing slash, e.g. `/portal/` (from `<base href>`).
#[derive(Clone, Debug)]
pub struct SiteBase(pub String);

impl SiteBase {
    /// Absolute URL path of a page or file below the base.
    pub fn href(&self, path: &str) -> String {
        join_base(&self.0, path)
    }
}

/// What a page gets from [`SiteData::load`].
#[derive(Clone)]
pub enum Loaded {
    /// The shards it needs, merged.
    Bundle(Arc<Bundle>),
    /// It covers more than a browser should load at once: the reader picks a district.
    ChooseDistrict,
    /// The district, document, unit or theme it names does not exist.
    NotFound,
}

/// How long after the first view the remaining data of a small corpus is fetched.
const WARM_UP_AFTER_MS: u64 = 800;

/// Directory files kept in memory at most: a national corpus has hundreds. (Shards are
/// kept by size: [`KeptShards`].)
const KEPT_DIRECTORIES: usize = 16;

/// The portal's data, shared by context: `data/index.json` and the shards fetched so far.
#[derive(Clone)]
pub struct SiteData {
    base: SiteBase,
    /// The data version a pinned embed shows; `None` for the latest.
    pinned: Option<String>,
    /// Chart shards (no item texts or quotes) instead of full ones: for embeds.
    charts_only: bool,
    cache: Arc<Mutex<Cache>>,
    /// Bumped by [`SiteData::retry`]: every page's data is fetched again.
    attempt: RwSignal<u32>,
}

/// Those waiting for a shard being downloaded, each to be sent the download's outcome.
type Waiting = Vec<oneshot::Sender<Result<Arc<Bundle>, LoadError>>>;

#[derive(Default)]
struct Cache {
    /// Bumped by each retry: a download begun before it is not kept, nor handed to those
    /// waiting for a download begun after it.
    generation: u64,
    index: Option<Arc<SiteIndex>>,
    table: Option<Arc<DistrictTable>>,
    directories: HashMap<String, Arc<Directory>>,
    /// Shards by district id, and which of them to keep.
    shards: HashMap<String, Arc<Bundle>>,
    kept: KeptShards,
    /// Shards being downloaded, with whoever else asked for one meanwhile (the background
    /// warm-up, while a page fetches its own): they wait for that download, not a second.
    pending: HashMap<String, Waiting>,
    /// The last merge, by the districts it holds: route changes within them reuse it.
    merged: Option<(Vec<String>, Arc<Bundle>)>,
}

impl SiteData {
    /// Data of the site below `base`; nothing is fetched until a page asks.
    pub fn new(base: SiteBase) -> SiteData {
        SiteData {
            base,
            pinned: None,
            charts_only: false,
            cache: Arc::default(),
            attempt: RwSignal::new(0),
        }
    }

    /// The same, loading chart shards: what an embedded chart needs, a fraction of the size.
    /// A `pinned` data version is read from that version's own index, which the compiler
    /// keeps with its chart shards after newer versions replace it.
    pub fn for_charts(base: SiteBase, pinned: Option<String>) -> SiteData {
        SiteData {
            pinned,
            charts_only: true,
            ..SiteData::new(base)
        }
    }

    /// The data version a pinned embed shows (`?data=`); `None` for the latest.
    pub fn pinned(&self) -> Option<&str> {
        self.pinned.as_deref()
    }

    /// Tracks retries: a resource that reads this fetches again after [`SiteData::retry`].
    pub fn track(&self) {
        self.attempt.track();
    }

    /// Forgets everything fetched (the site may have been updated) and fetches again.
    pub fn retry(&self) {
        let mut cache = self.lock();
        *cache = Cache {
            generation: cache.generation + 1,
            ..Cache::default()
        };
        drop(cache);
        self.attempt.update(|attempt| *attempt += 1);
    }

    /// Applies `keep` to the cache unless a retry has emptied it since `generation`: what
    /// was fetched before a retry may belong to the data the site has just replaced.
    fn keep_if_current(&self, generation: u64, keep: impl FnOnce(&mut Cache)) {
        let mut cache = self.lock();
        if cache.generation == generation {
            keep(&mut cache);
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Cache> {
        // Single-threaded in the browser: a poisoned lock only means a panic elsewhere.
        self.cache
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The index, fetched once.
    pub async fn index(&self) -> Result<Arc<SiteIndex>, LoadError> {
        let generation = {
            let cache = self.lock();
            if let Some(index) = cache.index.clone() {
                return Ok(index);
            }
            cache.generation
        };
        // A pinned version the site never had is a 404: the reader is told the file is missing.
        let file = index_path(self.pinned.as_deref());
        let text = fetch_text(&self.base.href(&format!("data/{file}"))).await?;
        let index = Arc::new(read_index(&file, &text, self.pinned.as_deref())?);
        self.keep_if_current(generation, |cache| cache.index = Some(index.clone()));
        Ok(index)
    }

    /// While all shards together are small enough to load at once, fetches them a moment
    /// after the first view is up, so that moving to any page needs no download. A failure
    /// here is silent: the page that needs the data reports it.
    pub fn warm_up(&self, index: Arc<SiteIndex>) {
        // An embed shows one chart, and has already loaded what it needs.
        if self.charts_only || !index.loads_whole() {
            return;
        }
        let data = self.clone();
        set_timeout(
            move || {
                leptos::task::spawn_local(async move {
                    let _ = data.load(&index, Resolved::All).await;
                })
            },
            std::time::Duration::from_millis(WARM_UP_AFTER_MS),
        );
    }

    /// The district table, fetched once.
    pub async fn table(&self, index: &SiteIndex) -> Result<Arc<DistrictTable>, LoadError> {
        let generation = {
            let cache = self.lock();
            if let Some(table) = cache.table.clone() {
                return Ok(table);
            }
            cache.generation
        };
        let file = index.districts_file();
        let table = Arc::new(read_table(&file, &self.fetch_part(&file).await?, index)?);
        self.keep_if_current(generation, |cache| cache.table = Some(table.clone()));
        Ok(table)
    }

    /// The shards `resolved` names (after a directory look-up if it asks for one), merged
    /// into one bundle.
    pub async fn load(&self, index: &SiteIndex, resolved: Resolved) -> Result<Loaded, LoadError> {
        let districts = match &resolved {
            Resolved::All | Resolved::Theme(_) => self.table(index).await?.districts_of(&resolved),
            Resolved::LookUp { key, file } => {
                match self.directory(index, file).await?.places.get(key) {
                    Some(district) => vec![district.clone()],
                    None => return Ok(Loaded::NotFound),
                }
            }
            Resolved::District(district) => vec![district.clone()],
            Resolved::ChooseDistrict => return Ok(Loaded::ChooseDistrict),
            Resolved::Unknown => return Ok(Loaded::NotFound),
        };
        let generation = {
            let cache = self.lock();
            if let Some((held, merged)) = &cache.merged {
                if *held == districts {
                    return Ok(Loaded::Bundle(merged.clone()));
                }
            }
            cache.generation
        };
        let shards = match futures::future::try_join_all(
            districts.iter().map(|district| self.shard(index, district)),
        )
        .await
        {
            // A district named in the URL whose shard the site lacks: no such district.
            Err(LoadError::Outdated(_)) if matches!(resolved, Resolved::District(_)) => {
                return Ok(Loaded::NotFound)
            }
            shards => shards?,
        };
        let merged = match shards.as_slice() {
            [one] => one.clone(),
            many => {
                let table = self.table(index).await?;
                let shards: Vec<&Bundle> = many.iter().map(|shard| &**shard).collect();
                Arc::new(merge(index, &table, &shards))
            }
        };
        self.keep_if_current(generation, |cache| {
            cache.merged = Some((districts, merged.clone()))
        });
        Ok(Loaded::Bundle(merged))
    }

    /// Positions in the district table of the districts whose items may hold the search
    /// `text` ([`reform_core::terms`]), from the term files its keys are in; `None` if the
    /// corpus has no term files (it loads whole) or the text has no keys.
    pub async fn districts_holding(
        &self,
        index: &SiteIndex,
        text: &str,
    ) -> Result<Option<Vec<usize>>, LoadError> {
        let keys = query_keys(text);
        if index.term_buckets == 0 || keys.is_empty() {
            return Ok(None);
        }
        let table = self.table(index).await?;
        let files =
            futures::future::try_join_all(buckets_of(&keys, index.term_buckets).into_iter().map(
                |number| async move {
                    let path = term_file_path(index.version(), number);
                    let text = self.fetch_part(&path).await?;
                    read_term_file(&path, &text, index).map_err(LoadError::from)
                },
            ))
            .await?;
        Ok(Some(districts_holding(
            &keys,
            &files,
            table.districts.len(),
        )))
    }

    async fn directory(&self, index: &SiteIndex, file: &str) -> Result<Arc<Directory>, LoadError> {
        let generation = {
            let cache = self.lock();
            if let Some(directory) = cache.directories.get(file).cloned() {
                return Ok(directory);
            }
            cache.generation
        };
        let text = self.fetch_part(file).await?;
        let directory = Arc::new(read_directory(file, &text, index)?);
        self.keep_if_current(generation, |cache| {
            // A national corpus has hundreds of directory files: keep memory bounded.
            if cache.directories.len() >= KEPT_DIRECTORIES {
                cache.directories.clear();
            }
            cache
                .directories
                .insert(file.to_string(), directory.clone());
        });
        Ok(directory)
    }

    /// A district's shard: kept, being downloaded (then its download is awaited), or
    /// fetched now.
    async fn shard(&self, index: &SiteIndex, district: &str) -> Result<Arc<Bundle>, LoadError> {
        let (generation, under_way) = {
            let mut cache = self.lock();
            if let Some(shard) = cache.shards.get(district).cloned() {
                return Ok(shard);
            }
            let under_way = match cache.pending.get_mut(district) {
                Some(waiting) => {
                    let (answer, answered) = oneshot::channel();
                    waiting.push(answer);
                    Some(answered)
                }
                None => {
                    cache.pending.insert(district.to_string(), Vec::new());
                    None
                }
            };
            (cache.generation, under_way)
        };
        if let Some(answered) = under_way {
            // Cancelled only by a retry, which forgets what was under way: fetch afresh.
            if let Ok(result) = answered.await {
                return result;
            }
            return self
                .fetch_shard(index, district)
                .await
                .map(|(shard, _)| shard);
        }
        let fetched = self.fetch_shard(index, district).await;
        let result = fetched.clone().map(|(shard, _)| shard);
        self.keep_if_current(generation, |cache| {
            if let Ok((shard, bytes)) = fetched {
                cache.shards.insert(district.to_string(), shard);
                for dropped in cache.kept.keep(district, bytes) {
                    cache.shards.remove(&dropped);
                }
            }
            for waiting in cache.pending.remove(district).unwrap_or_default() {
                let _ = waiting.send(result.clone());
            }
        });
        result
    }

    /// A district's shard and the size of its file.
    async fn fetch_shard(
        &self,
        index: &SiteIndex,
        district: &str,
    ) -> Result<(Arc<Bundle>, u64), LoadError> {
        let path = if self.charts_only {
            index.chart_shard_file(district)
        } else {
            index.shard_file(district)
        };
        let text = self.fetch_part(&path).await?;
        let shard = read_shard(&path, &text, index)?;
        Ok((Arc::new(shard), text.len() as u64))
    }

    /// The text of a data file below the index; a missing one means the site changed under
    /// the reader.
    async fn fetch_part(&self, path: &str) -> Result<String, LoadError> {
        match fetch_text(&self.base.href(&format!("data/{path}"))).await {
            Err(LoadError::Status(404)) => Err(LoadError::Outdated(path.to_string())),
            other => other,
        }
    }
}

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
    /// A part of the data is missing or from another version than the index: the site was
    /// updated while the reader had it open.
    Outdated(String),
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
            LoadError::Outdated(_) => lang.pick(
                "部分数据缺失或已更新,网站可能刚刚更新。请重试以加载最新数据。",
                "Part of the data is missing or has changed: the site has probably just been updated. Try again to load the latest data.",
            ),
        }
    }
}

impl From<FileError> for LoadError {
    fn from(error: FileError) -> LoadError {
        match error {
            FileError::Unreadable { error, .. } => LoadError::Bundle(error),
            FileError::Outdated(path) => LoadError::Outdated(path),
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
            LoadError::Outdated(path) => {
                write!(
                    f,
                    "data/{path} is missing or belongs to another data version"
                )
            }
        }
    }
}

/// The district table, for lists and pickers of every district (fetched once).
pub fn use_district_table() -> LocalResource<Result<Arc<DistrictTable>, LoadError>> {
    let data = expect_context::<SiteData>();
    let index = expect_context::<Arc<SiteIndex>>();
    LocalResource::new(move || {
        let (data, index) = (data.clone(), index.clone());
        async move { data.table(&index).await }
    })
}

/// Shares the site's [`SiteData`]; nothing is fetched until a page asks.
pub fn provide_site_data() {
    provide_context(SiteData::new(expect_context::<SiteBase>()));
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
