//! The data one page needs, in the steps the site's files allow: the index; then the
//! district table or a directory file, if the page's [`Need`] resolves to one; then the
//! shards, merged. No I/O: the caller fetches the files it is asked for and hands their
//! text back. The embed drawer (`crates/reform-embed`) walks it once per page; the app's
//! `data.rs` takes the same steps, each file read and checked by the same functions
//! ([`read_index`] and the others), with a cache shared by its pages.

use crate::load::{decode, BundleError};
use crate::model::Bundle;
use crate::shard::{merge, with_every_theme, Directory, DistrictTable, Need, Resolved, SiteIndex};
use crate::terms::TermFile;
use std::fmt;

/// A page's data on its way in.
#[derive(Debug)]
pub struct Loading {
    /// The data version's index, read first.
    index: SiteIndex,
    /// Whether to fetch the chart shards (an embed's) rather than the full ones.
    charts_only: bool,
    /// What is fetched next, or what has come.
    step: Step,
}

/// Where a [`Loading`] stands.
#[derive(Debug)]
enum Step {
    /// The district table, to list the districts this stands for.
    Table(Resolved),
    /// A directory file, to find the one district that holds the key.
    Directory {
        /// The [`crate::shard::directory_key`] looked up.
        key: String,
        /// Its file, below `data/`.
        file: String,
    },
    /// These districts' shards; the table, to merge more than one.
    Shards(Vec<String>, Option<DistrictTable>),
    /// Every file is in.
    Ready(Bundle),
}

/// Why a page's data cannot be had.
#[derive(Clone, Debug, PartialEq)]
pub enum LoadingError {
    /// A file is not a data file this code reads.
    Unreadable {
        /// Its path below `data/`.
        path: String,
        /// What is wrong with it.
        error: BundleError,
    },
    /// A file is of another data version than the index (the site changed meanwhile).
    Outdated(String),
    /// What the page asks for is not in the data.
    NotFound,
    /// The corpus is too large to load whole: the page should ask for a district.
    ChooseDistrict,
    /// [`Loading::give`] got another number of texts than it asked for.
    Miscounted,
}

impl fmt::Display for LoadingError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadingError::Unreadable { path, error } => write!(f, "data/{path}: {error}"),
            LoadingError::Outdated(path) => {
                write!(f, "data/{path} is of another data version than the index")
            }
            LoadingError::NotFound => f.write_str("the page's record is not in the data"),
            LoadingError::ChooseDistrict => f.write_str("the page needs a district chosen"),
            LoadingError::Miscounted => f.write_str("not as many files as were asked for"),
        }
    }
}

impl std::error::Error for LoadingError {}

/// Why one data file cannot be used with the index in hand.
#[derive(Clone, Debug, PartialEq)]
pub enum FileError {
    /// It is not a data file this code reads.
    Unreadable {
        /// Its path below `data/`.
        path: String,
        /// What is wrong with it.
        error: BundleError,
    },
    /// It is of another data version than the index (the site changed meanwhile).
    Outdated(String),
}

impl From<FileError> for LoadingError {
    fn from(error: FileError) -> LoadingError {
        match error {
            FileError::Unreadable { path, error } => LoadingError::Unreadable { path, error },
            FileError::Outdated(path) => LoadingError::Outdated(path),
        }
    }
}

/// `text`, the file at `path`, as a data file.
fn read<T: serde::de::DeserializeOwned>(path: &str, text: &str) -> Result<T, FileError> {
    decode(text).map_err(|error| FileError::Unreadable {
        path: path.to_string(),
        error,
    })
}

// Each data file read and checked against what came before it: the steps of [`Loading`],
// and of the app's loader, which keeps what it read for the next page.

/// The index at `path` (`text`); a `pinned` embed's must be of that version.
pub fn read_index(path: &str, text: &str, pinned: Option<&str>) -> Result<SiteIndex, FileError> {
    let index: SiteIndex = read(path, text)?;
    if pinned.is_some_and(|version| index.version() != version) {
        return Err(FileError::Outdated(path.to_string()));
    }
    Ok(index)
}

/// The district table at `path` (`text`), of `index`'s data version.
pub fn read_table(path: &str, text: &str, index: &SiteIndex) -> Result<DistrictTable, FileError> {
    read_of_version(path, text, index, |table: &DistrictTable| {
        &table.content_hash
    })
}

/// The directory file at `path` (`text`), of `index`'s data version.
pub fn read_directory(path: &str, text: &str, index: &SiteIndex) -> Result<Directory, FileError> {
    read_of_version(path, text, index, |directory: &Directory| {
        &directory.content_hash
    })
}

/// The term file at `path` (`text`), of `index`'s data version: the app's search reads
/// them to narrow a national corpus to the districts that may hold the text.
pub fn read_term_file(path: &str, text: &str, index: &SiteIndex) -> Result<TermFile, FileError> {
    read_of_version(path, text, index, |file: &TermFile| &file.content_hash)
}

/// The shard (or chart shard) at `path` (`text`), of `index`'s data version, listing every
/// theme of the corpus ([`with_every_theme`]).
pub fn read_shard(path: &str, text: &str, index: &SiteIndex) -> Result<Bundle, FileError> {
    let shard = read_of_version(path, text, index, |shard: &Bundle| &shard.content_hash)?;
    Ok(with_every_theme(shard, index))
}

/// `text`, the file at `path`, as a data file whose `content_hash` must be `index`'s.
fn read_of_version<T: serde::de::DeserializeOwned>(
    path: &str,
    text: &str,
    index: &SiteIndex,
    content_hash: impl Fn(&T) -> &str,
) -> Result<T, FileError> {
    let file: T = read(path, text)?;
    if content_hash(&file) != index.content_hash {
        return Err(FileError::Outdated(path.to_string()));
    }
    Ok(file)
}

impl Loading {
    /// Starts from the text of the index (`data/index.json`, or the pinned version's own,
    /// [`crate::shard::pinned_index_path`]), for a page that needs `need`.
    pub fn new(
        index_path: &str,
        index_text: &str,
        pinned: Option<&str>,
        need: &Need,
        charts_only: bool,
    ) -> Result<Loading, LoadingError> {
        let index = read_index(index_path, index_text, pinned)?;
        let step = match index.resolve(need) {
            Resolved::LookUp { key, file } => Step::Directory { key, file },
            Resolved::District(district) => Step::Shards(vec![district], None),
            Resolved::ChooseDistrict => return Err(LoadingError::ChooseDistrict),
            Resolved::Unknown => return Err(LoadingError::NotFound),
            resolved => Step::Table(resolved),
        };
        Ok(Loading {
            index,
            charts_only,
            step,
        })
    }

    /// The files to fetch next, all at once, as paths below `data/`; none once ready.
    pub fn wants(&self) -> Vec<String> {
        match &self.step {
            Step::Table(_) => vec![self.index.districts_file()],
            Step::Directory { file, .. } => vec![file.clone()],
            Step::Shards(districts, _) => districts
                .iter()
                .map(|district| self.shard_file(district))
                .collect(),
            Step::Ready(_) => Vec::new(),
        }
    }

    /// Takes the texts of the files [`Loading::wants`] named, in its order.
    pub fn give(&mut self, texts: &[String]) -> Result<(), LoadingError> {
        let wanted = self.wants();
        if texts.len() != wanted.len() {
            return Err(LoadingError::Miscounted);
        }
        self.step = match &self.step {
            Step::Table(resolved) => {
                let table = read_table(&wanted[0], &texts[0], &self.index)?;
                match table.districts_of(resolved) {
                    // Nothing to fetch: the page's data is empty, as the app merges it.
                    none if none.is_empty() => Step::Ready(merge(&self.index, &table, &[])),
                    districts => Step::Shards(districts, Some(table)),
                }
            }
            Step::Directory { key, .. } => {
                let directory = read_directory(&wanted[0], &texts[0], &self.index)?;
                let district = directory.places.get(key).ok_or(LoadingError::NotFound)?;
                Step::Shards(vec![district.clone()], None)
            }
            Step::Shards(_, table) => {
                let mut shards = Vec::with_capacity(texts.len());
                for (path, text) in wanted.iter().zip(texts) {
                    shards.push(read_shard(path, text, &self.index)?);
                }
                match (shards.len(), table) {
                    (1, _) => Step::Ready(shards.remove(0)),
                    (_, Some(table)) => {
                        let shards: Vec<&Bundle> = shards.iter().collect();
                        Step::Ready(merge(&self.index, table, &shards))
                    }
                    (_, None) => return Err(LoadingError::Miscounted),
                }
            }
            Step::Ready(_) => return Ok(()),
        };
        Ok(())
    }

    /// The page's data, once every file is in.
    pub fn bundle(&self) -> Option<&Bundle> {
        match &self.step {
            Step::Ready(bundle) => Some(bundle),
            _ => None,
        }
    }

    /// The index the data was read by.
    pub fn index(&self) -> &SiteIndex {
        &self.index
    }

    fn shard_file(&self, district: &str) -> String {
        if self.charts_only {
            self.index.chart_shard_file(district)
        } else {
            self.index.shard_file(district)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::completion::Language;
    use crate::charts::view::{ChartKind, ChartParams};
    use crate::routes::Page;
    use crate::shard::{Split, LOAD_ALL_LIMIT_BYTES};
    use std::collections::HashMap;

    fn seeds() -> Bundle {
        let text = include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../public/data/bundle.json"
        ));
        decode(text).unwrap()
    }

    /// The seeds' data files by path below `data/`, as the compiler writes them; with
    /// `national`, the index says the corpus is too large to load whole.
    fn site(bundle: &Bundle, national: bool) -> HashMap<String, String> {
        let Split {
            mut index, files, ..
        } = Split::new(bundle);
        if national {
            index.total_bytes = LOAD_ALL_LIMIT_BYTES + 1;
        }
        let mut site: HashMap<String, String> = files.into_iter().collect();
        site.insert(
            "index.json".to_string(),
            serde_json::to_string(&index).unwrap(),
        );
        site
    }

    /// Walks `loading` over `site`, returning the paths it asked for, step by step.
    fn walk(
        loading: &mut Loading,
        site: &HashMap<String, String>,
    ) -> Result<Vec<Vec<String>>, LoadingError> {
        let mut asked = Vec::new();
        loop {
            let wanted = loading.wants();
            if wanted.is_empty() {
                return Ok(asked);
            }
            let texts: Vec<String> = wanted.iter().map(|path| site[path].clone()).collect();
            loading.give(&texts)?;
            asked.push(wanted);
        }
    }

    fn start(site: &HashMap<String, String>, need: &Need) -> Result<Loading, LoadingError> {
        Loading::new("index.json", &site["index.json"], None, need, true)
    }

    const EVERYTHING: Need = Need::Everything {
        district: None,
        unit: None,
    };

    #[test]
    fn a_whole_corpus_comes_from_the_table_and_every_chart_shard_and_draws_as_the_bundle() {
        let bundle = seeds();
        let site = site(&bundle, false);
        let mut loading = start(&site, &EVERYTHING).unwrap();
        let asked = walk(&mut loading, &site).unwrap();
        let version = bundle.version();
        assert_eq!(
            asked,
            [
                vec![format!("shards/{version}/districts.json")],
                vec![
                    format!("shards/{version}/charts/luohu.json"),
                    format!("shards/{version}/charts/yantian.json")
                ],
            ]
        );
        let loaded = loading.bundle().unwrap();
        assert_eq!(loaded.items.len(), bundle.items.len());
        // Every chart, by every grouping, is drawn from it as from the whole bundle.
        for kind in ChartKind::ALL {
            let params = ChartParams::default();
            let [from_shards, from_bundle] =
                [loaded, &bundle].map(|data| params.render_layouts(kind, data, Language::English));
            assert_eq!(from_shards[0].svg, from_bundle[0].svg, "{kind:?}");
            assert_eq!(from_shards[1].svg, from_bundle[1].svg, "{kind:?}");
        }
    }

    #[test]
    fn a_units_timeline_embed_loads_its_district_alone_and_draws_as_from_the_whole() {
        let bundle = seeds();
        let site = site(&bundle, false);
        let version = bundle.version();
        let mut themes: Vec<Option<&str>> = vec![None];
        themes.extend(bundle.themes.iter().map(|theme| Some(theme.id.as_str())));
        for unit in &bundle.units {
            let page = Page::Embed(ChartKind::Timeline);
            let need = Need::of_page(&page, [("unit", unit.id.as_str())]).unwrap();
            assert_eq!(need, Need::Unit(unit.id.clone()));
            let mut loading = start(&site, &need).unwrap();
            let asked = walk(&mut loading, &site).unwrap();
            assert_eq!(
                asked,
                [
                    vec![format!("shards/{version}/directory-0.json")],
                    vec![format!("shards/{version}/charts/{}.json", unit.district)]
                ]
            );
            let loaded = loading.bundle().unwrap();
            for theme in &themes {
                let mut query = vec![("unit", unit.id.as_str())];
                query.extend(theme.map(|theme| ("topic", theme)));
                let [from_district, from_whole] = [loaded, &bundle].map(|data| {
                    ChartParams::from_pairs(data, query.iter().copied()).render_layouts(
                        ChartKind::Timeline,
                        data,
                        Language::English,
                    )
                });
                assert_eq!(from_district[0].svg, from_whole[0].svg, "{query:?}");
                assert_eq!(from_district[1].svg, from_whole[1].svg, "{query:?}");
            }
        }
        // Other charts, and a view that names its district, stay as every page.
        let everything = |district: Option<&str>| Need::Everything {
            district: district.map(str::to_string),
            unit: Some("luohu-court".to_string()),
        };
        let completion = Page::Embed(ChartKind::Completion);
        assert_eq!(
            Need::of_page(&completion, [("unit", "luohu-court")]),
            Some(everything(None))
        );
        let timeline = Page::Embed(ChartKind::Timeline);
        let query = [("district", "luohu"), ("unit", "luohu-court")];
        assert_eq!(
            Need::of_page(&timeline, query),
            Some(everything(Some("luohu")))
        );
    }

    #[test]
    fn a_national_corpus_loads_one_district_shard_looked_up_or_named() {
        let bundle = seeds();
        let site = site(&bundle, true);
        let need = Need::Everything {
            district: None,
            unit: Some("yantian-organisation-department".to_string()),
        };
        let mut loading = start(&site, &need).unwrap();
        let asked = walk(&mut loading, &site).unwrap();
        assert_eq!(asked.len(), 2);
        assert!(asked[0][0].contains("/directory-"), "{asked:?}");
        assert_eq!(
            asked[1],
            [format!("shards/{}/charts/yantian.json", bundle.version())]
        );
        let loaded = loading.bundle().unwrap();
        assert!(loaded.items.iter().all(|item| item.id.contains("yantian")));
        // Every theme, those without Yantian's items too: a filter by one draws nothing.
        let themes = |data: &Bundle| {
            data.themes
                .iter()
                .map(|theme| theme.id.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(themes(loaded), themes(&bundle));
        assert!(loaded.themes.iter().any(|theme| theme.items.is_empty()));
        // Without a district or unit, the reader is to choose one; an unknown one is not found.
        assert_eq!(
            start(&site, &EVERYTHING).unwrap_err(),
            LoadingError::ChooseDistrict
        );
        // A district's shard is named by its id: no look-up. One the corpus does not have
        // is a file the site does not have (the caller's fetch fails).
        let district = |id: &str| Need::Everything {
            district: Some(id.to_string()),
            unit: None,
        };
        let mut loading = start(&site, &district("luohu")).unwrap();
        assert_eq!(
            walk(&mut loading, &site).unwrap(),
            [[format!("shards/{}/charts/luohu.json", bundle.version())]]
        );
        let loading = start(&site, &district("atlantis")).unwrap();
        assert_eq!(
            loading.wants(),
            [format!("shards/{}/charts/atlantis.json", bundle.version())]
        );
        // A unit no directory lists is not found.
        let unknown = Need::Everything {
            district: None,
            unit: Some("atlantis-bureau".to_string()),
        };
        let mut loading = start(&site, &unknown).unwrap();
        assert_eq!(walk(&mut loading, &site), Err(LoadingError::NotFound));
    }

    #[test]
    fn files_cut_short_at_any_point_are_errors_not_panics() {
        let bundle = seeds();
        let site = site(&bundle, false);
        let mut first = start(&site, &EVERYTHING).unwrap();
        let table = site[&first.wants()[0]].clone();
        for cut in (0..table.len())
            .step_by(97)
            .filter(|&at| table.is_char_boundary(at))
        {
            let mut loading = start(&site, &EVERYTHING).unwrap();
            assert!(
                loading.give(&[table[..cut].to_string()]).is_err(),
                "cut at {cut}"
            );
        }
        first.give(&[table]).unwrap();
        let shards: Vec<String> = first
            .wants()
            .iter()
            .map(|path| site[path].clone())
            .collect();
        for cut in (0..shards[0].len())
            .step_by(997)
            .filter(|&at| shards[0].is_char_boundary(at))
        {
            let mut cut_short = shards.clone();
            cut_short[0].truncate(cut);
            let mut loading = start(&site, &EVERYTHING).unwrap();
            loading.give(&[site[&loading.wants()[0]].clone()]).unwrap();
            assert!(loading.give(&cut_short).is_err(), "cut at {cut}");
            assert!(loading.bundle().is_none());
        }
    }

    #[test]
    fn damaged_miscounted_or_outdated_files_are_named() {
        let bundle = seeds();
        let site = site(&bundle, false);
        let table = format!("shards/{}/districts.json", bundle.version());
        let mut loading = start(&site, &EVERYTHING).unwrap();
        assert_eq!(loading.give(&[]), Err(LoadingError::Miscounted));
        let error = loading.give(&["{\"schema".to_string()]).unwrap_err();
        assert!(
            error.to_string().starts_with(&format!("data/{table}: ")),
            "{error}"
        );
        // A table of another version than the index: the site changed meanwhile.
        let other = site[&table].replace(&bundle.content_hash, "ffff");
        assert_eq!(
            loading.give(&[other]),
            Err(LoadingError::Outdated(table.clone()))
        );
        // A pinned index of another version than it says.
        let pinned = Loading::new(
            "index.json",
            &site["index.json"],
            Some("00ff"),
            &EVERYTHING,
            true,
        );
        assert_eq!(
            pinned.unwrap_err(),
            LoadingError::Outdated("index.json".to_string())
        );
        assert!(matches!(
            Loading::new("index.json", "", None, &EVERYTHING, true),
            Err(LoadingError::Unreadable { .. })
        ));
    }

    #[test]
    fn every_file_after_the_index_must_be_of_its_version() {
        let bundle = seeds();
        let mut site = site(&bundle, true);
        // A corpus this small has no term files: one of its version, with no keys.
        let term_file = "shards/x/terms-0.json";
        let terms = TermFile {
            schema_version: crate::SCHEMA_VERSION,
            content_hash: bundle.content_hash.clone(),
            keys: Default::default(),
        };
        site.insert(
            term_file.to_string(),
            serde_json::to_string(&terms).unwrap(),
        );
        let index = read_index("index.json", &site["index.json"], None).unwrap();
        let of_another_version = |path: &str| site[path].replace(&bundle.content_hash, "ffff");
        let outdated = |path: &str| Err(FileError::Outdated(path.to_string()));
        let table = index.districts_file();
        assert!(read_table(&table, &site[&table], &index).is_ok());
        assert_eq!(
            read_table(&table, &of_another_version(&table), &index).map(drop),
            outdated(&table)
        );
        let shard = index.shard_file("luohu");
        assert!(read_shard(&shard, &site[&shard], &index).is_ok());
        assert_eq!(
            read_shard(&shard, &of_another_version(&shard), &index).map(drop),
            outdated(&shard)
        );
        let directory = site
            .keys()
            .find(|path| path.contains("/directory-"))
            .expect("a directory file");
        assert!(read_directory(directory, &site[directory], &index).is_ok());
        assert_eq!(
            read_directory(directory, &of_another_version(directory), &index).map(drop),
            outdated(directory)
        );
        assert!(read_term_file(term_file, &site[term_file], &index).is_ok());
        assert_eq!(
            read_term_file(term_file, &of_another_version(term_file), &index).map(drop),
            outdated(term_file)
        );
        assert!(matches!(
            read_shard(&shard, "[]", &index),
            Err(FileError::Unreadable { path, .. }) if path == shard
        ));
    }
}
