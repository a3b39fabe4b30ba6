//! Curated data beside the texts: progress records (`progress.toml`), lineage links
//! (`lineage.toml`) and themes (`themes.toml`). Every item reference must exist and every
//! quote must stand verbatim in its source.

use crate::catalog::toml_problem;
use crate::compile::item_id;
use crate::problem::Problem;
use crate::toml_pieces::{self, Pieced, Records};
use reform_core::items::RawItem;
use reform_core::{
    document_and_number, document_of_item, Date, Document, LineageLink, ProgressEvent,
    ProgressStatus, Theme,
};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use serde::Deserialize;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use toml::Spanned;

/// The three curated files, read and checked.
#[derive(Debug, Default)]
pub struct Curated {
    /// Progress events, oldest first.
    pub progress: Vec<ProgressEvent>,
    /// Curated lineage links.
    pub lineage: Vec<LineageLink>,
    /// Themes.
    pub themes: Vec<Theme>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ProgressFile {
    #[serde(default)]
    event: Vec<EventEntry>,
}

impl Pieced for ProgressFile {
    const RECORDS: Records = Records::Tables("event");

    fn append(&mut self, later: Self) -> bool {
        self.event.extend(later.event);
        true
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct EventEntry {
    item: Spanned<String>,
    status: ProgressStatus,
    date: Spanned<String>,
    source: Spanned<String>,
    quote: Spanned<String>,
    note_en: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LineageFile {
    #[serde(default)]
    link: Vec<LinkEntry>,
}

impl Pieced for LineageFile {
    const RECORDS: Records = Records::Tables("link");

    fn append(&mut self, later: Self) -> bool {
        self.link.extend(later.link);
        true
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LinkEntry {
    from: Spanned<String>,
    from_quote: Spanned<String>,
    to: Spanned<String>,
    to_quote: Spanned<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ThemesFile {
    #[serde(default)]
    theme: Vec<ThemeEntry>,
}

impl Pieced for ThemesFile {
    const RECORDS: Records = Records::Tables("theme");

    fn append(&mut self, later: Self) -> bool {
        self.theme.extend(later.theme);
        true
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ThemeEntry {
    id: Spanned<String>,
    name: String,
    name_en: String,
    items: Vec<Spanned<String>>,
}

/// The curated files, in the seeds folder.
pub const PROGRESS_FILE: &str = "progress.toml";
/// See [`PROGRESS_FILE`].
pub const LINEAGE_FILE: &str = "lineage.toml";
/// See [`PROGRESS_FILE`].
pub const THEMES_FILE: &str = "themes.toml";

/// A curated file's path, to place problems in it. Its text is read again for the first
/// problem rather than held while the documents are parsed: seeds with problems are
/// small, and a national corpus's curated files are 26 MB.
struct Source {
    path: PathBuf,
    text: OnceLock<String>,
}

impl Source {
    fn problem(&self, offset: usize, message: String, hint: &str) -> Problem {
        // A file gone since it was parsed places the problem at its start.
        let text = self
            .text
            .get_or_init(|| fs::read_to_string(&self.path).unwrap_or_default());
        Problem::in_file(&self.path, message, hint).at_offset(text, offset)
    }
}

/// Reads and parses the curated file `name`; a file that cannot be read or parsed is a
/// problem, reported when the file is checked.
fn read<T: Pieced>(seeds: &Path, name: &str) -> Result<(Source, T), Problem> {
    let path = seeds.join(name);
    let text = fs::read_to_string(&path).map_err(|error| {
        Problem::in_file(
            &path,
            format!("cannot read {name}: {error}"),
            "every seeds folder has progress.toml, lineage.toml and themes.toml (they may be empty)",
        )
    })?;
    match toml_pieces::from_str(&text) {
        Ok(parsed) => Ok((
            Source {
                path,
                text: OnceLock::new(),
            },
            parsed,
        )),
        Err(error) => Err(toml_problem(&path, &text, &error)),
    }
}

/// The quotes of the lineage links by the item each end names, as its document and
/// number: `(place of the end among all ends, quote)` ([`CuratedFiles::link_quotes`]).
pub type LinkQuotes<'a> = HashMap<(&'a str, u32), Vec<(usize, &'a str)>>;

/// The three curated files as read, before they are checked against the compiled
/// documents and items ([`CuratedFiles::check`]). They are read before the documents are
/// parsed, so that each progress record's quote is looked for while its source is parsed
/// ([`CuratedFiles::quotes`]).
pub struct CuratedFiles {
    progress: Result<(Source, ProgressFile), Problem>,
    lineage: Result<(Source, LineageFile), Problem>,
    themes: Result<(Source, ThemesFile), Problem>,
}

impl CuratedFiles {
    /// Reads `progress.toml`, `lineage.toml` and `themes.toml` from `seeds`.
    pub fn read(seeds: &Path) -> CuratedFiles {
        CuratedFiles {
            progress: read(seeds, PROGRESS_FILE),
            lineage: read(seeds, LINEAGE_FILE),
            themes: read(seeds, THEMES_FILE),
        }
    }

    /// The quotes of the progress records, by the id of the document each cites: each
    /// with the record's position in `progress.toml`, for [`QuoteLines::locate`]. The
    /// compiler looks for them in each source text as it parses it, rather than keep the
    /// texts until the records are checked: at national scale, 19,000 texts, 270 MB.
    pub fn quotes(&self) -> HashMap<&str, Vec<(usize, &str)>> {
        let mut quotes: HashMap<&str, Vec<(usize, &str)>> = HashMap::default();
        let events = self.progress.iter().flat_map(|(_, file)| &file.event);
        for (position, event) in events.enumerate() {
            quotes
                .entry(event.source.get_ref().as_str())
                .or_default()
                .push((position, event.quote.get_ref().as_str()));
        }
        quotes
    }

    /// The quotes of the lineage links, by the document and number of the item each end
    /// names: each with the end's place among all ends (twice the link's position in
    /// `lineage.toml`, and one more for its `to`), for [`QuoteLines::locate_in_items`].
    /// The compiler looks for them in each item's text as it reads the item, and then
    /// keeps no item texts; keyed so, no item's id is written out to look. An id not
    /// written as item ids are (`doc/007`) names no item and is left out.
    pub fn link_quotes(&self) -> LinkQuotes<'_> {
        let mut quotes: LinkQuotes = HashMap::default();
        let links = self.lineage.iter().flat_map(|(_, file)| &file.link);
        for (position, link) in links.enumerate() {
            for (end, (item, quote)) in [(&link.from, &link.from_quote), (&link.to, &link.to_quote)]
                .into_iter()
                .enumerate()
            {
                let Some(named) = document_and_number(item.get_ref()) else {
                    continue;
                };
                quotes
                    .entry(named)
                    .or_default()
                    .push((2 * position + end, quote.get_ref().as_str()));
            }
        }
        quotes
    }

    /// Checks the curated files against the compiled documents and items.
    /// `quote_lines` says where each progress record's quote stands in its source, and
    /// whether each lineage link's quotes stand in its items;
    /// references into `unread` documents (which failed with problems of their own) are
    /// not reported again.
    pub fn check<'a>(
        self,
        documents: &'a [Document],
        numbers: impl Iterator<Item = (&'a str, &'a [u32])>,
        unread: &'a [String],
        quote_lines: &QuoteLines,
        problems: &mut Vec<Problem>,
    ) -> Curated {
        let compiled = Compiled::new(documents, numbers, unread);
        let mut curated = Curated::default();
        if let Some((source, file)) = reported(self.progress, problems) {
            curated.progress = check_progress(&source, file, &compiled, quote_lines, problems);
        }
        if let Some((source, file)) = reported(self.lineage, problems) {
            curated.lineage = check_lineage(&source, file, &compiled, quote_lines, problems);
        }
        if let Some((source, file)) = reported(self.themes, problems) {
            curated.themes = check_themes(&source, file, &compiled, problems);
        }
        curated
    }
}

/// The compiled documents and items, found by id. Hash tables rather than a search per
/// record: curated files may name every item. Where ids repeat (reported elsewhere), the
/// first wins, as a search would find it.
struct Compiled<'a> {
    /// Each document's items' numbers (an item's id is its document's and its number), in
    /// runs as parsed: a table of the documents, not of every item (at national scale,
    /// 850,000).
    numbers_of: HashMap<&'a str, Vec<&'a [u32]>>,
    document_by_id: HashMap<&'a str, &'a Document>,
    /// Documents that failed with problems of their own: what they would hold is not
    /// reported missing.
    unread: HashSet<&'a str>,
}

/// An item found by its id.
#[derive(Clone, Copy)]
struct FoundItem<'a> {
    /// [`reform_core::Item::document`].
    document: &'a str,
    /// [`reform_core::Item::number`].
    number: u32,
}

impl FoundItem<'_> {
    /// [`reform_core::Item::id`].
    fn id(&self) -> String {
        item_id(self.document, self.number)
    }
}

impl<'a> Compiled<'a> {
    fn new(
        documents: &'a [Document],
        numbers: impl Iterator<Item = (&'a str, &'a [u32])>,
        unread: &'a [String],
    ) -> Self {
        let mut numbers_of: HashMap<&str, Vec<&[u32]>> = HashMap::default();
        for (document, numbers) in numbers {
            numbers_of.entry(document).or_default().push(numbers);
        }
        let mut document_by_id: HashMap<&str, &Document> = HashMap::default();
        for document in documents {
            document_by_id
                .entry(document.id.as_str())
                .or_insert(document);
        }
        Compiled {
            numbers_of,
            document_by_id,
            unread: unread.iter().map(String::as_str).collect(),
        }
    }

    fn document(&self, id: &str) -> Option<&'a Document> {
        self.document_by_id.get(id).copied()
    }

    /// The item whose id is `id`: one of its document's, by number.
    fn item_with_id(&self, id: &str) -> Option<FoundItem<'a>> {
        let (document, number) = document_and_number(id)?;
        let (&document, runs) = self.numbers_of.get_key_value(document)?;
        runs.iter()
            .any(|run| run.contains(&number))
            .then_some(FoundItem { document, number })
    }

    /// The item `id` names, or `None` with a problem pushed when it should exist.
    fn item(
        &self,
        source: &Source,
        id: &Spanned<String>,
        problems: &mut Vec<Problem>,
    ) -> Option<FoundItem<'a>> {
        let found = self.item_with_id(id.get_ref());
        if found.is_none() && !self.unread.contains(document_of_item(id.get_ref())) {
            problems.push(source.problem(
                id.span().start,
                format!("no item `{}`", id.get_ref()),
                "name items as document-id/number, e.g. 2014-luohu-reform-plan/26; `reform-portal parse FILE` lists a document's numbers",
            ));
        }
        found
    }
}

/// The valid progress events of `progress.toml`, oldest first.
fn check_progress(
    source: &Source,
    file: ProgressFile,
    compiled: &Compiled,
    quote_lines: &QuoteLines,
    problems: &mut Vec<Problem>,
) -> Vec<ProgressEvent> {
    let mut progress = Vec::new();
    for (position, event) in file.event.into_iter().enumerate() {
        let EventEntry {
            item,
            status,
            date,
            source: source_id,
            quote,
            note_en,
        } = event;
        let Some(parsed_date) = Date::parse_iso(date.get_ref()) else {
            problems.push(source.problem(
                date.span().start,
                format!("`{}` is not a date", date.get_ref()),
                "write dates as YYYY-MM-DD, e.g. 2015-06-10",
            ));
            continue;
        };
        let Some(reported) = compiled.item(source, &item, problems) else {
            continue;
        };
        let Some(document) = compiled.document(source_id.get_ref()) else {
            if !compiled.unread.contains(source_id.get_ref().as_str()) {
                problems.push(source.problem(
                    source_id.span().start,
                    format!("no document `{}`", source_id.get_ref()),
                    "name a document id from seeds/catalog.toml",
                ));
            }
            continue;
        };
        let Some(source_line) = quote_lines.line(position) else {
            problems.push(source.problem(
                quote.span().start,
                format!(
                    "the quote is not found verbatim in `{}`: {}",
                    document.id,
                    quote.get_ref()
                ),
                "copy the quote exactly from one line of the source text (punctuation included)",
            ));
            continue;
        };
        if let Some(source_date) = document
            .date()
            .filter(|source_date| *source_date != parsed_date)
        {
            problems.push(source.problem(
                date.span().start,
                format!("{parsed_date} is not the date of `{}`", document.id),
                &format!("use the source's date, {source_date}"),
            ));
            continue;
        }
        let planned = compiled
            .document(reported.document)
            .and_then(Document::date);
        if planned.is_some_and(|planned| parsed_date <= planned) {
            problems.push(source.problem(
                source_id.span().start,
                format!(
                    "`{}` is not later than the plan of item `{}`",
                    document.id,
                    reported.id()
                ),
                "progress must come from a later source",
            ));
            continue;
        }
        progress.push(ProgressEvent {
            item: reported.id(),
            status,
            date: parsed_date,
            source: document.id.clone(),
            source_line,
            quote: quote.into_inner(),
            note_en,
        });
    }
    progress.sort_by(|a, b| (a.date, &a.item).cmp(&(b.date, &b.item)));
    progress
}

/// The valid links of `lineage.toml`.
fn check_lineage(
    source: &Source,
    file: LineageFile,
    compiled: &Compiled,
    quote_lines: &QuoteLines,
    problems: &mut Vec<Problem>,
) -> Vec<LineageLink> {
    let mut lineage = Vec::new();
    for (
        position,
        LinkEntry {
            from,
            from_quote,
            to,
            to_quote,
        },
    ) in file.link.into_iter().enumerate()
    {
        let mut valid = true;
        let mut ends = Vec::new();
        for (end, (id, quote)) in [(&from, &from_quote), (&to, &to_quote)]
            .into_iter()
            .enumerate()
        {
            match compiled.item(source, id, problems) {
                None => valid = false,
                Some(found) if !quote_lines.in_item(2 * position + end) => {
                    problems.push(source.problem(
                        quote.span().start,
                        format!(
                            "the quote is not found verbatim in item `{}`: {}",
                            found.id(),
                            quote.get_ref()
                        ),
                        "quote the item's own text exactly",
                    ));
                    valid = false;
                }
                Some(found) => ends.push(found),
            }
        }
        let date_of = |item: FoundItem| compiled.document(item.document)?.date();
        if let [earlier, later] = ends[..] {
            if date_of(earlier) >= date_of(later) {
                problems.push(source.problem(
                    to.span().start,
                    format!(
                        "`{}` is not from a later document than `{}`",
                        later.id(),
                        earlier.id()
                    ),
                    "a link goes from an item to the later item that continues it",
                ));
                valid = false;
            }
        }
        if valid {
            lineage.push(LineageLink {
                from: from.into_inner(),
                from_quote: from_quote.into_inner(),
                to: to.into_inner(),
                to_quote: to_quote.into_inner(),
            });
        }
    }
    lineage
}

/// The themes of `themes.toml`, each with the members it names.
fn check_themes(
    source: &Source,
    file: ThemesFile,
    compiled: &Compiled,
    problems: &mut Vec<Problem>,
) -> Vec<Theme> {
    let mut theme_ids: HashSet<String> = HashSet::default();
    let mut themes = Vec::new();
    for ThemeEntry {
        id,
        name,
        name_en,
        items: members,
    } in file.theme
    {
        if !theme_ids.insert(id.get_ref().clone()) {
            problems.push(source.problem(
                id.span().start,
                format!("duplicate theme id `{}`", id.get_ref()),
                "give every theme its own id",
            ));
        }
        for member in &members {
            compiled.item(source, member, problems);
        }
        themes.push(Theme {
            id: id.into_inner(),
            name,
            name_en,
            items: members.into_iter().map(Spanned::into_inner).collect(),
        });
    }
    themes
}

/// The file read, or `None` with its problem pushed onto `problems`.
fn reported<T>(read: Result<T, Problem>, problems: &mut Vec<Problem>) -> Option<T> {
    read.map_err(|problem| problems.push(problem)).ok()
}

/// Where the quote of each progress record stands in its source, and whether each
/// lineage link's quotes stand in its items, filled in as the sources are parsed
/// ([`CuratedFiles::quotes`], [`CuratedFiles::link_quotes`]).
#[derive(Debug, Default)]
pub struct QuoteLines {
    /// By the record's position in `progress.toml`: the 1-based line, when found.
    lines: Vec<Option<u32>>,
    /// The documents whose quotes were looked for: where ids repeat (reported as
    /// problems), the first document read wins.
    located: HashSet<String>,
    /// By the place of a link's end: whether its quote stands in the text of the item it
    /// names. Where item ids repeat, the first item read wins.
    in_items: Vec<Option<bool>>,
}

impl QuoteLines {
    /// Where `quotes` (a document's, from [`CuratedFiles::quotes`]) stand in `text`, the
    /// document's source: `(record position, line)`.
    pub fn find(text: &str, quotes: &[(usize, &str)]) -> Vec<(usize, Option<u32>)> {
        quotes
            .iter()
            .map(|&(position, quote)| (position, line_of(text, quote)))
            .collect()
    }

    /// Records what [`QuoteLines::find`] found in document `document`, unless a document
    /// of that id was located before.
    pub fn locate(&mut self, document: &str, found: Vec<(usize, Option<u32>)>) {
        if !self.located.insert(document.to_string()) {
            return;
        }
        for (position, line) in found {
            if self.lines.len() <= position {
                self.lines.resize(position + 1, None);
            }
            self.lines[position] = line;
        }
    }

    /// Whether the quotes of the links that name the `items` of document `document`
    /// (from [`CuratedFiles::link_quotes`]) stand in their texts: `(place of the link's
    /// end, found)`.
    pub fn find_in_items(
        document: &str,
        items: &[RawItem],
        link_quotes: &LinkQuotes,
    ) -> Vec<(usize, bool)> {
        if link_quotes.is_empty() {
            return Vec::new();
        }
        let quoted = items.iter().filter_map(|item| {
            let quotes = link_quotes.get(&(document, item.number))?;
            Some(
                quotes
                    .iter()
                    .map(|&(end, quote)| (end, item.text.contains(quote))),
            )
        });
        quoted.flatten().collect()
    }

    /// Records what [`QuoteLines::find_in_items`] found, for the link ends not found
    /// before.
    pub fn locate_in_items(&mut self, found: Vec<(usize, bool)>) {
        for (end, in_text) in found {
            if self.in_items.len() <= end {
                self.in_items.resize(end + 1, None);
            }
            self.in_items[end].get_or_insert(in_text);
        }
    }

    /// Whether the quote of the link end at `end` stands in the item it names.
    fn in_item(&self, end: usize) -> bool {
        self.in_items.get(end).copied().flatten().unwrap_or(false)
    }

    /// The line of the quote of the record at `position`, if found.
    fn line(&self, position: usize) -> Option<u32> {
        self.lines.get(position).copied().flatten()
    }
}

/// The 1-based line holding `quote`, when it stands on one line.
fn line_of(text: &str, quote: &str) -> Option<u32> {
    if quote.trim().is_empty() {
        return None;
    }
    text.lines()
        .zip(1u32..)
        .find(|(line, _)| line.contains(quote))
        .map(|(_, number)| number)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_item_of_an_unread_document_is_not_reported_missing() {
        let unread = ["a/b".to_string(), "c".to_string()];
        let compiled = Compiled::new(&[], std::iter::empty(), &unread);
        let source = Source {
            path: PathBuf::from("progress.toml"),
            text: OnceLock::from(String::new()),
        };
        let missing = |id: &str| {
            let mut problems = Vec::new();
            let id = Spanned::new(0..id.len(), id.to_string());
            assert!(compiled.item(&source, &id, &mut problems).is_none());
            problems.len()
        };
        // The document is what comes before the last `/`, as everywhere else.
        assert_eq!(missing("a/b/3"), 0);
        assert_eq!(missing("c/3"), 0);
        assert_eq!(missing("a/3"), 1);
        assert_eq!(missing("d/3"), 1);
    }

    #[test]
    fn the_seed_curated_files_read_in_pieces_as_in_one() {
        toml_pieces::assert_reads_as_one::<ProgressFile>(
            include_str!("../../../seeds/progress.toml"),
            256,
        );
        toml_pieces::assert_reads_as_one::<LineageFile>(
            include_str!("../../../seeds/lineage.toml"),
            256,
        );
        toml_pieces::assert_reads_as_one::<ThemesFile>(
            include_str!("../../../seeds/themes.toml"),
            256,
        );
    }

    #[test]
    fn quote_lines_are_those_of_the_first_document_of_an_id() {
        let quotes = [(0, "甲"), (2, "丙")];
        let mut lines = QuoteLines::default();
        lines.locate("a", QuoteLines::find("甲\n乙\n丙丙\n", &quotes));
        // A second document of the same id (a problem of its own) changes nothing.
        lines.locate("a", QuoteLines::find("丙\n甲\n", &quotes));
        assert_eq!(
            [0, 1, 2, 3].map(|at| lines.line(at)),
            [Some(1), None, Some(3), None]
        );
        assert_eq!(QuoteLines::find("甲\n", &[(0, " ")]), [(0, None)]);
    }

    #[test]
    fn link_quotes_are_keyed_by_the_items_their_ids_name_as_written() {
        let source = |name: &str| Source {
            path: PathBuf::from(name),
            text: OnceLock::new(),
        };
        let links = "[[link]]\nfrom = \"a/1\"\nfrom_quote = \"甲\"\nto = \"b/007\"\nto_quote = \"乙\"\n\n\
                     [[link]]\nfrom = \"a/1\"\nfrom_quote = \"丙\"\nto = \"b/7\"\nto_quote = \"丁\"\n";
        let files = CuratedFiles {
            progress: Ok((source("progress.toml"), ProgressFile { event: Vec::new() })),
            lineage: Ok((source("lineage.toml"), toml::from_str(links).unwrap())),
            themes: Ok((source("themes.toml"), ThemesFile { theme: Vec::new() })),
        };
        let quotes = files.link_quotes();
        assert_eq!(quotes[&("a", 1)], [(0, "甲"), (2, "丙")]);
        // `b/007` is not how item 7 of `b` is written: it names no item.
        assert_eq!(quotes[&("b", 7)], [(3, "丁")]);
        assert_eq!(quotes.len(), 2);
    }

    #[test]
    fn link_quotes_are_looked_for_in_the_first_item_of_an_id() {
        let link_quotes = HashMap::from_iter([(("a", 1), vec![(0, "甲项"), (3, "乙项")])]);
        let items = |text: &str| reform_core::items::read_items(text, None);
        let (first, again) = (
            items("1.甲项。(牵头单位:甲局)"),
            items("1.乙项。(牵头单位:甲局)"),
        );
        let mut lines = QuoteLines::default();
        lines.locate_in_items(QuoteLines::find_in_items("a", &first, &link_quotes));
        // A second item of the same id (a problem of its own) changes nothing.
        lines.locate_in_items(QuoteLines::find_in_items("a", &again, &link_quotes));
        assert_eq!(
            [0, 1, 2, 3, 4].map(|end| lines.in_item(end)),
            [true, false, false, false, false]
        );
        assert!(QuoteLines::find_in_items("b", &first, &link_quotes).is_empty());
    }
}
