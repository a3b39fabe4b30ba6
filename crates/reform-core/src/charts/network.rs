//! Who works with whom: units as nodes on a circle, a line between a lead unit and each
//! unit that co-organises an item with it, thicker for more shared items. Narrowed to one
//! plan or one theme.

use super::completion::Language;
use super::{
    draw_note, finish, fit_text, text_style, text_width, wrap, Chart, Hotspot, Parts, Table, GRID,
    INK,
};
use crate::model::{Bundle, Item, Unit};
use crate::routes::Page;
use crate::text::english_count;
use plotters::prelude::*;
use plotters::style::text_anchor::HPos;
use std::collections::BTreeMap;

/// How many units the network shows, most connected first.
pub const TOP_UNITS: usize = 16;

/// Which items the network is drawn from; `None` fields do not filter.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NetworkFilter {
    /// Only items of this document (a plan).
    pub document: Option<String>,
    /// Only items of this theme.
    pub theme: Option<String>,
}

/// Pairs of units named together on an item — a lead with each co-organiser and with each
/// fellow lead — with how many items each pair shares, by unit id (unordered, smaller first).
pub fn pairs<'a>(bundle: &'a Bundle, filter: &NetworkFilter) -> BTreeMap<(&'a str, &'a str), u32> {
    let admits = |item: &Item| {
        filter
            .document
            .as_ref()
            .is_none_or(|document| *item.document == **document)
            && filter
                .theme
                .as_ref()
                .is_none_or(|theme| item.themes.contains(theme))
    };
    let mut pairs = BTreeMap::new();
    for item in bundle.items.iter().filter(|item| admits(item)) {
        let mut together = std::collections::BTreeSet::new();
        for lead in &item.lead_units {
            for other in item.lead_units.iter().chain(&item.co_units) {
                let (a, b) = (lead.unit.as_str(), other.unit.as_str());
                if a != b {
                    together.insert(if a < b { (a, b) } else { (b, a) });
                }
            }
        }
        for pair in together {
            *pairs.entry(pair).or_insert(0) += 1;
        }
    }
    pairs
}

/// The network chart, `width` pixels wide (square).
pub fn network_chart(
    bundle: &Bundle,
    filter: &NetworkFilter,
    language: Language,
    width: u32,
) -> Chart {
    let pick = |zh: &'static str, en: &'static str| language.pick(zh, en);
    let pairs = pairs(bundle, filter);
    let mut degree: BTreeMap<&str, u32> = BTreeMap::new();
    for ((a, b), count) in &pairs {
        *degree.entry(a).or_default() += count;
        *degree.entry(b).or_default() += count;
    }
    let mut nodes: Vec<(&str, u32)> = degree.into_iter().collect();
    crate::order::sort_by_key(&mut nodes, |(id, weight)| (std::cmp::Reverse(*weight), *id));
    let cut = nodes.len() > TOP_UNITS;
    nodes.truncate(TOP_UNITS);
    let shown = |id: &str| nodes.iter().position(|(node, _)| *node == id);
    // Same-named units of two districts are different bodies: name the district when both appear.
    let mut districts: Vec<&str> = nodes
        .iter()
        .filter_map(|(id, _)| bundle.unit(id))
        .map(|unit| unit.district.as_str())
        .collect();
    crate::order::sort_dedup(&mut districts);
    let name = |id: &str| {
        bundle.unit(id).map_or_else(
            || id.to_string(),
            |unit: &Unit| {
                let name = match language {
                    Language::Chinese => unit.name.clone(),
                    Language::English => unit.name_en.clone(),
                };
                match bundle
                    .district(&unit.district)
                    .filter(|_| districts.len() > 1)
                {
                    Some(district) => format!(
                        "{name} · {}",
                        match language {
                            Language::Chinese => district.name.trim_end_matches('区'),
                            Language::English => district.name_en.trim_end_matches(" District"),
                        }
                    ),
                    None => name,
                }
            },
        )
    };

    let id = if width < super::completion::NARROW {
        "network-narrow"
    } else {
        "network"
    }
    .to_string();
    let title = super::NarrowedTo::new(bundle, language)
        .theme(filter.theme.as_deref())
        .document(filter.document.as_deref())
        .title(pick("协作网络:谁与谁共同承担任务", "Who works with whom"));
    let edges: Vec<(&(&str, &str), &u32)> = pairs
        .iter()
        .filter(|((lead, co), _)| shown(lead).is_some() && shown(co).is_some())
        .collect();
    let description = match language {
        Language::Chinese => format!(
            "{} 个单位之间的 {} 条协作关系(同一任务的牵头与协办、共同牵头)。",
            nodes.len(),
            edges.len()
        ),
        Language::English => format!(
            "{} between {} named on the same items (lead with co-organisers, co-leads).",
            english_count(edges.len(), "link", "links"),
            english_count(nodes.len(), "unit", "units")
        ),
    };
    // Which units are shown: the most connected when there are more than fit, else all.
    let shown_units = match (language, cut) {
        (Language::Chinese, true) => format!("显示协作最多的 {TOP_UNITS} 个单位"),
        (Language::Chinese, false) => format!("共 {} 个单位", nodes.len()),
        (Language::English, true) => format!("the {TOP_UNITS} most connected units"),
        (Language::English, false) => {
            format!("{} in all", english_count(nodes.len(), "unit", "units"))
        }
    };
    let note = match language {
        Language::Chinese => format!("线条越粗,共同承担的任务越多;{shown_units};数据截至 {}。来源:深圳区级改革追踪", bundle.as_of()),
        Language::English => format!("Thicker lines: more shared items; {shown_units}; as of {}. Source: Shenzhen Reform Tracker", bundle.as_of()),
    };
    let table = Table {
        header: [
            pick("单位", "Unit"),
            pick("单位", "Unit"),
            pick("共同任务", "Shared items"),
        ]
        .map(str::to_string)
        .to_vec(),
        rows: edges
            .iter()
            .map(|((lead, co), count)| vec![name(lead), name(co), count.to_string()])
            .collect(),
        links: edges
            .iter()
            .map(|((a, b), _)| {
                vec![
                    Some((Page::Unit(a.to_string()), vec![])),
                    Some((Page::Unit(b.to_string()), vec![])),
                ]
            })
            .collect(),
    };

    let size = f64::from(width);
    let note_lines = wrap(&note, 11.0, size - 24.0);
    let height = size + 16.0 * note_lines.len() as f64 + 12.0;
    let centre = size / 2.0;
    let radius = size * 0.30;
    let position = |index: usize| {
        let angle = std::f64::consts::TAU * index as f64 / nodes.len().max(1) as f64
            - std::f64::consts::FRAC_PI_2;
        (
            centre + radius * angle.cos(),
            centre + radius * angle.sin(),
            angle,
        )
    };
    let svg_size = (width, height.ceil() as u32);
    let mut hotspots = Vec::new();
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, svg_size).into_drawing_area();
        let point = |x: f64, y: f64| (x.round() as i32, y.round() as i32);
        let _ = root.fill(&WHITE);
        for ((lead, co), count) in &edges {
            let (Some(a), Some(b)) = (shown(lead), shown(co)) else {
                continue;
            };
            let ((x0, y0, _), (x1, y1, _)) = (position(a), position(b));
            let stroke = (**count).clamp(1, 6);
            let _ = root.draw(&PathElement::new(
                vec![point(x0, y0), point(x1, y1)],
                RGBColor(0x6e, 0x77, 0x81).stroke_width(stroke),
            ));
        }
        for (index, (node, _)) in nodes.iter().enumerate() {
            let (x, y, angle) = position(index);
            let _ = root.draw(&Circle::new(point(x, y), 5, INK.filled()));
            let _ = root.draw(&Circle::new(point(x, y), 8, GRID.stroke_width(1)));
            let (lx, anchor) = if angle.cos() >= 0.0 {
                (x + 12.0, HPos::Left)
            } else {
                (x - 12.0, HPos::Right)
            };
            // Labels keep inside the chart: at most the room between the node and the edge.
            let room = if angle.cos() >= 0.0 { size - lx } else { lx } - 4.0;
            let label = fit_text(&name(node), 12.0, (size * 0.19).min(room));
            let label_y = y + 12.0 * angle.sin();
            // The node and its label open the unit.
            let label_width = text_width(&label, 12.0);
            let (from_x, to_x) = match anchor {
                HPos::Right => (lx - label_width, x + 9.0),
                _ => (x - 9.0, lx + label_width),
            };
            hotspots.push(Hotspot::spanning(
                (from_x, y.min(label_y) - 9.0),
                (to_x, y.max(label_y) + 9.0),
                name(node),
                (Page::Unit(node.to_string()), vec![]),
            ));
            let _ = root.draw(&Text::new(
                label,
                point(lx, label_y),
                text_style(12.0, INK, anchor),
            ));
        }
        if nodes.is_empty() {
            // An empty drawing would look broken: say why it is empty.
            let _ = root.draw(&Text::new(
                pick(
                    "所选范围内没有单位共同承担任务",
                    "No units share items in this selection",
                ),
                point(centre, centre),
                text_style(14.0, INK, HPos::Center),
            ));
        }
        draw_note(&root, note_lines, 12.0, size + 4.0);
        let _ = root.present();
    }
    let parts = Parts {
        id,
        title,
        description,
        note,
        table,
        hotspots,
    };
    finish(&svg, svg_size, parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_bundle_draws_an_empty_network() {
        let chart = network_chart(
            &Bundle::default(),
            &NetworkFilter::default(),
            Language::Chinese,
            600,
        );
        assert!(chart.table.rows.is_empty());
        assert!(chart.svg.contains("role=\"img\""));
        assert!(
            chart.svg.contains("所选范围内没有单位共同承担任务"),
            "says why it is empty"
        );
    }
}
