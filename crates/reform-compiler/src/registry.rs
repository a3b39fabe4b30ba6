//! The unit registry file (`seeds/units.toml`) → [`UnitRegistry`], checked for duplicate
//! ids, unknown districts and spellings that would resolve to two units.

use crate::catalog::toml_problem;
use crate::problem::Problem;
use reform_core::units::UnitRegistry;
use reform_core::{District, Unit, UnitKind};
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
        toml::from_str(source).map_err(|error| vec![toml_problem(path, source, &error)])?;
    let mut problems = Vec::new();
    let mut units: Vec<Unit> = Vec::new();
    for entry in file.unit {
        let at = entry.span().start;
        let entry = entry.into_inner();
        let problem = |message: String, hint: &str| {
            Problem::in_file(path, message, hint).at_offset(source, at)
        };
        if units.iter().any(|unit| unit.id == entry.id) {
            problems.push(problem(
                format!("duplicate unit id `{}`", entry.id),
                "give every unit its own id",
            ));
        }
        if !districts
            .iter()
            .any(|district| district.id == entry.district)
        {
            problems.push(problem(
                format!(
                    "unit `{}` names unknown district `{}`",
                    entry.id, entry.district
                ),
                "use a district id from seeds/catalog.toml",
            ));
        }
        let unit = Unit {
            id: entry.id,
            district: entry.district,
            name: entry.name,
            name_en: entry.name_en,
            kind: entry.kind,
            aliases: entry.aliases,
            former_names: entry.former_names,
        };
        for spelling in unit.spellings() {
            let clash = units
                .iter()
                .filter(|other| other.district == unit.district)
                .find(|other| {
                    other
                        .spellings()
                        .any(|other_spelling| other_spelling == spelling)
                });
            if let Some(other) = clash {
                problems.push(problem(
                    format!("`{spelling}` names both `{}` and `{}`", other.id, unit.id),
                    "a spelling may belong to one unit per district; remove one",
                ));
            }
            if file.filler.iter().any(|phrase| phrase == spelling) {
                problems.push(problem(
                    format!("`{spelling}` is both a unit spelling and a filler phrase"),
                    "remove it from one of the two lists",
                ));
            }
        }
        units.push(unit);
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
