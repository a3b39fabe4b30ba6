//! The curated catalog (`seeds/catalog.toml`): what the texts do not say about themselves —
//! which district and kind each document is, its English title, where it was published.

use crate::problem::Problem;
use crate::toml_pieces::{self, Pieced, Records};
use reform_core::DocumentKind;
use serde::Deserialize;
use std::path::Path;
use toml::Spanned;

/// The catalog file as written; spans locate later errors in it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalog {
    /// `[[district]]` tables.
    #[serde(default, rename = "district")]
    pub districts: Vec<DistrictEntry>,
    /// `[[document]]` tables.
    #[serde(default, rename = "document")]
    pub documents: Vec<DocumentEntry>,
}

impl Pieced for Catalog {
    const RECORDS: Records = Records::Tables("document");

    fn append(&mut self, later: Self) -> bool {
        self.documents.extend(later.documents);
        later.districts.is_empty()
    }
}

/// One `[[district]]` table.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DistrictEntry {
    /// Identifier referenced by documents, e.g. `luohu`.
    pub id: Spanned<String>,
    /// Chinese name, e.g. `罗湖区`.
    pub name: String,
    /// English name.
    pub name_en: String,
}

/// One `[[document]]` table.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentEntry {
    /// Identifier used in URLs: lowercase ASCII letters, digits and hyphens.
    pub id: Spanned<String>,
    /// Path of the source text relative to the seeds folder.
    pub file: Spanned<String>,
    /// A `[[district]]` id.
    pub district: Spanned<String>,
    /// `plan`, `scheme`, `work_points` or `results_report`.
    pub kind: DocumentKind,
    /// English title.
    pub title_en: String,
    /// Where the original was published, when known.
    #[serde(default)]
    pub source_url: Option<String>,
}

/// Parses the catalog's text; a syntax or shape error becomes a located [`Problem`].
pub fn parse_catalog(path: &Path, source: &str) -> Result<Catalog, Problem> {
    toml_pieces::from_str(source).map_err(|error| toml_problem(path, source, &error))
}

/// A TOML syntax or shape error, placed where the parser stopped, with a hint.
pub fn toml_problem(path: &Path, source: &str, error: &toml::de::Error) -> Problem {
    let message = error.message().trim_end().replace('\n', "; ");
    let hint = if message.starts_with("unknown field") {
        "remove it: titles, document numbers, issuers and dates are read from the text itself"
    } else {
        "see the comment at the top of the file and CONTRIBUTING.md for the expected fields"
    };
    let problem = Problem::in_file(
        path,
        format!("{} is not valid: {message}", file_name(path)),
        hint,
    );
    match error.span() {
        Some(span) => problem.at_offset(source, span.start),
        None => problem,
    }
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |name| name.to_string_lossy().into_owned(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seed_catalog_reads_in_pieces_as_in_one() {
        let text = include_str!("../../../seeds/catalog.toml");
        toml_pieces::assert_reads_as_one::<Catalog>(text, 128);
        // A district after the documents is not for a later piece to settle alone.
        let text =
            format!("{text}\n[[district]]\nid = \"late\"\nname = \"晚\"\nname_en = \"Late\"\n");
        assert!(toml_pieces::pieces_of::<Catalog>(&text, 128).is_none());
        let read = toml_pieces::from_str_in::<Catalog>(&text, 128).unwrap();
        assert_eq!(read.districts.last().unwrap().id.get_ref(), "late");
    }
}
