//! The bundle: everything the app shows, compiled from `seeds/`. These serde types are
//! the JSON contract between the compiler and the app; change them together with
//! [`SCHEMA_VERSION`].

use crate::date::Date;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// Bumped whenever the bundle's shape changes incompatibly; the app refuses other versions.
pub const SCHEMA_VERSION: u32 = 1;

/// The compiled data set the app loads once (`data/bundle.json`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Bundle {
    /// Shape version of this file; see [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// Identifies one data version: SHA-256 (hex) of `bundle.json` up to its suggestions,
    /// with this field as 64 zeros, then of each suggestion as its items' positions in
    /// `items` and its similarity (little-endian, 4, 4 and 2 bytes), then of the themes in
    /// postcard's encoding.
    pub content_hash: String,
    /// The most recent issue or publication date among the sources: "as of" for every claim.
    pub latest_source_date: Option<Date>,
    /// The districts the documents come from, in catalog order.
    pub districts: Vec<District>,
    /// The source documents, oldest first.
    pub documents: Vec<Document>,
    /// Every numbered item of every document, in document order then item order.
    pub items: Vec<Item>,
    /// Every unit of the registry, in registry order.
    pub units: Vec<Unit>,
    /// Dated, quoted evidence of what became of items, oldest first.
    pub progress: Vec<ProgressEvent>,
    /// Curated links between items that continue one another across documents.
    pub lineage: Vec<LineageLink>,
    /// Machine suggestions of further links, by text similarity: never shown as fact.
    pub suggestions: Vec<LineageSuggestion>,
    /// Themes grouping items across years and districts.
    pub themes: Vec<Theme>,
}

/// A district government whose documents the portal covers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
    /// How many of the document's items stand at each status.
    pub status_counts: StatusCounts,
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

/// One numbered reform item of a document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Item {
    /// Stable identifier: document id and number, e.g. `2014-luohu-reform-plan/26`.
    pub id: String,
    // One string shared by the document's items.
    /// [`Document::id`] of the document the item belongs to.
    pub document: Arc<str>,
    /// Ordinal within the document (`五、` → 5).
    pub number: u32,
    // Its strings and lists past the id are made at their length and never grown, so they
    // hold no capacity beside it: a national corpus holds 850,000 items.
    /// The marker as written, e.g. `26.` or `五、`.
    pub label: Box<str>,
    /// Short title: the item's first sentence.
    pub title: Box<str>,
    /// The item's full text, verbatim.
    pub text: Box<str>,
    /// 1-based first line of the item in the source text.
    pub first_line: u32,
    /// 1-based last line of the item in the source text.
    pub last_line: u32,
    // Shared by the section's items, as are the unit references' strings (`UnitRef`).
    /// Heading of the enclosing section, when the document has sections.
    pub section: Option<Arc<str>>,
    /// Heading of the enclosing subsection, when there is one.
    pub subsection: Option<Arc<str>>,
    /// Lead units (牵头 / 主办 / 责任单位).
    pub lead_units: Box<[UnitRef]>,
    /// Co-organising units (协办 / 配合).
    pub co_units: Box<[UnitRef]>,
    /// Filler phrases such as `各有关单位`, as written: "other relevant units".
    pub other_units: Box<[String]>,
    /// Responsible leaders (people, never units), e.g. `林电雄`.
    pub leaders: Box<[String]>,
    /// The deadline as a date (`2012年12月底前` → 2012-12-31).
    pub deadline: Option<Date>,
    /// The deadline as written.
    pub deadline_text: Option<Box<str>>,
    /// Where the item stands, from its progress events and deadline.
    pub status: ItemStatus,
    /// [`Theme::id`]s of the themes the item belongs to.
    pub themes: Box<[String]>,
}

#[cfg(test)]
impl Item {
    /// Item `number` of `document`, on that line, with nothing else said of it: for tests
    /// to fill in what they look at.
    pub(crate) fn numbered(document: &str, number: u32) -> Item {
        Item {
            id: format!("{document}/{number}"),
            document: document.into(),
            number,
            label: "".into(),
            title: "".into(),
            text: "".into(),
            first_line: number,
            last_line: number,
            section: None,
            subsection: None,
            lead_units: [].into(),
            co_units: [].into(),
            other_units: [].into(),
            leaders: [].into(),
            deadline: None,
            deadline_text: None,
            status: ItemStatus::NoEvidence,
            themes: [].into(),
        }
    }
}

// Its strings are shared and held by one pointer each (`Arc<String>`, serialized as plain
// strings): a national corpus's items name units three million times, in a few thousand
// spellings, and a reference takes 16 bytes, not 32 as with `Arc<str>`.
/// A unit named by an item: which unit, and how the text wrote it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct UnitRef {
    /// [`Unit::id`].
    pub unit: Arc<String>,
    /// The name as the document writes it, e.g. `区委组织部<编办>`.
    pub written: Arc<String>,
}

/// A body responsible for reform items, as registered in `seeds/units.toml`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Unit {
    /// Stable identifier used in URLs, e.g. `luohu-civil-affairs-bureau`.
    pub id: String,
    /// [`District::id`]: the same name in two districts is two units.
    pub district: String,
    /// Canonical Chinese name, e.g. `区民政局`.
    pub name: String,
    /// English name.
    pub name_en: String,
    /// What sort of body it is.
    pub kind: UnitKind,
    /// Other spellings found in the texts, e.g. `区委组织部<编办>`.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Names the unit had before a rename, e.g. `区卫生人口计生局`.
    #[serde(default)]
    pub former_names: Vec<String>,
}

/// What sort of body a unit is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    /// A body of the district Party committee (区委…部, 区纪委, …).
    PartyOrgan,
    /// A department of the district government (区…局, 区…办).
    GovernmentDepartment,
    /// A public institution (事业单位), e.g. a centre.
    PublicInstitution,
    /// One street office (街道办事处).
    StreetOffice,
    /// A group named as one, e.g. 各街道 (all street offices).
    Collective,
    /// A people's court.
    Court,
    /// A people's procuratorate.
    Procuratorate,
    /// The district people's congress and its office.
    PeoplesCongress,
    /// The district committee of the CPPCC and its office.
    Cppcc,
    /// A mass organisation: trade union, youth league, women's federation, …
    MassOrganisation,
    /// A district branch of a city-level body.
    CityBranch,
}

impl UnitKind {
    /// Chinese label shown to readers.
    pub fn label_zh(self) -> &'static str {
        match self {
            UnitKind::PartyOrgan => "党委部门",
            UnitKind::GovernmentDepartment => "政府部门",
            UnitKind::PublicInstitution => "事业单位",
            UnitKind::StreetOffice => "街道办事处",
            UnitKind::Collective => "集体",
            UnitKind::Court => "法院",
            UnitKind::Procuratorate => "检察院",
            UnitKind::PeoplesCongress => "人大",
            UnitKind::Cppcc => "政协",
            UnitKind::MassOrganisation => "群团组织",
            UnitKind::CityBranch => "市属派驻机构",
        }
    }
}

/// Where an item stands, as of the bundle's latest source date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ItemStatus {
    /// A later source reports it done.
    Delivered,
    /// A later source reports it under way or continuing; its deadline, if any, has not passed.
    InProgress,
    /// Its deadline passed with no source reporting it done.
    Overdue,
    /// No source after the plan says anything about it.
    NoEvidence,
}

/// The [`Document::id`] an [`Item::id`] names (`2014-luohu-reform-plan/26` →
/// `2014-luohu-reform-plan`); an id without a number is taken as the document's own.
pub fn document_of_item(item: &str) -> &str {
    item.rsplit_once('/').map_or(item, |(document, _)| document)
}

/// The [`Document::id`] and [`Item::number`] an [`Item::id`] is made of
/// (`2014-luohu-reform-plan/26` → (`2014-luohu-reform-plan`, 26)); `None` for a string
/// no item id is written as: without a number, or with one written otherwise
/// (`doc/007`, `doc/+7`).
pub fn document_and_number(item: &str) -> Option<(&str, u32)> {
    let (document, digits) = item.rsplit_once('/')?;
    // Item ids write their number in plain decimal, without leading zeros.
    let plain = digits.bytes().all(|byte| byte.is_ascii_digit())
        && (digits == "0" || !digits.starts_with('0'));
    Some((document, digits.parse().ok().filter(|_| plain)?))
}

impl ItemStatus {
    /// Every status, in display order.
    pub const ALL: [ItemStatus; 4] = [
        ItemStatus::Delivered,
        ItemStatus::InProgress,
        ItemStatus::Overdue,
        ItemStatus::NoEvidence,
    ];

    /// The status's name in the bundle, CSV files and URLs (its serde name).
    pub fn code(self) -> &'static str {
        match self {
            ItemStatus::Delivered => "delivered",
            ItemStatus::InProgress => "in_progress",
            ItemStatus::Overdue => "overdue",
            ItemStatus::NoEvidence => "no_evidence",
        }
    }

    /// Chinese label shown to readers.
    pub fn label_zh(self) -> &'static str {
        match self {
            ItemStatus::Delivered => "已完成",
            ItemStatus::InProgress => "推进中",
            ItemStatus::Overdue => "已逾期",
            ItemStatus::NoEvidence => "暂无公开证据",
        }
    }

    /// English label shown to readers.
    pub fn label_en(self) -> &'static str {
        match self {
            ItemStatus::Delivered => "Delivered",
            ItemStatus::InProgress => "In progress",
            ItemStatus::Overdue => "Overdue",
            ItemStatus::NoEvidence => "No public evidence",
        }
    }

    /// The symbol beside the label and on chart marks: a status is never told by colour alone.
    pub fn symbol(self) -> &'static str {
        match self {
            ItemStatus::Delivered => "✓",
            ItemStatus::InProgress => "◐",
            ItemStatus::Overdue => "!",
            ItemStatus::NoEvidence => "○",
        }
    }

    /// The classes of the status badge in the stylesheet.
    pub fn css_class(self) -> &'static str {
        match self {
            ItemStatus::Delivered => "status delivered",
            ItemStatus::InProgress => "status in-progress",
            ItemStatus::Overdue => "status overdue",
            ItemStatus::NoEvidence => "status no-evidence",
        }
    }
}

/// Item counts per status.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct StatusCounts {
    /// Items delivered.
    pub delivered: u32,
    /// Items in progress.
    pub in_progress: u32,
    /// Items overdue.
    pub overdue: u32,
    /// Items without public evidence.
    pub no_evidence: u32,
}

impl StatusCounts {
    /// Counts `statuses`.
    pub fn of(statuses: impl IntoIterator<Item = ItemStatus>) -> StatusCounts {
        let mut counts = StatusCounts::default();
        for status in statuses {
            counts.add(status);
        }
        counts
    }

    /// Counts one more item of `status` (saturating, as [`StatusCounts::total`]).
    pub fn add(&mut self, status: ItemStatus) {
        let count = self.get_mut(status);
        *count = count.saturating_add(1);
    }

    /// The count for one status.
    pub fn get(&self, status: ItemStatus) -> u32 {
        match status {
            ItemStatus::Delivered => self.delivered,
            ItemStatus::InProgress => self.in_progress,
            ItemStatus::Overdue => self.overdue,
            ItemStatus::NoEvidence => self.no_evidence,
        }
    }

    fn get_mut(&mut self, status: ItemStatus) -> &mut u32 {
        match status {
            ItemStatus::Delivered => &mut self.delivered,
            ItemStatus::InProgress => &mut self.in_progress,
            ItemStatus::Overdue => &mut self.overdue,
            ItemStatus::NoEvidence => &mut self.no_evidence,
        }
    }

    /// All items counted (saturating: counts read from a file may be anything).
    pub fn total(&self) -> u32 {
        self.delivered
            .saturating_add(self.in_progress)
            .saturating_add(self.overdue)
            .saturating_add(self.no_evidence)
    }

    /// These counts and `other`'s together (saturating).
    pub fn plus(&self, other: &StatusCounts) -> StatusCounts {
        StatusCounts {
            delivered: self.delivered.saturating_add(other.delivered),
            in_progress: self.in_progress.saturating_add(other.in_progress),
            overdue: self.overdue.saturating_add(other.overdue),
            no_evidence: self.no_evidence.saturating_add(other.no_evidence),
        }
    }
}

/// What one source says about one item.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ProgressEvent {
    /// [`Item::id`] of the item reported on.
    pub item: String,
    /// What the source reports.
    pub status: ProgressStatus,
    /// Date of the source.
    pub date: Date,
    /// [`Document::id`] of the source.
    pub source: String,
    /// 1-based line of the source where the quote stands.
    pub source_line: u32,
    /// Verbatim quote from the source (checked by the compiler).
    pub quote: String,
    /// A curator's English summary of the quote.
    pub note_en: String,
}

/// What a progress event reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ProgressStatus {
    /// Done: launched, issued, in operation.
    Delivered,
    /// Under way or continued.
    InProgress,
}

/// A curated link: a later item continues an earlier one. Both quotes are checked.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct LineageLink {
    /// [`Item::id`] of the earlier item.
    pub from: String,
    /// Evidence from the earlier item's text.
    pub from_quote: String,
    /// [`Item::id`] of the later item.
    pub to: String,
    /// Evidence from the later item's text.
    pub to_quote: String,
}

/// A machine-suggested link between items of different years: a lead for curators.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct LineageSuggestion {
    /// [`Item::id`] of the earlier item.
    pub from: String,
    /// [`Item::id`] of the later item.
    pub to: String,
    /// Similarity of the two items' titles, in thousandths (0–1000).
    pub similarity: u16,
}

/// `data/version.json`: which data version is current, so that a pinned embed can say
/// when the data has changed since.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CurrentVersion {
    /// Date of the latest source document ([`Bundle::latest_source_date`]).
    pub latest_source_date: Option<crate::Date>,
    /// The current data version ([`Bundle::version`]).
    pub version: String,
}

/// A thread of items across years and districts, e.g. 物业管理.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Theme {
    /// Stable identifier used in URLs, e.g. `property-management`.
    pub id: String,
    /// Chinese name.
    pub name: String,
    /// English name.
    pub name_en: String,
    /// [`Item::id`]s, in document order.
    pub items: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_item_is_held_without_room_to_grow() {
        // A national corpus holds 850,000 items: a list or string kept as `Vec` or
        // `String` again adds its capacity's 8 bytes to each, 7 MB in all.
        let size = std::mem::size_of::<Item>();
        assert!(size <= 240, "an item takes {size} bytes");
        // Items name units 3.7 million times: each pointer to a shared string is thin.
        let size = std::mem::size_of::<UnitRef>();
        assert!(size <= 16, "a unit reference takes {size} bytes");
    }
}
