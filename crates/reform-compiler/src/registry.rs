//! The unit registry file (`seeds/units.toml`) → [`UnitRegistry`], checked for duplicate
//! ids, unknown districts and spellings that would resolve to two units.

use crate::catalog::toml_problem;
use crate::problem::Problem;
use crate::toml_pieces::{self, Pieced, Records};
use reform_core::units::UnitRegistry;
use reform_core::{District, Unit, UnitKind};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use serde::Deserialize;
use std::path::Path;
use toml::Spanned;

/// The registry file as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RegistryFile {
    #[serde(default)]
    filler: Vec<String>,
    #[serde(default)]
    unit: Vec<Spanned<UnitEntry>>,
}

impl Pieced for RegistryFile {
    const RECORDS: Records = Records::Lines("unit");

    fn append(&mut self, later: Self) -> bool {
        self.unit.extend(later.unit);
        later.filler.is_empty()
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct UnitEntry {
    id: String,
    district: String,
    name: String,
    name_en: String,
    kind: UnitKind,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    former_names: Vec<String>,
}

/// Parses and checks the registry; all problems at once.
pub fn parse_registry(
    path: &Path,
    source: &str,
    districts: &[District],
) -> Result<UnitRegistry, Vec<Problem>> {
    let file: RegistryFile =
        toml_pieces::from_str(source).map_err(|error| vec![toml_problem(path, source, &error)])?;
    // The units first, each with where it is written; then checked, borrowing their
    // strings rather than copying them into the tables below (a national registry has a
    // hundred thousand units and twice as many spellings).
    let (units, offsets): (Vec<Unit>, Vec<usize>) = file
        .unit
        .into_iter()
        .map(|entry| {
            let at = entry.span().start;
            let entry = entry.into_inner();
            let unit = Unit {
                id: entry.id,
                district: entry.district,
                name: entry.name,
                name_en: entry.name_en,
                kind: entry.kind,
                aliases: entry.aliases,
                former_names: entry.former_names,
            };
            (unit, at)
        })
        .unzip();
    let mut problems = Vec::new();
    // Hash tables, not a search of all earlier units per unit.
    let district_ids: HashSet<&str> = districts
        .iter()
        .map(|district| district.id.as_str())
        .collect();
    let filler: HashSet<&str> = file.filler.iter().map(String::as_str).collect();
    let mut unit_ids: HashSet<&str> = HashSet::default();
    // `(district, spelling)` → index of the first earlier unit spelled so.
    let mut spelled: HashMap<(&str, &str), usize> = HashMap::default();
    for (index, (unit, &at)) in units.iter().zip(&offsets).enumerate() {
        let problem = |message: String, hint: &str| {
            Problem::in_file(path, message, hint).at_offset(source, at)
        };
        if !unit_ids.insert(&unit.id) {
            problems.push(problem(
                format!("duplicate unit id `{}`", unit.id),
                "give every unit its own id",
            ));
        }
        if !district_ids.contains(unit.district.as_str()) {
            problems.push(problem(
                format!(
                    "unit `{}` names unknown district `{}`",
                    unit.id, unit.district
                ),
                "use a district id from seeds/catalog.toml",
            ));
        }
        for spelling in unit.spellings() {
            let clash = spelled.get(&(unit.district.as_str(), spelling));
            if let Some(other) = clash.map(|&other| &units[other]) {
                problems.push(problem(
                    format!("`{spelling}` names both `{}` and `{}`", other.id, unit.id),
                    "a spelling may belong to one unit per district; remove one",
                ));
            }
            if filler.contains(spelling) {
                problems.push(problem(
                    format!("`{spelling}` is both a unit spelling and a filler phrase"),
                    "remove it from one of the two lists",
                ));
            }
        }
        // Only after checking all its spellings: a unit does not clash with itself.
        for spelling in unit.spellings() {
            spelled
                .entry((unit.district.as_str(), spelling))
                .or_insert(index);
        }
    }
    if problems.is_empty() {
        Ok(UnitRegistry {
            units,
            filler: file.filler,
        })
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seed_registry_reads_in_pieces_as_in_one() {
        let text = include_str!("../../../seeds/units.toml");
        toml_pieces::assert_reads_as_one::<RegistryFile>(text, 1024);
    }
}
