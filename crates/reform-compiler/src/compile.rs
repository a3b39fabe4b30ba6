//! Seeds → bundle. Reading files is kept apart from checking and assembling them, so that
//! every problem in every file is found in one run.

use crate::catalog::{parse_catalog, Catalog, DocumentEntry};
use crate::problem::Problem;
use reform_core::header::read_header;
use reform_core::{Bundle, District, Document, SCHEMA_VERSION};
use sha2::{Digest, Sha256};
use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

/// The catalog's file name inside the seeds folder.
pub const CATALOG_FILE: &str = "catalog.toml";

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
    let mut seen_ids = HashSet::new();
    let mut documents = Vec::new();
    let mut texts = Vec::new();
    for entry in &catalog.documents {
        if !seen_ids.insert(entry.id.get_ref().as_str()) {
            problems.push(on.problem(
                entry.id.span().start,
                format!("duplicate document id `{}`", entry.id.get_ref()),
                "give every [[document]] its own id",
            ));
        }
        if !is_slug(entry.id.get_ref()) {
            problems.push(on.problem(
                entry.id.span().start,
                format!(
                    "document id `{}` is not usable in a URL",
                    entry.id.get_ref()
                ),
                "use lowercase ASCII letters, digits and hyphens, e.g. 2014-luohu-reform-plan",
            ));
        }
        if !districts
            .iter()
            .any(|district| district.id == *entry.district.get_ref())
        {
            problems.push(on.problem(
                entry.district.span().start,
                format!("unknown district `{}`", entry.district.get_ref()),
                format!(
                    "add a [[district]] with this id, or use one of: {}",
                    ids(&districts)
                ),
            ));
        }
        match read_document(seeds, entry, on) {
            Ok((document, text)) => {
                texts.push((document.text_path.clone(), text));
                documents.push(document);
            }
            Err(problem) => problems.push(problem),
        }
    }
    if catalog.documents.is_empty() {
        problems.push(Problem::in_file(
            &catalog_path,
            "the catalog lists no documents",
            "add a [[document]] table for each text in seeds/documents/",
        ));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    documents.sort_by(|a, b| (a.date(), &a.id).cmp(&(b.date(), &b.id)));
    let latest_source_date = documents
        .iter()
        .flat_map(|document| [document.issued, document.published])
        .flatten()
        .max();
    let bundle = Bundle {
        schema_version: SCHEMA_VERSION,
        content_hash: String::new(),
        latest_source_date,
        districts,
        documents,
    };
    Ok(Compiled {
        bundle: with_content_hash(bundle),
        texts,
    })
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

/// Reads one document's text and the metadata it states about itself.
fn read_document(
    seeds: &Path,
    entry: &DocumentEntry,
    on: CatalogSource,
) -> Result<(Document, String), Problem> {
    let relative = PathBuf::from(entry.file.get_ref());
    let path = seeds.join(&relative);
    let bytes = fs::read(&path).map_err(|error| {
        on.problem(
            entry.file.span().start,
            format!("cannot read `{}`: {error}", path.display()),
            "the path is relative to the seeds folder, e.g. documents/2014-luohu-reform-plan.txt",
        )
    })?;
    let text = String::from_utf8(bytes).map_err(|error| {
        let offset = error.utf8_error().valid_up_to();
        let valid = String::from_utf8_lossy(&error.as_bytes()[..offset]).into_owned();
        Problem::in_file(
            &path,
            format!("the text is not valid UTF-8 (byte {offset})"),
            "save the document as UTF-8 plain text",
        )
        .at_offset(&valid, offset)
    })?;
    let header = read_header(&text);
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
        text_path: format!("documents/{}.txt", entry.id.get_ref()),
        line_count: u32::try_from(text.lines().count()).unwrap_or(u32::MAX),
        char_count: u32::try_from(text.chars().count()).unwrap_or(u32::MAX),
    };
    Ok((document, text))
}

fn is_slug(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
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

/// Sets [`Bundle::content_hash`]: SHA-256 of the serialized bundle with the hash empty.
fn with_content_hash(mut bundle: Bundle) -> Bundle {
    bundle.content_hash.clear();
    let hash = Sha256::digest(to_json(&bundle).as_bytes());
    bundle.content_hash = hash.iter().map(|byte| format!("{byte:02x}")).collect();
    bundle
}

/// The bundle as written to disk: pretty, deterministic, ending in a newline.
pub fn to_json(bundle: &Bundle) -> String {
    let mut json = serde_json::to_string_pretty(bundle).expect("the bundle types always serialize");
    json.push('\n');
    json
}
