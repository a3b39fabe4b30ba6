//! Seeds → bundle. Reading files is kept apart from checking and assembling them, so that
//! every problem in every file is found in one run.

use crate::catalog::{parse_catalog, Catalog, DocumentEntry};
use crate::curated::{CuratedFiles, QuoteLines, LINEAGE_FILE, PROGRESS_FILE, THEMES_FILE};
use crate::item_store::{ItemEncoder, ItemStore};
use crate::item_texts::{put_back, Items, Texts};
use crate::output::{HoldPlace, PLACE_HELD};
use crate::parallel::{for_each_in_order_on_every_core, map_on_every_core, reserve_at_rate};
use crate::problem::Problem;
use crate::registry::parse_registry;
use reform_core::header::read_header;
use reform_core::items::{plan_year, read_items, RawItem};
use reform_core::json_writer::{self, Layout};
use reform_core::lineage::{in_item_order, Found, Member, Suggester, Suggestions, TitleCounts};
use reform_core::status::item_status;
use reform_core::units::{Resolved, UnitIndex, UnitRegistry};
use reform_core::{
    document_and_number, Bundle, Date, District, Document, DocumentKind, Item, ItemStatus,
    ProgressEvent, StatusCounts, Theme, SCHEMA_VERSION,
};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use sha2::{Digest, Sha256};
use std::fs;
use std::io::{self, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread;
use std::time::Instant;

/// The catalog's file name inside the seeds folder.
pub const CATALOG_FILE: &str = "catalog.toml";
/// The unit registry's file name inside the seeds folder.
pub const UNITS_FILE: &str = "units.toml";

/// A bundle compiled without its lineage suggestions and content hash, and its items.
pub struct Unsuggested {
    /// The bundle, its items apart.
    pub bundle: Bundle,
    /// The bundle's items, without their texts, held encoded.
    pub items: ItemStore,
    /// The bigrams of the items' titles, counted for [`find_lineage`].
    pub titles: TitleCounts,
}

/// A compiled bundle and the verbatim texts it refers to.
#[derive(Debug)]
pub struct Compiled {
    /// The bundle, hashed.
    pub bundle: Bundle,
    /// `(text_path, text)` for each document, to copy next to the bundle.
    pub texts: Vec<(String, String)>,
}

/// Reads and validates everything under `seeds`; all problems at once on failure.
pub fn compile(seeds: &Path) -> Result<Compiled, Vec<Problem>> {
    compile_timed(seeds, &mut Timings::default())
}

/// Wall-clock time per phase of a run, for `compile --timings`, with the CPU time the
/// process spent in it and its peak memory once it ended (where the system tells: Linux).
/// The CPU time in all says how busy the cores were: the wall time could shrink no further
/// than it divided by their number.
#[derive(Debug, Default)]
pub struct Timings {
    /// `(phase, seconds)` in the order the phases ran.
    pub phases: Vec<(String, f64)>,
    /// Peak resident memory in bytes at the end of each phase, by position in `phases`.
    pub peaks: Vec<Option<u64>>,
    /// CPU seconds (user and system, every thread) spent in each phase, by position in
    /// `phases`.
    pub cpu: Vec<Option<f64>>,
    /// When the current phase began, and the process's CPU seconds then; `None` before
    /// the first.
    current: Option<(Instant, Option<f64>)>,
    /// The same for the first phase.
    first: Option<(Instant, Option<f64>)>,
}

impl Timings {
    /// Ends the current phase under `phase` and starts the next.
    pub fn lap(&mut self, phase: &'static str) {
        let now = (Instant::now(), cpu_seconds());
        if let Some((started, cpu_started)) = self.current {
            self.phases.push((
                phase.to_string(),
                now.0.duration_since(started).as_secs_f64(),
            ));
            self.peaks.resize(self.phases.len() - 1, None);
            self.peaks.push(peak_memory());
            self.cpu.resize(self.phases.len() - 1, None);
            self.cpu
                .push(now.1.zip(cpu_started).map(|(now, then)| now - then));
        }
        self.current = Some(now);
    }

    /// Starts timing the first phase.
    pub fn start(&mut self) {
        self.current = Some((Instant::now(), cpu_seconds()));
        self.first = self.current;
    }

    /// Wall and CPU seconds from the start of the first phase to the end of the last.
    fn in_all(&self) -> Option<(f64, f64)> {
        let ((began, cpu_began), (ended, cpu_ended)) = (self.first?, self.current?);
        Some((
            ended.duration_since(began).as_secs_f64(),
            cpu_ended? - cpu_began?,
        ))
    }
}

impl std::fmt::Display for Timings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (position, (phase, seconds)) in self.phases.iter().enumerate() {
            let cpu = self.cpu.get(position).copied().flatten();
            let cpu = cpu.map(|cpu| format!("cpu {:.1} ms, ", cpu * 1000.0));
            match self.peaks.get(position).copied().flatten() {
                Some(bytes) => writeln!(
                    f,
                    "{:>10.1} ms  {phase}  ({}peak memory {:.0} MB)",
                    seconds * 1000.0,
                    cpu.unwrap_or_default(),
                    bytes as f64 / 1e6
                )?,
                None => writeln!(f, "{:>10.1} ms  {phase}", seconds * 1000.0)?,
            }
        }
        if let Some((wall, cpu)) = self.in_all().filter(|(wall, _)| *wall > 0.0) {
            writeln!(
                f,
                "{:>10.1} ms  of CPU in all, every thread: {:.2} cores busy on average",
                cpu * 1000.0,
                cpu / wall
            )?;
        }
        Ok(())
    }
}

/// The CPU time the process has used so far, user and system, in seconds, where the system
/// reports it.
#[cfg(target_os = "linux")]
fn cpu_seconds() -> Option<f64> {
    let mut usage = std::mem::MaybeUninit::<libc::rusage>::uninit();
    // SAFETY: `getrusage` fills the struct it is given and touches nothing else.
    if unsafe { libc::getrusage(libc::RUSAGE_SELF, usage.as_mut_ptr()) } != 0 {
        return None;
    }
    // SAFETY: it succeeded, so it filled the struct.
    let usage = unsafe { usage.assume_init() };
    let seconds = |time: libc::timeval| time.tv_sec as f64 + time.tv_usec as f64 / 1e6;
    Some(seconds(usage.ru_utime) + seconds(usage.ru_stime))
}

#[cfg(not(target_os = "linux"))]
fn cpu_seconds() -> Option<f64> {
    None
}

/// The process's peak resident memory so far (`VmHWM`), where the system reports it.
fn peak_memory() -> Option<u64> {
    let status = fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
    let kilobytes: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kilobytes * 1024)
}

/// [`compile`], recording the time of each phase in `timings`.
pub fn compile_timed(seeds: &Path, timings: &mut Timings) -> Result<Compiled, Vec<Problem>> {
    let kept = Mutex::new(Vec::new());
    let Unsuggested {
        mut bundle,
        items: store,
        titles,
    } = compile_unsuggested(
        seeds,
        timings,
        &|path, text| {
            kept.lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push((path.to_string(), text.to_string()));
        },
        None,
    )?;
    let texts = kept.into_inner().unwrap_or_else(PoisonError::into_inner);
    // Held in memory, the items read back without fail.
    bundle.items = store.all().expect("a store held in memory is read back");
    let text_at: HashMap<&str, &str> = texts
        .iter()
        .map(|(path, text)| (path.as_str(), text.as_str()))
        .collect();
    put_back(&mut bundle.items, &|document| {
        let path = text_path(document);
        text_at
            .get(path.as_str())
            .map(|text| text.as_bytes().to_vec())
            .ok_or_else(|| {
                io::Error::new(io::ErrorKind::NotFound, format!("no text kept at {path}"))
            })
    })
    .map_err(|error| {
        vec![Problem::in_file(
            seeds,
            format!("cannot put back the items' texts: {error}"),
            "this is a bug in the compiler; please report it with the seeds",
        )]
    })?;
    timings.lap("item texts put back");
    let found = find_lineage(&bundle, &store, titles).expect("a store held in memory is read back");
    bundle.suggestions = found
        .iter()
        .map(|found| found.suggestion(&bundle.items))
        .collect();
    timings.lap("lineage suggestions");
    bundle.content_hash = content_hash_found(&bundle, &found);
    timings.lap("content hash");
    Ok(Compiled { bundle, texts })
}

/// The bundle of [`compile_timed`] without the lineage suggestions ([`find_lineage`])
/// and the content hash ([`Bundle::content_hash`] empty), for a caller that finds them
/// while it makes what needs neither, or needs neither; its items apart
/// ([`Unsuggested::items`]). Each source text is handed to `hand_text` (its
/// [`Document::text_path`] and the text) as soon as its document is parsed, on the thread
/// that parsed it, for the caller to write out, and then freed rather than kept: for a
/// national corpus the texts are 400 MB. The quotes of the progress records that cite a
/// document are looked for in its text before it goes. Its items are encoded as they are
/// parsed, without their texts, into an [`ItemStore`], in memory or in `spill` where given
/// (a national corpus's items take about 390 MB as `Item`s, 75 MB encoded); [`put_back`] and
/// [`Texts::Read`] cut their texts again from the texts handed out; the quotes of the
/// lineage links are looked for in them before they go.
pub fn compile_unsuggested(
    seeds: &Path,
    timings: &mut Timings,
    hand_text: &(dyn Fn(&str, &str) + Sync),
    spill: Option<fs::File>,
) -> Result<Unsuggested, Vec<Problem>> {
    timings.start();
    let catalog_path = seeds.join(CATALOG_FILE);
    let catalog_source = fs::read_to_string(&catalog_path).map_err(|error| {
        vec![Problem::in_file(
            &catalog_path,
            format!("cannot read the catalog: {error}"),
            "pass the seeds folder with --seeds; it must contain catalog.toml",
        )]
    })?;
    let catalog = parse_catalog(&catalog_path, &catalog_source).map_err(|problem| vec![problem])?;
    let mut problems = Vec::new();
    let on = CatalogSource {
        path: &catalog_path,
        source: &catalog_source,
    };

    let districts = check_districts(&catalog, on, &mut problems);
    timings.lap("catalog");
    // Reading a TOML file takes 14 times its size while it lasts; a large one is read in
    // pieces (`toml_pieces`), and large ones one after the other: at national scale this
    // reading is most of the compile's peak memory.
    let (registry, curated_files) = if toml_bytes(seeds) <= SIDE_BY_SIDE_TOML {
        thread::scope(|scope| {
            let curated_files = scope.spawn(|| CuratedFiles::read(seeds));
            let registry = read_registry(seeds, &districts);
            let curated_files = curated_files
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (registry, curated_files)
        })
    } else {
        (read_registry(seeds, &districts), CuratedFiles::read(seeds))
    };
    let registry = registry
        .map_err(|registry_problems| problems.extend(registry_problems))
        .ok();
    let unit_index = registry.as_ref().map(UnitRegistry::index);
    let encoder = unit_index.as_ref().map(ItemEncoder::new);
    let mut store = unit_index
        .as_ref()
        .map(|index| ItemStore::new(index, spill));
    // The first failure to write the store, if it is spilled.
    let mut unstored = None;
    let district_ids: HashSet<&str> = districts
        .iter()
        .map(|district| district.id.as_str())
        .collect();
    let quotes = curated_files.quotes();
    let link_quotes = curated_files.link_quotes();
    timings.lap("unit registry, progress, lineage and themes read");
    // Reading, parsing and resolving a document needs nothing of the others: on every core.
    // Its text is then handed on and freed, unless a progress record quotes it.
    // The titles' bigrams, counted for the lineage suggestions as the items are parsed: a
    // count per core, taken for a document and put back.
    let title_counts: Mutex<Vec<TitleCounts>> = Mutex::default();
    let parse = |entry: &DocumentEntry| {
        let mut found = Vec::new();
        let result = read_document(seeds, entry, on, |document, text, raw_items, path| {
            let in_items = QuoteLines::find_in_items(&document.id, &raw_items, &link_quotes);
            // Without a registry or a known district every name would be reported again.
            let items = match (
                &unit_index,
                district_ids.contains(document.district.as_str()),
            ) {
                (Some(unit_index), true) => {
                    let items =
                        resolve_items(&document, raw_items, unit_index, path, text, &mut found);
                    let pool = || title_counts.lock().unwrap_or_else(PoisonError::into_inner);
                    let mut counts = pool().pop().unwrap_or_default();
                    items.iter().for_each(|item| counts.add(&item.title));
                    pool().push(counts);
                    encoder.as_ref().map(|encoder| encoder.encode(&items))
                }
                _ => None,
            };
            let quoted = quotes
                .get(document.id.as_str())
                .map(|quotes| QuoteLines::find(text, quotes));
            hand_text(&document.text_path, text);
            (document, (quoted, in_items), items)
        });
        (result, found)
    };
    let mut unread: Vec<String> = Vec::new();
    let mut seen_ids = HashSet::default();
    let mut documents = Vec::with_capacity(catalog.documents.len());
    // Each document's place in the store, where its items were read.
    let mut stored: Vec<Option<usize>> = Vec::with_capacity(catalog.documents.len());
    let mut quote_lines = QuoteLines::default();
    // Each document's items are encoded on the core that parsed it, and moved into the
    // store as soon as it and those before it are parsed, on this thread, while the cores
    // parse the next.
    for_each_in_order_on_every_core(&catalog.documents, parse, |entry, (result, found)| {
        let first = seen_ids.insert(entry.id.get_ref().as_str());
        on.check_entry(entry, first, &districts, &district_ids, &mut problems);
        problems.extend(found);
        match result {
            Ok((document, (quoted, in_items), resolved)) => {
                match (resolved, &mut store) {
                    (Some(encoded), Some(store)) => {
                        stored.push(Some(store.documents()));
                        if let Err(error) = store.push(&document.id, encoded) {
                            unstored.get_or_insert(error);
                        }
                    }
                    _ => {
                        stored.push(None);
                        unread.push(document.id.clone());
                    }
                }
                if let Some(found) = quoted {
                    quote_lines.locate(&document.id, found);
                }
                quote_lines.locate_in_items(in_items);
                documents.push(document);
            }
            Err(problem) => {
                unread.push(entry.id.get_ref().clone());
                problems.push(problem);
            }
        }
    });
    if catalog.documents.is_empty() {
        problems.push(Problem::in_file(
            &catalog_path,
            "the catalog lists no documents",
            "add a [[document]] table for each text in seeds/documents/",
        ));
    }
    // What the parse alone needed goes before the items are checked.
    drop((encoder, unit_index, quotes, link_quotes));
    timings.lap("documents: read, parse, resolve units");
    // Every lookup by id below goes through a hash table: a linear search per item or per
    // record is quadratic, and hours at national scale.
    let numbers = store.iter().flat_map(ItemStore::numbers);
    let curated = curated_files.check(&documents, numbers, &unread, &quote_lines, &mut problems);
    timings.lap("progress, lineage, themes: checked");
    problems.extend(unstored.map(|error| unstored_problem(seeds, error)));
    let Some(mut store) = store.filter(|_| problems.is_empty()) else {
        return Err(problems);
    };
    drop(quote_lines);
    // Documents oldest first, the store's in the same order; every document was stored
    // (one that was not is reported above).
    let mut placed: Vec<(Document, usize)> = documents
        .into_iter()
        .zip(stored)
        .filter_map(|(document, at)| Some((document, at?)))
        .collect();
    placed.sort_by(|(a, _), (b, _)| (a.date(), &a.id).cmp(&(b.date(), &b.id)));
    let (mut documents, order): (Vec<Document>, Vec<usize>) = placed.into_iter().unzip();
    store
        .place(&order)
        .map_err(|error| vec![unstored_problem(seeds, error)])?;
    let mut position: HashMap<&str, usize> = HashMap::default();
    for (index, document) in documents.iter().enumerate() {
        position.entry(document.id.as_str()).or_insert(index);
    }
    let latest_source_date = documents
        .iter()
        .flat_map(|document| [document.issued, document.published])
        .flatten()
        .max();
    // An item's position among all items, from its id: curated records name items by id,
    // and are checked to name items.
    let place_of = |item: &str| {
        let (document, number) = document_and_number(item)?;
        let at = *position.get(document)?;
        let within = store
            .numbers_of(at)
            .iter()
            .position(|&found| found == number)?;
        Some((store.positions(at).start + within) as u32)
    };
    let mut item_themes: Vec<(u32, u32)> = Vec::new();
    for (theme_index, theme) in (0u32..).zip(&curated.themes) {
        item_themes.extend(
            theme
                .items
                .iter()
                .filter_map(|member| Some((place_of(member)?, theme_index))),
        );
    }
    // A member listed twice joins its theme once.
    item_themes.sort_unstable();
    item_themes.dedup();
    // Each item's status, from its events and its deadline, held beside the store: no item
    // is decoded for it.
    let mut events_of: HashMap<u32, Vec<&ProgressEvent>> = HashMap::default();
    for event in &curated.progress {
        if let Some(at) = place_of(&event.item) {
            events_of.entry(at).or_default().push(event);
        }
    }
    let statuses: Vec<ItemStatus> = (0..store.len())
        .map(|at| {
            let events = events_of.get(&(at as u32)).into_iter().flatten();
            item_status(events.copied(), store.deadline_at(at), latest_source_date)
        })
        .collect();
    let counts: Vec<StatusCounts> = (0..store.documents())
        .map(|at| StatusCounts::of(statuses[store.positions(at)].iter().copied()))
        .collect();
    drop(events_of);
    store.set_statuses(statuses);
    let theme_ids = curated
        .themes
        .iter()
        .map(|theme| theme.id.clone())
        .collect();
    store.set_themes(item_themes, theme_ids);
    // Members in document order, as the model promises, whatever order the curator wrote:
    // by the key the items are sorted by, read from the member's id (members are checked
    // to be items, whose ids are unique), not from a table of every item's place.
    let mut themes = curated.themes;
    for theme in &mut themes {
        theme.items.sort_by_cached_key(|member| {
            let (document, number) = document_and_number(member)?;
            Some((position.get(document).copied(), number))
        });
    }
    drop(position);
    for (document, counts) in documents.iter_mut().zip(counts) {
        document.status_counts = counts;
    }
    timings.lap("statuses");
    let bundle = Bundle {
        schema_version: SCHEMA_VERSION,
        content_hash: String::new(),
        latest_source_date,
        districts,
        documents,
        items: Vec::new(),
        units: registry.map(|registry| registry.units).unwrap_or_default(),
        progress: curated.progress,
        lineage: curated.lineage,
        suggestions: Vec::new(),
        themes,
    };
    let titles = title_counts
        .into_inner()
        .unwrap_or_else(PoisonError::into_inner);
    Ok(Unsuggested {
        bundle,
        items: store,
        titles: TitleCounts::add_up(titles),
    })
}

/// The lineage suggestions of `bundle`, whose items are `items` (its own suggestions and
/// items, if any, are not read), as found among them ([`Suggestions::Found`]): the bigrams
/// of the titles, counted as they were parsed (`titles`), weighed, then each district's
/// suggestions, which need
/// nothing of the others', on every core, a share of districts at a time, each district's
/// items decoded and indexed only while its suggestions are found.
pub fn find_lineage(
    bundle: &Bundle,
    items: &ItemStore,
    titles: TitleCounts,
) -> io::Result<Vec<Found>> {
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let suggester = Suggester::new(titles, &bundle.lineage);
    // Each district's dated documents, in order: their items are in item order.
    let mut district_at: HashMap<&str, usize> = HashMap::default();
    let mut districts: Vec<Vec<(usize, Date)>> = Vec::new();
    for (at, document) in bundle.documents.iter().enumerate() {
        if let Some(date) = document.date() {
            let district = *district_at
                .entry(document.district.as_str())
                .or_insert_with(|| {
                    districts.push(Vec::new());
                    districts.len() - 1
                });
            districts[district].push((at, date));
        }
    }
    let find_in = |documents: &Vec<(usize, Date)>| {
        let mut decoded: Vec<(usize, Date, Vec<Item>)> = Vec::with_capacity(documents.len());
        for &(at, date) in documents {
            decoded.push((at, date, items.items(at)?));
        }
        let members: Vec<Member> = decoded
            .iter()
            .flat_map(|(at, date, its)| {
                (items.positions(*at).start as u32..)
                    .zip(its)
                    .map(|(position, item)| (position, *date, item))
            })
            .collect();
        Ok(suggester.find_among(&members))
    };
    // A national corpus has millions of suggestions.
    let mut suggestions = Vec::new();
    let mut done = 0;
    for districts_now in districts.chunks(4 * cores) {
        let found = map_on_every_core(districts_now, find_in)
            .into_iter()
            .collect::<io::Result<Vec<Vec<Found>>>>()?;
        done += districts_now.len();
        let coming = found.iter().map(Vec::len).sum();
        reserve_at_rate(&mut suggestions, coming, done, districts.len());
        suggestions.extend(found.into_iter().flatten());
    }
    in_item_order(&mut suggestions);
    Ok(suggestions)
}

/// The catalog's path and text, to place problems in it.
#[derive(Clone, Copy)]
struct CatalogSource<'a> {
    path: &'a Path,
    source: &'a str,
}

impl CatalogSource<'_> {
    fn problem(&self, offset: usize, message: String, hint: impl Into<String>) -> Problem {
        Problem::in_file(self.path, message, hint).at_offset(self.source, offset)
    }

    /// The problems of a `[[document]]` entry itself: an id seen before (`first` is false)
    /// or unusable in a URL, a district not among `districts`.
    fn check_entry(
        &self,
        entry: &DocumentEntry,
        first: bool,
        districts: &[District],
        district_ids: &HashSet<&str>,
        problems: &mut Vec<Problem>,
    ) {
        if !first {
            problems.push(self.problem(
                entry.id.span().start,
                format!("duplicate document id `{}`", entry.id.get_ref()),
                "give every [[document]] its own id",
            ));
        }
        if !reform_core::text::is_slug(entry.id.get_ref()) {
            problems.push(self.problem(
                entry.id.span().start,
                format!(
                    "document id `{}` is not usable in a URL",
                    entry.id.get_ref()
                ),
                "use lowercase ASCII letters, digits and hyphens, e.g. 2014-luohu-reform-plan",
            ));
        }
        if !district_ids.contains(entry.district.get_ref().as_str()) {
            problems.push(self.problem(
                entry.district.span().start,
                format!("unknown district `{}`", entry.district.get_ref()),
                format!(
                    "add a [[district]] with this id, or use one of: {}",
                    ids(districts)
                ),
            ));
        }
    }
}

fn check_districts(
    catalog: &Catalog,
    on: CatalogSource,
    problems: &mut Vec<Problem>,
) -> Vec<District> {
    let mut districts: Vec<District> = Vec::new();
    for entry in &catalog.districts {
        if districts
            .iter()
            .any(|district| district.id == *entry.id.get_ref())
        {
            problems.push(on.problem(
                entry.id.span().start,
                format!("duplicate district id `{}`", entry.id.get_ref()),
                "give every [[district]] its own id",
            ));
            continue;
        }
        districts.push(District {
            id: entry.id.get_ref().clone(),
            name: entry.name.clone(),
            name_en: entry.name_en.clone(),
        });
    }
    districts
}

fn read_registry(seeds: &Path, districts: &[District]) -> Result<UnitRegistry, Vec<Problem>> {
    let path = seeds.join(UNITS_FILE);
    let source = fs::read_to_string(&path).map_err(|error| {
        vec![Problem::in_file(
            &path,
            format!("cannot read the unit registry: {error}"),
            "every seeds folder needs units.toml listing the units its plans name",
        )]
    })?;
    parse_registry(&path, &source, districts)
}

/// The most TOML (the registry and the curated files together) read side by side:
/// reading it takes at most 14 times as much while it lasts, 220 MB. More is read a file
/// at a time: at national scale, that reading is the compile's peak memory.
const SIDE_BY_SIDE_TOML: u64 = 16_000_000;

/// The size of the unit registry and the curated files together (those missing count
/// nothing: reading them reports them).
fn toml_bytes(seeds: &Path) -> u64 {
    [UNITS_FILE, PROGRESS_FILE, LINEAGE_FILE, THEMES_FILE]
        .iter()
        .filter_map(|name| fs::metadata(seeds.join(name)).ok())
        .map(|metadata| metadata.len())
        .sum()
}

/// Reads one document's text, the metadata it states about itself, and its items, and
/// hands them to `then` with the text, borrowed (it is checked as UTF-8 in place, ten times
/// as fast on Chinese text as making it a `String` would), and the text's path.
fn read_document<R>(
    seeds: &Path,
    entry: &DocumentEntry,
    on: CatalogSource,
    then: impl FnOnce(Document, &str, Vec<RawItem>, &Path) -> R,
) -> Result<R, Problem> {
    let relative = PathBuf::from(entry.file.get_ref());
    let path = seeds.join(&relative);
    let bytes = fs::read(&path).map_err(|error| {
        on.problem(
            entry.file.span().start,
            format!("cannot read `{}`: {error}", path.display()),
            "the path is relative to the seeds folder, e.g. documents/2014-luohu-reform-plan.txt",
        )
    })?;
    let text = simdutf8::compat::from_utf8(&bytes).map_err(|error| {
        let offset = error.valid_up_to();
        let valid = String::from_utf8_lossy(&bytes[..offset]).into_owned();
        Problem::in_file(
            &path,
            format!("the text is not valid UTF-8 (byte {offset})"),
            "save the document as UTF-8 plain text",
        )
        .at_offset(&valid, offset)
    })?;
    let header = read_header(text);
    let raw_items = match entry.kind {
        DocumentKind::ResultsReport => Vec::new(),
        _ => read_items(text, plan_year(&header)),
    };
    let title = header.title.ok_or_else(|| {
        Problem::in_file(
            &path,
            "no title found",
            "the first lines must hold a notice `关于印发《…》的通知` or a headline",
        )
    })?;
    let document = Document {
        id: entry.id.get_ref().clone(),
        district: entry.district.get_ref().clone(),
        kind: entry.kind,
        title: title.value,
        title_en: entry.title_en.clone(),
        doc_number: header.doc_number.map(|found| found.value),
        issuer: header.issuer.map(|found| found.value),
        issued: header.issued.map(|found| found.value),
        published: header.published.map(|found| found.value),
        source_url: entry.source_url.clone(),
        text_path: text_path(entry.id.get_ref()),
        line_count: u32::try_from(text.lines().count()).unwrap_or(u32::MAX),
        char_count: u32::try_from(text.chars().count()).unwrap_or(u32::MAX),
        status_counts: StatusCounts::default(),
    };
    Ok(then(document, text, raw_items, &path))
}

/// Model items from raw ones, without their texts: every unit name resolved in the
/// document's district. The raw items' other strings, each made at its length, become the
/// items' own.
fn resolve_items(
    document: &Document,
    raw_items: Vec<RawItem>,
    registry: &UnitIndex,
    path: &Path,
    text: &str,
    problems: &mut Vec<Problem>,
) -> Vec<Item> {
    // Every list is made at its final length: a national corpus holds 850,000 items, and
    // a list grown by pushes holds room for four units where one or two are named.
    let mut items = Vec::with_capacity(raw_items.len());
    // One string for the document's id, shared by its items.
    let document_id: Arc<str> = document.id.as_str().into();
    for raw in raw_items {
        let mut other_units = Vec::new();
        let mut resolve = |names: &[String]| {
            let mut refs = Vec::with_capacity(names.len());
            for written in names {
                match registry.refer(&document.district, written) {
                    Resolved::Unit(named) => refs.push(named),
                    Resolved::Filler => other_units.push(written.clone()),
                    Resolved::Unknown { closest } => {
                        problems.push(unknown_unit(path, text, &raw, written, closest))
                    }
                }
            }
            refs
        };
        // Boxed, each list is cut to its length: only where names were not units
        // (fillers, or unknown and reported) is there anything to cut.
        let lead_units = resolve(&raw.responsibility.lead).into_boxed_slice();
        let co_units = resolve(&raw.responsibility.co).into_boxed_slice();
        items.push(Item {
            id: item_id(&document.id, raw.number),
            document: document_id.clone(),
            number: raw.number,
            label: raw.label.into_boxed_str(),
            title: raw.title.into_boxed_str(),
            // Cut again from the document's text where written (`put_back`).
            text: Box::default(),
            first_line: raw.first_line,
            last_line: raw.last_line,
            section: raw.section,
            subsection: raw.subsection,
            lead_units,
            co_units,
            other_units: other_units.into_boxed_slice(),
            leaders: raw.responsibility.leaders.into_boxed_slice(),
            deadline: raw.deadline,
            deadline_text: raw.responsibility.deadline.map(String::into_boxed_str),
            status: ItemStatus::NoEvidence,
            themes: Box::default(),
        });
    }
    items
}

/// A failure to write or read back the compiler's store of items ([`ItemStore`]).
fn unstored_problem(seeds: &Path, error: io::Error) -> Problem {
    Problem::in_file(
        seeds,
        format!("cannot hold the items in a scratch file beside the output: {error}"),
        "make room where the bundle is written: a national corpus's items need 80 MB more while it compiles",
    )
}

/// [`Item::id`] of item `number` of `document`, e.g. `2014-luohu-reform-plan/26`, in a
/// string of its exact length.
pub(crate) fn item_id(document: &str, number: u32) -> String {
    let mut digits = itoa::Buffer::new();
    let digits = digits.format(number);
    let mut id = String::with_capacity(document.len() + 1 + digits.len());
    id.push_str(document);
    id.push('/');
    id.push_str(digits);
    id
}

/// An unknown unit name, placed where the item writes it.
fn unknown_unit(
    path: &Path,
    text: &str,
    item: &RawItem,
    written: &str,
    closest: Option<&str>,
) -> Problem {
    let hint = match closest {
        Some(closest) => format!("did you mean `{closest}`? Otherwise add it to seeds/units.toml (as a unit, alias or filler phrase)"),
        None => "add the district's units to seeds/units.toml".to_string(),
    };
    let problem = Problem::in_file(
        path,
        format!("unknown unit `{written}` in item {}", item.number),
        hint,
    );
    let item_start: usize = text
        .lines()
        .take(item.first_line as usize - 1)
        .map(|line| line.len() + 1)
        .sum();
    match text[item_start.min(text.len())..].find(written) {
        Some(offset) => problem.at_offset(text, item_start + offset),
        None => problem.at_line(item.first_line as usize),
    }
}

/// Where a document's verbatim text goes, relative to the bundle.
pub(crate) fn text_path(id: &str) -> String {
    format!("documents/{id}.txt")
}

fn ids(districts: &[District]) -> String {
    let names: Vec<&str> = districts
        .iter()
        .map(|district| district.id.as_str())
        .collect();
    if names.is_empty() {
        "(none yet)".to_string()
    } else {
        names.join(", ")
    }
}

/// The [`Bundle::content_hash`] of `bundle` (its own is not read): SHA-256 of
/// `bundle.json` as written up to the suggestions, the hash's place holding zeros, then of
/// each suggestion as the positions of its two items in the item list and its similarity
/// (little-endian, 4, 4 and 2 bytes; an id not among the items, which only a bundle not
/// compiled could hold, as position 2³²−1), then of the themes in postcard's encoding (a
/// documented wire format, stable since postcard 1.0). Any exact encoding identifies the
/// data: the bytes written anyway are hashed as they are written ([`BundleJson::begin`]),
/// and the suggestions, found while those are written, are hashed as they are held, not
/// from their JSON, so that the files that carry the hash need not wait for `bundle.json`'s
/// end (at national scale, 2.9 million suggestions).
pub fn content_hash(bundle: &Bundle) -> String {
    let position: HashMap<&str, u32> = (0..)
        .zip(&bundle.items)
        .map(|(at, item)| (item.id.as_str(), at))
        .collect();
    let at = |id: &str| position.get(id).copied().unwrap_or(u32::MAX);
    let found: Vec<Found> = bundle
        .suggestions
        .iter()
        .map(|suggestion| Found {
            from: at(&suggestion.from),
            to: at(&suggestion.to),
            similarity: suggestion.similarity,
        })
        .collect();
    content_hash_found(bundle, &found)
}

/// [`content_hash`] of `bundle` with the suggestions `found` among its items (its own
/// records are not read).
fn content_hash_found(bundle: &Bundle, found: &[Found]) -> String {
    let items = Items::new(&bundle.items, Texts::Held);
    let (_, begun) = BundleJson::begin(bundle, items, Discarded::default())
        .expect("a bundle holding its item texts reads none, and nothing is written");
    begun.finish(found, &bundle.themes)
}

/// A [`content_hash`] begun by [`BundleJson::begin`], on all before the suggestions.
pub struct BegunHash(Sha256);

impl BegunHash {
    /// The content hash of the bundle begun, with the suggestions `found` among its items,
    /// and `themes`.
    pub fn finish(self, found: &[Found], themes: &[Theme]) -> String {
        let hashed = Hashed {
            writer: io::sink(),
            hasher: Some(self.0),
        };
        let mut hasher = io::BufWriter::with_capacity(1 << 16, hashed);
        for found in found {
            let mut record = [0_u8; 10];
            record[..4].copy_from_slice(&found.from.to_le_bytes());
            record[4..8].copy_from_slice(&found.to.to_le_bytes());
            record[8..].copy_from_slice(&found.similarity.to_le_bytes());
            hasher
                .write_all(&record)
                .expect("hashing cannot fail to write");
        }
        postcard::to_io(themes, &mut hasher).expect("themes always serialize");
        hasher.flush().expect("hashing cannot fail to write");
        let (hashed, _) = hasher.into_parts();
        let hash = hashed.hasher.expect("set above").finalize();
        hash.iter().map(|byte| format!("{byte:02x}")).collect()
    }
}

/// A writer that keeps nothing of what it is given but how much: [`content_hash`] writes the
/// bundle into it to hash what it writes.
#[derive(Default)]
struct Discarded {
    /// Bytes written so far.
    position: u64,
}

impl Write for Discarded {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.position += bytes.len() as u64;
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl HoldPlace for Discarded {}

impl Seek for Discarded {
    fn seek(&mut self, to: SeekFrom) -> io::Result<u64> {
        match to {
            SeekFrom::Current(0) | SeekFrom::End(0) => Ok(self.position),
            _ => Err(io::Error::new(
                io::ErrorKind::Unsupported,
                "nothing written is kept to go back to",
            )),
        }
    }
}

/// Writes into `writer` and feeds the same bytes into a SHA-256, while it has one.
struct Hashed<W> {
    writer: W,
    hasher: Option<Sha256>,
}

impl<W: Write> Write for Hashed<W> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        let written = self.writer.write(bytes)?;
        if let Some(hasher) = &mut self.hasher {
            hasher.update(&bytes[..written]);
        }
        Ok(written)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.writer.flush()
    }
}

impl<W: Seek> Seek for Hashed<W> {
    fn seek(&mut self, to: SeekFrom) -> io::Result<u64> {
        self.writer.seek(to)
    }
}

impl<W: HoldPlace> HoldPlace for Hashed<W> {
    fn hold(&mut self, length: usize) -> io::Result<()> {
        if let Some(hasher) = &mut self.hasher {
            hasher.update(&PLACE_HELD[..length]);
        }
        self.writer.hold(length)
    }
}

/// The bundle as written to disk: deterministic, compact, each field of the bundle and
/// each record of its lists on a line of its own ([`Layout::OneRecordPerLine`]), ending in a
/// newline.
pub fn to_json(bundle: &Bundle) -> String {
    let mut json = Vec::new();
    write_json(bundle, &mut json).expect("writing to memory cannot fail");
    // Only UTF-8 is written.
    String::from_utf8(json)
        .unwrap_or_else(|error| String::from_utf8_lossy(error.as_bytes()).into_owned())
}

/// Writes exactly the bytes of [`to_json`] into `writer`, without building the string.
pub fn write_json(bundle: &Bundle, writer: &mut impl Write) -> io::Result<()> {
    write_one_record_per_line(bundle, writer)
}

/// [`write_json`] of a bundle in two parts, for a bundle whose suggestions and content
/// hash are still being found: [`BundleJson::begin`] writes all that comes before the
/// suggestions, with a place held for the hash, and [`BundleJson::finish`] the rest, then
/// the hash in its place. Most of the file is so written while the suggestions are found.
pub struct BundleJson<W: HoldPlace> {
    object: RecordLines<Hashed<W>>,
    /// Where the content hash goes.
    hash_at: u64,
}

/// How long a content hash is: SHA-256 in hexadecimal.
const HASH_LENGTH: usize = 64;

impl<W: HoldPlace> BundleJson<W> {
    /// Writes into `writer` the fields of `bundle` before its suggestions, its items being
    /// `items` (its own are not read), and a place for the content hash; returns the writing begun, and
    /// the [`content_hash`] begun on what was written.
    pub fn begin(
        bundle: &Bundle,
        items: Items,
        writer: W,
    ) -> io::Result<(BundleJson<W>, BegunHash)> {
        // The JSON writer hands its output over in blocks, which are hashed as they pass.
        let hashed = Hashed {
            writer,
            hasher: Some(Sha256::new()),
        };
        // The fields before the suggestions, in [`Bundle`]'s order: one added to `Bundle`
        // and not here fails the tests that compare what is written with `to_json`'s.
        let mut object = RecordLines::begin(hashed)?;
        object.field("schema_version", &bundle.schema_version)?;
        object.key("content_hash")?;
        // After the string's opening quote: a place held, hashed as zeros.
        let hash_at = object.position()? + 1;
        object.writer.write_all(b"\"")?;
        object.writer.hold(HASH_LENGTH)?;
        object.writer.write_all(b"\"")?;
        object.field("latest_source_date", &bundle.latest_source_date)?;
        object.field("districts", &bundle.districts)?;
        object.field("documents", &bundle.documents)?;
        object
            .field("items", &items)
            .map_err(|error| items.failure().unwrap_or(error))?;
        object.field("units", &bundle.units)?;
        object.field("progress", &bundle.progress)?;
        object.field("lineage", &bundle.lineage)?;
        let hasher = object.writer.hasher.take().expect("taken once, here");
        Ok((BundleJson { object, hash_at }, BegunHash(hasher)))
    }

    /// Writes `suggestions` and `themes`, the last fields, and `content_hash` in its
    /// place; returns the writer, flushed.
    pub fn finish(
        mut self,
        suggestions: Suggestions,
        themes: &[Theme],
        content_hash: &str,
    ) -> io::Result<W> {
        if content_hash.len() != HASH_LENGTH {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!(
                    "a content hash of {} characters, not {HASH_LENGTH}",
                    content_hash.len()
                ),
            ));
        }
        self.object.field("suggestions", &suggestions)?;
        self.object.field("themes", &themes)?;
        let mut writer = self.object.end()?.writer;
        writer.seek(SeekFrom::Start(self.hash_at))?;
        writer.write_all(content_hash.as_bytes())?;
        writer.seek(SeekFrom::End(0))?;
        writer.flush()?;
        Ok(writer)
    }
}

/// A JSON object written a field at a time, byte for byte as [`Layout::OneRecordPerLine`] writes
/// it whole: each field on a line of its own, each record of a list field on its own.
struct RecordLines<W> {
    writer: W,
    fields: usize,
}

impl<W: Write + Seek> RecordLines<W> {
    fn begin(mut writer: W) -> io::Result<RecordLines<W>> {
        writer.write_all(b"{")?;
        Ok(RecordLines { writer, fields: 0 })
    }

    fn key(&mut self, name: &str) -> io::Result<()> {
        let separator: &[u8] = if self.fields == 0 { b"\n" } else { b",\n" };
        self.fields += 1;
        self.writer.write_all(separator)?;
        json_writer::write(name, &mut self.writer, Layout::OneRecordPerLine, 1)?;
        self.writer.write_all(b":")
    }

    fn value(&mut self, value: &impl serde::Serialize) -> io::Result<()> {
        // Inside the object.
        json_writer::write(value, &mut self.writer, Layout::OneRecordPerLine, 1)?;
        Ok(())
    }

    fn field(&mut self, name: &str, value: &impl serde::Serialize) -> io::Result<()> {
        self.key(name)?;
        self.value(value)
    }

    /// Where the next byte goes.
    fn position(&mut self) -> io::Result<u64> {
        self.writer.stream_position()
    }

    fn end(mut self) -> io::Result<W> {
        self.writer.write_all(b"\n}\n")?;
        Ok(self.writer)
    }
}

/// `value` in JSON, [`Layout::OneRecordPerLine`], and a newline.
fn write_one_record_per_line(
    value: &impl serde::Serialize,
    writer: &mut impl Write,
) -> io::Result<()> {
    json_writer::write(value, writer, Layout::OneRecordPerLine, 0)?;
    writer.write_all(b"\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::item_texts::ReadText;
    use std::io::Cursor;

    #[test]
    fn the_bundle_is_written_one_field_and_one_record_per_line() {
        let district = |id: &str, name: &str| District {
            id: id.into(),
            name: name.into(),
            name_en: id.to_uppercase(),
        };
        let bundle = Bundle {
            districts: vec![district("a", "甲区"), district("b", "乙区")],
            ..Bundle::default()
        };
        let json = to_json(&bundle);
        assert_eq!(
            json,
            "{\n\"schema_version\":0,\n\"content_hash\":\"\",\n\"latest_source_date\":null,\n\
             \"districts\":[\n{\"id\":\"a\",\"name\":\"甲区\",\"name_en\":\"A\"},\n\
             {\"id\":\"b\",\"name\":\"乙区\",\"name_en\":\"B\"}\n],\n\
             \"documents\":[],\n\"items\":[],\n\"units\":[],\n\"progress\":[],\n\
             \"lineage\":[],\n\"suggestions\":[],\n\"themes\":[]\n}\n"
        );
        assert_eq!(serde_json::from_str::<Bundle>(&json).unwrap(), bundle);
    }

    #[test]
    fn items_held_apart_and_texts_read_again_are_written_and_hashed_as_held() {
        let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../seeds");
        let Compiled { mut bundle, texts } = compile(&seeds).unwrap();
        let hash = std::mem::take(&mut bundle.content_hash);
        // As the compiler holds the bundle while it writes it: its items apart, encoded
        // without their texts, each text read again from its document's, and its
        // suggestions as found among the items.
        let Unsuggested {
            bundle: mut unsuggested,
            items: store,
            titles,
        } = compile_unsuggested(&seeds, &mut Timings::default(), &|_, _| {}, None).unwrap();
        assert!(unsuggested.items.is_empty());
        let found = find_lineage(&unsuggested, &store, titles).unwrap();
        assert_eq!(found.len(), bundle.suggestions.len());
        let read = |document: &str| {
            let path = text_path(document);
            let (_, text) = texts.iter().find(|(at, _)| *at == path).unwrap();
            Ok(text.clone().into_bytes())
        };
        let as_found = Suggestions::Found(&store, &found);
        assert_eq!(
            postcard::to_stdvec(&as_found).unwrap(),
            postcard::to_stdvec(&bundle.suggestions).unwrap()
        );
        let (begun, begun_hash) = BundleJson::begin(
            &unsuggested,
            Items::stored(&store, Texts::Read(&read)),
            Cursor::<Vec<u8>>::default(),
        )
        .unwrap();
        assert_eq!(begun_hash.finish(&found, &bundle.themes), hash);
        bundle.content_hash = hash.clone();
        unsuggested.content_hash = hash;
        let finished = begun.finish(as_found, &bundle.themes, &bundle.content_hash);
        let json = finished.unwrap().into_inner();
        assert_eq!(String::from_utf8(json).unwrap(), to_json(&bundle));
        let files = |cutter: reform_core::shard::Cutter, texts: Texts| {
            let mut files = Vec::new();
            let complete = |documents: &[u32], items: &mut Vec<Item>| {
                if items.is_empty() {
                    *items = store.items_of(documents)?;
                }
                texts.complete(items)
            };
            let districts = (0..cutter.districts())
                .map(|at| {
                    let mut file = |path, json: &str| files.push((path, json.to_string()));
                    cutter.district_with(at, complete, &mut file)
                })
                .collect::<io::Result<_>>()
                .unwrap();
            cutter.finish(districts, &mut |path, json: &str| {
                files.push((path, json.to_string()))
            });
            files
        };
        let shards = files(reform_core::shard::Cutter::new(&bundle), Texts::Held);
        assert!(shards
            .iter()
            .any(|(_, json)| json.contains("\"similarity\"")));
        let counts = store.counts();
        let apart = reform_core::shard::ItemsApart {
            counts: &counts,
            ids: &store,
            found: &found,
        };
        let cutter = reform_core::shard::Cutter::apart(&unsuggested, apart);
        assert_eq!(files(cutter, Texts::Read(&read)), shards);
    }

    #[test]
    fn a_text_that_cannot_be_read_again_fails_the_writing_with_its_reason() {
        let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../seeds");
        let mut bundle = compile(&seeds).unwrap().bundle;
        bundle.content_hash.clear();
        let gone = |document: &str| {
            Err(io::Error::new(
                io::ErrorKind::NotFound,
                format!("{} is gone", text_path(document)),
            ))
        };
        let shortened = |_: &str| Ok("一行".into());
        let damaged = |_: &str| Ok(vec![0xe4, 0xb8]);
        let first = &bundle.items[0];
        let reasons = [
            format!("{} is gone", text_path(&first.document)),
            format!(
                "document `{}` has no lines {} to {} for item `{}` any more: its text changed while it was compiled; compile again",
                first.document, first.first_line, first.last_line, first.id
            ),
            format!(
                "the text of document `{}` is no longer UTF-8: it changed while it was compiled; compile again",
                first.document
            ),
        ];
        let reads = [&gone as &ReadText, &shortened, &damaged];
        for (read, reason) in reads.into_iter().zip(reasons) {
            let items = Items::new(&bundle.items, Texts::Read(read));
            let begun = BundleJson::begin(&bundle, items, Cursor::<Vec<u8>>::default());
            assert_eq!(begun.err().unwrap().to_string(), reason);
            let mut items = bundle.items.clone();
            let error = Texts::Read(read).complete(&mut items).unwrap_err();
            assert_eq!(error.to_string(), reason);
        }
    }
}
