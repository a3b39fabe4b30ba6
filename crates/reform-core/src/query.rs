//! Questions the app asks of the bundle. Components call these rather than searching the
//! data themselves.

use crate::json_writer::Blank;
use crate::model::{
    Bundle, District, Document, Item, LineageSuggestion, ProgressEvent, StatusCounts, Theme, Unit,
};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::Arc;

/// How many items a unit leads and co-organises.
#[derive(Clone, Debug, PartialEq)]
pub struct UnitLoad<'a> {
    /// The unit.
    pub unit: &'a Unit,
    /// Items it leads.
    pub led: Vec<&'a Item>,
    /// Items it co-organises.
    pub co: Vec<&'a Item>,
}

/// [`UnitLoad`] counted rather than listed: what a chart of the busiest units needs.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct UnitTally<'a> {
    /// The unit.
    pub unit: &'a Unit,
    /// How many items it leads.
    pub led: u32,
    /// How many items it co-organises.
    pub co: u32,
    /// The statuses of the items it leads.
    pub led_statuses: StatusCounts,
}

/// An item's neighbours across years.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Lineage<'a> {
    /// Curated: earlier items this one continues.
    pub continues: Vec<&'a Item>,
    /// Curated: later items that continue this one.
    pub continued_by: Vec<&'a Item>,
    /// Machine suggestions (either direction), with their similarity: never shown as fact.
    pub suggested: Vec<(&'a Item, &'a LineageSuggestion)>,
}

/// Headline figures for the overview.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Coverage {
    /// Districts covered.
    pub districts: usize,
    /// First and last year of the documents.
    pub years: Option<(u16, u16)>,
    /// Source documents.
    pub documents: usize,
    /// Reform items.
    pub items: usize,
    /// Units responsible for at least one item.
    pub units: usize,
    /// Item counts per status, over all items.
    pub statuses: StatusCounts,
    /// Dated sources behind the statuses (documents that report progress).
    pub progress_sources: usize,
}

/// What [`Bundle::for_charts`] empties, as the JSON writer blanks it
/// ([`json_writer::lend_blanked`]): the compiler writes a chart shard as its shard's JSON
/// with these values written over, rather than serializing the bundle twice. A test keeps
/// the two alike.
///
/// [`json_writer::lend_blanked`]: crate::json_writer::lend_blanked
pub const CHART_BLANKS: &[Blank] = &[
    Blank::new("Bundle", "suggestions", "[]"),
    Blank::new("Item", "text", "\"\""),
    Blank::new("Item", "section", "null"),
    Blank::new("Item", "subsection", "null"),
    Blank::new("ProgressEvent", "quote", "\"\""),
    Blank::new("ProgressEvent", "note_en", "\"\""),
    Blank::new("LineageLink", "from_quote", "\"\""),
    Blank::new("LineageLink", "to_quote", "\"\""),
];

impl Bundle {
    /// The data version: the first 16 hex digits of the content hash. Pinned embeds name it,
    /// and the compiler keeps what they load of each version under `data/shards/<version>/`.
    pub fn version(&self) -> &str {
        version_of(&self.content_hash)
    }

    /// The bundle without what no chart draws — item texts, evidence quotes, suggestions —
    /// so that an embedded chart loads a fraction of the data. Same schema, same hash.
    pub fn for_charts(self) -> Bundle {
        let mut slim = self;
        for item in &mut slim.items {
            item.text = "".into();
            item.section = None;
            item.subsection = None;
        }
        for event in &mut slim.progress {
            event.quote.clear();
            event.note_en.clear();
        }
        for link in &mut slim.lineage {
            link.from_quote.clear();
            link.to_quote.clear();
        }
        slim.suggestions.clear();
        slim
    }

    /// The latest source date as `YYYY-MM-DD`: "as of" for every status (empty when unknown).
    pub fn as_of(&self) -> String {
        self.latest_source_date
            .map(|date| date.to_string())
            .unwrap_or_default()
    }

    /// The document with this id.
    pub fn document(&self, id: &str) -> Option<&Document> {
        self.documents.iter().find(|document| document.id == id)
    }

    /// The documents of `district`, or all of them when `None`, in bundle order.
    pub fn documents_in(&self, district: Option<&str>) -> Vec<&Document> {
        self.documents
            .iter()
            .filter(|document| district.is_none_or(|district| document.district == district))
            .collect()
    }

    /// The district with this id.
    pub fn district(&self, id: &str) -> Option<&District> {
        self.districts.iter().find(|district| district.id == id)
    }

    /// The district's Chinese name, or its id when the bundle does not list it.
    pub fn district_name(&self, id: &str) -> String {
        self.district(id)
            .map_or_else(|| id.to_string(), |district| district.name.clone())
    }

    /// The item with this id.
    pub fn item(&self, id: &str) -> Option<&Item> {
        self.items.iter().find(|item| item.id == id)
    }

    /// The unit with this id.
    pub fn unit(&self, id: &str) -> Option<&Unit> {
        self.units.iter().find(|unit| unit.id == id)
    }

    /// The theme with this id.
    pub fn theme(&self, id: &str) -> Option<&Theme> {
        self.themes.iter().find(|theme| theme.id == id)
    }

    /// A document's items, in order.
    pub fn items_of(&self, document: &str) -> Vec<&Item> {
        self.items
            .iter()
            .filter(|item| &*item.document == document)
            .collect()
    }

    /// The documents that have items, in bundle order: the plans a network can be drawn from.
    pub fn documents_with_items(&self) -> impl Iterator<Item = &Document> {
        let with_items: HashSet<&str> = self.items.iter().map(|item| &*item.document).collect();
        self.documents
            .iter()
            .filter(move |document| with_items.contains(document.id.as_str()))
    }

    /// The district an item belongs to (through its document).
    pub fn district_of(&self, item: &Item) -> Option<&str> {
        self.document(&item.document)
            .map(|document| document.district.as_str())
    }

    /// What the unit leads and co-organises, across all documents.
    pub fn load_of<'a>(&'a self, unit: &'a Unit) -> UnitLoad<'a> {
        let names =
            |refs: &[crate::model::UnitRef]| refs.iter().any(|named| *named.unit == unit.id);
        UnitLoad {
            unit,
            led: self
                .items
                .iter()
                .filter(|item| names(&item.lead_units))
                .collect(),
            co: self
                .items
                .iter()
                .filter(|item| names(&item.co_units))
                .collect(),
        }
    }

    /// Every unit with its load, units without items left out, busiest first (then registry order).
    pub fn unit_loads(&self) -> Vec<UnitLoad<'_>> {
        let mut led: Vec<Vec<&Item>> = vec![Vec::new(); self.units.len()];
        let mut co: Vec<Vec<&Item>> = vec![Vec::new(); self.units.len()];
        self.each_unit_named(|unit, leads, item| {
            if leads {
                led[unit].push(item);
            } else {
                co[unit].push(item);
            }
        });
        let mut loads: Vec<UnitLoad> = self
            .units
            .iter()
            .zip(led.into_iter().zip(co))
            .map(|(unit, (led, co))| UnitLoad { unit, led, co })
            .filter(|load| !load.led.is_empty() || !load.co.is_empty())
            .collect();
        crate::order::sort_by_key(&mut loads, |load| {
            std::cmp::Reverse((load.led.len(), load.co.len()))
        });
        loads
    }

    /// [`Bundle::unit_loads`] counted: the same units in the same order, without a list of
    /// items per unit (a national corpus has a hundred thousand units).
    pub fn unit_tallies(&self) -> Vec<UnitTally<'_>> {
        let mut tallies = UnitTallies::new(&self.units);
        self.items.iter().for_each(|item| tallies.add(item));
        tallies.finish()
    }

    /// Calls `visit` with each unit's position, whether it leads, and the item, for every
    /// unit every item names as lead or co-organiser ([`UnitsNamed`]).
    fn each_unit_named<'a>(&'a self, mut visit: impl FnMut(usize, bool, &'a Item)) {
        let mut named = UnitsNamed::new(&self.units);
        for item in &self.items {
            named.in_item(item, |unit, leads| visit(unit, leads, item));
        }
    }

    /// How many units lead or co-organize at least one item: `unit_loads().len()`, counted
    /// without gathering each unit's items (the coverage of every shard asks).
    pub fn units_with_items(&self) -> usize {
        // Gathered by the strings' addresses first, as in `each_unit_named`.
        let mut by_address: HashMap<*const String, &str> = HashMap::default();
        for named in self
            .items
            .iter()
            .flat_map(|item| item.lead_units.iter().chain(&item.co_units))
        {
            by_address
                .entry(Arc::as_ptr(&named.unit))
                .or_insert(named.unit.as_str());
        }
        let named: HashSet<&str> = by_address.into_values().collect();
        self.units
            .iter()
            .filter(|unit| named.contains(unit.id.as_str()))
            .count()
    }

    /// How many items each unit leads, by its position in [`Bundle::units`]: the `led` of
    /// [`Bundle::unit_tallies`] for every unit, in registry order (the units table).
    pub fn items_led(&self) -> Vec<u32> {
        let mut tallies = UnitTallies::new(&self.units);
        self.items.iter().for_each(|item| tallies.add(item));
        tallies.led()
    }

    /// Units with items, grouped by district (catalog order) then kind (declaration order),
    /// each group busiest first.
    pub fn units_by_district_and_kind(
        &self,
    ) -> Vec<(&District, crate::UnitKind, Vec<UnitLoad<'_>>)> {
        let mut groups: Vec<(&District, crate::UnitKind, Vec<UnitLoad>)> = Vec::new();
        // The loads once, split by district keeping their order.
        let mut by_district: HashMap<&str, Vec<UnitLoad>> = HashMap::default();
        for load in self.unit_loads() {
            by_district
                .entry(load.unit.district.as_str())
                .or_default()
                .push(load);
        }
        for district in &self.districts {
            let mut loads = by_district.remove(district.id.as_str()).unwrap_or_default();
            crate::order::sort_by_key(&mut loads, |load| load.unit.kind);
            for load in loads {
                match groups.last_mut() {
                    Some((seen, kind, group))
                        if seen.id == district.id && *kind == load.unit.kind =>
                    {
                        group.push(load)
                    }
                    _ => groups.push((district, load.unit.kind, vec![load])),
                }
            }
        }
        groups
    }

    /// Progress reported on an item, oldest first.
    pub fn progress_of(&self, item: &str) -> Vec<&ProgressEvent> {
        self.progress
            .iter()
            .filter(|event| event.item == item)
            .collect()
    }

    /// Curated and suggested lineage around an item.
    pub fn lineage_of(&self, item: &str) -> Lineage<'_> {
        let mut lineage = Lineage::default();
        for link in &self.lineage {
            if link.to == item {
                lineage.continues.extend(self.item(&link.from));
            }
            if link.from == item {
                lineage.continued_by.extend(self.item(&link.to));
            }
        }
        for suggestion in &self.suggestions {
            let other = if suggestion.from == item {
                &suggestion.to
            } else if suggestion.to == item {
                &suggestion.from
            } else {
                continue;
            };
            lineage
                .suggested
                .extend(self.item(other).map(|other| (other, suggestion)));
        }
        lineage
    }

    /// Items of other documents that share a theme with `item`.
    pub fn related_by_theme(&self, item: &Item) -> Vec<&Item> {
        self.items
            .iter()
            .filter(|other| {
                other.document != item.document
                    && other.themes.iter().any(|theme| item.themes.contains(theme))
            })
            .collect()
    }

    /// A theme's items, in document order.
    pub fn items_of_theme(&self, theme: &Theme) -> Vec<&Item> {
        // A set of the members: themes of a national corpus list tens of thousands.
        let members: HashSet<&str> = theme.items.iter().map(String::as_str).collect();
        self.items
            .iter()
            .filter(|item| members.contains(item.id.as_str()))
            .collect()
    }

    /// The first and last year of the plans a theme's items come from.
    pub fn years_of_theme(&self, theme: &Theme) -> Option<(u16, u16)> {
        let years = self
            .items_of_theme(theme)
            .into_iter()
            .filter_map(|item| self.document(&item.document)?.year());
        years.fold(None, |span, year| match span {
            None => Some((year, year)),
            Some((first, last)) => Some((first.min(year), last.max(year))),
        })
    }

    /// How many dated sources report progress (documents named by progress events).
    pub fn progress_sources(&self) -> usize {
        let mut sources: Vec<&str> = self
            .progress
            .iter()
            .map(|event| event.source.as_str())
            .collect();
        crate::order::sort_dedup(&mut sources);
        sources.len()
    }

    /// Headline figures for the overview page.
    pub fn coverage(&self) -> Coverage {
        let years: Vec<u16> = self.documents.iter().filter_map(Document::year).collect();
        Coverage {
            districts: self.districts.len(),
            years: years
                .iter()
                .min()
                .zip(years.iter().max())
                .map(|(first, last)| (*first, *last)),
            documents: self.documents.len(),
            items: self.items.len(),
            units: self.units_with_items(),
            statuses: StatusCounts::of(self.items.iter().map(|item| item.status)),
            progress_sources: self.progress_sources(),
        }
    }
}

/// [`Bundle::unit_tallies`] counted an item at a time.
pub struct UnitTallies<'u> {
    named: UnitsNamed<'u>,
    /// Every unit's tally, in registry order.
    tallies: Vec<UnitTally<'u>>,
}

impl<'u> UnitTallies<'u> {
    /// No item counted yet.
    pub fn new(units: &'u [Unit]) -> UnitTallies<'u> {
        UnitTallies {
            named: UnitsNamed::new(units),
            tallies: units
                .iter()
                .map(|unit| UnitTally {
                    unit,
                    led: 0,
                    co: 0,
                    led_statuses: StatusCounts::default(),
                })
                .collect(),
        }
    }

    /// Counts `item`.
    pub fn add(&mut self, item: &Item) {
        let tallies = &mut self.tallies;
        self.named.in_item(item, |unit, leads| {
            let tally = &mut tallies[unit];
            if leads {
                tally.led = tally.led.saturating_add(1);
                tally.led_statuses.add(item.status);
            } else {
                tally.co = tally.co.saturating_add(1);
            }
        });
    }

    /// How many items each unit leads, in registry order.
    pub fn led(&self) -> Vec<u32> {
        self.tallies.iter().map(|tally| tally.led).collect()
    }

    /// The units with items, busiest first (then registry order).
    pub fn finish(self) -> Vec<UnitTally<'u>> {
        let mut tallies = self.tallies;
        tallies.retain(|tally| tally.led > 0 || tally.co > 0);
        crate::order::sort_by_key(&mut tallies, |tally| {
            std::cmp::Reverse((tally.led, tally.co))
        });
        tallies
    }
}

/// The units each item names as lead or co-organiser, found an item at a time, in time
/// linear in the items. An item counts once for a unit it names twice (by name and
/// alias), and for every unit sharing that id.
struct UnitsNamed<'u> {
    /// Each id's first unit, and after each unit the next with its id (rarely any): no
    /// list per unit, of which a national registry has a hundred thousand.
    first_with_id: HashMap<&'u str, usize>,
    next_with_id: Vec<usize>,
    /// The references to a unit share its id's string where the compiler made them: each
    /// string is looked up by its text once, then by its address (no reading it), and held
    /// so that its address names it while it is counted.
    by_address: HashMap<*const String, (usize, Arc<String>)>,
    /// The first units of the ids named so far by one list of an item, to count once.
    named_here: Vec<usize>,
}

impl<'u> UnitsNamed<'u> {
    /// No unit with this id.
    const NONE: usize = usize::MAX;

    fn new(units: &'u [Unit]) -> UnitsNamed<'u> {
        let mut first_with_id: HashMap<&str, usize> = HashMap::default();
        let mut next_with_id = vec![Self::NONE; units.len()];
        for (index, unit) in units.iter().enumerate().rev() {
            if let Some(next) = first_with_id.insert(unit.id.as_str(), index) {
                next_with_id[index] = next;
            }
        }
        UnitsNamed {
            first_with_id,
            next_with_id,
            by_address: HashMap::default(),
            named_here: Vec::new(),
        }
    }

    /// Calls `visit` with each unit's position and whether it leads, for every unit `item`
    /// names.
    fn in_item(&mut self, item: &Item, mut visit: impl FnMut(usize, bool)) {
        for (refs, leads) in [(&item.lead_units, true), (&item.co_units, false)] {
            self.named_here.clear();
            for named in refs.iter() {
                let first = self
                    .by_address
                    .entry(Arc::as_ptr(&named.unit))
                    .or_insert_with(|| {
                        let first = self.first_with_id.get(named.unit.as_str()).copied();
                        (first.unwrap_or(Self::NONE), named.unit.clone())
                    })
                    .0;
                if first == Self::NONE || self.named_here.contains(&first) {
                    continue;
                }
                self.named_here.push(first);
                let mut unit = first;
                while unit != Self::NONE {
                    visit(unit, leads);
                    unit = self.next_with_id[unit];
                }
            }
        }
    }
}

/// The data version a content hash names: its first 16 hex digits.
pub fn version_of(content_hash: &str) -> &str {
    content_hash.get(..16).unwrap_or(content_hash)
}

/// Consecutive items under the same section and subsection heading.
#[derive(Clone, Debug, PartialEq)]
pub struct SectionGroup<'a> {
    /// Section heading, if any.
    pub section: Option<&'a str>,
    /// Subsection heading, if any.
    pub subsection: Option<&'a str>,
    /// The items, in order.
    pub items: Vec<&'a Item>,
}

/// A run of source lines: either an item's passage or text outside any item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextBlock<'t> {
    /// The item whose passage this is, by [`Item::id`] and number.
    pub item: Option<(String, u32)>,
    /// 1-based number of the first line.
    pub first_line: u32,
    /// The lines, verbatim.
    pub lines: Vec<&'t str>,
}

impl Bundle {
    /// A document's items grouped under their headings, in document order.
    pub fn sections_of(&self, document: &str) -> Vec<SectionGroup<'_>> {
        let mut groups: Vec<SectionGroup> = Vec::new();
        for item in self.items_of(document) {
            let section = item.section.as_deref();
            let subsection = item.subsection.as_deref();
            match groups.last_mut() {
                Some(group) if group.section == section && group.subsection == subsection => {
                    group.items.push(item)
                }
                _ => groups.push(SectionGroup {
                    section,
                    subsection,
                    items: vec![item],
                }),
            }
        }
        groups
    }
}

/// Cuts a source text into blocks: each item's passage (its line range) is one block, the
/// lines between items are blocks of their own.
pub fn text_blocks<'t>(text: &'t str, items: &[&Item]) -> Vec<TextBlock<'t>> {
    let mut blocks: Vec<TextBlock> = Vec::new();
    for (line, number) in text.lines().zip(1u32..) {
        let item = items
            .iter()
            .find(|item| (item.first_line..=item.last_line).contains(&number))
            .map(|item| (item.id.clone(), item.number));
        match blocks.last_mut() {
            Some(block) if block.item == item && (item.is_none() || number > block.first_line) => {
                block.lines.push(line)
            }
            _ => blocks.push(TextBlock {
                item,
                first_line: number,
                lines: vec![line],
            }),
        }
    }
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A government department of district `x` named by its id.
    fn unit(id: &str) -> crate::model::Unit {
        crate::model::Unit {
            id: id.into(),
            district: "x".into(),
            name: id.into(),
            name_en: id.into(),
            kind: crate::model::UnitKind::GovernmentDepartment,
            aliases: vec![],
            former_names: vec![],
        }
    }

    fn item(id: &str, lines: (u32, u32)) -> Item {
        Item {
            id: id.into(),
            last_line: lines.1,
            ..Item::numbered("d", lines.0)
        }
    }

    #[test]
    fn blocks_follow_item_line_ranges() {
        let a = item("d/2", (2, 3));
        let b = item("d/4", (4, 4));
        let blocks = text_blocks("head\nitem a\nlabel line\nitem b\ntail\nend", &[&a, &b]);
        let shape: Vec<(Option<u32>, u32, usize)> = blocks
            .iter()
            .map(|block| {
                (
                    block.item.as_ref().map(|(_, n)| *n),
                    block.first_line,
                    block.lines.len(),
                )
            })
            .collect();
        assert_eq!(
            shape,
            [(None, 1, 1), (Some(2), 2, 2), (Some(4), 4, 1), (None, 5, 2)]
        );
    }

    #[test]
    fn units_with_items_counts_what_unit_loads_lists() {
        let named = |id: &str| crate::model::UnitRef {
            unit: std::sync::Arc::new(id.to_string()),
            written: std::sync::Arc::new(id.to_string()),
        };
        let mut led = item("d/1", (1, 1));
        // Named twice, by name and alias: one load.
        led.lead_units = [named("a"), named("a")].into();
        let mut helped = item("d/2", (2, 2));
        helped.co_units = [named("b"), named("unknown")].into();
        let bundle = Bundle {
            // "a" twice (a duplicate id, reported by the compiler), "c" without items.
            units: vec![unit("a"), unit("b"), unit("c"), unit("a")],
            items: vec![led, helped],
            ..Bundle::default()
        };
        assert_eq!(bundle.unit_loads().len(), 3);
        assert_eq!(bundle.units_with_items(), 3);
        assert_eq!(Bundle::default().units_with_items(), 0);
    }

    #[test]
    fn references_sharing_a_string_count_as_references_with_their_own() {
        use std::sync::Arc;
        // As the compiler makes them: one string per unit, shared by its references; and
        // one reference to "a" with a string of its own, as a bundle read from a file has.
        let [a, b, c] = ["a", "b", "c"].map(|id| Arc::new(id.to_string()));
        let named = |unit: &Arc<String>| crate::model::UnitRef {
            unit: unit.clone(),
            written: unit.clone(),
        };
        let mut items: Vec<Item> = (1..=5).map(|n| item(&format!("d/{n}"), (n, n))).collect();
        items[0].lead_units = [named(&a), named(&b)].into();
        items[1].lead_units = [named(&b)].into();
        items[1].co_units = [named(&a), named(&c)].into();
        items[2].lead_units = [named(&Arc::new("a".to_string()))].into();
        items[3].co_units = [named(&c), named(&c)].into();
        items[4].status = crate::model::ItemStatus::Delivered;
        items[4].lead_units = [named(&c)].into();
        let shared = Bundle {
            units: vec![unit("a"), unit("b"), unit("c"), unit("d")],
            items,
            ..Bundle::default()
        };
        // The same bundle with a string of its own in every reference.
        let mut apart = shared.clone();
        for item in &mut apart.items {
            for named in item.lead_units.iter_mut().chain(item.co_units.iter_mut()) {
                named.unit = Arc::new(named.unit.to_string());
            }
        }
        let tallied = |bundle: &Bundle| -> Vec<(String, u32, u32, StatusCounts)> {
            bundle
                .unit_tallies()
                .iter()
                .map(|tally| {
                    (
                        tally.unit.id.clone(),
                        tally.led,
                        tally.co,
                        tally.led_statuses,
                    )
                })
                .collect()
        };
        assert_eq!(tallied(&shared), tallied(&apart));
        assert_eq!(
            tallied(&shared)
                .iter()
                .map(|(id, led, co, _)| (id.as_str(), *led, *co))
                .collect::<Vec<_>>(),
            [("a", 2, 1), ("b", 2, 0), ("c", 1, 2)]
        );
        assert_eq!(shared.units_with_items(), 3);
        assert_eq!(apart.units_with_items(), 3);
        // The same led counts for every unit, in registry order ("d" leads none).
        assert_eq!(shared.items_led(), [2, 2, 1, 0]);
        assert_eq!(apart.items_led(), [2, 2, 1, 0]);
    }
}
