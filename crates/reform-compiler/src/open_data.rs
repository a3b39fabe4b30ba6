//! The open-data download beside the bundle: a JSON Schema generated from the bundle's
//! Rust types, CSV tables of items, units and progress, and a Frictionless
//! `datapackage.json` describing them.

use crate::item_store::ItemStore;
use crate::output::Staging;
use reform_core::charts::push_csv_line;
use reform_core::query::UnitTallies;
use reform_core::{Bundle, Item};
use serde_json::{json, Value};
use std::borrow::Cow;
use std::io::{self, Write};

/// Writes the open-data schemas and tables into `staging`: all but `datapackage.json`,
/// none of which names the data version, so they can be made while the bundle is hashed.
/// The tables are written a row at a time: for a national corpus, `items.csv` alone is
/// 200 MB.
/// Each item, as it passes, is also handed to `also`: what else is counted over the items
/// is counted in the same pass.
pub fn write_tables(
    bundle: &Bundle,
    items: &ItemStore,
    staging: &Staging,
    mut also: impl FnMut(&Item),
) -> io::Result<()> {
    staging.write("bundle.schema.json", schema().as_bytes())?;
    staging.write("shards.schema.json", shard_schemas().as_bytes())?;
    // One pass over the items, each document's decoded in turn: their lines, and the
    // units' counts for the units table.
    let mut tallies = UnitTallies::new(&bundle.units);
    staging.write_in_blocks("items.csv", |file| {
        header(file, &ITEM_FIELDS)?;
        (0..items.documents()).try_for_each(|at| {
            let decoded = items.items(at)?;
            for item in &decoded {
                tallies.add(item);
                also(item);
            }
            rows(file, decoded.iter().map(item_row))
        })
    })?;
    let led = tallies.led();
    write_csv(staging, "units.csv", &UNIT_FIELDS, unit_rows(bundle, led))?;
    write_csv(
        staging,
        "progress.csv",
        &PROGRESS_FIELDS,
        progress_rows(bundle),
    )
}

/// Writes `datapackage.json`, which describes the tables and names the data version.
pub fn write_datapackage(bundle: &Bundle, staging: &Staging) -> io::Result<()> {
    staging.write("datapackage.json", datapackage(bundle).as_bytes())
}

/// The bundle's JSON Schema.
pub fn schema() -> String {
    let schema = schemars::schema_for!(Bundle);
    pretty(&serde_json::to_value(schema).unwrap_or(Value::Null))
}

/// JSON Schemas of the files the app loads besides district shards (which are bundles):
/// the index, the district table, a directory file and a term file, under `$defs`-style
/// keys.
pub fn shard_schemas() -> String {
    use reform_core::shard::{Directory, DistrictTable, SiteIndex};
    use reform_core::terms::TermFile;
    let schemas = json!({
        "index.json": schemars::schema_for!(SiteIndex),
        "districts.json": schemars::schema_for!(DistrictTable),
        "directory-N.json": schemars::schema_for!(Directory),
        "terms-N.json": schemars::schema_for!(TermFile),
    });
    pretty(&schemas)
}

const ITEM_FIELDS: [(&str, &str, &str); 12] = [
    ("id", "string", "Item id: document id / number"),
    ("document", "string", "Document id"),
    ("number", "integer", "Ordinal within the document"),
    ("label", "string", "Marker as written"),
    ("title", "string", "Short title"),
    ("lead_units", "string", "Lead unit ids, separated by |"),
    (
        "co_units",
        "string",
        "Co-organising unit ids, separated by |",
    ),
    (
        "other_units",
        "string",
        "Filler phrases such as 各有关单位, separated by |",
    ),
    ("leaders", "string", "Responsible leaders, separated by |"),
    ("deadline", "date", "Deadline, when the item names one"),
    (
        "status",
        "string",
        "delivered, in_progress, overdue or no_evidence",
    ),
    ("themes", "string", "Theme ids, separated by |"),
];

/// The line of `item` in `items.csv`.
fn item_row(item: &Item) -> Row<'_> {
    let units = |refs: &[reform_core::UnitRef]| {
        refs.iter()
            .map(|r| r.unit.as_str())
            .collect::<Vec<_>>()
            .join("|")
    };
    vec![
        Cow::Borrowed(item.id.as_str()),
        Cow::Borrowed(&*item.document),
        Cow::Owned(item.number.to_string()),
        Cow::Borrowed(&*item.label),
        Cow::Borrowed(&*item.title),
        Cow::Owned(units(&item.lead_units)),
        Cow::Owned(units(&item.co_units)),
        Cow::Owned(item.other_units.join("|")),
        Cow::Owned(item.leaders.join("|")),
        Cow::Owned(
            item.deadline
                .map(|date| date.to_string())
                .unwrap_or_default(),
        ),
        Cow::Borrowed(item.status.code()),
        Cow::Owned(item.themes.join("|")),
    ]
}

/// A line of a table: its cells, borrowed from the bundle where they are written as they
/// are.
type Row<'a> = Vec<Cow<'a, str>>;

const UNIT_FIELDS: [(&str, &str, &str); 8] = [
    ("id", "string", "Unit id"),
    ("district", "string", "District id"),
    ("name", "string", "Canonical Chinese name"),
    ("name_en", "string", "English name"),
    ("kind", "string", "Kind of body"),
    ("aliases", "string", "Other spellings, separated by |"),
    (
        "former_names",
        "string",
        "Names before a rename, separated by |",
    ),
    ("items_led", "integer", "Items the unit leads"),
];

/// The lines of `units.csv`, each unit's with how many items it leads (`led`, by its
/// position).
fn unit_rows(bundle: &Bundle, led: Vec<u32>) -> impl Iterator<Item = Row<'_>> + '_ {
    bundle.units.iter().zip(led).map(|(unit, led)| {
        vec![
            Cow::Borrowed(unit.id.as_str()),
            Cow::Borrowed(unit.district.as_str()),
            Cow::Borrowed(unit.name.as_str()),
            Cow::Borrowed(unit.name_en.as_str()),
            Cow::Owned(
                serde_json::to_value(unit.kind)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default(),
            ),
            Cow::Owned(unit.aliases.join("|")),
            Cow::Owned(unit.former_names.join("|")),
            Cow::Owned(led.to_string()),
        ]
    })
}

const PROGRESS_FIELDS: [(&str, &str, &str); 7] = [
    ("item", "string", "Item id"),
    ("status", "string", "delivered or in_progress"),
    ("date", "date", "Date of the source"),
    ("source", "string", "Source document id"),
    (
        "source_line",
        "integer",
        "Line of the source holding the quote",
    ),
    ("quote", "string", "Verbatim quote from the source"),
    ("note_en", "string", "Curator's English summary"),
];

fn progress_rows(bundle: &Bundle) -> impl Iterator<Item = Row<'_>> + '_ {
    bundle.progress.iter().map(|event| {
        vec![
            Cow::Borrowed(event.item.as_str()),
            Cow::Owned(
                serde_json::to_value(event.status)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default(),
            ),
            Cow::Owned(event.date.to_string()),
            Cow::Borrowed(event.source.as_str()),
            Cow::Owned(event.source_line.to_string()),
            Cow::Borrowed(event.quote.as_str()),
            Cow::Borrowed(event.note_en.as_str()),
        ]
    })
}

/// Writes `rows` under the names of `fields` as the CSV file `name`, a line at a time, in
/// the charts' CSV form ([`push_csv_line`]), so every CSV of the portal is quoted alike.
fn write_csv<'a>(
    staging: &Staging,
    name: &str,
    fields: &[(&str, &str, &str)],
    rows: impl Iterator<Item = Row<'a>>,
) -> io::Result<()> {
    staging.write_in_blocks(name, |file| csv(file, fields, rows))
}

/// The CSV lines of `rows` under the names of `fields`, into `out`.
fn csv<'a>(
    out: &mut impl Write,
    fields: &[(&str, &str, &str)],
    rows: impl Iterator<Item = Row<'a>>,
) -> io::Result<()> {
    header(out, fields)?;
    self::rows(out, rows)
}

/// The CSV line of the names of `fields`, into `out`.
fn header(out: &mut impl Write, fields: &[(&str, &str, &str)]) -> io::Result<()> {
    let mut line = String::new();
    let names: Vec<&str> = fields.iter().map(|(name, _, _)| *name).collect();
    push_csv_line(&mut line, &names);
    out.write_all(line.as_bytes())
}

/// The CSV lines of `rows`, into `out`.
fn rows<'a>(out: &mut impl Write, rows: impl Iterator<Item = Row<'a>>) -> io::Result<()> {
    let mut line = String::new();
    rows.into_iter().try_for_each(|row| {
        line.clear();
        push_csv_line(&mut line, &row);
        out.write_all(line.as_bytes())
    })
}

fn datapackage(bundle: &Bundle) -> String {
    let table = |name: &str, path: &str, title: &str, fields: &[(&str, &str, &str)]| {
        json!({
            "name": name,
            "path": path,
            "title": title,
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "schema": {
                "fields": fields.iter().map(|(name, kind, description)| json!({
                    "name": name, "type": kind, "description": description
                })).collect::<Vec<_>>()
            }
        })
    };
    let package = json!({
        "name": "shenzhen-district-reform-plans",
        "title": "Shenzhen district reform plans and results",
        "description": "Reform items of Shenzhen district plans, their responsible units, and dated, quoted evidence of what became of them, compiled from the source documents.",
        "version": bundle.content_hash.get(..12).unwrap_or_default(),
        "as_of": bundle.latest_source_date.map(|date| date.to_string()),
        "resources": [
            table("items", "items.csv", "Reform items", &ITEM_FIELDS),
            table("units", "units.csv", "Responsible units", &UNIT_FIELDS),
            table("progress", "progress.csv", "Progress evidence", &PROGRESS_FIELDS),
            {
                "name": "bundle",
                "path": "bundle.json",
                "title": "The complete bundle the portal loads",
                "format": "json",
                "mediatype": "application/json",
                "encoding": "utf-8",
                "schema": "bundle.schema.json"
            }
        ]
    });
    pretty(&package)
}

fn pretty(value: &Value) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::csv;

    #[test]
    fn quotes_fields_that_need_it() {
        let rows = vec![vec![
            "a,b".into(),
            "say \"hi\"".into(),
            "line\nbreak".to_string().into(),
            "plain".into(),
        ]];
        let mut written = Vec::new();
        csv(
            &mut written,
            &[("x", "", ""), ("y", "", ""), ("n", "", ""), ("z", "", "")],
            rows.into_iter(),
        )
        .unwrap();
        assert_eq!(
            String::from_utf8(written).unwrap(),
            "x,y,n,z\r\n\"a,b\",\"say \"\"hi\"\"\",\"line\nbreak\",plain\r\n"
        );
    }
}
