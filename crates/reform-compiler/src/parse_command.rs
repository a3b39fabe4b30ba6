//! `reform-portal parse FILE`: what the parser reads from any plan document, as JSON, so a
//! curator can try a new document before adding it to the seeds.

use reform_core::header::read_header;
use reform_core::items::{plan_year, read_items};
use reform_core::Date;
use serde::Serialize;

/// The parse result printed to stdout.
#[derive(Debug, Serialize)]
pub struct ParsedDocument {
    /// Title from the notice or headline.
    pub title: Option<String>,
    /// Document number, e.g. `罗办发〔2014〕1号`.
    pub doc_number: Option<String>,
    /// Issue date.
    pub issued: Option<Date>,
    /// Every numbered item.
    pub items: Vec<ParsedItem>,
}

/// One item of [`ParsedDocument`], unit names as written.
#[derive(Debug, Serialize)]
pub struct ParsedItem {
    /// Ordinal in Arabic digits: `五、` → `"5"`.
    pub number: String,
    /// The marker as written.
    pub label: String,
    /// Short title.
    pub title: String,
    /// Lead units (牵头 / 主办 / 责任单位).
    pub lead_units: Vec<String>,
    /// Co-organising units (协办 / 配合).
    pub co_units: Vec<String>,
    /// Responsible leaders.
    pub leaders: Vec<String>,
    /// Deadline as a date.
    pub deadline: Option<Date>,
    /// 1-based first and last line.
    pub lines: [u32; 2],
}

/// Parses raw bytes (any bytes: invalid UTF-8 is replaced, never a panic).
pub fn parse_document(bytes: &[u8]) -> ParsedDocument {
    let source = String::from_utf8_lossy(bytes);
    let header = read_header(&source);
    let year = plan_year(&header);
    let items = read_items(&source, year)
        .into_iter()
        .map(|item| ParsedItem {
            number: item.number.to_string(),
            label: item.label,
            title: item.title,
            lead_units: item.responsibility.lead,
            co_units: item.responsibility.co,
            leaders: item.responsibility.leaders,
            deadline: item.deadline,
            lines: [item.first_line, item.last_line],
        })
        .collect();
    ParsedDocument {
        title: header.title.map(|found| found.value),
        doc_number: header.doc_number.map(|found| found.value),
        issued: header.issued.map(|found| found.value),
        items,
    }
}
