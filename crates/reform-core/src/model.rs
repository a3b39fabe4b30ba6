//! The bundle: everything the app shows, compiled from `seeds/`. These serde types are
//! the JSON contract between the compiler and the app; change them together with
//! [`SCHEMA_VERSION`].

use crate::date::Date;
use serde::{Deserialize, Serialize};

/// Bumped whenever the bundle's shape changes incompatibly; the app refuses other versions.
pub const SCHEMA_VERSION: u32 = 1;

/// The compiled data set the app loads once (`data/bundle.json`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Bundle {
    /// Shape version of this file; see [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// SHA-256 (hex) of the bundle with this field empty: identifies one data version.
    pub content_hash: String,
    /// The most recent issue or publication date among the sources: "as of" for every claim.
    pub latest_source_date: Option<Date>,
    /// The districts the documents come from, in catalog order.
    pub districts: Vec<District>,
    /// The source documents, oldest first.
    pub documents: Vec<Document>,
}

/// A district government whose documents the portal covers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct District {
    /// Stable identifier used in URLs and references, e.g. `luohu`.
    pub id: String,
    /// Chinese name as the documents write it, e.g. `罗湖区`.
    pub name: String,
    /// English name, e.g. `Luohu District`.
    pub name_en: String,
}

/// What a source document is; decides how its items are read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    /// A yearly reform plan (改革计划): numbered items with responsible units.
    Plan,
    /// An implementation scheme (工作方案) with tasks and deadlines.
    Scheme,
    /// Yearly work points (工作要点).
    WorkPoints,
    /// A later report (news or official) on what reforms achieved.
    ResultsReport,
}

impl DocumentKind {
    /// Every kind, in display order.
    pub const ALL: [DocumentKind; 4] = [
        DocumentKind::Plan,
        DocumentKind::Scheme,
        DocumentKind::WorkPoints,
        DocumentKind::ResultsReport,
    ];

    /// Chinese label shown to readers.
    pub fn label_zh(self) -> &'static str {
        match self {
            DocumentKind::Plan => "改革计划",
            DocumentKind::Scheme => "工作方案",
            DocumentKind::WorkPoints => "工作要点",
            DocumentKind::ResultsReport => "成果报道",
        }
    }

    /// English label shown to readers.
    pub fn label_en(self) -> &'static str {
        match self {
            DocumentKind::Plan => "Reform plan",
            DocumentKind::Scheme => "Implementation scheme",
            DocumentKind::WorkPoints => "Work points",
            DocumentKind::ResultsReport => "Results report",
        }
    }
}

/// One source document with the metadata parsed from its text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// Stable identifier used in URLs, e.g. `2014-luohu-reform-plan`.
    pub id: String,
    /// [`District::id`] of the issuing district.
    pub district: String,
    /// What the document is.
    pub kind: DocumentKind,
    /// Title as the text gives it, e.g. `深圳市罗湖区2014年改革计划`.
    pub title: String,
    /// English title from the catalog (the text has none).
    pub title_en: String,
    /// Document number as written, e.g. `罗办发〔2014〕1号`; news reports have none.
    pub doc_number: Option<String>,
    /// Issuing body when the text names it, e.g. `中共深圳市罗湖区委办公室 深圳市罗湖区人民政府办公室`.
    pub issuer: Option<String>,
    /// Date of issue printed in the document, e.g. `(2014年4月1日)`.
    pub issued: Option<Date>,
    /// Date the document was published online (`发布日期:2014-06-09`), when the text says.
    pub published: Option<Date>,
    /// Where the original was published, from the catalog, when known.
    pub source_url: Option<String>,
    /// Path of the verbatim source text relative to the bundle, e.g. `documents/2014-luohu-reform-plan.txt`.
    pub text_path: String,
    /// Number of lines in the source text; line numbers in the bundle are 1-based.
    pub line_count: u32,
    /// Number of characters (Unicode scalar values) in the source text.
    pub char_count: u32,
}

impl Document {
    /// The date that places the document in time: issue date, else publication date.
    pub fn date(&self) -> Option<Date> {
        self.issued.or(self.published)
    }

    /// Year shown in lists, from [`Document::date`].
    pub fn year(&self) -> Option<u16> {
        self.date().map(|date| date.year)
    }
}
