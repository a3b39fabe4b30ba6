//! The bundle in pieces, so that what a reader downloads does not grow with the corpus.
//!
//! The compiler splits the bundle into:
//! - `data/index.json` ([`SiteIndex`]): the headline figures, per-year and per-district
//!   counts, and where everything else lives. It grows with the number of districts, never
//!   with documents or items. The overview needs nothing else.
//! - one shard per district (`data/shards/<version>/<district>.json`): a [`Bundle`] holding
//!   only that district's documents, items, units and evidence. Pages load the shards they
//!   need ([`Need`]) and [`merge`] them.
//! - a directory (`data/shards/<version>/directory-<n>.json`, [`Directory`]) saying which
//!   district a document or unit belongs to, cut into [`SiteIndex::directory_buckets`]
//!   files by a hash of the id, so a deep link fetches one small file.
//!
//! Shard paths carry the data version: a reader holding an old index never mixes versions;
//! it gets a 404 and is told to reload.

use crate::model::{Bundle, District, ItemStatus, StatusCounts, Theme, SCHEMA_VERSION};
use crate::query::Coverage;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};

/// Pages that want every district load them all while the shards together stay under
/// this many bytes; beyond it they ask the reader to choose a district.
pub const LOAD_ALL_LIMIT_BYTES: u64 = 2_000_000;

/// Directory entries per directory file, roughly: a deep link fetches one such file.
pub const DIRECTORY_ENTRIES_PER_FILE: usize = 2_000;

/// `data/index.json`: everything the first view shows, and where the rest lives.
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
    /// Every district, in catalog order, with its figures and its shard.
    pub districts: Vec<DistrictEntry>,
    /// Every theme, in curated order, with the districts its items come from.
    pub themes: Vec<ThemeEntry>,
    /// How many directory files there are (at least 1).
    pub directory_buckets: u32,
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

/// One district in the index.
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
    /// Path of its shard below the site's `data/` folder.
    pub shard: String,
    /// Size of the shard file in bytes.
    pub bytes: u64,
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
    /// [`District::id`]s its items come from, in catalog order.
    pub districts: Vec<String>,
}

/// One directory file: the district of each document and unit whose id hashes to it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Directory {
    /// Shape version of this file; see [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// [`Bundle::content_hash`] of the corpus it describes.
    pub content_hash: String,
    /// Document or unit id → [`District::id`].
    pub places: BTreeMap<String, String>,
}

/// What a page needs loaded.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Need {
    /// Every district (lists and charts over the whole corpus).
    Everything,
    /// One district.
    District(String),
    /// The district of a document (or of one of its items).
    Document(String),
    /// The district of a unit.
    Unit(String),
    /// The districts a theme's items come from.
    Theme(String),
}

/// Where a need leads once the index is known.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Resolved {
    /// Load these districts' shards.
    Districts(Vec<String>),
    /// Look the id up in this directory file first.
    LookUp {
        /// The id to look up.
        id: String,
        /// Path of the directory file below `data/`.
        file: String,
    },
    /// Too much to load at once: the reader should choose a district.
    ChooseDistrict,
    /// No such district or theme: the page does not exist.
    Unknown,
}

impl SiteIndex {
    /// Which shards `need` asks for, or which directory file says so.
    pub fn resolve(&self, need: &Need) -> Resolved {
        match need {
            Need::Everything if self.total_bytes() > LOAD_ALL_LIMIT_BYTES => {
                Resolved::ChooseDistrict
            }
            Need::Everything => Resolved::Districts(
                self.districts
                    .iter()
                    .map(|entry| entry.district.id.clone())
                    .collect(),
            ),
            Need::District(id) if self.district(id).is_some() => {
                Resolved::Districts(vec![id.clone()])
            }
            Need::District(_) => Resolved::Unknown,
            Need::Document(id) | Need::Unit(id) => Resolved::LookUp {
                id: id.clone(),
                file: self.directory_file(id),
            },
            Need::Theme(id) => match self.themes.iter().find(|theme| theme.id == *id) {
                Some(theme) => {
                    let bytes: u64 = theme
                        .districts
                        .iter()
                        .filter_map(|district| self.district(district))
                        .map(|entry| entry.bytes)
                        .sum();
                    if bytes > LOAD_ALL_LIMIT_BYTES {
                        Resolved::ChooseDistrict
                    } else {
                        Resolved::Districts(theme.districts.clone())
                    }
                }
                None => Resolved::Unknown,
            },
        }
    }

    /// The entry of one district.
    pub fn district(&self, id: &str) -> Option<&DistrictEntry> {
        self.districts.iter().find(|entry| entry.district.id == id)
    }

    /// Bytes of all shards together.
    pub fn total_bytes(&self) -> u64 {
        self.districts.iter().map(|entry| entry.bytes).sum()
    }

    /// The data version (as [`Bundle::version`]).
    pub fn version(&self) -> &str {
        self.content_hash
            .get(..16)
            .unwrap_or(self.content_hash.as_str())
    }

    /// Path below `data/` of the directory file that holds `id`.
    pub fn directory_file(&self, id: &str) -> String {
        directory_path(self.version(), bucket(id, self.directory_buckets))
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

/// Path below `data/` of directory file `bucket`.
pub fn directory_path(version: &str, bucket: u32) -> String {
    format!("shards/{version}/directory-{bucket}.json")
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
    /// The index, with every shard's size filled in by [`Split::new`].
    pub index: SiteIndex,
    /// Each district's shard as `(path below data/, JSON)`.
    pub shards: Vec<(String, String)>,
    /// The directory files as `(path below data/, JSON)`.
    pub directories: Vec<(String, String)>,
}

impl Split {
    /// Cuts `bundle` into an index, one shard per district and the directory files.
    pub fn new(bundle: &Bundle) -> Split {
        let version = bundle.version().to_string();
        let place_of_document: HashMap<&str, &str> = bundle
            .documents
            .iter()
            .map(|document| (document.id.as_str(), document.district.as_str()))
            .collect();
        let place_of_item = |item: &str| -> Option<&str> {
            let document = item.rsplit_once('/').map_or(item, |(document, _)| document);
            place_of_document.get(document).copied()
        };
        let mut shards = Vec::new();
        let mut districts = Vec::new();
        for district in &bundle.districts {
            let shard = shard_of(bundle, &district.id, &place_of_item);
            let json = serde_json::to_string(&shard).expect("a bundle always serializes");
            let path = shard_path(&version, &district.id);
            let coverage = shard.coverage();
            districts.push(DistrictEntry {
                district: district.clone(),
                documents: shard.documents.len() as u32,
                units: coverage.units as u32,
                counts: coverage.statuses,
                years: coverage.years,
                shard: path.clone(),
                bytes: json.len() as u64,
            });
            shards.push((path, json));
        }
        let themes = bundle
            .themes
            .iter()
            .map(|theme| {
                let mut places: HashSet<&str> = HashSet::new();
                for item in &theme.items {
                    places.extend(place_of_item(item));
                }
                ThemeEntry {
                    id: theme.id.clone(),
                    name: theme.name.clone(),
                    name_en: theme.name_en.clone(),
                    items: theme.items.len() as u32,
                    districts: bundle
                        .districts
                        .iter()
                        .filter(|district| places.contains(district.id.as_str()))
                        .map(|district| district.id.clone())
                        .collect(),
                }
            })
            .collect();
        let entries = bundle.documents.len() + bundle.units.len();
        let buckets = entries.div_ceil(DIRECTORY_ENTRIES_PER_FILE).max(1) as u32;
        let mut files = vec![
            Directory {
                schema_version: SCHEMA_VERSION,
                content_hash: bundle.content_hash.clone(),
                places: BTreeMap::new(),
            };
            buckets as usize
        ];
        let places = bundle
            .documents
            .iter()
            .map(|document| (&document.id, &document.district))
            .chain(bundle.units.iter().map(|unit| (&unit.id, &unit.district)));
        for (id, district) in places {
            files[bucket(id, buckets) as usize]
                .places
                .insert(id.clone(), district.clone());
        }
        let directories = files
            .iter()
            .enumerate()
            .map(|(number, file)| {
                (
                    directory_path(&version, number as u32),
                    serde_json::to_string(file).expect("a directory always serializes"),
                )
            })
            .collect();
        let index = SiteIndex {
            schema_version: SCHEMA_VERSION,
            content_hash: bundle.content_hash.clone(),
            latest_source_date: bundle.latest_source_date,
            coverage: bundle.coverage(),
            years: year_counts(bundle),
            districts,
            themes,
            directory_buckets: buckets,
        };
        Split {
            index,
            shards,
            directories,
        }
    }
}

/// Item counts per plan year, oldest first.
fn year_counts(bundle: &Bundle) -> Vec<YearCounts> {
    let year_of: HashMap<&str, Option<u16>> = bundle
        .documents
        .iter()
        .map(|document| (document.id.as_str(), document.year()))
        .collect();
    let mut years: BTreeMap<u16, Vec<ItemStatus>> = BTreeMap::new();
    for item in &bundle.items {
        if let Some(Some(year)) = year_of.get(item.document.as_str()) {
            years.entry(*year).or_default().push(item.status);
        }
    }
    years
        .into_iter()
        .map(|(year, statuses)| YearCounts {
            year,
            counts: StatusCounts::of(statuses),
        })
        .collect()
}

/// The part of `bundle` that belongs to `district`: a bundle of the same version.
fn shard_of<'a>(
    bundle: &'a Bundle,
    district: &str,
    place_of_item: &impl Fn(&str) -> Option<&'a str>,
) -> Bundle {
    let here = |item: &str| place_of_item(item) == Some(district);
    Bundle {
        schema_version: bundle.schema_version,
        content_hash: bundle.content_hash.clone(),
        latest_source_date: bundle.latest_source_date,
        districts: bundle
            .districts
            .iter()
            .filter(|candidate| candidate.id == district)
            .cloned()
            .collect(),
        documents: bundle
            .documents
            .iter()
            .filter(|document| document.district == district)
            .cloned()
            .collect(),
        items: bundle
            .items
            .iter()
            .filter(|item| here(&item.id))
            .cloned()
            .collect(),
        units: bundle
            .units
            .iter()
            .filter(|unit| unit.district == district)
            .cloned()
            .collect(),
        progress: bundle
            .progress
            .iter()
            .filter(|event| here(&event.item))
            .cloned()
            .collect(),
        // A link across districts sits in both shards; `merge` keeps one.
        lineage: bundle
            .lineage
            .iter()
            .filter(|link| here(&link.from) || here(&link.to))
            .cloned()
            .collect(),
        suggestions: bundle
            .suggestions
            .iter()
            .filter(|suggestion| here(&suggestion.from) || here(&suggestion.to))
            .cloned()
            .collect(),
        themes: bundle
            .themes
            .iter()
            .filter_map(|theme| {
                let items: Vec<String> = theme
                    .items
                    .iter()
                    .filter(|item| here(item))
                    .cloned()
                    .collect();
                (!items.is_empty()).then(|| Theme {
                    items,
                    ..theme.clone()
                })
            })
            .collect(),
    }
}

/// One bundle from district shards, in the orders the compiler writes: districts and
/// themes as the index lists them, documents by date, items by document then number.
/// Merging every shard gives back the whole bundle.
pub fn merge(index: &SiteIndex, shards: &[&Bundle]) -> Bundle {
    let district_rank: HashMap<&str, usize> = index
        .districts
        .iter()
        .enumerate()
        .map(|(rank, entry)| (entry.district.id.as_str(), rank))
        .collect();
    let mut shards: Vec<&Bundle> = shards.to_vec();
    shards.sort_by_key(|shard| {
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
        for link in &shard.lineage {
            if !merged.lineage.contains(link) {
                merged.lineage.push(link.clone());
            }
        }
        for suggestion in &shard.suggestions {
            if !merged.suggestions.contains(suggestion) {
                merged.suggestions.push(suggestion.clone());
            }
        }
    }
    merged
        .documents
        .sort_by(|a, b| (a.date(), &a.id).cmp(&(b.date(), &b.id)));
    let position: HashMap<&str, usize> = merged
        .documents
        .iter()
        .enumerate()
        .map(|(position, document)| (document.id.as_str(), position))
        .collect();
    merged
        .items
        .sort_by_cached_key(|item| (position.get(item.document.as_str()).copied(), item.number));
    let item_rank: HashMap<&str, usize> = merged
        .items
        .iter()
        .enumerate()
        .map(|(rank, item)| (item.id.as_str(), rank))
        .collect();
    merged.themes = index
        .themes
        .iter()
        .filter_map(|entry| {
            let mut items: Vec<String> = shards
                .iter()
                .flat_map(|shard| shard.themes.iter())
                .filter(|theme| theme.id == entry.id)
                .flat_map(|theme| theme.items.iter().cloned())
                .collect();
            if items.is_empty() {
                return None;
            }
            items.sort_by_key(|item| item_rank.get(item.as_str()).copied());
            Some(Theme {
                id: entry.id.clone(),
                name: entry.name.clone(),
                name_en: entry.name_en.clone(),
                items,
            })
        })
        .collect();
    merged
}

/// True when `shard` comes from the data version `index` describes.
pub fn belongs_to(shard: &Bundle, index: &SiteIndex) -> bool {
    shard.content_hash == index.content_hash
}
