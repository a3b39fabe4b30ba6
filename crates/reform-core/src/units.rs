//! The unit registry and name resolution: from a name as a plan writes it to the one body
//! it means, within the plan's district.

use crate::model::{Unit, UnitRef};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::Arc;

/// What a name as written refers to: a unit as `U`, the unit itself unless said otherwise.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Resolved<'a, U = &'a Unit> {
    /// A registered unit (by name, alias or former name).
    Unit(U),
    /// A filler phrase such as 各有关单位: "other relevant units", no particular body.
    Filler,
    /// Nothing in the district matches; the registry name spelled most like it, if any.
    Unknown {
        /// The closest registered spelling in the same district.
        closest: Option<&'a str>,
    },
}

impl<'a, U> Resolved<'a, U> {
    /// The same resolution, a unit given as `f` makes it of `U`.
    fn map<V>(self, f: impl FnOnce(U) -> V) -> Resolved<'a, V> {
        match self {
            Resolved::Unit(unit) => Resolved::Unit(f(unit)),
            Resolved::Filler => Resolved::Filler,
            Resolved::Unknown { closest } => Resolved::Unknown { closest },
        }
    }
}

/// All units and filler phrases, as curated in `seeds/units.toml`.
#[derive(Clone, Debug, Default)]
pub struct UnitRegistry {
    /// Every registered unit.
    pub units: Vec<Unit>,
    /// Phrases that name no particular body.
    pub filler: Vec<String>,
}

impl UnitRegistry {
    /// Resolves `written` (trimmed) among the units of `district`. Looks through every
    /// unit: to resolve many names, build [`UnitRegistry::index`] once.
    pub fn resolve(&self, district: &str, written: &str) -> Resolved<'_> {
        let written = written.trim();
        if self.filler.iter().any(|phrase| phrase == written) {
            return Resolved::Filler;
        }
        let in_district = || self.units.iter().filter(|unit| unit.district == district);
        if let Some(unit) = in_district().find(|unit| unit.spellings().any(|name| name == written))
        {
            return Resolved::Unit(unit);
        }
        closest_spelling(in_district(), written)
    }

    /// Hash tables over the registry, so that resolving a name costs the same with a
    /// hundred thousand units as with ten. Resolves exactly as [`UnitRegistry::resolve`].
    pub fn index(&self) -> UnitIndex<'_> {
        let mut by_spelling: HashMap<(&str, &str), usize> = HashMap::default();
        let mut spelled = Vec::new();
        let mut by_district: HashMap<&str, Vec<&Unit>> = HashMap::default();
        for unit in &self.units {
            let id = Arc::new(unit.id.clone());
            for spelling in unit.spellings() {
                // The first unit with a spelling wins, as in the linear search.
                by_spelling
                    .entry((unit.district.as_str(), spelling))
                    .or_insert_with(|| {
                        let named = UnitRef {
                            unit: id.clone(),
                            written: Arc::new(spelling.to_string()),
                        };
                        spelled.push((unit, named));
                        spelled.len() - 1
                    });
            }
            by_district
                .entry(unit.district.as_str())
                .or_default()
                .push(unit);
        }
        UnitIndex {
            filler: self.filler.iter().map(String::as_str).collect(),
            by_spelling,
            spelled,
            by_district,
        }
    }
}

/// A [`UnitRegistry`] indexed by district and spelling; see [`UnitRegistry::index`].
#[derive(Clone, Debug)]
pub struct UnitIndex<'a> {
    /// The filler phrases.
    filler: HashSet<&'a str>,
    /// `(district, spelling)` → the first unit of the district spelled so, in `spelled`.
    by_spelling: HashMap<(&'a str, &'a str), usize>,
    /// Each registered spelling's unit, and a reference to the unit as spelled so, whose
    /// strings the items naming it share.
    spelled: Vec<(&'a Unit, UnitRef)>,
    /// Each district's units in registry order, to find the closest spelling of an unknown name.
    by_district: HashMap<&'a str, Vec<&'a Unit>>,
}

impl<'a> UnitIndex<'a> {
    /// Resolves `written` (trimmed) among the units of `district`.
    pub fn resolve(&self, district: &str, written: &str) -> Resolved<'a> {
        self.lookup(district, written).map(|(unit, _)| *unit)
    }

    /// Resolves `written` as [`resolve`](Self::resolve) does, a unit as an item's
    /// reference to it. Its id, and its name where `written` is spelled as registered,
    /// are the index's own strings, shared: a national corpus's items name units three
    /// million times, in a few thousand spellings.
    pub fn refer(&self, district: &str, written: &str) -> Resolved<'a, UnitRef> {
        self.lookup(district, written).map(|(_, named)| {
            if *named.written == *written {
                named.clone()
            } else {
                UnitRef {
                    unit: named.unit.clone(),
                    written: Arc::new(written.to_string()),
                }
            }
        })
    }

    /// Each registered spelling as an item's reference to its unit, the strings
    /// [`refer`](Self::refer) shares: the compiler holds items encoded with positions in
    /// this list, and decodes them to these same strings.
    pub fn references(&self) -> impl ExactSizeIterator<Item = &UnitRef> {
        self.spelled.iter().map(|(_, named)| named)
    }

    /// What `written` (trimmed) names in `district`: a unit as its entry in `spelled`.
    fn lookup(&self, district: &str, written: &str) -> Resolved<'a, &(&'a Unit, UnitRef)> {
        let written = written.trim();
        if self.filler.contains(written) {
            return Resolved::Filler;
        }
        if let Some(&at) = self.by_spelling.get(&(district, written)) {
            return Resolved::Unit(&self.spelled[at]);
        }
        let units = self
            .by_district
            .get(district)
            .map_or(&[][..], Vec::as_slice);
        closest_spelling(units.iter().copied(), written)
    }
}

/// An unknown name, with the registered spelling among `units` most like it.
fn closest_spelling<'a, U>(
    units: impl Iterator<Item = &'a Unit>,
    written: &str,
) -> Resolved<'a, U> {
    let closest = units
        .flat_map(Unit::spellings)
        .map(|name| (edit_distance(name, written), name))
        .min()
        .map(|(_, name)| name);
    Resolved::Unknown { closest }
}

impl Unit {
    /// The canonical name, then aliases, then former names.
    pub fn spellings(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str())
            .chain(self.aliases.iter().map(String::as_str))
            .chain(self.former_names.iter().map(String::as_str))
    }
}

/// Levenshtein distance in characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, a_char) in a.chars().enumerate() {
        let mut current = vec![i + 1; b.len() + 1];
        for (j, b_char) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(a_char != *b_char);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        previous = current;
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::UnitKind;

    fn unit(id: &str, district: &str, name: &str, aliases: &[&str], former: &[&str]) -> Unit {
        Unit {
            id: id.into(),
            district: district.into(),
            name: name.into(),
            name_en: String::new(),
            kind: UnitKind::GovernmentDepartment,
            aliases: aliases.iter().map(|alias| alias.to_string()).collect(),
            former_names: former.iter().map(|name| name.to_string()).collect(),
        }
    }

    fn registry() -> UnitRegistry {
        UnitRegistry {
            units: vec![
                unit("l-civil", "luohu", "区民政局", &[], &[]),
                unit("y-civil", "yantian", "区民政局", &[], &[]),
                unit("l-org", "luohu", "区委组织部", &["区委组织部<编办>"], &[]),
                unit(
                    "l-health",
                    "luohu",
                    "区卫生计生局",
                    &[],
                    &["区卫生人口计生局"],
                ),
            ],
            filler: vec!["各有关单位".into()],
        }
    }

    fn id(resolved: Resolved) -> Option<String> {
        match resolved {
            Resolved::Unit(unit) => Some(unit.id.clone()),
            _ => None,
        }
    }

    #[test]
    fn resolves_within_the_district() {
        let registry = registry();
        assert_eq!(
            id(registry.resolve("luohu", "区民政局")).as_deref(),
            Some("l-civil")
        );
        assert_eq!(
            id(registry.resolve("yantian", "区民政局")).as_deref(),
            Some("y-civil")
        );
        assert_eq!(
            id(registry.resolve("luohu", "区委组织部<编办>")).as_deref(),
            Some("l-org")
        );
        assert_eq!(
            id(registry.resolve("luohu", "区卫生人口计生局")).as_deref(),
            Some("l-health")
        );
        assert_eq!(registry.resolve("luohu", "各有关单位"), Resolved::Filler);
    }

    #[test]
    fn the_index_resolves_like_the_registry() {
        let registry = registry();
        let index = registry.index();
        for district in ["luohu", "yantian", "nowhere"] {
            for written in [
                "区民政局",
                " 区民政局 ",
                "区委组织部<编办>",
                "区卫生人口计生局",
                "各有关单位",
                "区民正局",
                "区委组织部",
                "",
            ] {
                assert_eq!(
                    index.resolve(district, written),
                    registry.resolve(district, written),
                    "{district} {written}"
                );
            }
        }
    }

    #[test]
    fn references_share_the_index_strings_where_spelled_as_registered() {
        let registry = registry();
        let index = registry.index();
        let named = |written| match index.refer("luohu", written) {
            Resolved::Unit(named) => named,
            other => panic!("{written} resolved to {other:?}"),
        };
        let (first, second) = (named("区委组织部<编办>"), named("区委组织部<编办>"));
        assert!(Arc::ptr_eq(&first.unit, &second.unit));
        assert!(Arc::ptr_eq(&first.written, &second.written));
        assert_eq!(
            (first.unit.as_str(), first.written.as_str()),
            ("l-org", "区委组织部<编办>")
        );
        // The id is the unit's whatever the spelling; a name written with spaces keeps them.
        let canonical = named(" 区委组织部 ");
        assert!(Arc::ptr_eq(&first.unit, &canonical.unit));
        assert_eq!(*canonical.written, " 区委组织部 ");
        assert_eq!(index.refer("luohu", "各有关单位"), Resolved::Filler);
        assert_eq!(
            index.refer("luohu", "区民正局"),
            Resolved::Unknown {
                closest: Some("区民政局")
            }
        );
    }

    #[test]
    fn suggests_the_closest_spelling() {
        let registry = registry();
        assert_eq!(
            registry.resolve("luohu", "区民正局"),
            Resolved::Unknown {
                closest: Some("区民政局")
            }
        );
        assert_eq!(
            registry.resolve("yantian", "区委组织部"),
            Resolved::Unknown {
                closest: Some("区民政局")
            }
        );
        assert_eq!(
            registry.resolve("nowhere", "区民政局"),
            Resolved::Unknown { closest: None }
        );
    }

    #[test]
    fn measures_edit_distance_in_characters() {
        assert_eq!(edit_distance("区民政局", "区民政局"), 0);
        assert_eq!(edit_distance("区民政局", "区民正局"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }
}
