//! Questions the app asks of the bundle. Components call these rather than searching the
//! data themselves.

use crate::model::{Bundle, District, Document, Item, LineageSuggestion, ProgressEvent, StatusCounts, Theme, Unit};

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
#[derive(Clone, Debug, PartialEq, Eq)]
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

impl Bundle {
    /// The document with this id.
    pub fn document(&self, id: &str) -> Option<&Document> {
        self.documents.iter().find(|document| document.id == id)
    }

    /// The district with this id.
    pub fn district(&self, id: &str) -> Option<&District> {
        self.districts.iter().find(|district| district.id == id)
    }

    /// The district's Chinese name, or its id when the bundle does not list it.
    pub fn district_name(&self, id: &str) -> String {
        self.district(id).map_or_else(|| id.to_string(), |district| district.name.clone())
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
        self.items.iter().filter(|item| item.document == document).collect()
    }

    /// The district an item belongs to (through its document).
    pub fn district_of(&self, item: &Item) -> Option<&str> {
        self.document(&item.document).map(|document| document.district.as_str())
    }

    /// What the unit leads and co-organises, across all documents.
    pub fn load_of<'a>(&'a self, unit: &'a Unit) -> UnitLoad<'a> {
        let names = |refs: &[crate::model::UnitRef]| refs.iter().any(|named| named.unit == unit.id);
        UnitLoad {
            unit,
            led: self.items.iter().filter(|item| names(&item.lead_units)).collect(),
            co: self.items.iter().filter(|item| names(&item.co_units)).collect(),
        }
    }

    /// Every unit with its load, units without items left out, busiest first (then registry order).
    pub fn unit_loads(&self) -> Vec<UnitLoad<'_>> {
        let mut loads: Vec<UnitLoad> = self
            .units
            .iter()
            .map(|unit| self.load_of(unit))
            .filter(|load| !load.led.is_empty() || !load.co.is_empty())
            .collect();
        loads.sort_by_key(|load| std::cmp::Reverse((load.led.len(), load.co.len())));
        loads
    }

    /// Progress reported on an item, oldest first.
    pub fn progress_of(&self, item: &str) -> Vec<&ProgressEvent> {
        self.progress.iter().filter(|event| event.item == item).collect()
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
            lineage.suggested.extend(self.item(other).map(|other| (other, suggestion)));
        }
        lineage
    }

    /// Items of other documents that share a theme with `item`.
    pub fn related_by_theme(&self, item: &Item) -> Vec<&Item> {
        self.items
            .iter()
            .filter(|other| other.document != item.document && other.themes.iter().any(|theme| item.themes.contains(theme)))
            .collect()
    }

    /// A theme's items, in document order.
    pub fn items_of_theme(&self, theme: &Theme) -> Vec<&Item> {
        self.items.iter().filter(|item| theme.items.contains(&item.id)).collect()
    }

    /// Headline figures for the overview page.
    pub fn coverage(&self) -> Coverage {
        let years: Vec<u16> = self.documents.iter().filter_map(Document::year).collect();
        let mut sources: Vec<&str> = self.progress.iter().map(|event| event.source.as_str()).collect();
        sources.sort_unstable();
        sources.dedup();
        Coverage {
            districts: self.districts.len(),
            years: years.iter().min().zip(years.iter().max()).map(|(first, last)| (*first, *last)),
            documents: self.documents.len(),
            items: self.items.len(),
            units: self.unit_loads().len(),
            statuses: StatusCounts::of(self.items.iter().map(|item| item.status)),
            progress_sources: sources.len(),
        }
    }
}
