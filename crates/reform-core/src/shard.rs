//! The bundle in pieces, so that what a reader downloads does not grow with the corpus.
//!
//! The compiler splits the bundle into:
//! - `data/index.json` ([`SiteIndex`]): headline figures, per-year counts and the themes.
//!   Its size does not depend on the number of districts, documents or items; the overview
//!   needs nothing else.
//! - `…/districts.json` ([`DistrictTable`]): every district with its figures, for lists
//!   and pickers. It grows with the number of districts only.
//! - one shard per district (`…/<district>.json`): a [`Bundle`] holding only that
//!   district's documents, items, units and evidence. Pages load the shards they need
//!   ([`Need`]) and [`merge`] them.
//! - the same without item texts and quotes (`…/charts/<district>.json`,
//!   [`Bundle::for_charts`]), for embedded charts.
//! - a directory (`…/directory-<n>.json`, [`Directory`]) saying which district a document,
//!   unit or district id belongs to, cut into [`SiteIndex::directory_buckets`] files by a
//!   hash of the id, so that a deep link fetches one small file.
//!
//! All but the index live under `data/shards/<version>/`: a reader holding an old index
//! never mixes versions; it gets a 404 and is told to reload. That folder also holds a copy
//! of its version's index ([`pinned_index_path`]). Once a version is no longer the latest,
//! the compiler keeps what a pinned embed loads ([`kept_for_pinned_embeds`]: that index,
//! the district table, the directory and the chart shards), so that an embed pinned to it
//! loads the same few files a live one does, at any corpus size.

use crate::json_writer;
use crate::lineage::{Found, ItemIds, Suggestions};
use crate::model::{
    document_of_item, Bundle, District, Item, LineageSuggestion, StatusCounts, Theme,
    SCHEMA_VERSION,
};
use crate::query::{Coverage, CHART_BLANKS};
use crate::routes::Page;
use crate::terms::{term_file_path, term_files, DistrictKeys};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::BTreeMap;

/// Pages that want every district load them all while the shards together stay under
/// this many bytes; beyond it they ask the reader to choose a district.
pub const LOAD_ALL_LIMIT_BYTES: u64 = 2_000_000;

/// Directory entries per directory file, roughly: a deep link fetches one such file.
pub const DIRECTORY_ENTRIES_PER_FILE: usize = 2_000;

/// `data/index.json`: everything the first view shows, and what the rest weighs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SiteIndex {
    /// Shape version of this file; see [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// [`Bundle::content_hash`] of the whole corpus.
    pub content_hash: String,
    /// [`Bundle::latest_source_date`] of the whole corpus.
    pub latest_source_date: Option<crate::Date>,
    /// Headline figures over the whole corpus.
    pub coverage: Coverage,
    /// Item counts per status, per plan year, oldest first.
    pub years: Vec<YearCounts>,
    /// Every theme, in curated order.
    pub themes: Vec<ThemeEntry>,
    /// Bytes of all shards together.
    pub total_bytes: u64,
    /// How many directory files there are (at least 1).
    pub directory_buckets: u32,
    /// How many term files there are ([`crate::terms`]): none while the corpus loads
    /// whole, since search then reads every item.
    #[serde(default)]
    pub term_buckets: u32,
}

/// Counts for one plan year.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct YearCounts {
    /// The year documents were issued.
    pub year: u16,
    /// Items of that year's documents per status.
    pub counts: StatusCounts,
}

/// One theme in the index.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ThemeEntry {
    /// [`Theme::id`].
    pub id: String,
    /// Chinese name.
    pub name: String,
    /// English name.
    pub name_en: String,
    /// How many items it groups.
    pub items: u32,
    /// Bytes of the shards of the districts its items come from.
    pub bytes: u64,
}

impl ThemeEntry {
    /// The theme this entry stands for, grouping `items` (those of the data at hand).
    pub fn theme(&self, items: Vec<String>) -> Theme {
        Theme {
            id: self.id.clone(),
            name: self.name.clone(),
            name_en: self.name_en.clone(),
            items,
        }
    }
}

/// `districts.json`: every district with its figures, and where each theme's items are.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct DistrictTable {
    /// Shape version of this file; see [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// [`Bundle::content_hash`] of the corpus it describes.
    pub content_hash: String,
    /// Every district, in catalog order.
    pub districts: Vec<DistrictEntry>,
    /// [`Theme::id`] → the [`District::id`]s its items come from, in catalog order.
    pub theme_districts: BTreeMap<String, Vec<String>>,
}

/// District lists longer than this come with a box to find a district by name; shorter
/// ones are a plain list, which the overview drawn at build time can show as the app does.
pub const FIND_DISTRICT_FROM: usize = 20;
/// The overview lists up to this many districts in the page; a longer list (a national
/// corpus) sits behind a disclosure and loads when the reader opens it.
pub const OVERVIEW_DISTRICTS_UP_TO: usize = 200;
/// The fragment (`#districts`) that opens the overview's district list, long or short.
pub const DISTRICTS_FRAGMENT: &str = "districts";

/// One district with its figures.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct DistrictEntry {
    /// The district.
    pub district: District,
    /// Its source documents.
    pub documents: u32,
    /// Its units responsible for at least one item.
    pub units: u32,
    /// Its items per status.
    pub counts: StatusCounts,
    /// First and last year of its documents.
    pub years: Option<(u16, u16)>,
    /// Size of its shard file in bytes.
    pub bytes: u64,
}

impl District {
    /// What a search for a district by name looks in ([`DistrictTable::matching`], and the
    /// overview drawn at build time): its Chinese name, and its English name and id
    /// lowercased.
    pub fn found_by(&self) -> [Cow<'_, str>; 3] {
        [
            Cow::Borrowed(&self.name),
            Cow::Owned(self.name_en.to_lowercase()),
            Cow::Owned(self.id.to_lowercase()),
        ]
    }
}

impl DistrictTable {
    /// Positions in [`DistrictTable::districts`] of the districts whose Chinese name,
    /// English name or id contains `text` (ignoring case and surrounding spaces), in table
    /// order; all of them for empty text. With `theme`, only the districts its items come
    /// from; with `within` (positions, ascending), only those districts. Positions, not
    /// copies: a national table is searched on every keystroke.
    pub fn matching(
        &self,
        text: &str,
        theme: Option<&str>,
        within: Option<&[usize]>,
    ) -> Vec<usize> {
        let wanted = text.trim().to_lowercase();
        let of_theme: Option<rustc_hash::FxHashSet<&str>> = theme.map(|theme| {
            self.theme_districts
                .get(theme)
                .into_iter()
                .flatten()
                .map(String::as_str)
                .collect()
        });
        self.districts
            .iter()
            .enumerate()
            .filter(|(position, _)| {
                within.is_none_or(|within| within.binary_search(position).is_ok())
            })
            .filter(|(_, entry)| {
                let district = &entry.district;
                of_theme
                    .as_ref()
                    .is_none_or(|members| members.contains(district.id.as_str()))
            })
            .filter(|(_, entry)| {
                wanted.is_empty()
                    || entry
                        .district
                        .found_by()
                        .iter()
                        .any(|text| text.contains(&wanted))
            })
            .map(|(position, _)| position)
            .collect()
    }

    /// The districts `resolved` stands for: all of them, or a theme's.
    pub fn districts_of(&self, resolved: &Resolved) -> Vec<String> {
        match resolved {
            Resolved::All => self
                .districts
                .iter()
                .map(|entry| entry.district.id.clone())
                .collect(),
            Resolved::Theme(id) => self.theme_districts.get(id).cloned().unwrap_or_default(),
            _ => Vec::new(),
        }
    }
}

/// One directory file: the district of each document, unit and district whose key hashes
/// to it. Keys are [`directory_key`]s.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Directory {
    /// Shape version of this file; see [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// [`Bundle::content_hash`] of the corpus it describes.
    pub content_hash: String,
    /// [`directory_key`] → [`District::id`].
    pub places: BTreeMap<String, String>,
}

/// What an id names, in the directory: ids of different kinds may coincide.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum IdKind {
    /// A [`District::id`].
    District,
    /// A [`crate::Document::id`].
    Document,
    /// A [`crate::Unit::id`].
    Unit,
}

/// The directory's key for `id` of `kind`, e.g. `unit:luohu-civil-affairs-bureau`.
pub fn directory_key(kind: IdKind, id: &str) -> String {
    let prefix = match kind {
        IdKind::District => "district",
        IdKind::Document => "document",
        IdKind::Unit => "unit",
    };
    format!("{prefix}:{id}")
}

/// What a page needs loaded.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Need {
    /// The whole corpus (lists, charts, search). Its URL filters narrow it to one district
    /// only when the whole is too large to load: below that, changing a filter loads
    /// nothing new.
    Everything {
        /// The `district` filter, if any.
        district: Option<String>,
        /// The `unit` filter, if any.
        unit: Option<String>,
    },
    /// The district of a document (or of one of its items).
    Document(String),
    /// The district of a unit.
    Unit(String),
    /// One district, named: a unit's timeline embed whose page lists each unit's district
    /// (while the corpus loads whole), so that no look-up stands between the index and
    /// the shard.
    District(String),
    /// The districts a theme's items come from.
    Theme {
        /// [`Theme::id`].
        id: String,
        /// The `district` filter, used as for [`Need::Everything`].
        district: Option<String>,
    },
}

impl Need {
    /// What `page` needs, given its URL query pairs; `None` for the overview, which reads
    /// the index alone.
    pub fn of_page<'a>(
        page: &Page,
        query: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Option<Need> {
        let (mut district, mut unit) = (None, None);
        for (key, value) in query {
            match key {
                "district" if !value.is_empty() => district = Some(value.to_string()),
                "unit" if !value.is_empty() => unit = Some(value.to_string()),
                _ => {}
            }
        }
        match page {
            // The district list reads the district table, which the index names.
            Page::Home | Page::Districts => None,
            Page::Document(id) => Some(Need::Document(id.clone())),
            Page::Item(id) => Some(Need::Document(document_of_item(id).to_string())),
            Page::Unit(id) => Some(Need::Unit(id.clone())),
            Page::Theme(id) => Some(Need::Theme {
                id: id.clone(),
                district,
            }),
            // A district's page is every page narrowed to it.
            Page::District(id) => Some(Need::Everything {
                district: Some(id.clone()),
                unit: None,
            }),
            // An embed changes no filter: a chart drawn for one unit needs that unit's
            // district alone, even where the whole corpus would load.
            Page::Embed(kind)
                if district.is_none() && unit.is_some() && kind.view_keys().contains(&"unit") =>
            {
                unit.map(Need::Unit)
            }
            Page::Documents
            | Page::Units
            | Page::Themes
            | Page::Charts
            | Page::Search
            | Page::About
            | Page::Embed(_) => Some(Need::Everything { district, unit }),
        }
    }
}

/// Where a need leads once the index is known.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Resolved {
    /// Load every district's shard (listed in the [`DistrictTable`]).
    All,
    /// Load the shards of the districts a theme's items come from (from the table).
    Theme(String),
    /// Load this district's shard, named by the URL: its file is found without a look-up,
    /// and a district the corpus does not have is a file the site does not have.
    District(String),
    /// Look the key up in this directory file, then load that district's shard.
    LookUp {
        /// The [`directory_key`] to look up.
        key: String,
        /// Path of the directory file below `data/`.
        file: String,
    },
    /// Too much to load at once: the reader should choose a district.
    ChooseDistrict,
    /// No such theme: the page does not exist.
    Unknown,
}

impl SiteIndex {
    /// Which shards `need` asks for, or which file says so.
    pub fn resolve(&self, need: &Need) -> Resolved {
        match need {
            Need::Everything { district, unit } => {
                if self.loads_whole() {
                    return Resolved::All;
                }
                match (district, unit) {
                    (Some(district), _) => self.district(district),
                    (None, Some(unit)) => self.look_up(IdKind::Unit, unit),
                    (None, None) => Resolved::ChooseDistrict,
                }
            }
            Need::Document(id) => self.look_up(IdKind::Document, id),
            Need::Unit(id) => self.look_up(IdKind::Unit, id),
            Need::District(id) => self.district(id),
            Need::Theme { id, district } => match self.theme(id) {
                None => Resolved::Unknown,
                Some(theme) if theme.bytes <= LOAD_ALL_LIMIT_BYTES => Resolved::Theme(id.clone()),
                Some(_) => match district {
                    Some(district) => self.district(district),
                    None => Resolved::ChooseDistrict,
                },
            },
        }
    }

    /// The theme `id`, if there is one.
    pub fn theme(&self, id: &str) -> Option<&ThemeEntry> {
        self.themes.iter().find(|theme| theme.id == id)
    }

    /// The theme whose page `page` is, if it is a theme's page: what a page asking for a
    /// district covers is then that theme's items and districts, not the whole corpus.
    pub fn theme_of_page(&self, page: &Page) -> Option<&ThemeEntry> {
        match page {
            Page::Theme(id) => self.theme(id),
            _ => None,
        }
    }

    /// Whether the overview lists the districts in the page; a longer list (a national
    /// corpus) sits behind a disclosure and loads when opened.
    pub fn overview_lists_districts(&self) -> bool {
        self.coverage.districts <= OVERVIEW_DISTRICTS_UP_TO
    }

    /// Whether all shards together are small enough to load at once: pages over the whole
    /// corpus then load it all, and nothing asks for a district.
    pub fn loads_whole(&self) -> bool {
        self.total_bytes <= LOAD_ALL_LIMIT_BYTES
    }

    /// The district `id` of a URL: its shard's path is made from it, if it is a slug (the
    /// compiler names shard files by district id), else the directory is asked.
    fn district(&self, id: &str) -> Resolved {
        if crate::text::is_slug(id) {
            Resolved::District(id.to_string())
        } else {
            self.look_up(IdKind::District, id)
        }
    }

    fn look_up(&self, kind: IdKind, id: &str) -> Resolved {
        let key = directory_key(kind, id);
        let file = directory_path(self.version(), bucket(&key, self.directory_buckets));
        Resolved::LookUp { key, file }
    }

    /// The data version (as [`Bundle::version`]).
    pub fn version(&self) -> &str {
        crate::query::version_of(&self.content_hash)
    }

    /// Path below `data/` of the district table.
    pub fn districts_file(&self) -> String {
        format!("shards/{}/districts.json", self.version())
    }

    /// Path below `data/` of a district's shard.
    pub fn shard_file(&self, district: &str) -> String {
        shard_path(self.version(), district)
    }

    /// Path below `data/` of a district's chart shard (no item texts or quotes).
    pub fn chart_shard_file(&self, district: &str) -> String {
        chart_shard_path(self.version(), district)
    }

    /// The latest source date as `YYYY-MM-DD` (empty when unknown).
    pub fn as_of(&self) -> String {
        self.latest_source_date
            .map(|date| date.to_string())
            .unwrap_or_default()
    }
}

/// Path below `data/` of a district's shard.
pub fn shard_path(version: &str, district: &str) -> String {
    format!("shards/{version}/{district}.json")
}

/// Path below `data/` of a district's chart shard.
pub fn chart_shard_path(version: &str, district: &str) -> String {
    format!("shards/{version}/charts/{district}.json")
}

/// Path below `data/` of directory file `bucket`.
pub fn directory_path(version: &str, bucket: u32) -> String {
    format!("shards/{version}/directory-{bucket}.json")
}

/// Path below `data/` of a version's own copy of its index: where a pinned embed starts.
pub fn pinned_index_path(version: &str) -> String {
    format!("shards/{version}/index.json")
}

/// Path below `data/` of the index a page starts from: the live one, or the `pinned`
/// version's own copy.
pub fn index_path(pinned: Option<&str>) -> String {
    match pinned {
        None => "index.json".to_string(),
        Some(version) => pinned_index_path(version),
    }
}

/// Whether a file of `data/shards/<version>/` (`path` below that folder) is kept after a
/// newer version replaces it: what a pinned embed loads, not the full shards.
pub fn kept_for_pinned_embeds(path: &str) -> bool {
    let json = |name: &str| name.len() > ".json".len() && name.ends_with(".json");
    match path.split_once('/') {
        Some(("charts", shard)) => json(shard) && !shard.contains('/'),
        Some(_) => false,
        None => {
            path == "index.json"
                || path == "districts.json"
                || path
                    .strip_prefix("directory-")
                    .and_then(|rest| rest.strip_suffix(".json"))
                    .is_some_and(|number| {
                        !number.is_empty() && number.bytes().all(|byte| byte.is_ascii_digit())
                    })
        }
    }
}

/// Which of `buckets` directory files holds `id`: FNV-1a, stable across platforms.
pub fn bucket(id: &str, buckets: u32) -> u32 {
    let hash = id.bytes().fold(0x811c_9dc5_u32, |hash, byte| {
        (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193)
    });
    hash % buckets.max(1)
}

/// The pieces of a bundle, as the compiler writes them.
pub struct Split {
    /// The index.
    pub index: SiteIndex,
    /// The district table.
    pub table: DistrictTable,
    /// Every file but `data/index.json` as `(path below data/, JSON)`: the district
    /// table, the shards, the chart shards, the directory files and the version's copy of
    /// the index ([`pinned_index_path`]).
    pub files: Vec<(String, String)>,
}

impl Split {
    /// Cuts `bundle` into an index, a district table, one shard per district and the
    /// directory files.
    pub fn new(bundle: &Bundle) -> Split {
        let mut files = Vec::new();
        let (index, table) =
            Split::each_file(bundle, |path, json| files.push((path, json.to_string())));
        Split {
            index,
            table,
            files,
        }
    }

    /// Cuts `bundle` as [`Split::new`] does, but hands each file to `file` as soon as it
    /// is made rather than keeping them all: one district's shard is in memory at a time,
    /// however large the corpus. Returns the index and the district table (also handed
    /// to `file`, last). [`Cutter`] does the same a district at a time, in any order.
    pub fn each_file(
        bundle: &Bundle,
        mut file: impl FnMut(String, &str),
    ) -> (SiteIndex, DistrictTable) {
        let cutter = Cutter::new(bundle);
        let districts = (0..cutter.districts())
            .map(|at| cutter.district(at, &mut file))
            .collect();
        cutter.finish(districts, &mut file)
    }
}

/// The records of one district as its shard holds them: what a district's page shows,
/// the same whether drawn from the whole bundle or from the shard alone (then itself).
pub fn district_shard(bundle: &Bundle, district: &str) -> Option<Bundle> {
    let at = bundle
        .districts
        .iter()
        .position(|place| place.id == district)?;
    Some(Cutter::new(bundle).plan.shard(at))
}

/// A bundle being cut into the files the app loads. Each district's shards need nothing of
/// the others', so they can be made in any order, on any thread ([`Cutter::district`]);
/// [`Cutter::finish`] then sums the districts up into the index, the district table and
/// the directory files.
pub struct Cutter<'a> {
    plan: ShardPlan<'a>,
    version: String,
}

impl<'a> Cutter<'a> {
    /// Works out which records go to which district (one pass over each list).
    pub fn new(bundle: &'a Bundle) -> Cutter<'a> {
        Cutter::with(bundle, None)
    }

    /// [`Cutter::new`] for a bundle whose items and suggestions are held `apart`, as the
    /// compiler holds them: each district's items are given to its cut
    /// ([`Cutter::district_with`]).
    pub fn apart(bundle: &'a Bundle, apart: ItemsApart<'a>) -> Cutter<'a> {
        Cutter::with(bundle, Some(apart))
    }

    fn with(bundle: &'a Bundle, apart: Option<ItemsApart<'a>>) -> Cutter<'a> {
        let place_of_document: HashMap<&str, &str> = bundle
            .documents
            .iter()
            .map(|document| (document.id.as_str(), document.district.as_str()))
            .collect();
        let place_of_item =
            |item: &str| -> Option<&str> { place_of_document.get(document_of_item(item)).copied() };
        Cutter {
            plan: ShardPlan::new(bundle, apart, &place_of_item),
            version: bundle.version().to_string(),
        }
    }

    /// How many districts there are to cut: `0..districts()` for [`Cutter::district`].
    pub fn districts(&self) -> usize {
        self.plan.bundle.districts.len()
    }

    /// Hands the shard and the chart shard of the district at position `at` to `file`;
    /// returns the district's entry in the table and the keys of its searchable text.
    pub fn district(
        &self,
        at: usize,
        file: &mut dyn FnMut(String, &str),
    ) -> (DistrictEntry, DistrictKeys) {
        let Ok(cut) = self.district_with(at, |_, _| Ok::<(), std::convert::Infallible>(()), file);
        cut
    }

    /// [`Cutter::district`], the shard's items first completed by `complete`, given the
    /// positions of the district's documents in the bundle's: the compiler puts back their
    /// texts, which it does not hold, and gives the items themselves where it holds them
    /// apart ([`Cutter::apart`]). Its error, if any, stops the cut before anything is handed
    /// to `file`.
    pub fn district_with<E>(
        &self,
        at: usize,
        complete: impl FnOnce(&[u32], &mut Vec<Item>) -> Result<(), E>,
        file: &mut dyn FnMut(String, &str),
    ) -> Result<(DistrictEntry, DistrictKeys), E> {
        let district = &self.plan.bundle.districts[at];
        let (mut shard, suggestions) = self.plan.shard_apart(at);
        complete(&self.plan.documents[at], &mut shard.items)?;
        let written = ShardJson::of(&shard, suggestions.listed(self.plan.ids()));
        // The chart shard is the shard's JSON without what no chart draws, written over.
        let bytes = json_writer::lend_blanked(&written, CHART_BLANKS, |json, slim| {
            file(shard_path(&self.version, &district.id), json);
            file(chart_shard_path(&self.version, &district.id), slim);
            json.len() as u64
        })
        .expect("a bundle always serializes");
        let coverage = shard.coverage();
        let entry = DistrictEntry {
            district: district.clone(),
            documents: shard.documents.len() as u32,
            units: coverage.units as u32,
            counts: coverage.statuses,
            years: coverage.years,
            bytes,
        };
        Ok((entry, DistrictKeys::of(&shard)))
    }

    /// Hands the directory files, the term files of a corpus that does not load whole,
    /// the version's copy of the index and the district table to `file`, from `districts`:
    /// what [`Cutter::district`] returned for every district, in district order. Returns
    /// the index and the table.
    pub fn finish(
        &self,
        districts: Vec<(DistrictEntry, DistrictKeys)>,
        file: &mut dyn FnMut(String, &str),
    ) -> (SiteIndex, DistrictTable) {
        let (bundle, plan, version) = (self.plan.bundle, &self.plan, &self.version);
        let (districts, keys): (Vec<DistrictEntry>, Vec<DistrictKeys>) =
            districts.into_iter().unzip();
        let bytes_of: HashMap<&str, u64> = districts
            .iter()
            .map(|entry| (entry.district.id.as_str(), entry.bytes))
            .collect();
        // The plan already knows each district's themes: a theme's districts, in catalog order.
        let mut theme_districts: BTreeMap<String, Vec<String>> = bundle
            .themes
            .iter()
            .map(|theme| (theme.id.clone(), Vec::new()))
            .collect();
        for (at, district) in bundle.districts.iter().enumerate() {
            for (position, _) in &plan.themes[at] {
                if let Some(ids) = theme_districts.get_mut(&bundle.themes[*position].id) {
                    ids.push(district.id.clone());
                }
            }
        }
        let themes = bundle
            .themes
            .iter()
            .map(|theme| ThemeEntry {
                id: theme.id.clone(),
                name: theme.name.clone(),
                name_en: theme.name_en.clone(),
                items: theme.items.len() as u32,
                bytes: theme_districts[&theme.id]
                    .iter()
                    .filter_map(|id| bytes_of.get(id.as_str()))
                    .sum(),
            })
            .collect();
        let table = DistrictTable {
            schema_version: SCHEMA_VERSION,
            content_hash: bundle.content_hash.clone(),
            districts,
            theme_districts,
        };
        let places: Vec<(String, &String)> = bundle
            .districts
            .iter()
            .map(|district| (directory_key(IdKind::District, &district.id), &district.id))
            .chain(bundle.documents.iter().map(|document| {
                (
                    directory_key(IdKind::Document, &document.id),
                    &document.district,
                )
            }))
            .chain(
                bundle
                    .units
                    .iter()
                    .map(|unit| (directory_key(IdKind::Unit, &unit.id), &unit.district)),
            )
            .collect();
        let buckets = places.len().div_ceil(DIRECTORY_ENTRIES_PER_FILE).max(1) as u32;
        // Summed up from the districts' and the documents' counts: the same for items
        // held apart, which the bundle does not hold.
        let statuses = table
            .districts
            .iter()
            .fold(StatusCounts::default(), |all, entry| {
                all.plus(&entry.counts)
            });
        let coverage = Coverage {
            items: statuses.total() as usize,
            units: table
                .districts
                .iter()
                .map(|entry| entry.units as usize)
                .sum(),
            statuses,
            ..bundle.coverage()
        };
        let years = year_counts(bundle);
        let mut index = SiteIndex {
            schema_version: SCHEMA_VERSION,
            content_hash: bundle.content_hash.clone(),
            latest_source_date: bundle.latest_source_date,
            coverage,
            years,
            themes,
            total_bytes: table.districts.iter().map(|entry| entry.bytes).sum(),
            directory_buckets: buckets,
            term_buckets: 0,
        };
        if !index.loads_whole() {
            let (term_buckets, term_files) = term_files(keys, &bundle.content_hash);
            index.term_buckets = term_buckets;
            for (number, terms) in term_files.iter().enumerate() {
                file(
                    term_file_path(version, number as u32),
                    &json_writer::to_string(terms).expect("a term file always serializes"),
                );
            }
        }
        let mut directories = vec![
            Directory {
                schema_version: SCHEMA_VERSION,
                content_hash: bundle.content_hash.clone(),
                places: BTreeMap::new(),
            };
            buckets as usize
        ];
        for (key, district) in places {
            directories[bucket(&key, buckets) as usize]
                .places
                .insert(key, district.clone());
        }
        for (number, directory) in directories.iter().enumerate() {
            file(
                directory_path(version, number as u32),
                &json_writer::to_string(directory).expect("a directory always serializes"),
            );
        }
        file(
            pinned_index_path(version),
            &json_writer::to_string(&index).expect("an index always serializes"),
        );
        file(
            index.districts_file(),
            &json_writer::to_string(&table).expect("a district table always serializes"),
        );
        (index, table)
    }
}

/// Item counts per plan year (the year its document was issued), oldest first, summed
/// from the documents' counts.
pub fn year_counts(bundle: &Bundle) -> Vec<YearCounts> {
    let mut years: BTreeMap<u16, StatusCounts> = BTreeMap::new();
    // A year is counted where it has items, as each item counts it.
    let with_items = bundle
        .documents
        .iter()
        .filter(|document| document.status_counts.total() > 0);
    for document in with_items {
        if let Some(year) = document.year() {
            let counts = years.entry(year).or_default();
            *counts = counts.plus(&document.status_counts);
        }
    }
    years
        .into_iter()
        .map(|(year, counts)| YearCounts { year, counts })
        .collect()
}

/// A bundle's items and suggestions as the compiler holds them, apart from it
/// ([`Cutter::apart`]).
#[derive(Clone, Copy)]
pub struct ItemsApart<'a> {
    /// How many items each document has, in the bundle's document order.
    pub counts: &'a [u32],
    /// The items' ids, by position.
    pub ids: &'a (dyn ItemIds + Sync),
    /// The suggestions, found among the items.
    pub found: &'a [Found],
}

/// Which records of a bundle go to which district's shard, worked out in one pass over
/// each list (linear in the corpus); each shard is then built on its own.
struct ShardPlan<'a> {
    bundle: &'a Bundle,
    /// Per district (in district order): positions of its documents, items, units,
    /// progress events, lineage links and suggestions in the bundle's lists, each list
    /// made at its length (a national corpus places 850,000 items and 2.9 million
    /// suggestions).
    documents: Vec<Vec<u32>>,
    items: Vec<Vec<u32>>,
    units: Vec<Vec<u32>>,
    progress: Vec<Vec<u32>>,
    lineage: Vec<Vec<u32>>,
    suggestions: Vec<Vec<u32>>,
    /// The suggestions `suggestions` holds positions in.
    suggestion_list: Suggestions<'a>,
    /// Per district: `(theme position, its members there)`, in theme order.
    themes: Vec<Vec<(usize, Vec<&'a str>)>>,
    /// The items and suggestions, where held apart from the bundle (`items` then empty).
    apart: Option<ItemsApart<'a>>,
}

impl<'a> ShardPlan<'a> {
    fn new(
        bundle: &'a Bundle,
        apart: Option<ItemsApart<'a>>,
        place_of_item: &impl Fn(&str) -> Option<&'a str>,
    ) -> Self {
        let slot = positions(&bundle.districts, |district| &district.id);
        let count = bundle.districts.len();
        let slot_of = |district: &str| slot.get(district).map(|&at| at as u32);
        let slot_of_item = |item: &str| place_of_item(item).and_then(slot_of);
        let item_slots: Vec<Option<u32>> = match apart {
            None => bundle
                .items
                .iter()
                .map(|item| slot_of_item(&item.id))
                .collect(),
            Some(apart) => bundle
                .documents
                .iter()
                .zip(apart.counts)
                .flat_map(|(document, &count)| {
                    std::iter::repeat_n(slot_of(&document.district), count as usize)
                })
                .collect(),
        };
        // Suggestions found among the items are placed by position, without an id to look
        // up: a national corpus has millions.
        let (suggestions, suggestion_list) = match apart {
            Some(apart) => (
                by_ends(
                    count,
                    apart.found.iter().map(|found| {
                        (
                            item_slots[found.from as usize],
                            item_slots[found.to as usize],
                        )
                    }),
                ),
                Suggestions::Found(apart.ids, apart.found),
            ),
            None => (
                by_ends(
                    count,
                    bundle.suggestions.iter().map(|suggestion| {
                        (slot_of_item(&suggestion.from), slot_of_item(&suggestion.to))
                    }),
                ),
                Suggestions::Records(&bundle.suggestions),
            ),
        };
        let mut themes = vec![Vec::new(); count];
        for (position, theme) in bundle.themes.iter().enumerate() {
            let mut members: Vec<Vec<&str>> = vec![Vec::new(); count];
            for item in &theme.items {
                if let Some(at) = slot_of_item(item) {
                    members[at as usize].push(item.as_str());
                }
            }
            for (at, items) in members.into_iter().enumerate() {
                if !items.is_empty() {
                    themes[at].push((position, items));
                }
            }
        }
        // Items held apart are given to each district's cut instead.
        let items = match apart {
            None => by_place(count, item_slots.iter().copied()),
            Some(_) => vec![Vec::new(); count],
        };
        ShardPlan {
            bundle,
            documents: by_place(
                count,
                bundle
                    .documents
                    .iter()
                    .map(|document| slot_of(&document.district)),
            ),
            items,
            units: by_place(
                count,
                bundle.units.iter().map(|unit| slot_of(&unit.district)),
            ),
            progress: by_place(
                count,
                bundle
                    .progress
                    .iter()
                    .map(|event| slot_of_item(&event.item)),
            ),
            lineage: by_ends(
                count,
                bundle
                    .lineage
                    .iter()
                    .map(|link| (slot_of_item(&link.from), slot_of_item(&link.to))),
            ),
            suggestions,
            suggestion_list,
            themes,
            apart,
        }
    }

    /// The ids of the items the suggestions are found among.
    fn ids(&self) -> &'a (dyn ItemIds + Sync) {
        match self.apart {
            Some(apart) => apart.ids,
            None => &self.bundle.items,
        }
    }

    /// District `at`'s part of the bundle: a bundle of the same version.
    fn shard(&self, at: usize) -> Bundle {
        let (mut shard, suggestions) = self.shard_apart(at);
        shard.suggestions = match suggestions {
            Picked::Found(found) => found
                .iter()
                .map(|found| found.suggestion(self.ids()))
                .collect(),
            Picked::Records(records) => records,
        };
        shard
    }

    /// [`ShardPlan::shard`] without its suggestions, and those apart: as found among the
    /// bundle's items, if they are, rather than as records with two ids each (the
    /// suggestions of 1,000 synthetic documents' shards are 270,000 strings).
    fn shard_apart(&self, at: usize) -> (Bundle, Picked) {
        let bundle = self.bundle;
        let positions = &self.suggestions[at];
        let suggestions = match self.suggestion_list {
            Suggestions::Found(_, found) => Picked::Found(
                positions
                    .iter()
                    .map(|&position| found[position as usize])
                    .collect(),
            ),
            Suggestions::Records(records) => Picked::Records(picked(positions, records)),
        };
        let shard = Bundle {
            schema_version: bundle.schema_version,
            content_hash: bundle.content_hash.clone(),
            latest_source_date: bundle.latest_source_date,
            districts: vec![bundle.districts[at].clone()],
            documents: picked(&self.documents[at], &bundle.documents),
            items: picked(&self.items[at], &bundle.items),
            units: picked(&self.units[at], &bundle.units),
            progress: picked(&self.progress[at], &bundle.progress),
            lineage: picked(&self.lineage[at], &bundle.lineage),
            suggestions: Vec::new(),
            themes: self.themes[at]
                .iter()
                .map(|(position, items)| {
                    let theme = &bundle.themes[*position];
                    Theme {
                        id: theme.id.clone(),
                        name: theme.name.clone(),
                        name_en: theme.name_en.clone(),
                        items: items.iter().map(|item| item.to_string()).collect(),
                    }
                })
                .collect(),
        };
        (shard, suggestions)
    }
}

/// A district's suggestions, apart from its shard ([`ShardPlan::shard_apart`]).
enum Picked {
    /// Found among the bundle's items.
    Found(Vec<Found>),
    /// As records, for a bundle that holds them so.
    Records(Vec<LineageSuggestion>),
}

impl Picked {
    /// The suggestions, to be written; `ids` are the bundle's items'.
    fn listed<'a>(&'a self, ids: &'a (dyn ItemIds + Sync)) -> Suggestions<'a> {
        match self {
            Picked::Found(found) => Suggestions::Found(ids, found),
            Picked::Records(records) => Suggestions::Records(records),
        }
    }
}

/// A shard as its JSON has it, with its suggestions given apart ([`Suggestions`]) rather
/// than held as records: [`Bundle`]'s fields, in its order and under its name (so that
/// [`CHART_BLANKS`] find them); a test keeps the two written alike.
#[derive(Serialize)]
#[serde(rename = "Bundle")]
struct ShardJson<'a> {
    schema_version: u32,
    content_hash: &'a str,
    latest_source_date: Option<crate::Date>,
    districts: &'a [District],
    documents: &'a [crate::Document],
    items: &'a [Item],
    units: &'a [crate::Unit],
    progress: &'a [crate::ProgressEvent],
    lineage: &'a [crate::LineageLink],
    suggestions: Suggestions<'a>,
    themes: &'a [Theme],
}

impl<'a> ShardJson<'a> {
    /// `shard` with `suggestions` in place of its own.
    fn of(shard: &'a Bundle, suggestions: Suggestions<'a>) -> ShardJson<'a> {
        ShardJson {
            schema_version: shard.schema_version,
            content_hash: &shard.content_hash,
            latest_source_date: shard.latest_source_date,
            districts: &shard.districts,
            documents: &shard.documents,
            items: &shard.items,
            units: &shard.units,
            progress: &shard.progress,
            lineage: &shard.lineage,
            suggestions,
            themes: &shard.themes,
        }
    }
}

/// Clones of the elements of `list` at `positions`.
fn picked<T: Clone>(positions: &[u32], list: &[T]) -> Vec<T> {
    positions
        .iter()
        .map(|&position| list[position as usize].clone())
        .collect()
}

/// The positions of the records whose districts `places` gives (each record's, if any),
/// grouped by district: `count` lists.
fn by_place(count: usize, places: impl Iterator<Item = Option<u32>> + Clone) -> Vec<Vec<u32>> {
    grouped(
        count,
        places
            .enumerate()
            .filter_map(|(position, place)| Some((place?, position))),
    )
}

/// [`by_place`] for records with two ends, such as links: a record whose ends are in two
/// districts is in both lists (`merge` keeps one).
fn by_ends(
    count: usize,
    ends: impl Iterator<Item = (Option<u32>, Option<u32>)> + Clone,
) -> Vec<Vec<u32>> {
    grouped(
        count,
        ends.enumerate().flat_map(|(position, (from, to))| {
            let to = to.filter(|to| Some(*to) != from);
            [from, to]
                .into_iter()
                .flatten()
                .map(move |at| (at, position))
        }),
    )
}

/// `(district, position)` pairs grouped by district: `count` lists of positions, each
/// made at its length after a first pass counts them (a national corpus places 2.9
/// million suggestions). Positions fit `u32`: a bundle's lists are far shorter.
fn grouped(count: usize, placed: impl Iterator<Item = (u32, usize)> + Clone) -> Vec<Vec<u32>> {
    let mut lengths = vec![0; count];
    for (at, _) in placed.clone() {
        lengths[at as usize] += 1;
    }
    let mut lists: Vec<Vec<u32>> = lengths.into_iter().map(Vec::with_capacity).collect();
    for (at, position) in placed {
        lists[at as usize].push(position as u32);
    }
    lists
}

/// Each record's position in `list`, by its id (the last one, should an id repeat).
fn positions<'a, T>(list: &'a [T], id: impl Fn(&'a T) -> &'a String) -> HashMap<&'a str, usize> {
    list.iter()
        .enumerate()
        .map(|(position, record)| (id(record).as_str(), position))
        .collect()
}

/// One bundle from district shards, in the orders the compiler writes: districts as the
/// table lists them, every theme as the index does (with the items the shards hold, if
/// any: [`with_every_theme`]), documents by date, items by document then number. Merging
/// every shard gives back the whole bundle.
pub fn merge(index: &SiteIndex, table: &DistrictTable, shards: &[&Bundle]) -> Bundle {
    let district_rank = positions(&table.districts, |entry| &entry.district.id);
    let mut shards: Vec<&Bundle> = shards.to_vec();
    crate::order::sort_by_key(&mut shards, |shard| {
        shard
            .districts
            .first()
            .and_then(|district| district_rank.get(district.id.as_str()).copied())
    });
    let mut merged = Bundle {
        schema_version: index.schema_version,
        content_hash: index.content_hash.clone(),
        latest_source_date: index.latest_source_date,
        ..Bundle::default()
    };
    for shard in &shards {
        merged.districts.extend(shard.districts.iter().cloned());
        merged.documents.extend(shard.documents.iter().cloned());
        merged.items.extend(shard.items.iter().cloned());
        merged.units.extend(shard.units.iter().cloned());
        merged.progress.extend(shard.progress.iter().cloned());
        merged.lineage.extend(shard.lineage.iter().cloned());
        merged.suggestions.extend(shard.suggestions.iter().cloned());
    }
    // A link across districts came with both its shards: keep its first copy.
    let mut seen = HashSet::default();
    merged.lineage.retain(|link| seen.insert(link.clone()));
    let mut seen = HashSet::default();
    merged
        .suggestions
        .retain(|suggestion| seen.insert(suggestion.clone()));
    crate::order::sort_by(&mut merged.documents, |a, b| {
        (a.date(), &a.id).cmp(&(b.date(), &b.id))
    });
    let position = positions(&merged.documents, |document| &document.id);
    crate::order::sort_by_key(&mut merged.items, |item| {
        (position.get(&*item.document).copied(), item.number)
    });
    let item_rank = positions(&merged.items, |item| &item.id);
    merged.themes = index
        .themes
        .iter()
        .map(|entry| {
            let mut items: Vec<String> = shards
                .iter()
                .flat_map(|shard| shard.themes.iter())
                .filter(|theme| theme.id == entry.id)
                .flat_map(|theme| theme.items.iter().cloned())
                .collect();
            crate::order::sort_by_key(&mut items, |item| item_rank.get(item.as_str()).copied());
            entry.theme(items)
        })
        .collect();
    merged
}

/// `shard` with every theme of the corpus (the index's, in its order), each with the items
/// the shard holds. A page's data narrowed to some districts then still knows a theme none
/// of their items has: a chart or list filtered by it shows nothing, rather than ignoring
/// the filter as if the theme did not exist.
pub fn with_every_theme(mut shard: Bundle, index: &SiteIndex) -> Bundle {
    let mut held = std::mem::take(&mut shard.themes);
    shard.themes = index
        .themes
        .iter()
        .map(|entry| {
            let items = held
                .iter_mut()
                .find(|theme| theme.id == entry.id)
                .map(|theme| std::mem::take(&mut theme.items));
            entry.theme(items.unwrap_or_default())
        })
        .collect();
    shard
}

/// True when `shard` comes from the data version `index` describes.
pub fn belongs_to(shard: &Bundle, index: &SiteIndex) -> bool {
    shard.content_hash == index.content_hash
}

/// Which shards a browser keeps in memory: the most recently fetched, while their files
/// together stay within [`LOAD_ALL_LIMIT_BYTES`] (and always the newest). A whole corpus
/// that loads at once therefore stays loaded, which is what fetching it ahead is for, and
/// a reader moving through a national corpus holds a bounded amount however far they go.
#[derive(Clone, Debug, Default)]
pub struct KeptShards {
    /// District ids with their files' sizes, oldest first.
    order: std::collections::VecDeque<(String, u64)>,
    /// Their sizes together.
    bytes: u64,
}

impl KeptShards {
    /// Records that `district`'s shard, a file of `bytes`, was fetched; returns the
    /// districts whose shards to drop, oldest first.
    pub fn keep(&mut self, district: &str, bytes: u64) -> Vec<String> {
        if let Some(at) = self.order.iter().position(|(kept, _)| kept == district) {
            if let Some((_, old)) = self.order.remove(at) {
                self.bytes -= old;
            }
        }
        self.order.push_back((district.to_string(), bytes));
        self.bytes += bytes;
        let mut dropped = Vec::new();
        while self.bytes > LOAD_ALL_LIMIT_BYTES && self.order.len() > 1 {
            if let Some((oldest, size)) = self.order.pop_front() {
                self.bytes -= size;
                dropped.push(oldest);
            }
        }
        dropped
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::view::ChartKind;
    use crate::model::document_and_number;

    #[test]
    fn a_shard_is_written_as_its_bundle_and_a_chart_shard_as_that_for_charts() {
        let bundle: Bundle = serde_json::from_str(include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../public/data/bundle.json"
        )))
        .unwrap();
        // Every field the charts go without is there to be emptied.
        assert!(bundle.items.iter().any(|item| item.subsection.is_some()));
        assert!(bundle
            .progress
            .iter()
            .all(|event| !event.note_en.is_empty()));
        assert!(!bundle.lineage.is_empty() && !bundle.suggestions.is_empty());
        let mut files = BTreeMap::new();
        let cutter = Cutter::new(&bundle);
        let mut keep = |path: String, json: &str| {
            files.insert(path, json.to_string());
        };
        for at in 0..cutter.districts() {
            cutter.district(at, &mut keep);
        }
        let mut suggested = false;
        for district in &bundle.districts {
            let version = bundle.version();
            // Its suggestions given apart, written as the bundle's own.
            let shard = district_shard(&bundle, &district.id).unwrap();
            suggested |= !shard.suggestions.is_empty();
            assert_eq!(
                files[&shard_path(version, &district.id)],
                json_writer::to_string(&shard).unwrap()
            );
            assert_eq!(
                files[&chart_shard_path(version, &district.id)],
                json_writer::to_string(&shard.for_charts()).unwrap(),
                "{}",
                district.id
            );
        }
        assert!(suggested);
    }

    #[test]
    fn records_are_grouped_in_order_into_lists_of_their_length() {
        // Records placed in district 1, nowhere, 0, 1.
        let lists = by_place(3, [Some(1), None, Some(0), Some(1)].into_iter());
        assert_eq!(lists, vec![vec![2], vec![0, 3], vec![]]);
        // Links: within district 0, from 2 to 0, from nowhere to 1, and within 2.
        let lists = by_ends(
            3,
            [
                (Some(0), Some(0)),
                (Some(2), Some(0)),
                (None, Some(1)),
                (Some(2), Some(2)),
            ]
            .into_iter(),
        );
        assert_eq!(lists, vec![vec![0, 1], vec![2], vec![1, 3]]);
        assert!(lists.iter().all(|list| list.capacity() == list.len()));
    }

    #[test]
    fn earlier_versions_keep_only_what_pinned_embeds_load() {
        for kept in [
            "index.json",
            "districts.json",
            "directory-0.json",
            "directory-117.json",
            "charts/luohu.json",
        ] {
            assert!(kept_for_pinned_embeds(kept), "{kept}");
        }
        for dropped in [
            "luohu.json",
            "directory-.json",
            "directory-x.json",
            "charts/.json",
            "charts/a/b.json",
            "charts/luohu.txt",
            "other/index.json",
            "",
        ] {
            assert!(!kept_for_pinned_embeds(dropped), "{dropped}");
        }
        assert_eq!(pinned_index_path("00ff"), "shards/00ff/index.json");
    }

    #[test]
    fn each_page_needs_what_it_shows() {
        let need = |page: Page, query: &[(&'static str, &'static str)]| {
            Need::of_page(&page, query.iter().copied())
        };
        let everything = |district: Option<&str>, unit: Option<&str>| {
            Some(Need::Everything {
                district: district.map(String::from),
                unit: unit.map(String::from),
            })
        };
        assert_eq!(need(Page::Home, &[]), None);
        assert_eq!(
            document_of_item("2014-luohu-reform-plan/26"),
            "2014-luohu-reform-plan"
        );
        assert_eq!(document_of_item("no-number"), "no-number");
        assert_eq!(
            document_and_number("2014-luohu-reform-plan/26"),
            Some(("2014-luohu-reform-plan", 26))
        );
        assert_eq!(document_and_number("no-number"), None);
        assert_eq!(document_and_number("a/b/x"), None);
        // Not how item ids write a number: no item's id.
        assert_eq!(document_and_number("doc/007"), None);
        assert_eq!(document_and_number("doc/+7"), None);
        assert_eq!(document_and_number("doc/0"), Some(("doc", 0)));
        assert_eq!(
            need(Page::Embed(ChartKind::Timeline), &[("district", "luohu")]),
            everything(Some("luohu"), None)
        );
        assert_eq!(
            need(Page::Item("2014-luohu-reform-plan/26".into()), &[]),
            Some(Need::Document("2014-luohu-reform-plan".into()))
        );
        assert_eq!(need(Page::Search, &[("q", "审批")]), everything(None, None));
        // The district's page is its own, whatever the query says.
        assert_eq!(
            need(Page::District("luohu".into()), &[("district", "yantian")]),
            everything(Some("luohu"), None)
        );
        assert_eq!(
            need(Page::Search, &[("unit", "u"), ("district", "luohu")]),
            everything(Some("luohu"), Some("u"))
        );
        assert_eq!(
            need(Page::Theme("t".into()), &[("district", "")]),
            Some(Need::Theme {
                id: "t".into(),
                district: None
            })
        );
    }

    #[test]
    fn a_theme_page_covers_its_theme_only() {
        let mut index = Split::new(&Bundle::default()).index;
        index.themes.push(ThemeEntry {
            id: "harbour".into(),
            name: "港口".into(),
            name_en: "Harbour".into(),
            items: 3,
            bytes: 42,
        });
        let covered = |page: Page| index.theme_of_page(&page).map(|theme| theme.items);
        assert_eq!(covered(Page::Theme("harbour".into())), Some(3));
        assert_eq!(covered(Page::Theme("no-such-theme".into())), None);
        assert_eq!(covered(Page::Search), None);
        assert_eq!(covered(Page::Themes), None);
    }

    #[test]
    fn districts_are_found_by_either_name_or_id() {
        let entry = |id: &str, name: &str, name_en: &str| DistrictEntry {
            district: District {
                id: id.into(),
                name: name.into(),
                name_en: name_en.into(),
            },
            documents: 1,
            units: 1,
            counts: StatusCounts::default(),
            years: None,
            bytes: 1,
        };
        let table = DistrictTable {
            districts: vec![
                entry("luohu", "罗湖区", "Luohu District"),
                entry("yantian", "盐田区", "Yantian District"),
            ],
            theme_districts: [("harbour".to_string(), vec!["yantian".to_string()])].into(),
            ..DistrictTable::default()
        };
        let ids_within = |text: &str, theme: Option<&str>| -> Vec<String> {
            table
                .matching(text, theme, None)
                .into_iter()
                .map(|position| table.districts[position].district.id.clone())
                .collect()
        };
        let ids = |text: &str| ids_within(text, None);
        assert_eq!(ids_within("", Some("harbour")), ["yantian"]);
        assert_eq!(ids_within("district", Some("harbour")), ["yantian"]);
        assert_eq!(ids_within("luohu", Some("harbour")), Vec::<String>::new());
        assert!(ids_within("", Some("no-such-theme")).is_empty());
        assert_eq!(table.matching("", None, Some(&[1])), [1]);
        assert_eq!(
            table.matching("luohu", None, Some(&[1])),
            Vec::<usize>::new()
        );
        assert_eq!(table.matching("区", None, Some(&[])), Vec::<usize>::new());
        assert_eq!(ids("盐田"), ["yantian"]);
        assert_eq!(ids(" LUOHU "), ["luohu"]);
        assert_eq!(ids("district"), ["luohu", "yantian"]);
        assert_eq!(ids(""), ["luohu", "yantian"]);
        assert!(ids("福田").is_empty());
    }

    #[test]
    fn buckets_are_stable_and_in_range() {
        // FNV-1a of "a" is 0xe40c292c: the same on every platform and in the browser.
        assert_eq!(bucket("a", u32::MAX), 0xe40c_292c);
        assert_eq!(bucket("anything", 1), 0);
        assert_eq!(bucket("anything", 0), 0);
        assert!((0..1000).all(|n| bucket(&format!("id-{n}"), 7) < 7));
    }

    #[test]
    fn keeps_the_newest_shards_within_the_limit() {
        let mut kept = KeptShards::default();
        let third = LOAD_ALL_LIMIT_BYTES / 3;
        // Many small shards that together load at once: every one stays.
        for district in 0..40 {
            assert!(kept
                .keep(&format!("d{district}"), LOAD_ALL_LIMIT_BYTES / 40)
                .is_empty());
        }
        let mut kept = KeptShards::default();
        assert!(kept.keep("a", third).is_empty());
        assert!(kept.keep("b", third).is_empty());
        assert!(kept.keep("c", third).is_empty());
        // Fetched again: it is the newest now, and not counted twice.
        assert!(kept.keep("a", third).is_empty());
        assert_eq!(kept.keep("d", third), ["b"]);
        assert_eq!(kept.keep("huge", 2 * LOAD_ALL_LIMIT_BYTES), ["c", "a", "d"]);
        assert_eq!(kept.keep("e", 1), ["huge"], "the newest always stays");
    }
}
