//! The unit responsibility map: units × documents, each cell the number of items the unit
//! leads (●) and co-organises (○) in that document. Lead and co are told apart by glyph and
//! position, not colour; shading only adds emphasis.

use super::completion::{Language, NARROW};
use super::{
    draw_note, finish, fit_text, text_style, wrap, Chart, Hotspot, Parts, Table, GRID, INK, MUTED,
};
use crate::index::Index;
use crate::model::{Bundle, Document, Unit};
use crate::routes::Page;
use crate::search::SearchQuery;
use crate::text::{english_count, english_noun};
use plotters::prelude::*;
use plotters::style::text_anchor::HPos;

/// How many units the map shows, most involved first.
pub const TOP_UNITS: usize = 20;

/// One row of the map: a unit and its (lead, co) counts per column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MatrixRow<'a> {
    /// The unit.
    pub unit: &'a Unit,
    /// `(led, co-organised)` per document column.
    pub cells: Vec<(u32, u32)>,
}

/// The documents with items (columns) and the most involved units (rows).
pub fn matrix(bundle: &Bundle) -> (Vec<&Document>, Vec<MatrixRow<'_>>) {
    let index = Index::new(bundle);
    let columns: Vec<&Document> = bundle
        .documents
        .iter()
        .filter(|document| !index.items_of(&document.id).is_empty())
        .collect();
    let column_of: rustc_hash::FxHashMap<&str, usize> = columns
        .iter()
        .enumerate()
        .map(|(column, document)| (document.id.as_str(), column))
        .collect();
    // Involvement first (two for a lead, one for a co-organiser), so that cells are counted
    // only for the units shown.
    let mut loads: Vec<(u32, crate::query::UnitLoad)> = bundle
        .unit_loads()
        .into_iter()
        .map(|load| ((2 * load.led.len() + load.co.len()) as u32, load))
        .collect();
    crate::order::sort_by_key(&mut loads, |(involvement, _)| {
        std::cmp::Reverse(*involvement)
    });
    loads.truncate(TOP_UNITS);
    let mut rows: Vec<MatrixRow> = loads
        .into_iter()
        .map(|(_, load)| {
            let mut cells = vec![(0, 0); columns.len()];
            for item in &load.led {
                if let Some(column) = column_of.get(&*item.document) {
                    cells[*column].0 += 1;
                }
            }
            for item in &load.co {
                if let Some(column) = column_of.get(&*item.document) {
                    cells[*column].1 += 1;
                }
            }
            MatrixRow {
                unit: load.unit,
                cells,
            }
        })
        .collect();
    rows.truncate(TOP_UNITS);
    (columns, rows)
}

/// The search for the items of `document` that `unit` leads or co-organises.
fn cell_query(unit: &Unit, document: &Document) -> Vec<(&'static str, String)> {
    SearchQuery {
        unit: Some(unit.id.clone()),
        ..SearchQuery::of_document(document)
    }
    .to_pairs()
}

/// Cell fill for an involvement of `strength` (0 to 1): pale to mid blue, always light
/// enough for the cell's text to keep 4.5:1.
fn shade(strength: f64) -> RGBColor {
    let level = (235.0 - 90.0 * strength.clamp(0.0, 1.0)) as u8;
    RGBColor(level, (f64::from(level) * 1.02).min(255.0) as u8, 255)
}

/// The responsibility map as a chart, `width` pixels wide.
pub fn responsibility_chart(bundle: &Bundle, language: Language, width: u32) -> Chart {
    let (columns, rows) = matrix(bundle);
    let layout = if width < NARROW { "-narrow" } else { "" };
    let id = format!("responsibility-map{layout}");
    let pick = |zh: &'static str, en: &'static str| language.pick(zh, en);
    let year = |document: &Document| {
        document
            .year()
            .map(|year| year.to_string())
            .unwrap_or_default()
    };
    let column_label = |document: &Document| {
        let kind = match language {
            Language::Chinese => document.kind.label_zh(),
            Language::English => document.kind.label_en(),
        };
        format!("{} {}", year(document), kind)
    };
    let unit_label = |unit: &Unit| {
        let district = bundle
            .district(&unit.district)
            .map(|district| match language {
                Language::Chinese => district.name.clone(),
                Language::English => district.name_en.clone(),
            });
        let name = match language {
            Language::Chinese => &unit.name,
            Language::English => &unit.name_en,
        };
        format!("{name} · {}", district.unwrap_or_default())
    };
    let title = pick(
        "责任单位分布图:谁牵头(●)、谁协办(○)",
        "Who leads (●) and who co-organises (○)",
    )
    .to_string();
    let description = match language {
        Language::Chinese => format!(
            "参与任务最多的 {} 个单位在 {} 份文件中牵头与协办的任务数。",
            rows.len(),
            columns.len()
        ),
        Language::English => format!(
            "Items led and co-organised by the {} most involved {} in {}.",
            rows.len(),
            english_noun(rows.len(), "unit", "units"),
            english_count(columns.len(), "document", "documents")
        ),
    };
    let note = match language {
        Language::Chinese => format!("● 牵头任务数  ○ 协办任务数;按牵头×2+协办排序;数据截至 {}。来源:深圳区级改革追踪", bundle.as_of()),
        Language::English => format!("● items led  ○ items co-organised; ordered by 2×led + co; as of {}. Source: Shenzhen Reform Tracker", bundle.as_of()),
    };

    let mut header = vec![pick("单位", "Unit").to_string()];
    for document in &columns {
        header.push(format!(
            "{} {}",
            column_label(document),
            pick("牵头", "led")
        ));
        header.push(format!("{} {}", column_label(document), pick("协办", "co")));
    }
    let table_rows = rows
        .iter()
        .map(|row| {
            let mut cells = vec![unit_label(row.unit)];
            for (led, co) in &row.cells {
                cells.push(led.to_string());
                cells.push(co.to_string());
            }
            cells
        })
        .collect();
    // A row opens its unit; a count opens the search for that unit in that document.
    let links = rows
        .iter()
        .map(|row| {
            let mut links = vec![Some((Page::Unit(row.unit.id.clone()), vec![]))];
            for (document, (led, co)) in columns.iter().zip(&row.cells) {
                let query = cell_query(row.unit, document);
                for count in [led, co] {
                    links.push((*count > 0).then(|| (Page::Search, query.clone())));
                }
            }
            links
        })
        .collect();
    let table = Table {
        header,
        rows: table_rows,
        links,
    };

    let width_f = f64::from(width);
    let pad = 12.0;
    let label_width = if width < NARROW {
        130.0
    } else {
        (width_f * 0.36).min(300.0)
    };
    let header_height = 40.0;
    let row_height = 26.0;
    let column_width =
        ((width_f - 2.0 * pad - label_width) / columns.len().max(1) as f64).max(40.0);
    let note_lines = wrap(&note, 11.0, width_f - 2.0 * pad);
    let height = pad
        + header_height
        + row_height * rows.len() as f64
        + 18.0
        + 16.0 * note_lines.len() as f64
        + pad;
    let most = rows
        .iter()
        .flat_map(|row| row.cells.iter().map(|(led, co)| 2 * led + co))
        .max()
        .unwrap_or(1)
        .max(1);

    let mut hotspots = Vec::new();
    let mut svg = String::new();
    {
        let root =
            SVGBackend::with_string(&mut svg, (width, height.ceil() as u32)).into_drawing_area();
        let point = |x: f64, y: f64| (x.round() as i32, y.round() as i32);
        let _ = root.fill(&WHITE);
        for (index, document) in columns.iter().enumerate() {
            let x = pad + label_width + column_width * (index as f64 + 0.5);
            let _ = root.draw(&Text::new(
                year(document),
                point(x, pad + 10.0),
                text_style(12.0, INK, HPos::Center),
            ));
            let kind = match language {
                Language::Chinese => document.kind.label_zh(),
                Language::English => document.kind.label_en(),
            };
            let _ = root.draw(&Text::new(
                fit_text(kind, 11.0, column_width - 4.0),
                point(x, pad + 26.0),
                text_style(11.0, MUTED, HPos::Center),
            ));
        }
        for (row_index, row) in rows.iter().enumerate() {
            let top = pad + header_height + row_height * row_index as f64;
            let _ = root.draw(&Rectangle::new(
                [
                    point(pad, top + row_height),
                    point(width_f - pad, top + row_height),
                ],
                GRID.stroke_width(1),
            ));
            let label = fit_text(&unit_label(row.unit), 12.0, label_width - 8.0);
            hotspots.push(Hotspot::spanning(
                (pad, top),
                (pad + label_width - 4.0, top + row_height),
                unit_label(row.unit),
                (Page::Unit(row.unit.id.clone()), vec![]),
            ));
            let _ = root.draw(&Text::new(
                label,
                point(pad + label_width - 8.0, top + row_height / 2.0),
                text_style(12.0, INK, HPos::Right),
            ));
            for (column, (led, co)) in row.cells.iter().enumerate() {
                if led + co == 0 {
                    continue;
                }
                let left = pad + label_width + column_width * column as f64;
                // Shading grows with involvement; the text says what it is.
                let strength = f64::from(2 * led + co) / f64::from(most);
                let _ = root.draw(&Rectangle::new(
                    [
                        point(left + 2.0, top + 3.0),
                        point(left + column_width - 2.0, top + row_height - 3.0),
                    ],
                    shade(strength).filled(),
                ));
                let mut text = Vec::new();
                if *led > 0 {
                    text.push(format!("●{led}"));
                }
                if *co > 0 {
                    text.push(format!("○{co}"));
                }
                hotspots.push(Hotspot::spanning(
                    (left + 2.0, top + 3.0),
                    (left + column_width - 2.0, top + row_height - 3.0),
                    format!(
                        "{} · {}: {}",
                        unit_label(row.unit),
                        column_label(columns[column]),
                        text.join(" ")
                    ),
                    (Page::Search, cell_query(row.unit, columns[column])),
                ));
                let _ = root.draw(&Text::new(
                    text.join(" "),
                    point(left + column_width / 2.0, top + row_height / 2.0),
                    text_style(12.0, INK, HPos::Center),
                ));
            }
        }
        draw_note(
            &root,
            note_lines,
            pad,
            pad + header_height + row_height * rows.len() as f64 + 18.0,
        );
        let _ = root.present();
    }
    let size = (width, height.ceil() as u32);
    let parts = Parts {
        id,
        title,
        description,
        note,
        table,
        hotspots,
    };
    finish(&svg, size, parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_text_keeps_wcag_aa_on_every_shade() {
        for step in 0..=10 {
            let fill = shade(f64::from(step) / 10.0);
            assert!(super::super::contrast(INK, fill) >= 4.5, "{fill:?}");
        }
    }

    #[test]
    fn an_empty_bundle_draws_an_empty_map() {
        let chart = responsibility_chart(&Bundle::default(), Language::English, 800);
        assert!(chart.table.rows.is_empty());
        assert!(chart.svg.starts_with("<svg"));
    }
}
