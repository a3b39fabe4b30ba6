//! Full-text search over items, for Chinese text: Chinese has no spaces between words, so a
//! term matches wherever it stands as a substring (ASCII letters ignore case). Space-separated
//! terms must all match. Filters narrow by district, year, kind, unit, status and theme.

use crate::model::{Bundle, Document, DocumentKind, Item, ItemStatus};

/// What the reader asked for; every field round-trips through the URL query.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SearchQuery {
    /// Search text: terms separated by spaces.
    pub text: String,
    /// [`crate::District::id`] filter.
    pub district: Option<String>,
    /// Year of the document.
    pub year: Option<u16>,
    /// Document kind.
    pub kind: Option<DocumentKind>,
    /// [`crate::Unit::id`]: items the unit leads or co-organises.
    pub unit: Option<String>,
    /// Item status.
    pub status: Option<ItemStatus>,
    /// [`crate::Theme::id`].
    pub theme: Option<String>,
}

impl SearchQuery {
    /// Reads `q`, `district`, `year`, `kind`, `unit`, `status`, `topic` from URL query pairs;
    /// unknown keys and unreadable values are ignored.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> SearchQuery {
        let mut query = SearchQuery::default();
        let non_empty =
            |value: &str| Some(value.trim().to_string()).filter(|value| !value.is_empty());
        for (key, value) in pairs {
            match key {
                "q" => query.text = value.to_string(),
                "district" => query.district = non_empty(value),
                "year" => query.year = value.parse().ok(),
                "kind" => {
                    query.kind =
                        serde_json::from_value(serde_json::Value::String(value.into())).ok()
                }
                "unit" => query.unit = non_empty(value),
                "status" => {
                    query.status =
                        serde_json::from_value(serde_json::Value::String(value.into())).ok()
                }
                "topic" => query.theme = non_empty(value),
                _ => {}
            }
        }
        query
    }

    /// The query that finds exactly the items of `document` (its district, year and kind).
    pub fn of_document(document: &crate::Document) -> SearchQuery {
        SearchQuery {
            district: Some(document.district.clone()),
            year: document.year(),
            kind: Some(document.kind),
            ..SearchQuery::default()
        }
    }

    /// The query as URL pairs, empty fields left out, in a stable order.
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let name = |value: serde_json::Value| value.as_str().map(str::to_string);
        let mut pairs = Vec::new();
        if !self.text.is_empty() {
            pairs.push(("q", self.text.clone()));
        }
        pairs.extend(self.district.clone().map(|value| ("district", value)));
        pairs.extend(self.year.map(|value| ("year", value.to_string())));
        pairs.extend(
            self.kind
                .and_then(|kind| name(serde_json::to_value(kind).ok()?))
                .map(|value| ("kind", value)),
        );
        pairs.extend(self.unit.clone().map(|value| ("unit", value)));
        pairs.extend(
            self.status
                .and_then(|status| name(serde_json::to_value(status).ok()?))
                .map(|value| ("status", value)),
        );
        pairs.extend(self.theme.clone().map(|value| ("topic", value)));
        pairs
    }

    fn terms(&self) -> Vec<String> {
        self.text
            .split_whitespace()
            .map(str::to_ascii_lowercase)
            .collect()
    }

    fn admits(&self, item: &Item, document: Option<&Document>) -> bool {
        let unit_named = |unit: &String| {
            item.lead_units
                .iter()
                .chain(&item.co_units)
                .any(|named| *named.unit == **unit)
        };
        self.district
            .as_ref()
            .is_none_or(|district| document.is_some_and(|d| d.district == *district))
            && self
                .year
                .is_none_or(|year| document.and_then(Document::year) == Some(year))
            && self
                .kind
                .is_none_or(|kind| document.is_some_and(|d| d.kind == kind))
            && self.unit.as_ref().is_none_or(unit_named)
            && self.status.is_none_or(|status| item.status == status)
            && self
                .theme
                .as_ref()
                .is_none_or(|theme| item.themes.contains(theme))
    }
}

/// A piece of displayed text, marked when it matched the search.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    /// The text.
    pub text: String,
    /// True for a matched term.
    pub marked: bool,
}

/// One matching item.
#[derive(Clone, Debug, PartialEq)]
pub struct SearchHit<'a> {
    /// The item.
    pub item: &'a Item,
    /// Higher is better: title matches weigh most, then units and evidence, then text.
    pub score: u32,
}

impl SearchHit<'_> {
    /// The title, with the matches of `query` marked. Made for the hits shown only: a
    /// search of a national corpus can match tens of thousands of items.
    pub fn title(&self, query: &SearchQuery) -> Vec<Segment> {
        highlight(&self.item.title, &query.terms())
    }

    /// A short passage of the text around the first match (or its opening), matches marked.
    pub fn snippet(&self, query: &SearchQuery) -> Vec<Segment> {
        snippet(&self.item.text, &query.terms(), 36)
    }
}

/// Items matching `query`, best first; with no search text, every item the filters admit,
/// in document order. Builds a [`SearchIndex`] first: keep one to search a bundle again.
pub fn search<'a>(bundle: &'a Bundle, query: &SearchQuery) -> Vec<SearchHit<'a>> {
    SearchIndex::new(bundle).search(bundle, query)
}

/// What search reads of every item, gathered and lowercased once per bundle, so that each
/// search is one pass of substring matching (no look-ups by id, no allocation per item).
#[derive(Clone, Debug, Default)]
pub struct SearchIndex {
    entries: Vec<Entry>,
}

/// One item's searchable fields, ASCII-lowercased, weighted in [`SearchIndex::search`].
#[derive(Clone, Debug)]
struct Entry {
    /// Position of the item in the bundle.
    item: usize,
    /// Position of its document in the bundle.
    document: Option<usize>,
    title: String,
    /// Units as written, their names in both languages, and leaders.
    units: String,
    /// Quotes of the progress reports about the item.
    evidence: String,
    /// Names of its themes in both languages.
    themes: String,
    text: String,
}

/// Which of an item's searchable fields a piece of its text belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Field {
    Title,
    /// Units as written, their names in both languages, and leaders.
    Units,
    /// Quotes of the progress reports about the item.
    Evidence,
    /// Names of its themes in both languages.
    Themes,
    Text,
}

/// What search reads of a bundle's items, with the units, themes and evidence they refer
/// to looked up once: the one list of what is searched, for [`SearchIndex`] and for the
/// term files ([`crate::terms`]).
pub(crate) struct Searched<'a> {
    index: crate::index::Index<'a>,
    units: rustc_hash::FxHashMap<&'a str, &'a crate::Unit>,
    themes: rustc_hash::FxHashMap<&'a str, &'a crate::Theme>,
}

impl<'a> Searched<'a> {
    pub(crate) fn new(bundle: &'a Bundle) -> Searched<'a> {
        let mut units = rustc_hash::FxHashMap::default();
        for unit in &bundle.units {
            units.entry(unit.id.as_str()).or_insert(unit);
        }
        let mut themes = rustc_hash::FxHashMap::default();
        for theme in &bundle.themes {
            themes.entry(theme.id.as_str()).or_insert(theme);
        }
        Searched {
            index: crate::index::Index::new(bundle),
            units,
            themes,
        }
    }

    /// Hands each piece of `item`'s searchable text, as written, to `piece`, with its field.
    pub(crate) fn pieces(&self, item: &'a Item, mut piece: impl FnMut(Field, &'a str)) {
        piece(Field::Title, &item.title);
        for named in item.lead_units.iter().chain(&item.co_units) {
            piece(Field::Units, &named.written);
            if let Some(unit) = self.units.get(named.unit.as_str()) {
                piece(Field::Units, &unit.name);
                piece(Field::Units, &unit.name_en);
            }
        }
        for leader in &item.leaders {
            piece(Field::Units, leader);
        }
        for event in self.index.progress_of(&item.id) {
            piece(Field::Evidence, &event.quote);
        }
        for theme in item
            .themes
            .iter()
            .filter_map(|id| self.themes.get(id.as_str()))
        {
            piece(Field::Themes, &theme.name);
            piece(Field::Themes, &theme.name_en);
        }
        piece(Field::Text, &item.text);
    }
}

impl SearchIndex {
    /// Gathers the searchable fields of every item of `bundle`.
    pub fn new(bundle: &Bundle) -> SearchIndex {
        use rustc_hash::FxHashMap as HashMap;
        let mut documents: HashMap<&str, usize> = HashMap::default();
        for (position, document) in bundle.documents.iter().enumerate() {
            documents.entry(document.id.as_str()).or_insert(position);
        }
        let searched = Searched::new(bundle);
        let entries = bundle
            .items
            .iter()
            .enumerate()
            .map(|(position, item)| {
                let mut entry = Entry {
                    item: position,
                    document: documents.get(&*item.document).copied(),
                    title: String::new(),
                    units: String::new(),
                    evidence: String::new(),
                    themes: String::new(),
                    text: String::new(),
                };
                // A field's pieces are joined by spaces: no term (a run without spaces)
                // matches across two of them.
                searched.pieces(item, |field, piece| {
                    let into = match field {
                        Field::Title => &mut entry.title,
                        Field::Units => &mut entry.units,
                        Field::Evidence => &mut entry.evidence,
                        Field::Themes => &mut entry.themes,
                        Field::Text => &mut entry.text,
                    };
                    if !into.is_empty() {
                        into.push(' ');
                    }
                    into.extend(piece.chars().map(|c| c.to_ascii_lowercase()));
                });
                entry
            })
            .collect();
        SearchIndex { entries }
    }

    /// Items of `bundle` (the bundle this index was made from) matching `query`, best first;
    /// with no search text, every item the filters admit, in document order. All terms must
    /// match; title matches weigh 10, units 5, evidence and themes 3, text 1.
    pub fn search<'a>(&self, bundle: &'a Bundle, query: &SearchQuery) -> Vec<SearchHit<'a>> {
        let terms = query.terms();
        let mut hits: Vec<SearchHit> = Vec::new();
        for entry in &self.entries {
            let Some(item) = bundle.items.get(entry.item) else {
                continue;
            };
            // Most items lack some term: reject them with one scan of each field.
            let has = |term: &String| {
                [
                    &entry.title,
                    &entry.units,
                    &entry.evidence,
                    &entry.themes,
                    &entry.text,
                ]
                .iter()
                .any(|field| field.contains(term.as_str()))
            };
            if !terms.iter().all(has) {
                continue;
            }
            let document = entry
                .document
                .and_then(|position| bundle.documents.get(position));
            if !query.admits(item, document) {
                continue;
            }
            let fields = [
                (entry.title.as_str(), 10),
                (entry.units.as_str(), 5),
                (entry.evidence.as_str(), 3),
                (entry.themes.as_str(), 3),
                (entry.text.as_str(), 1),
            ];
            let mut score = 0;
            let mut all_found = true;
            for term in &terms {
                let found: u32 = fields
                    .iter()
                    .map(|(field, weight)| count(field, term) * weight)
                    .sum();
                all_found &= found > 0;
                score += found;
            }
            if !all_found {
                continue;
            }
            hits.push(SearchHit { item, score });
        }
        hits.sort_by_key(|hit| std::cmp::Reverse(hit.score));
        hits
    }
}

/// Hits grouped by their document, groups in the order of their best hit.
pub fn group_by_document<'a>(
    bundle: &'a Bundle,
    hits: Vec<SearchHit<'a>>,
) -> Vec<(&'a Document, Vec<SearchHit<'a>>)> {
    let mut groups: Vec<(&Document, Vec<SearchHit>)> = Vec::new();
    for hit in hits {
        let Some(document) = bundle.document(&hit.item.document) else {
            continue;
        };
        match groups.iter_mut().find(|(seen, _)| seen.id == document.id) {
            Some((_, group)) => group.push(hit),
            None => groups.push((document, vec![hit])),
        }
    }
    groups
}

/// Occurrences of `term` in `field`, both already ASCII-lowercased.
fn count(field: &str, term: &str) -> u32 {
    if term.is_empty() {
        return 0;
    }
    u32::try_from(field.matches(term).count()).unwrap_or(u32::MAX)
}

/// Byte ranges of every match of any term in `text` (ASCII case ignored), merged.
fn match_ranges(text: &str, terms: &[String]) -> Vec<std::ops::Range<usize>> {
    // ASCII lowercasing keeps byte offsets, so ranges apply to the original text.
    let lowered = text.to_ascii_lowercase();
    let mut ranges: Vec<std::ops::Range<usize>> = terms
        .iter()
        .filter(|term| !term.is_empty())
        .flat_map(|term| {
            lowered
                .match_indices(term.as_str())
                .map(|(start, found)| start..start + found.len())
        })
        .collect();
    ranges.sort_by_key(|range| (range.start, range.end));
    let mut merged: Vec<std::ops::Range<usize>> = Vec::new();
    for range in ranges {
        match merged.last_mut() {
            Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
            _ => merged.push(range),
        }
    }
    merged
}

/// `text` cut into marked and unmarked segments.
pub fn highlight(text: &str, terms: &[String]) -> Vec<Segment> {
    let mut segments = Vec::new();
    let mut position = 0;
    for range in match_ranges(text, terms) {
        if range.start > position {
            segments.push(Segment {
                text: text[position..range.start].to_string(),
                marked: false,
            });
        }
        segments.push(Segment {
            text: text[range.clone()].to_string(),
            marked: true,
        });
        position = range.end;
    }
    if position < text.len() {
        segments.push(Segment {
            text: text[position..].to_string(),
            marked: false,
        });
    }
    segments
}

/// About `width` characters of `text` around its first match (or from its start),
/// with `…` where it is cut, matches marked.
pub fn snippet(text: &str, terms: &[String], width: usize) -> Vec<Segment> {
    let first = match_ranges(text, terms)
        .first()
        .map_or(0, |range| range.start);
    let chars_before = text[..first].chars().count();
    let start_char = chars_before.saturating_sub(width / 3);
    let start = text
        .char_indices()
        .nth(start_char)
        .map_or(text.len(), |(offset, _)| offset);
    let end = text[start..]
        .char_indices()
        .nth(width)
        .map_or(text.len(), |(offset, _)| start + offset);
    let mut segments = highlight(&text[start..end], terms);
    if start > 0 {
        segments.insert(
            0,
            Segment {
                text: "…".into(),
                marked: false,
            },
        );
    }
    if end < text.len() {
        segments.push(Segment {
            text: "…".into(),
            marked: false,
        });
    }
    segments
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(segments: &[Segment]) -> Vec<&str> {
        segments
            .iter()
            .filter(|segment| segment.marked)
            .map(|segment| segment.text.as_str())
            .collect()
    }

    #[test]
    fn highlights_every_match_ignoring_ascii_case() {
        let terms = vec!["oa".to_string(), "系统".to_string()];
        let segments = highlight("提升拓展OA系统功能", &terms);
        assert_eq!(marked(&segments), ["OA系统"]);
        let joined: String = segments
            .iter()
            .map(|segment| segment.text.as_str())
            .collect();
        assert_eq!(joined, "提升拓展OA系统功能");
    }

    #[test]
    fn snippets_are_cut_around_the_first_match() {
        let text = "甲".repeat(50) + "织网工程" + &"乙".repeat(50);
        let segments = snippet(&text, &["织网".to_string()], 20);
        assert_eq!(segments.first().unwrap().text, "…");
        assert_eq!(segments.last().unwrap().text, "…");
        assert_eq!(marked(&segments), ["织网"]);
        let no_match = snippet("短文本", &["无".to_string()], 20);
        assert_eq!(
            no_match,
            vec![Segment {
                text: "短文本".into(),
                marked: false
            }]
        );
    }

    #[test]
    fn query_round_trips_through_url_pairs() {
        let query = SearchQuery {
            text: "物业 管理".into(),
            district: Some("luohu".into()),
            year: Some(2014),
            kind: Some(DocumentKind::WorkPoints),
            unit: Some("luohu-civil-affairs-bureau".into()),
            status: Some(ItemStatus::NoEvidence),
            theme: Some("property-management".into()),
        };
        let pairs = query.to_pairs();
        assert_eq!(pairs[3], ("kind", "work_points".to_string()));
        let back = SearchQuery::from_pairs(pairs.iter().map(|(key, value)| (*key, value.as_str())));
        assert_eq!(back, query);
        let odd = SearchQuery::from_pairs([
            ("year", "soon"),
            ("status", "done"),
            ("x", "y"),
            ("district", " "),
        ]);
        assert_eq!(odd, SearchQuery::default());
    }
}
