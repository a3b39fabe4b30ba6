//! Command-line parsing and the commands themselves.

use crate::compile::{
    compile_unsuggested, find_lineage, text_path, BundleJson, Timings, Unsuggested,
};
use crate::item_store::ItemStore;
use crate::item_texts::{Items, Texts};
use crate::output::{Rewritten, Staging};
use crate::parallel::map_on_every_core;
use crate::problem::Problem;
use crate::site::{file_for, render_page, TemplateError};
use crate::static_charts::{chart_files, completion_chart_files, narrowed_chart_files};
use crate::synthetic::{generate, CorpusShape, GenerateError};
use reform_core::charts::completion::{CompletionCounts, Grouping, Language};
use reform_core::charts::view::{
    bounded_views, is_bounded, narrowed_views, static_file, static_views, ChartKind, NarrowedView,
};
use reform_core::json_writer;
use reform_core::lineage::{Found, Suggestions};
use reform_core::load::{is_data_version, BundleError};
use reform_core::routes::Page;
use reform_core::shard::{kept_for_pinned_embeds, Cutter, DistrictEntry, ItemsApart, SiteIndex};
use reform_core::terms::DistrictKeys;
use reform_core::{Bundle, Item, SCHEMA_VERSION};
use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock, PoisonError};
use std::thread;
use std::time::Instant;

/// Shown by `--help` and after a usage error.
pub const USAGE: &str = "\
reform-portal: compile Shenzhen reform documents into the portal's data bundle

Usage:
  reform-portal compile [--seeds DIR] [--out DIR] [--timings]
                                                    seeds -> bundle (default: seeds -> public/data);
                                                    --timings: print the time of each phase
  reform-portal check [--seeds DIR] [--timings]     validate only; list every problem
  reform-portal parse FILE                          print what the parser reads from a document, as JSON
  reform-portal site --dist DIR                     write one HTML page per route into a built site
  reform-portal split --bundle FILE --out DIR       cut a bundle into the index, shards and directory
                                                    the app loads (replaces DIR)
  reform-portal generate --out DIR [--districts N] [--years N] [--seed S]
                                                    write a synthetic seeds folder for benchmarks
                                                    (default: 2844 districts x 10 years, seed 1)
  reform-portal --help";

/// Why a command failed; printed to stderr by `main`.
#[derive(Debug)]
pub enum CliError {
    /// The arguments are wrong.
    Usage(String),
    /// The seeds have problems; nothing was written.
    Problems(Vec<Problem>),
    /// Reading or writing a file failed.
    Io {
        /// What was being done.
        context: String,
        /// The system's reason.
        error: std::io::Error,
    },
    /// The built site's files are not as `site` expects.
    Site(String),
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CliError::Usage(message) => write!(f, "error: {message}\n\n{USAGE}"),
            CliError::Problems(problems) => {
                for problem in problems {
                    writeln!(f, "{problem}")?;
                }
                let count = problems.len();
                let noun = if count == 1 { "problem" } else { "problems" };
                write!(f, "{count} {noun} found; nothing was written")
            }
            CliError::Io { context, error } => write!(f, "error: {context}: {error}"),
            CliError::Site(message) => write!(f, "error: {message}"),
        }
    }
}

/// Whether the process ends as soon as [`run`] returns: the binary says so
/// ([`process_ends_after_run`]); tests, which run many commands in one process, do not.
static PROCESS_ENDS_AFTER_RUN: AtomicBool = AtomicBool::new(false);

/// Says that the process ends as soon as [`run`] returns: what a compile built is then left
/// to the operating system, which takes its pages back at once at exit, rather than freed
/// string by string on the way there (for 1,000 synthetic documents 12 ms, a twenty-fifth
/// of the run; interleaved runs, 0.300 -> 0.290 s).
pub fn process_ends_after_run() {
    PROCESS_ENDS_AFTER_RUN.store(true, Ordering::Relaxed);
}

/// Runs the command named by `args` (without the program name); returns the summary line.
pub fn run(args: &[String]) -> Result<String, CliError> {
    let (command, options) = match args.split_first() {
        Some((command, options)) => (command.as_str(), options),
        None => return Err(CliError::Usage("no command given".into())),
    };
    match command {
        "compile" => {
            let (timed, options) = without_flag(options, "--timings");
            let options = Options::parse(&options, &["--seeds", "--out"])?;
            let seeds = options.path("--seeds", "seeds");
            let out = options.path("--out", "public/data");
            let mut timings = Timings::default();
            let summary = run_compile(&seeds, &out, &mut timings)?;
            Ok(if timed {
                format!("{timings}{summary}")
            } else {
                summary
            })
        }
        "check" => {
            let (timed, options) = without_flag(options, "--timings");
            let options = Options::parse(&options, &["--seeds"])?;
            let seeds = options.path("--seeds", "seeds");
            let mut timings = Timings::default();
            // Checking writes nothing, and neither lineage suggestions nor the content hash
            // can find a problem: each text is freed once its document is parsed, and the
            // bundle is not finished.
            let bundle = compile_unsuggested(&seeds, &mut timings, &|_, _| {}, None)
                .map_err(CliError::Problems)?;
            let documents = bundle.bundle.documents.len();
            let summary = format!("ok: {documents} documents, no problems");
            Ok(if timed {
                format!("{timings}{summary}")
            } else {
                summary
            })
        }
        "parse" => {
            let [file] = options else {
                return Err(CliError::Usage("parse needs exactly one FILE".into()));
            };
            let bytes = fs::read(file).map_err(|error| CliError::Io {
                context: format!("reading {file}"),
                error,
            })?;
            let parsed = crate::parse_command::parse_document(&bytes);
            Ok(serde_json::to_string_pretty(&parsed).expect("parse results always serialize"))
        }
        "site" => {
            let options = Options::parse(options, &["--dist"])?;
            let dist = options
                .get("--dist")
                .ok_or_else(|| CliError::Usage("site needs --dist DIR".into()))?;
            run_site(Path::new(dist))
        }
        "split" => {
            let options = Options::parse(options, &["--bundle", "--out"])?;
            let (Some(bundle), Some(out)) = (options.get("--bundle"), options.get("--out")) else {
                return Err(CliError::Usage(
                    "split needs --bundle FILE and --out DIR".into(),
                ));
            };
            run_split(Path::new(bundle), Path::new(out))
        }
        "generate" => {
            let options = Options::parse(options, &["--out", "--districts", "--years", "--seed"])?;
            let out = options
                .get("--out")
                .ok_or_else(|| CliError::Usage("generate needs --out DIR".into()))?;
            let defaults = CorpusShape::default();
            let shape = CorpusShape {
                districts: options.number("--districts", defaults.districts)?,
                years: options.number("--years", defaults.years)?,
                seed: options.number("--seed", defaults.seed)?,
            };
            shape.check().map_err(CliError::Usage)?;
            run_generate(Path::new(out), &shape)
        }
        "-h" | "--help" | "help" => Ok(USAGE.to_string()),
        other => Err(CliError::Usage(format!("unknown command `{other}`"))),
    }
}

fn run_compile(seeds: &Path, out: &Path, timings: &mut Timings) -> Result<String, CliError> {
    let started = Instant::now();
    let writing = |error| CliError::Io {
        context: format!("writing {}", out.display()),
        error,
    };
    // Each source text is written into the new folder as soon as its document is parsed,
    // and freed. If the seeds have problems, or anything below fails, the folder is
    // removed again and `out` stays as it was.
    let staging = Staging::new(out).map_err(writing)?;
    let source_bytes = AtomicUsize::new(0);
    let first_failure = OnceLock::new();
    // The items, encoded, wait in a file of their own while the outputs are made from them.
    #[cfg(unix)]
    let spill = Some(staging.scratch_file().map_err(writing)?);
    #[cfg(not(unix))]
    let spill = None;
    let hand_text = |path: &str, text: &str| {
        source_bytes.fetch_add(text.len(), Ordering::Relaxed);
        if first_failure.get().is_none() {
            if let Err(error) = staging.write(path, text.as_bytes()) {
                let _ = first_failure.set(error);
            }
        }
    };
    let unsuggested =
        compile_unsuggested(seeds, timings, &hand_text, spill).map_err(CliError::Problems)?;
    if let Some(error) = first_failure.into_inner() {
        return Err(writing(error));
    }
    let source_bytes = source_bytes.into_inner();
    let bundle = write_outputs(unsuggested, &staging, timings).map_err(writing)?;
    let (version, documents) = (bundle.version().to_string(), bundle.documents.len());
    thread::scope(|scope| {
        if PROCESS_ENDS_AFTER_RUN.load(Ordering::Relaxed) {
            std::mem::forget(bundle);
        } else {
            // Freeing a national bundle's million strings takes a while: beside the file
            // system's work below, on another core.
            scope.spawn(move || drop(bundle));
        }
        // What pinned embeds of earlier data versions load stays.
        for kept in earlier_versions(out, &version) {
            staging.keep(&kept).map_err(writing)?;
        }
        timings.lap("earlier versions");
        staging.finish().map_err(writing)?;
        timings.lap("replacing the old folder");
        Ok::<_, CliError>(())
    })?;
    let seconds = started.elapsed().as_secs_f64();
    Ok(format!(
        "compiled {documents} documents ({:.1} KB of source text) into {} in {:.1} ms: {:.1} MB/s",
        source_bytes as f64 / 1024.0,
        out.display(),
        seconds * 1000.0,
        source_bytes as f64 / 1e6 / seconds,
    ))
}

/// Finds the lineage suggestions of the bundle (compiled without them and its hash, its
/// items apart in a store: `unsuggested`), hashes it, and writes every file made from it
/// into `staging`, each as soon as it is made, so that the output is never held whole in
/// memory, and its items decoded a document or a district at a time wherever they are
/// written or counted; returns the bundle, hashed, its items in it only if the app loads
/// it whole ([`SiteIndex::loads_whole`]). Its
/// suggestions are held and written as found ([`Suggestions::Found`], 12 bytes each
/// rather than two ids: a national corpus has 2.9 million), and left out of it. The
/// outputs are independent, so they are made on every core at once; each one's own time
/// is recorded, then the wall time of all. Those that need neither the suggestions nor
/// the data version (the tables, and the static charts drawn at any corpus size:
/// [`bounded_views`]) are made while the suggestions are found, and so is `bundle.json`
/// up to them (its hash's place held: [`BundleJson`]), whose bytes the hash is begun on as
/// they are written; the others need the hash. The remaining static charts wait for
/// the index, which says whether they are drawn ([`static_views`]). The items' texts are
/// cut again from the document copies in `staging` wherever they are written.
fn write_outputs(
    unsuggested: Unsuggested,
    staging: &Staging,
    timings: &mut Timings,
) -> io::Result<Bundle> {
    let Unsuggested {
        mut bundle,
        items: store,
        titles,
    } = unsuggested;
    let store = &store;
    let (suggestions, begun, bundle_json) = (OnceLock::new(), OnceLock::new(), OnceLock::new());
    let unsuggested = &bundle;
    // The items are held without their texts: each is cut again from its document's text,
    // written into the new folder as the document was parsed.
    let read = |document: &str| staging.read(&text_path(document));
    let texts = Texts::Read(&read);
    // Those made on one core first, the slowest first; then the suggestions, found on
    // every core, which fill what the others leave of the cores rather than leave one of
    // them to finish alone.
    let mut beside_suggestions: Vec<Output> = vec![(
        "bundle.json and the content hash, up to the suggestions".to_string(),
        Box::new(|| {
            let file = staging.rewrite("bundle.json")?;
            let items = Items::stored(store, texts);
            let (written, hash) = BundleJson::begin(unsuggested, items, file)?;
            let _ = bundle_json.set(written);
            let _ = begun.set(hash);
            Ok(())
        }),
    )];
    // The completion charts drawn at any corpus size, counted as the tables are written,
    // in their pass over the items.
    let bounded: Vec<Grouping> = bounded_views()
        .into_iter()
        .map(|(kind, grouping)| {
            debug_assert_eq!(kind, ChartKind::Completion);
            grouping
        })
        .collect();
    beside_suggestions.push((
        "open data tables (schemas, CSV), the static completion charts by theme, year, unit"
            .to_string(),
        Box::new(move || {
            let mut counts = CompletionCounts::new(unsuggested, &bounded);
            let count = |item: &Item| counts.add(item);
            crate::open_data::write_tables(unsuggested, store, staging, count)?;
            completion_chart_files(counts)
                .iter()
                .try_for_each(|(path, text)| staging.write(path, text.as_bytes()))
        }),
    ));
    beside_suggestions.push((
        "lineage suggestions".to_string(),
        Box::new(|| {
            let _ = suggestions.set(find_lineage(unsuggested, store, titles)?);
            Ok(())
        }),
    ));
    let made = on_every_core(beside_suggestions)?;
    timings.lap(
        "lineage suggestions, beside what needs neither them nor the version (each one below)",
    );
    timings.phases.extend(
        made.into_iter()
            .map(|(name, seconds)| (format!("  {name}"), seconds)),
    );
    let found = suggestions
        .into_inner()
        .expect("the suggestions output sets them");
    bundle.content_hash = begun
        .into_inner()
        .expect("the hash output begins it")
        .finish(&found, &bundle.themes);
    timings.lap("content hash, finished");
    let bundle_json = bundle_json
        .into_inner()
        .expect("the bundle.json output begins it");
    let index = write_versioned(&bundle, store, &found, texts, bundle_json, staging, timings)?;
    write_whole_charts(&mut bundle, store, &index, staging, timings)?;
    Ok(bundle)
}

/// The rest of [`write_outputs`], once the bundle is hashed: the data the app loads, the
/// rest of the whole bundle (`bundle_json`, begun), the data package, and the static
/// charts that need the index. The bundle's suggestions are `found` among its items. The
/// shards are cut on every core first; what sums them up (the index, the term files, the
/// directory), which takes one core, is then made beside the rest of `bundle.json`.
fn write_versioned(
    bundle: &Bundle,
    store: &ItemStore,
    found: &[Found],
    texts: Texts,
    bundle_json: BundleJson<Rewritten>,
    staging: &Staging,
    timings: &mut Timings,
) -> io::Result<SiteIndex> {
    let counts = store.counts();
    let apart = ItemsApart {
        counts: &counts,
        ids: store,
        found,
    };
    let cutter = Cutter::apart(bundle, apart);
    let (entries, _) = write_districts(&cutter, Some(store), texts, staging)?;
    timings.lap("shards, on every core");
    let index = OnceLock::new();
    // By reference into the outputs below, which own what only they use.
    let (cutter, index_set) = (&cutter, &index);
    // The slowest first.
    let data: Vec<Output> = vec![
        (
            "index, term files, directory".to_string(),
            Box::new(move || {
                let _ = index_set.set(write_index(cutter, entries, staging)?.0);
                Ok(())
            }),
        ),
        (
            "bundle.json, the rest".to_string(),
            Box::new(move || {
                let suggestions = Suggestions::Found(store, found);
                bundle_json
                    .finish(suggestions, &bundle.themes, &bundle.content_hash)?
                    .finish()
            }),
        ),
        (
            "data package, version".to_string(),
            Box::new(|| {
                crate::open_data::write_datapackage(bundle, staging)?;
                let (path, text) = crate::static_charts::version_file(bundle);
                staging.write(&path, text.as_bytes())
            }),
        ),
    ];
    let made = on_every_core(data)?;
    timings.lap("index, the rest of bundle.json, data package, on every core (each one below)");
    timings.phases.extend(
        made.into_iter()
            .map(|(name, seconds)| (format!("  {name}"), seconds)),
    );
    Ok(index.into_inner().expect("the index output sets it"))
}

/// The static charts of [`write_outputs`] that need the index, which says whether they are
/// drawn ([`static_views`], [`narrowed_views`]): only for a corpus the app loads whole,
/// whose items (`store`'s) are then put into `bundle` to draw them.
fn write_whole_charts(
    bundle: &mut Bundle,
    store: &ItemStore,
    index: &SiteIndex,
    staging: &Staging,
    timings: &mut Timings,
) -> io::Result<()> {
    if !index.loads_whole() {
        return Ok(());
    }
    bundle.items = store.all()?;
    let bundle = &*bundle;
    let narrowed = narrowed_views(index, bundle);
    let charts: Vec<Output> = static_views(index)
        .into_iter()
        .filter(|&(kind, grouping)| !is_bounded(kind, grouping))
        .map(|(kind, grouping)| static_chart(bundle, staging, kind, grouping))
        .chain(
            narrowed
                .iter()
                .map(|view| narrowed_chart(bundle, staging, view)),
        )
        .collect();
    let drawn = on_every_core(charts)?;
    timings.lap(
        "static charts of the whole corpus and narrowed views, on every core (each one below)",
    );
    timings.phases.extend(
        drawn
            .into_iter()
            .map(|(name, seconds)| (format!("  {name}"), seconds)),
    );
    Ok(())
}

/// The static drawings and table of `kind` by `grouping`, as an output.
fn static_chart<'a>(
    bundle: &'a Bundle,
    staging: &'a Staging,
    kind: ChartKind,
    grouping: Grouping,
) -> Output<'a> {
    let name = static_file(kind, grouping, Language::Chinese, false);
    (
        format!("static chart {}", name.trim_end_matches(".zh.svg")),
        Box::new(move || {
            chart_files(bundle, kind, grouping)
                .iter()
                .try_for_each(|(path, text)| staging.write(path, text.as_bytes()))
        }),
    )
}

/// The embed articles and tables of a narrowed view, as an output.
fn narrowed_chart<'a>(
    bundle: &'a Bundle,
    staging: &'a Staging,
    view: &'a NarrowedView,
) -> Output<'a> {
    (
        format!("narrowed view {}", view.stem),
        Box::new(move || {
            narrowed_chart_files(bundle, view)
                .iter()
                .try_for_each(|(path, text)| staging.write(path, text.as_bytes()))
        }),
    )
}

/// An output's name, and the function that makes and writes its files.
type Output<'a> = (String, Box<dyn FnOnce() -> io::Result<()> + Send + 'a>);

/// Runs `outputs` on every core, the first listed first; returns each one's name and own
/// time in seconds, in the order given, or the first error. Each is made once, by the core
/// that takes it from its place.
fn on_every_core(outputs: Vec<Output>) -> io::Result<Vec<(String, f64)>> {
    let outputs: Vec<Mutex<Option<Output>>> = outputs
        .into_iter()
        .map(|output| Mutex::new(Some(output)))
        .collect();
    map_on_every_core(&outputs, |output| {
        let taken = output.lock().unwrap_or_else(PoisonError::into_inner).take();
        let (name, make) = taken.expect("each output is taken once");
        let started = Instant::now();
        make().map(|()| (name, started.elapsed().as_secs_f64()))
    })
    .into_iter()
    .collect()
}

/// Writes the files the app loads, as `cutter` cuts its bundle (the shards, then the
/// index, the district table and the directory); returns the index, which says what else
/// to make, and how many files were written.
fn write_sharded(
    cutter: &Cutter,
    texts: Texts,
    staging: &Staging,
) -> io::Result<(SiteIndex, usize)> {
    let (entries, shards) = write_districts(cutter, None, texts, staging)?;
    let (index, summed_up) = write_index(cutter, entries, staging)?;
    Ok((index, shards + summed_up))
}

/// Writes the shards of every district of `cutter`, on every core, each core holding one
/// district's shards at a time, its items decoded from `store` where they are held there
/// ([`Cutter::apart`]); returns each district's entry and keys, in district order, and how
/// many files were written.
fn write_districts(
    cutter: &Cutter,
    store: Option<&ItemStore>,
    texts: Texts,
    staging: &Staging,
) -> io::Result<(Vec<(DistrictEntry, DistrictKeys)>, usize)> {
    let positions: Vec<usize> = (0..cutter.districts()).collect();
    let files = AtomicUsize::new(0);
    let complete = |documents: &[u32], items: &mut Vec<Item>| {
        if let Some(store) = store {
            *items = store.items_of(documents)?;
        }
        texts.complete(items)
    };
    let entries = map_on_every_core(&positions, |&at| {
        let mut written = Ok(());
        let entry = cutter.district_with(at, complete, &mut |path, json| {
            write_unless_failed(staging, &mut written, &files, path, json)
        })?;
        written.map(|()| entry)
    })
    .into_iter()
    .collect::<io::Result<Vec<_>>>()?;
    Ok((entries, files.into_inner()))
}

/// Writes what `cutter` sums the districts' `entries` up into: the district table, the
/// term files, the directory and the index; returns the index and how many files were
/// written.
fn write_index(
    cutter: &Cutter,
    entries: Vec<(DistrictEntry, DistrictKeys)>,
    staging: &Staging,
) -> io::Result<(SiteIndex, usize)> {
    let (files, mut written) = (AtomicUsize::new(0), Ok(()));
    let (index, _) = cutter.finish(entries, &mut |path, json| {
        write_unless_failed(staging, &mut written, &files, path, json)
    });
    written?;
    let json = json_writer::to_string(&index).expect("the index always serializes");
    staging.write("index.json", json.as_bytes())?;
    Ok((index, files.into_inner() + 1))
}

/// Writes a file of `staging`, counted in `files`, unless one before it failed (`written`),
/// keeping the first error.
fn write_unless_failed(
    staging: &Staging,
    written: &mut io::Result<()>,
    files: &AtomicUsize,
    path: String,
    json: &str,
) {
    if written.is_ok() {
        *written = staging.write(&path, json.as_bytes());
        files.fetch_add(1, Ordering::Relaxed);
    }
}

fn run_split(bundle: &Path, out: &Path) -> Result<String, CliError> {
    let bundle_data = read_bundle_file(bundle)?;
    let writing = |error| CliError::Io {
        context: format!("writing {}", out.display()),
        error,
    };
    let staging = Staging::new(out).map_err(writing)?;
    let (_, files) =
        write_sharded(&Cutter::new(&bundle_data), Texts::Held, &staging).map_err(writing)?;
    staging.finish().map_err(writing)?;
    Ok(format!(
        "split {} districts into {files} files in {}",
        bundle_data.districts.len(),
        out.display()
    ))
}

/// The files (paths below `out`) of `out/shards/<version>/` of every version but
/// `current` that pinned embeds load ([`kept_for_pinned_embeds`]); none if there are none.
fn earlier_versions(out: &Path, current: &str) -> Vec<String> {
    let Ok(versions) = fs::read_dir(out.join("shards")) else {
        return Vec::new();
    };
    let mut files = Vec::new();
    for version in versions.flatten() {
        let Ok(name) = version.file_name().into_string() else {
            continue;
        };
        if name == current || !is_data_version(&name) {
            continue;
        }
        files.extend(
            files_below(&version.path())
                .into_iter()
                .filter(|relative| kept_for_pinned_embeds(relative))
                .map(|relative| format!("shards/{name}/{relative}")),
        );
    }
    files.sort();
    files
}

/// Paths (with `/`) of the files in `folder` and its sub-folders.
fn files_below(folder: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut pending = vec![(folder.to_path_buf(), String::new())];
    while let Some((path, prefix)) = pending.pop() {
        let Ok(entries) = fs::read_dir(&path) else {
            continue;
        };
        for entry in entries.flatten() {
            let Ok(name) = entry.file_name().into_string() else {
                continue;
            };
            let relative = format!("{prefix}{name}");
            match entry.file_type() {
                Ok(kind) if kind.is_dir() => pending.push((entry.path(), format!("{relative}/"))),
                Ok(kind) if kind.is_file() => found.push(relative),
                _ => {}
            }
        }
    }
    found
}

fn run_generate(out: &Path, shape: &CorpusShape) -> Result<String, CliError> {
    let started = Instant::now();
    let corpus = generate(out, shape).map_err(|GenerateError { path, error }| CliError::Io {
        context: format!("generating {}", path.display()),
        error,
    })?;
    Ok(format!(
        "generated {} documents ({:.1} MB of source text, {} items, {} units, {} progress records, {} lineage links) for {} districts x {} years into {} in {:.1} s",
        corpus.documents,
        corpus.source_bytes as f64 / 1_000_000.0,
        corpus.items,
        corpus.units,
        corpus.progress_events,
        corpus.lineage_links,
        shape.districts,
        shape.years,
        out.display(),
        started.elapsed().as_secs_f64()
    ))
}

/// A data file of the built site, decoded as the app decodes it.
/// A `bundle.json` of any size, decoded as it is read: a national corpus's (1.7 GB) is more
/// than the app's decoder takes, and more than is worth holding as text (decoding from
/// the file is also faster: 4.7 s against 13.5 s there).
fn read_bundle_file(path: &Path) -> Result<Bundle, CliError> {
    let damaged = |error: BundleError| CliError::Site(format!("{}: {error}", path.display()));
    let file = fs::File::open(path).map_err(|error| CliError::Io {
        context: format!("reading {}", path.display()),
        error,
    })?;
    let bundle: Bundle = serde_json::from_reader(io::BufReader::with_capacity(1 << 20, file))
        .map_err(|error| damaged(BundleError::Malformed(error.to_string())))?;
    if bundle.schema_version != SCHEMA_VERSION {
        let error = BundleError::UnsupportedVersion {
            found: Some(u64::from(bundle.schema_version)),
        };
        return Err(CliError::Site(format!(
            "{}: {error}; compile it again with this program (`reform-portal compile`)",
            path.display()
        )));
    }
    Ok(bundle)
}

fn decode_file<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T, CliError> {
    let text = fs::read_to_string(path).map_err(|error| CliError::Io {
        context: format!("reading {}", path.display()),
        error,
    })?;
    reform_core::load::decode(&text)
        .map_err(|error| CliError::Site(format!("{}: {error}", path.display())))
}

/// The embed drawers' folders in the built site (`embed-drawer-<chart>-<hash>`, each
/// holding `reform_embed.js`), by chart: those the build made.
fn embed_drawers(dist: &Path) -> Result<Vec<(ChartKind, String)>, CliError> {
    let entries = fs::read_dir(dist).map_err(|error| CliError::Io {
        context: format!("listing {}", dist.display()),
        error,
    })?;
    let mut found: Vec<String> = entries
        .filter_map(|entry| entry.ok())
        .filter(|entry| entry.path().join("reform_embed.js").is_file())
        .filter_map(|entry| entry.file_name().into_string().ok())
        .filter(|name| name.starts_with("embed-drawer-"))
        .collect();
    found.sort();
    let mut drawers: Vec<(ChartKind, String)> = Vec::new();
    for name in found {
        let chart_of = |kind: &ChartKind| {
            let rest = name
                .strip_prefix("embed-drawer-")?
                .strip_prefix(kind.code())?;
            rest.starts_with('-').then_some(*kind)
        };
        let Some(kind) = ChartKind::ALL.iter().find_map(chart_of) else {
            return Err(CliError::Site(format!(
                "{} holds an embed drawer for no chart ({name}); build into an empty folder",
                dist.display()
            )));
        };
        if let Some((_, other)) = drawers.iter().find(|(drawn, _)| *drawn == kind) {
            return Err(CliError::Site(format!(
                "{} holds two embed drawers for the {} chart ({other}, {name}); build into an empty folder",
                dist.display(),
                kind.code()
            )));
        }
        drawers.push((kind, name));
    }
    Ok(drawers)
}

fn run_site(dist: &Path) -> Result<String, CliError> {
    let read = |path: PathBuf| {
        fs::read_to_string(&path).map_err(|error| CliError::Io {
            context: format!("reading {}", path.display()),
            error,
        })
    };
    let template = read(dist.join("index.html"))?;
    let template = crate::security::harden(&template, &|name| fs::read(dist.join(name)).ok())
        .map_err(|error| CliError::Site(error.to_string()))?;
    let missing_marker = |TemplateError::MissingMarker(marker)| {
        CliError::Site(format!(
            "{} lacks the marker `{marker}`; keep the page-… and app-loader markers of index.html",
            dist.join("index.html").display()
        ))
    };
    let template = crate::site::blank_template(&template).map_err(missing_marker)?;
    let data = dist.join("data");
    let bundle = read_bundle_file(&data.join("bundle.json"))?;
    let index: reform_core::shard::SiteIndex = decode_file(&data.join("index.json"))?;
    let table = decode_file(&data.join(index.districts_file()))?;
    let drawers = embed_drawers(dist)?;
    let pieces = crate::site::Pieces {
        index,
        table,
        drawers,
    };
    let text_of =
        |document: &reform_core::Document| fs::read_to_string(data.join(&document.text_path)).ok();
    let write_pages = |source: &Bundle, pages: &[Page]| -> Result<usize, CliError> {
        let mut written = 0;
        for page in pages {
            let html =
                render_page(&template, source, &pieces, page, &text_of).map_err(missing_marker)?;
            let Some(html) = html else { continue };
            let path = dist.join(file_for(page));
            if let Some(parent) = path.parent() {
                fs::create_dir_all(parent).map_err(|error| CliError::Io {
                    context: format!("creating {}", parent.display()),
                    error,
                })?;
            }
            fs::write(&path, html).map_err(|error| CliError::Io {
                context: format!("writing {}", path.display()),
                error,
            })?;
            written += 1;
        }
        Ok(written)
    };
    // A document, item, unit or district page shows only its district's data, so it is drawn from
    // that district's shard: every look-up then stays within one district, and the whole
    // site takes time linear in the corpus (with the whole bundle, 850,000 item pages
    // would each search 850,000 items).
    let of_one_district = |page: &Page| {
        matches!(
            page,
            Page::Document(_) | Page::Item(_) | Page::Unit(_) | Page::District(_)
        )
    };
    let whole: Vec<Page> = Page::all(&bundle)
        .into_iter()
        .filter(|page| !of_one_district(page))
        .collect();
    let mut pages = write_pages(&bundle, &whole)?;
    drop(bundle);
    let districts: Vec<&str> = pieces
        .table
        .districts
        .iter()
        .map(|entry| entry.district.id.as_str())
        .collect();
    let per_district = map_on_every_core(&districts, |district| {
        let shard: Bundle = decode_file(&data.join(pieces.index.shard_file(district)))?;
        let own: Vec<Page> = Page::all(&shard)
            .into_iter()
            .filter(of_one_district)
            .collect();
        write_pages(&shard, &own)
    });
    for written in per_district {
        pages += written?;
    }
    // Hosts that serve `404.html` for unknown paths (most do) get the app's own not-found page.
    let not_found = crate::site::render_not_found(&template).map_err(
        |TemplateError::MissingMarker(marker)| {
            CliError::Site(format!(
                "{} lacks the marker `{marker}`",
                dist.join("index.html").display()
            ))
        },
    )?;
    fs::write(dist.join("404.html"), not_found).map_err(|error| CliError::Io {
        context: format!("writing {}", dist.join("404.html").display()),
        error,
    })?;
    Ok(format!(
        "wrote {pages} pages and 404.html into {}",
        dist.display()
    ))
}

/// Whether `flag` (an option without a value) is given, and the other arguments.
fn without_flag(args: &[String], flag: &str) -> (bool, Vec<String>) {
    let rest: Vec<String> = args.iter().filter(|arg| *arg != flag).cloned().collect();
    (rest.len() < args.len(), rest)
}

/// `--name value` pairs, each name allowed once.
struct Options<'a> {
    values: Vec<(&'a str, &'a str)>,
}

impl<'a> Options<'a> {
    fn parse(args: &'a [String], allowed: &[&str]) -> Result<Options<'a>, CliError> {
        let mut values: Vec<(&str, &str)> = Vec::new();
        let mut args = args.iter();
        while let Some(name) = args.next() {
            if !allowed.contains(&name.as_str()) {
                return Err(CliError::Usage(format!("unexpected argument `{name}`")));
            }
            let value = args
                .next()
                .ok_or_else(|| CliError::Usage(format!("{name} needs a value")))?;
            if values.iter().any(|(seen, _)| seen == name) {
                return Err(CliError::Usage(format!("{name} given twice")));
            }
            values.push((name, value));
        }
        Ok(Options { values })
    }

    fn get(&self, name: &str) -> Option<&'a str> {
        self.values
            .iter()
            .find(|(seen, _)| *seen == name)
            .map(|(_, value)| *value)
    }

    fn path(&self, name: &str, default: &str) -> PathBuf {
        PathBuf::from(self.get(name).unwrap_or(default))
    }

    /// The value of `name` as a number, `default` when absent.
    fn number<T: std::str::FromStr>(&self, name: &str, default: T) -> Result<T, CliError> {
        match self.get(name) {
            None => Ok(default),
            Some(value) => value.parse().map_err(|_| {
                CliError::Usage(format!("{name} needs a whole number, not `{value}`"))
            }),
        }
    }
}
