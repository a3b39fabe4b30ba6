//! Charts: geometry and SVG made here, in the core, with plotters' SVG backend, so the
//! same chart renders in the browser and as a static file written by the compiler. Every
//! chart carries the data it draws as a table (shown as the accessible alternative and
//! offered as CSV), a title and a description.

pub mod completion;
pub mod embed;
pub mod network;
pub mod responsibility;
pub mod timeline;
pub mod view;

use crate::text::escape_html;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Text colour of labels.
pub(crate) const INK: RGBColor = RGBColor(0x1b, 0x1f, 0x24);
/// Text colour of notes and axes.
pub(crate) const MUTED: RGBColor = RGBColor(0x57, 0x60, 0x6a);
/// Colour of grid lines.
pub(crate) const GRID: RGBColor = RGBColor(0xd0, 0xd7, 0xde);
/// plotters writes `font-size` as the given size / 1.24; this undoes it.
const FONT_SCALE: f64 = 1.24;

/// Text of `size` px in `color`, anchored horizontally at `h` and vertically centred.
pub(crate) fn text_style(size: f64, color: RGBColor, h: HPos) -> TextStyle<'static> {
    // The family named, not a string: plotters lowercases a family string on each call,
    // which brings Unicode case tables into the embed drawer.
    (FontFamily::SansSerif, size * FONT_SCALE)
        .into_font()
        .color(&color)
        .pos(Pos::new(h, VPos::Center))
}

/// Writes the note (the roll-up rule and source) line by line from `(x, y)`.
pub(crate) fn draw_note(root: &DrawingArea<SVGBackend, Shift>, lines: Vec<String>, x: f64, y: f64) {
    for (index, line) in lines.into_iter().enumerate() {
        let at = (x.round() as i32, (y + 16.0 * index as f64).round() as i32);
        // Drawing into a String cannot fail.
        let _ = root.draw(&Text::new(line, at, text_style(11.0, MUTED, HPos::Left)));
    }
}

/// A chart's words and data, everything but its drawing.
pub(crate) struct Parts {
    pub id: String,
    pub title: String,
    pub description: String,
    pub note: String,
    pub table: Table,
    pub hotspots: Vec<Hotspot>,
}

/// Assembles a chart from plotters' SVG of `size` and its parts; the note joins the
/// description in `<desc>`.
pub(crate) fn finish(svg: &str, size: (u32, u32), parts: Parts) -> Chart {
    let Parts {
        id,
        title,
        description,
        note,
        table,
        hotspots,
    } = parts;
    let summary = format!("{description} {note}");
    Chart {
        svg: accessible_svg(svg, &id, &title, &summary),
        id,
        title,
        description,
        note,
        table,
        width: size.0,
        height: size.1,
        hotspots,
    }
}

/// A finished chart: the SVG and everything needed to present and download it.
#[derive(Clone, Debug, PartialEq)]
pub struct Chart {
    /// Stable identifier, used for file names: `completion-by-document`.
    pub id: String,
    /// Title, also inside the SVG's `<title>`.
    pub title: String,
    /// One-paragraph summary of what the chart shows, inside `<desc>`.
    pub description: String,
    /// The roll-up rule and sources: "n items; statuses from m dated sources; as of …".
    pub note: String,
    /// The SVG document, text escaped, with `role="img"`, `<title>` and `<desc>`.
    pub svg: String,
    /// Exactly the data drawn.
    pub table: Table,
    /// Width of the SVG in pixels.
    pub width: u32,
    /// Height of the SVG in pixels.
    pub height: u32,
    /// The marks a reader can click, each opening the items behind it.
    pub hotspots: Vec<Hotspot>,
}

/// A clickable mark of a chart: a rectangle in the SVG's pixels and where it leads.
#[derive(Clone, Debug, PartialEq)]
pub struct Hotspot {
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width.
    pub width: f64,
    /// Height.
    pub height: f64,
    /// What the mark stands for, in words: "2014 改革计划 · 已逾期 5".
    pub label: String,
    /// The page listing the items behind the mark, and its query pairs.
    pub target: (crate::routes::Page, Vec<(&'static str, String)>),
}

impl Hotspot {
    /// Where the mark sits over its chart of `width` × `height` pixels, as CSS in
    /// percentages of the chart's size, so that it follows the chart as it scales.
    pub fn placement(&self, width: u32, height: u32) -> String {
        let (width, height) = (f64::from(width.max(1)), f64::from(height.max(1)));
        format!(
            "left:{:.3}%;top:{:.3}%;width:{:.3}%;height:{:.3}%",
            100.0 * self.x / width,
            100.0 * self.y / height,
            100.0 * self.width / width,
            100.0 * self.height / height
        )
    }

    /// A hotspot of the rectangle from `(left, top)` to `(right, bottom)`.
    pub(crate) fn spanning(
        (left, top): (f64, f64),
        (right, bottom): (f64, f64),
        label: String,
        target: (crate::routes::Page, Vec<(&'static str, String)>),
    ) -> Hotspot {
        Hotspot {
            x: left.min(right),
            y: top.min(bottom),
            width: (right - left).abs(),
            height: (bottom - top).abs(),
            label,
            target,
        }
    }
}

/// Rows of a chart's data, with a header row.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Table {
    /// Column names.
    pub header: Vec<String>,
    /// One row per drawn group, cells as shown.
    pub rows: Vec<Vec<String>>,
    /// Where each cell leads (same shape as `rows`, may be shorter): opening a cell shows
    /// the items behind it.
    pub links: Vec<Vec<CellLink>>,
}

/// A page and its query pairs, for a table cell that opens the items behind it.
pub type CellLink = Option<(crate::routes::Page, Vec<(&'static str, String)>)>;

impl Table {
    /// RFC 4180 CSV with CRLF line ends.
    pub fn to_csv(&self) -> String {
        let mut csv = csv_line(&self.header);
        for row in &self.rows {
            push_csv_line(&mut csv, row);
        }
        csv
    }
}

/// One RFC 4180 CSV line, CRLF included: cells holding a comma, quote or line break are
/// quoted, quotes doubled. Every CSV of the portal is written with it.
pub fn csv_line(cells: &[String]) -> String {
    let mut line = String::new();
    push_csv_line(&mut line, cells);
    line
}

/// Appends [`csv_line`] of `cells` to `line`, without a copy of each cell: the open data
/// tables write a line for each of up to a million items.
pub fn push_csv_line(line: &mut String, cells: &[impl AsRef<str>]) {
    for (position, cell) in cells.iter().enumerate() {
        if position > 0 {
            line.push(',');
        }
        let cell = cell.as_ref();
        // What needs quoting is ASCII, so the cell is looked through byte by byte without
        // branches (a vector loop), not decoded character by character: most cells are
        // Chinese text that needs none.
        let quoted = cell.bytes().fold(false, |found, byte| {
            found | (byte == b',') | (byte == b'"') | (byte == b'\n') | (byte == b'\r')
        });
        if quoted {
            line.push('"');
            for (at, part) in cell.split('"').enumerate() {
                if at > 0 {
                    line.push_str("\"\"");
                }
                line.push_str(part);
            }
            line.push('"');
        } else {
            line.push_str(cell);
        }
    }
    line.push_str("\r\n");
}

/// WCAG contrast ratio of two colours, from 1 (none) to 21 (black on white).
pub fn contrast(a: RGBColor, b: RGBColor) -> f64 {
    let luminance = |RGBColor(r, g, b): RGBColor| {
        let channel = |value: u8| {
            let value = f64::from(value) / 255.0;
            if value <= 0.04045 {
                value / 12.92
            } else {
                ((value + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    };
    let (light, dark) = {
        let (x, y) = (luminance(a), luminance(b));
        (x.max(y), x.min(y))
    };
    (light + 0.05) / (dark + 0.05)
}

/// Width of `text` in pixels at `size` px, estimated without fonts: Han and full-width
/// characters are one em, others about half. Keeps layout identical in every renderer.
pub fn text_width(text: &str, size: f64) -> f64 {
    text.chars()
        .map(|c| if c.is_ascii() { 0.56 } else { 1.0 })
        .sum::<f64>()
        * size
}

/// What a chart's view is narrowed to, by name in one language, for its title: an embed
/// shows no filter controls, so its title says what the drawing covers. Ids the bundle
/// lacks add nothing.
pub struct NarrowedTo<'a> {
    bundle: &'a crate::Bundle,
    language: completion::Language,
    names: Vec<String>,
}

impl<'a> NarrowedTo<'a> {
    /// Nothing yet.
    pub fn new(bundle: &'a crate::Bundle, language: completion::Language) -> NarrowedTo<'a> {
        NarrowedTo {
            bundle,
            language,
            names: Vec::new(),
        }
    }

    /// A theme, by its name.
    pub fn theme(mut self, id: Option<&str>) -> Self {
        if let Some(theme) = id.and_then(|id| self.bundle.theme(id)) {
            let name = self.language.pick(&theme.name, &theme.name_en).to_string();
            self.names.push(name);
        }
        self
    }

    /// A district, by its name.
    pub fn district(mut self, id: Option<&str>) -> Self {
        if let Some(name) = id.and_then(|id| self.district_name(id)) {
            self.names.push(name.to_string());
        }
        self
    }

    /// A unit, by its name and its district's.
    pub fn unit(mut self, id: Option<&str>) -> Self {
        if let Some(unit) = id.and_then(|id| self.bundle.unit(id)) {
            let district = self.district_name(&unit.district).unwrap_or_default();
            self.names.push(match self.language {
                completion::Language::Chinese => format!("{}({district})", unit.name),
                completion::Language::English => format!("{} ({district})", unit.name_en),
            });
        }
        self
    }

    /// A document (a plan), by its title.
    pub fn document(mut self, id: Option<&str>) -> Self {
        if let Some(document) = id.and_then(|id| self.bundle.document(id)) {
            let title = self.language.pick(&document.title, &document.title_en);
            self.names.push(title.to_string());
        }
        self
    }

    /// `title` followed by the names: `时间线:计划、时限与进展 · 物业管理`.
    pub fn title(self, title: &str) -> String {
        std::iter::once(title.to_string())
            .chain(self.names)
            .collect::<Vec<_>>()
            .join(" · ")
    }

    fn district_name(&self, id: &str) -> Option<&'a str> {
        let district = self.bundle.district(id)?;
        Some(self.language.pick(&district.name, &district.name_en))
    }
}

/// `text` cut to fit `width` pixels at `size`, with `…` when cut.
pub fn fit_text(text: &str, size: f64, width: f64) -> String {
    if text_width(text, size) <= width {
        return text.to_string();
    }
    let mut fitted = String::new();
    for c in text.chars() {
        let candidate = format!("{fitted}{c}…");
        if text_width(&candidate, size) > width {
            break;
        }
        fitted.push(c);
    }
    fitted.push('…');
    fitted
}

/// Greedy line wrapping by estimated width; Chinese may break anywhere, English at spaces.
pub fn wrap(text: &str, size: f64, width: f64) -> Vec<String> {
    let mut lines = vec![String::new()];
    for word in text.split_inclusive(|c: char| c == ' ' || !c.is_ascii()) {
        let current = lines.last_mut().expect("lines starts non-empty");
        if !current.is_empty() && text_width(&format!("{current}{word}"), size) > width {
            lines.push(word.trim_start().to_string());
        } else {
            current.push_str(word);
        }
    }
    lines
}

/// Adds `role="img"`, `aria-labelledby`, `<title>` and `<desc>` to plotters' SVG output.
pub fn accessible_svg(svg: &str, id: &str, title: &str, description: &str) -> String {
    let Some(open_end) = svg
        .find("<svg")
        .and_then(|start| svg[start..].find('>').map(|end| start + end))
    else {
        return svg.to_string();
    };
    let (head, body) = svg.split_at(open_end);
    format!(
        "{head} role=\"img\" aria-labelledby=\"{id}-title {id}-desc\"><title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>{}",
        escape_html(title),
        escape_html(description),
        &body[1..]
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chart_text_colours_reach_wcag_aa_on_the_white_card() {
        // Charts sit on a white card in both the light and the dark scheme.
        assert!((contrast(BLACK, WHITE) - 21.0).abs() < 1e-9);
        for (name, colour) in [("ink", INK), ("muted", MUTED)] {
            let ratio = contrast(colour, WHITE);
            assert!(ratio >= 4.5, "{name}: {ratio:.2}");
        }
    }

    #[test]
    fn estimates_and_fits_text() {
        assert_eq!(text_width("区民政局", 10.0), 40.0);
        assert!((text_width("OA", 10.0) - 11.2).abs() < 1e-9);
        assert_eq!(fit_text("区民政局", 10.0, 40.0), "区民政局");
        assert_eq!(
            fit_text("深圳市罗湖区2014年改革计划", 10.0, 60.0),
            "深圳市罗湖…"
        );
    }

    #[test]
    fn wraps_by_width() {
        assert_eq!(wrap("aaa bbb ccc", 10.0, 45.0), ["aaa bbb ", "ccc"]);
        assert_eq!(wrap("甲乙丙丁", 10.0, 20.0), ["甲乙", "丙丁"]);
        assert_eq!(wrap("", 10.0, 20.0), [""]);
    }

    #[test]
    fn csv_quotes_what_needs_it() {
        let table = Table {
            header: vec!["a".into(), "b".into()],
            rows: vec![vec!["x,y".into(), "say \"hi\"".into()]],
            links: vec![],
        };
        assert_eq!(table.to_csv(), "a,b\r\n\"x,y\",\"say \"\"hi\"\"\"\r\n");
        // Each byte that needs quoting, at every place among Chinese text (each of whose
        // characters' bytes is no ASCII byte), and those that do not.
        for special in [',', '"', '\n', '\r'] {
            for at in 0..=3 {
                let mut cell: Vec<char> = "物业管理".chars().collect();
                cell.insert(at, special);
                let cell: String = cell.into_iter().collect();
                let doubled = cell.replace('"', "\"\"");
                assert_eq!(
                    csv_line(&[cell]),
                    format!("\"{doubled}\"\r\n"),
                    "{special:?} at {at}"
                );
            }
        }
        for plain in ["物业管理", "a;b|c", "\t 'x' \\", ""] {
            assert_eq!(csv_line(&[plain.to_string()]), format!("{plain}\r\n"));
        }
    }

    #[test]
    fn makes_svg_accessible_and_escapes() {
        let svg = accessible_svg(
            "<svg width=\"1\" height=\"1\"><rect/></svg>",
            "c",
            "</title><script>",
            "a & b",
        );
        assert_eq!(
            svg,
            "<svg width=\"1\" height=\"1\" role=\"img\" aria-labelledby=\"c-title c-desc\"><title id=\"c-title\">&lt;/title&gt;&lt;script&gt;</title><desc id=\"c-desc\">a &amp; b</desc><rect/></svg>"
        );
    }
}
