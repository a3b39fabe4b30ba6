//! Curated data beside the texts: progress records (`progress.toml`), lineage links
//! (`lineage.toml`) and themes (`themes.toml`). Every item reference must exist and every
//! quote must stand verbatim in its source.

use crate::catalog::toml_problem;
use crate::problem::Problem;
use reform_core::{Date, Document, Item, LineageLink, ProgressEvent, ProgressStatus, Theme};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use std::fs;
use std::path::{Path, PathBuf};
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
    event: Vec<Spanned<EventEntry>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct EventEntry {
    item: String,
    status: ProgressStatus,
    date: String,
    source: String,
    quote: String,
    note_en: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LineageFile {
    #[serde(default)]
    link: Vec<Spanned<LineageLink>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ThemesFile {
    #[serde(default)]
    theme: Vec<Spanned<Theme>>,
}

/// A curated file's path and text, to place problems in it.
struct Source {
    path: PathBuf,
    text: String,
}

impl Source {
    fn problem(&self, offset: usize, message: String, hint: &str) -> Problem {
        Problem::in_file(&self.path, message, hint).at_offset(&self.text, offset)
    }
}

fn read<T: DeserializeOwned>(seeds: &Path, name: &str, problems: &mut Vec<Problem>) -> Option<(Source, T)> {
    let path = seeds.join(name);
    let text = match fs::read_to_string(&path) {
        Ok(text) => text,
        Err(error) => {
            problems.push(Problem::in_file(
                &path,
                format!("cannot read {name}: {error}"),
                "every seeds folder has progress.toml, lineage.toml and themes.toml (they may be empty)",
            ));
            return None;
        }
    };
    match toml::from_str(&text) {
        Ok(parsed) => Some((Source { path, text }, parsed)),
        Err(error) => {
            problems.push(toml_problem(&path, &text, &error));
            None
        }
    }
}

/// Reads and checks the curated files against the compiled documents and items.
/// `text_of` gives a document's source text by id.
pub fn read_curated(
    seeds: &Path,
    documents: &[Document],
    items: &[Item],
    text_of: &dyn Fn(&str) -> Option<String>,
    problems: &mut Vec<Problem>,
) -> Curated {
    let mut curated = Curated::default();
    let item = |id: &str| items.iter().find(|item| item.id == id);
    let unknown_item = |source: &Source, offset: usize, id: &str| {
        source.problem(
            offset,
            format!("no item `{id}`"),
            "name items as document-id/number, e.g. 2014-luohu-reform-plan/26; `reform-portal parse FILE` lists a document's numbers",
        )
    };

    if let Some((source, file)) = read::<ProgressFile>(seeds, "progress.toml", problems) {
        for entry in file.event {
            let at = entry.span().start;
            let entry = entry.into_inner();
            let Some(date) = Date::parse_iso(&entry.date) else {
                problems.push(source.problem(at, format!("`{}` is not a date", entry.date), "write dates as YYYY-MM-DD, e.g. 2015-06-10"));
                continue;
            };
            let Some(reported) = item(&entry.item) else {
                problems.push(unknown_item(&source, at, &entry.item));
                continue;
            };
            let Some(document) = documents.iter().find(|document| document.id == entry.source) else {
                problems.push(source.problem(at, format!("no document `{}`", entry.source), "name a document id from seeds/catalog.toml"));
                continue;
            };
            let text = text_of(&document.id).unwrap_or_default();
            let Some(source_line) = line_of(&text, &entry.quote) else {
                problems.push(source.problem(
                    at,
                    format!("the quote is not found verbatim in `{}`: {}", entry.source, entry.quote),
                    "copy the quote exactly from one line of the source text (punctuation included)",
                ));
                continue;
            };
            if document.date().is_some_and(|source_date| source_date != date) {
                problems.push(source.problem(
                    at,
                    format!("the date {date} is not the date of `{}`", entry.source),
                    &format!("use the source's date, {}", document.date().map(|date| date.to_string()).unwrap_or_default()),
                ));
                continue;
            }
            let planned = documents.iter().find(|plan| plan.id == reported.document).and_then(Document::date);
            if planned.is_some_and(|planned| date < planned) {
                problems.push(source.problem(at, format!("the source predates item `{}`", entry.item), "progress must come from a later source"));
                continue;
            }
            curated.progress.push(ProgressEvent {
                item: entry.item,
                status: entry.status,
                date,
                source: entry.source,
                source_line,
                quote: entry.quote,
                note_en: entry.note_en,
            });
        }
        curated.progress.sort_by(|a, b| (a.date, &a.item).cmp(&(b.date, &b.item)));
    }

    if let Some((source, file)) = read::<LineageFile>(seeds, "lineage.toml", problems) {
        for entry in file.link {
            let at = entry.span().start;
            let link = entry.into_inner();
            let ends = [(&link.from, &link.from_quote), (&link.to, &link.to_quote)];
            let mut valid = true;
            for (id, quote) in ends {
                match item(id) {
                    None => {
                        problems.push(unknown_item(&source, at, id));
                        valid = false;
                    }
                    Some(found) if !found.text.contains(quote.as_str()) => {
                        problems.push(source.problem(
                            at,
                            format!("the quote is not found verbatim in item `{id}`: {quote}"),
                            "quote the item's own text exactly",
                        ));
                        valid = false;
                    }
                    Some(_) => {}
                }
            }
            if valid {
                curated.lineage.push(link);
            }
        }
    }

    if let Some((source, file)) = read::<ThemesFile>(seeds, "themes.toml", problems) {
        for entry in file.theme {
            let at = entry.span().start;
            let theme = entry.into_inner();
            if curated.themes.iter().any(|other| other.id == theme.id) {
                problems.push(source.problem(at, format!("duplicate theme id `{}`", theme.id), "give every theme its own id"));
            }
            for id in &theme.items {
                if item(id).is_none() {
                    problems.push(unknown_item(&source, at, id));
                }
            }
            curated.themes.push(theme);
        }
    }
    curated
}

/// The 1-based line holding `quote`, when it stands on one line.
fn line_of(text: &str, quote: &str) -> Option<u32> {
    if quote.trim().is_empty() {
        return None;
    }
    text.lines().zip(1u32..).find(|(line, _)| line.contains(quote)).map(|(_, number)| number)
}
