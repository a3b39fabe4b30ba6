//! Integration tests of the `reform-portal` compiler: the real seeds, the golden bundle,
//! and bad-input fixtures under `tests/fixtures/` asserting the exact error text.

use reform_compiler::cli::run;
use reform_compiler::compile::{compile, content_hash, to_json};
use reform_core::{Bundle, Item, ItemStatus};
use std::fs;
use std::path::{Path, PathBuf};

/// The repository root (tests run in the crate's folder).
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn seeds() -> PathBuf {
    root().join("seeds")
}

fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures").join(name)
}

/// Runs `check` on a bad seeds folder and returns the error report, with the folder's
/// path written as `<seeds>` so expectations read the same on every machine.
fn check_errors(seeds: &Path) -> String {
    match cli(&["check", "--seeds", &seeds.display().to_string()]) {
        Ok(summary) => panic!("expected problems, got `{summary}`"),
        Err(error) => error
            .to_string()
            .replace(&seeds.display().to_string(), "<seeds>"),
    }
}

/// A fresh temporary folder for one test.
fn scratch(name: &str) -> PathBuf {
    let folder = std::env::temp_dir().join(format!("reform-tests-{}-{name}", std::process::id()));
    let _ = fs::remove_dir_all(&folder);
    fs::create_dir_all(&folder).unwrap();
    folder
}

/// A synthetic corpus of `districts` × `years`, generated into the scratch folder `name`.
fn synthetic_corpus(name: &str, districts: u32, years: u16) -> PathBuf {
    use reform_compiler::synthetic::{generate, CorpusShape};
    let folder = scratch(name).join("corpus");
    let shape = CorpusShape {
        districts,
        years,
        seed: 11,
    };
    generate(&folder, &shape).unwrap();
    folder
}

/// The bundle of [`synthetic_corpus`].
fn synthetic_bundle(name: &str, districts: u32, years: u16) -> Bundle {
    compile(&synthetic_corpus(name, districts, years))
        .unwrap()
        .bundle
}

/// Runs `reform-portal ARGS…`.
fn cli(args: &[&str]) -> Result<String, reform_compiler::cli::CliError> {
    run(&args.iter().map(|arg| arg.to_string()).collect::<Vec<_>>())
}

/// Every file under `folder`, by path relative to it, sorted.
fn files_of(folder: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files = Vec::new();
    let mut pending = vec![folder.to_path_buf()];
    while let Some(current) = pending.pop() {
        for entry in fs::read_dir(&current).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let relative = path.strip_prefix(folder).unwrap().to_path_buf();
                files.push((relative, fs::read(&path).unwrap()));
            }
        }
    }
    files.sort();
    files
}

/// Runs `reform-portal compile --seeds SEEDS --out OUT`.
fn compile_into(seeds: &Path, out: &Path) -> Result<String, reform_compiler::cli::CliError> {
    cli(&[
        "compile",
        "--seeds",
        &seeds.display().to_string(),
        "--out",
        &out.display().to_string(),
    ])
}

mod seeds_compile {
    use super::*;

    #[test]
    fn the_seeds_compile_to_the_committed_bundle() {
        // Regenerate after an intended change with `make bundle`, and review the diff.
        let compiled = compile(&seeds()).expect("the seeds compile");
        let committed = fs::read_to_string(root().join("public/data/bundle.json")).unwrap();
        assert!(
            to_json(&compiled.bundle) == committed,
            "public/data/bundle.json is not what the seeds compile to; run `make bundle` and review the diff"
        );
    }

    #[test]
    fn the_units_table_counts_the_items_each_unit_leads() {
        // Counted in one pass over the items; here against a look through them per unit.
        let out = scratch("units-table").join("data");
        compile_into(&seeds(), &out).expect("the seeds compile");
        let table = fs::read_to_string(out.join("units.csv")).unwrap();
        let bundle = compile(&seeds()).unwrap().bundle;
        let led: Vec<String> = bundle
            .units
            .iter()
            .map(|unit| bundle.load_of(unit).led.len().to_string())
            .collect();
        // The count is each row's last cell, a number, never quoted.
        let written: Vec<&str> = table
            .lines()
            .skip(1)
            .map(|row| row.rsplit(',').next().unwrap())
            .collect();
        assert_eq!(written, led);
        assert!(led.iter().any(|count| count.parse::<u32>().unwrap() > 1));
        fs::remove_dir_all(out.parent().unwrap()).unwrap();
    }

    #[test]
    fn the_schema_is_the_committed_one() {
        // The JSON contract changes only on purpose: `make bundle` rewrites it; review the diff.
        let committed = fs::read_to_string(root().join("public/data/bundle.schema.json")).unwrap();
        assert!(
            reform_compiler::open_data::schema() == committed,
            "public/data/bundle.schema.json is not what the types generate; run `make bundle` and review the diff"
        );
        let committed = fs::read_to_string(root().join("public/data/shards.schema.json")).unwrap();
        assert!(
            reform_compiler::open_data::shard_schemas() == committed,
            "public/data/shards.schema.json is not what the types generate; run `make bundle` and review the diff"
        );
    }

    #[test]
    fn compiling_twice_gives_identical_output() {
        let first = to_json(&compile(&seeds()).unwrap().bundle);
        let second = to_json(&compile(&seeds()).unwrap().bundle);
        assert_eq!(first, second);
    }

    #[test]
    fn the_content_hash_is_sha256_of_the_bundle_json_up_to_the_suggestions_then_of_their_positions_and_the_themes(
    ) {
        use sha2::{Digest, Sha256};
        let hash_of = |bundle: &Bundle| {
            let mut zeroed = bundle.clone();
            zeroed.content_hash = "0".repeat(64);
            let json = to_json(&zeroed);
            let mut hasher = Sha256::new();
            hasher.update(&json[..json.find(",\n\"suggestions\":").unwrap()]);
            let at = |id: &str| {
                let at = bundle.items.iter().position(|item| item.id == id).unwrap();
                u32::try_from(at).unwrap().to_le_bytes()
            };
            for suggestion in &bundle.suggestions {
                hasher.update(at(&suggestion.from));
                hasher.update(at(&suggestion.to));
                hasher.update(suggestion.similarity.to_le_bytes());
            }
            hasher.update(postcard::to_stdvec(&bundle.themes).unwrap());
            hasher
                .finalize()
                .iter()
                .map(|byte| format!("{byte:02x}"))
                .collect::<String>()
        };
        let bundle = compile(&seeds()).unwrap().bundle;
        assert!(!bundle.suggestions.is_empty() && !bundle.themes.is_empty());
        assert_eq!(bundle.content_hash, hash_of(&bundle));
        // The hash does not read its own place.
        assert_eq!(content_hash(&bundle), bundle.content_hash);
        // One character of one item's text, or one suggestion less, makes another version.
        let mut changed = bundle.clone();
        changed.items[0].text = format!("{}。", changed.items[0].text).into();
        assert_ne!(hash_of(&changed), bundle.content_hash);
        assert_ne!(content_hash(&changed), bundle.content_hash);
        let mut changed = bundle.clone();
        changed.suggestions.pop();
        assert_ne!(content_hash(&changed), bundle.content_hash);
    }

    #[test]
    fn metadata_is_read_from_the_texts() {
        let bundle = compile(&seeds()).unwrap().bundle;
        let summary: Vec<String> = bundle
            .documents
            .iter()
            .map(|document| {
                format!(
                    "{} | {} | {} | {} | {} | {}",
                    document.id,
                    document.title,
                    document.doc_number.as_deref().unwrap_or("-"),
                    document.issuer.as_deref().unwrap_or("-"),
                    document
                        .issued
                        .map_or("-".to_string(), |date| date.to_string()),
                    document
                        .published
                        .map_or("-".to_string(), |date| date.to_string()),
                )
            })
            .collect();
        assert_eq!(
            summary,
            [
                "2011-yantian-key-reform-plan | 盐田区2011年重点改革计划 | 深盐办〔2011〕37号 | - | 2011-07-22 | 2011-09-02",
                "2012-luohu-approval-reform-scheme | 深圳市罗湖区关于加快政府职能转变深化行政审批制度改革的工作方案 | 罗办发〔2012〕8号 | 中共深圳市罗湖区委办公室深圳市罗湖区人民政府办公室 | 2012-09-27 | 2013-07-03",
                "2014-luohu-reform-plan | 深圳市罗湖区2014年改革计划 | 罗办发〔2014〕1号 | 中共深圳市罗湖区委办公室 深圳市罗湖区人民政府办公室 | 2014-04-01 | 2014-06-09",
                "2015-luohu-social-construction-points | 深圳市罗湖区2015年度社会建设工作要点 | 罗办〔2015〕4号 | - | 2015-06-10 | -",
                "2018-luohu-reform-results-news | 抓重点 补短板 强弱项 罗湖多项重点改革全面发力开花结果 | - | - | - | 2018-12-28",
            ]
        );
        assert_eq!(bundle.latest_source_date.unwrap().to_string(), "2018-12-28");
        assert_eq!(bundle.content_hash.len(), 64);
    }

    #[test]
    fn seed_texts_are_copied_verbatim() {
        let compiled = compile(&seeds()).unwrap();
        assert_eq!(compiled.texts.len(), 5);
        for (path, text) in &compiled.texts {
            let name = Path::new(path).file_name().unwrap();
            let original = fs::read_to_string(seeds().join("documents").join(name)).unwrap();
            assert!(original == *text, "{path} differs from its seed");
        }
    }

    fn item<'a>(bundle: &'a Bundle, id: &str) -> &'a Item {
        bundle
            .items
            .iter()
            .find(|item| item.id == id)
            .unwrap_or_else(|| panic!("no item {id}"))
    }

    fn units(refs: &[reform_core::UnitRef]) -> Vec<&str> {
        refs.iter().map(|unit| unit.unit.as_str()).collect()
    }

    #[test]
    fn every_seed_has_its_exact_item_count() {
        let bundle = compile(&seeds()).unwrap().bundle;
        let count = |id: &str| {
            bundle
                .items
                .iter()
                .filter(|item| &*item.document == id)
                .count()
        };
        let counts: Vec<(&str, usize)> = bundle
            .documents
            .iter()
            .map(|document| (document.id.as_str(), count(&document.id)))
            .collect();
        assert_eq!(
            counts,
            [
                ("2011-yantian-key-reform-plan", 12),
                ("2012-luohu-approval-reform-scheme", 18),
                ("2014-luohu-reform-plan", 30),
                ("2015-luohu-social-construction-points", 12),
                ("2018-luohu-reform-results-news", 0),
            ]
        );
        for document in &bundle.documents {
            let numbers: Vec<u32> = bundle
                .items
                .iter()
                .filter(|item| *item.document == document.id)
                .map(|item| item.number)
                .collect();
            let expected: Vec<u32> = (1..=numbers.len() as u32).collect();
            assert_eq!(numbers, expected, "{} numbers its items 1..n", document.id);
        }
    }

    #[test]
    fn every_item_has_a_resolved_lead() {
        let bundle = compile(&seeds()).unwrap().bundle;
        for item in &bundle.items {
            assert!(
                !item.lead_units.is_empty() || !item.other_units.is_empty(),
                "{} has no lead",
                item.id
            );
            let document = bundle.document(&item.document).unwrap();
            for unit in item.lead_units.iter().chain(&item.co_units) {
                let registered = bundle
                    .units
                    .iter()
                    .find(|candidate| *candidate.id == *unit.unit)
                    .unwrap();
                assert_eq!(
                    registered.district, document.district,
                    "{} resolves in its own district",
                    item.id
                );
                assert!(
                    item.text.contains(&*unit.written),
                    "{} writes {}",
                    item.id,
                    unit.written
                );
            }
        }
        assert_eq!(bundle.units.len(), 72);
    }

    #[test]
    fn sample_items_field_by_field() {
        let bundle = compile(&seeds()).unwrap().bundle;
        let first = item(&bundle, "2014-luohu-reform-plan/1");
        assert_eq!(&*first.title, "深化行政审批制度改革");
        assert_eq!(
            units(&first.lead_units),
            [
                "luohu-establishment-office",
                "luohu-legal-affairs-office",
                "luohu-supervision-bureau"
            ]
        );
        assert_eq!(*first.other_units, ["各相关单位"]);
        assert_eq!((first.first_line, first.last_line), (18, 18));
        assert_eq!(
            first.section.as_deref(),
            Some("以市场在资源配置中起决定性作用和更好发挥政府作用为目标,着力转变政府职能")
        );

        let courts = item(&bundle, "2014-luohu-reform-plan/11");
        assert!(
            units(&courts.lead_units).contains(&"luohu-court"),
            "区法院 after the comma"
        );
        assert!(courts.other_units.contains(&"各相关职能部门".to_string()));

        let approval = item(&bundle, "2012-luohu-approval-reform-scheme/4");
        assert_eq!(
            units(&approval.lead_units),
            ["luohu-legal-affairs-office", "luohu-human-resources-bureau"]
        );
        assert_eq!(units(&approval.co_units), ["luohu-establishment-office"]);
        assert_eq!(approval.deadline.unwrap().to_string(), "2012-12-31");
        assert_eq!(
            approval.deadline_text.as_deref(),
            Some("2012年12月底前完成")
        );
        assert_eq!(approval.status, ItemStatus::Overdue);

        let stability = item(&bundle, "2011-yantian-key-reform-plan/5");
        assert_eq!(*stability.leaders, ["林电雄"]);
        assert_eq!(
            units(&stability.lead_units),
            ["yantian-political-legal-commission"]
        );
        assert_eq!(stability.co_units.len(), 10);
        assert_eq!((stability.first_line, stability.last_line), (27, 30));
        assert_eq!(
            stability.subsection.as_deref(),
            Some("积极推动社会管理创新")
        );

        let hospitals = item(&bundle, "2015-luohu-social-construction-points/6");
        assert_eq!(&*hospitals.label, "六、");
        let via_alias = hospitals
            .co_units
            .iter()
            .find(|unit| &*unit.unit == "luohu-organisation-department")
            .unwrap();
        assert_eq!(&*via_alias.written, "区委组织部(编办)");
        assert_eq!(
            units(&hospitals.lead_units),
            ["luohu-health-family-planning-bureau"]
        );
        assert_eq!(*hospitals.themes, ["public-hospitals"]);

        let renamed = item(&bundle, "2014-luohu-reform-plan/29");
        let health = renamed
            .lead_units
            .iter()
            .find(|unit| &*unit.written == "区卫生人口计生局")
            .unwrap();
        assert_eq!(
            &*health.unit, "luohu-health-family-planning-bureau",
            "a former name resolves to the renamed unit"
        );
    }

    #[test]
    fn statuses_follow_the_evidence() {
        let bundle = compile(&seeds()).unwrap().bundle;
        let count = |status| {
            bundle
                .items
                .iter()
                .filter(|item| item.status == status)
                .count()
        };
        // Delivered, in progress, overdue, no evidence.
        assert_eq!(ItemStatus::ALL.map(count), [4, 3, 15, 50]);
        assert_eq!(
            item(&bundle, "2014-luohu-reform-plan/23").status,
            ItemStatus::Delivered
        );
        assert_eq!(
            item(&bundle, "2014-luohu-reform-plan/26").status,
            ItemStatus::InProgress
        );
        assert_eq!(
            item(&bundle, "2014-luohu-reform-plan/2").status,
            ItemStatus::NoEvidence
        );
        let scheme = bundle
            .document("2012-luohu-approval-reform-scheme")
            .unwrap();
        assert_eq!(
            (
                scheme.status_counts.overdue,
                scheme.status_counts.no_evidence
            ),
            (15, 3),
            "items 16-18 name no deadline"
        );
    }

    #[test]
    fn every_progress_quote_stands_on_its_source_line() {
        let compiled = compile(&seeds()).unwrap();
        assert_eq!(compiled.bundle.progress.len(), 8);
        for event in &compiled.bundle.progress {
            let source = compiled.bundle.document(&event.source).unwrap();
            let text = &compiled
                .texts
                .iter()
                .find(|(path, _)| *path == source.text_path)
                .unwrap()
                .1;
            let line = text.lines().nth(event.source_line as usize - 1).unwrap();
            assert!(
                line.contains(&event.quote),
                "{} line {}",
                event.source,
                event.source_line
            );
        }
    }

    #[test]
    fn each_quote_is_looked_for_in_the_source_it_cites_only() {
        let bundle = compile(&seeds()).unwrap().bundle;
        let curated = reform_compiler::curated::CuratedFiles::read(&seeds());
        let quotes = curated.quotes();
        let cited: std::collections::BTreeSet<&str> = bundle
            .progress
            .iter()
            .map(|event| event.source.as_str())
            .collect();
        let quoted: std::collections::BTreeSet<&str> = quotes.keys().copied().collect();
        assert_eq!(quoted, cited);
        assert!(
            quoted.len() < bundle.documents.len(),
            "the plans themselves are not searched: {quoted:?}"
        );
        assert_eq!(
            quotes.values().map(Vec::len).sum::<usize>(),
            bundle.progress.len()
        );
        // The line the compiler found while the text went by is the quote's.
        for event in &bundle.progress {
            let document = bundle.document(&event.source).unwrap();
            let text = fs::read_to_string(seeds().join(&document.text_path)).unwrap();
            let line = text.lines().nth(event.source_line as usize - 1).unwrap();
            assert!(line.contains(&event.quote), "{}: {line}", event.item);
        }
    }

    #[test]
    fn lineage_and_themes_are_curated_and_suggestions_kept_apart() {
        let bundle = compile(&seeds()).unwrap().bundle;
        assert_eq!(bundle.lineage.len(), 9);
        let has_link = |from: &str, to: &str| {
            bundle
                .lineage
                .iter()
                .any(|link| link.from == from && link.to == to)
        };
        assert!(has_link(
            "2012-luohu-approval-reform-scheme/14",
            "2014-luohu-reform-plan/17"
        ));
        assert!(has_link(
            "2014-luohu-reform-plan/27",
            "2015-luohu-social-construction-points/1"
        ));
        for suggestion in &bundle.suggestions {
            assert!(
                !has_link(&suggestion.from, &suggestion.to),
                "a curated link is not suggested again"
            );
        }
        let property = bundle
            .themes
            .iter()
            .find(|theme| theme.id == "property-management")
            .unwrap();
        assert_eq!(
            property.items,
            [
                "2014-luohu-reform-plan/26",
                "2015-luohu-social-construction-points/5"
            ]
        );
        assert_eq!(bundle.themes.len(), 8);
    }

    #[test]
    fn check_reports_no_problems() {
        let summary = cli(&["check", "--seeds", &seeds().display().to_string()]).unwrap();
        assert_eq!(summary, "ok: 5 documents, no problems");
    }
}

/// Document forms the seeds do not show: each `tests/fixtures/forms/X.txt` parses to
/// exactly `X.expected.json` (regenerate one with `reform-portal parse X.txt`, then review).
mod forms {
    use super::*;

    #[test]
    fn each_form_parses_to_its_expected_json() {
        let folder = fixture("forms");
        let mut checked = 0;
        for entry in fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|extension| extension != "txt") {
                continue;
            }
            let printed = cli(&["parse", &path.display().to_string()]).unwrap();
            let expected = fs::read_to_string(path.with_extension("expected.json")).unwrap();
            assert_eq!(printed, expected.trim_end(), "{}", path.display());
            checked += 1;
        }
        assert_eq!(checked, 3);
    }

    #[test]
    fn parse_accepts_any_bytes() {
        let scratch = scratch("parse-bytes");
        let path = scratch.join("binary.txt");
        fs::write(&path, b"\xff\xfe1.\xe5\x8f(\xe7\x89\xb5\n\x00").unwrap();
        let printed = cli(&["parse", &path.display().to_string()]).unwrap();
        let parsed: serde_json::Value = serde_json::from_str(&printed).unwrap();
        assert!(parsed["items"].is_array());
    }
}

mod output {
    use super::*;

    #[test]
    fn timings_give_each_phase_its_cpu_time_and_the_cpu_time_in_all() {
        let out = scratch("compile-timed").join("data");
        let (seeds, out) = (seeds().display().to_string(), out.display().to_string());
        let printed = cli(&["compile", "--timings", "--seeds", &seeds, "--out", &out]).unwrap();
        let milliseconds = |text: &str| -> f64 { text.trim().parse().expect(text) };
        let mut phases = 0.0;
        let mut in_all = None;
        for line in printed.lines() {
            let Some((time, rest)) = line.split_once(" ms  ") else {
                continue;
            };
            if let Some(cpu) = rest.split_once("(cpu ").map(|(_, cpu)| cpu) {
                assert!(cpu.contains(" ms, peak memory "), "{line}");
                phases += milliseconds(&cpu[..cpu.find(" ms").unwrap()]);
            } else if let Some(busy) = rest.strip_prefix("of CPU in all, every thread: ") {
                assert!(busy.ends_with(" cores busy on average"), "{line}");
                in_all = Some(milliseconds(time));
            }
        }
        // The phases follow one another: their CPU times add up to the whole (each rounded
        // to a tenth of a millisecond as printed).
        let in_all = in_all.unwrap_or_else(|| panic!("no CPU time in all:\n{printed}"));
        assert!(in_all > 0.0, "{printed}");
        let phase_lines = printed.matches("(cpu ").count() as f64;
        assert!(
            (phases - in_all).abs() <= 0.05 * (phase_lines + 1.0),
            "{phases} against {in_all}:\n{printed}"
        );
    }

    #[test]
    fn compile_writes_the_bundle_and_texts() {
        let out = scratch("compile-writes").join("data");
        let summary = compile_into(&fixture("valid/minimal"), &out).unwrap();
        assert!(summary.starts_with("compiled 2 documents"), "{summary}");
        // Time and throughput, as the issue asks of the compiler: the rate is the size over
        // the time, both as printed (to their rounding).
        let number_before = |marker: &str| -> f64 {
            let before = &summary[..summary.find(marker).expect(marker)];
            before.rsplit([' ', '(']).next().unwrap().parse().unwrap()
        };
        let (kilobytes, milliseconds) = (number_before(" KB"), number_before(" ms"));
        let rate = number_before(" MB/s");
        let expected = kilobytes * 1024.0 / 1e6 / (milliseconds / 1000.0);
        assert!(
            (rate - expected).abs() <= 0.05 + expected * 0.01,
            "{summary}"
        );
        let bundle: Bundle =
            serde_json::from_str(&fs::read_to_string(out.join("bundle.json")).unwrap()).unwrap();
        assert_eq!(
            bundle.documents[0].doc_number.as_deref(),
            Some("某办发〔2020〕3号")
        );
        assert_eq!(bundle.items.len(), 2);
        assert_eq!(bundle.items[0].status, ItemStatus::Delivered);
        assert_eq!(
            bundle.items[1].status,
            ItemStatus::Overdue,
            "deadline 2020-06-30, no evidence by 2021-03-01"
        );
        assert_eq!(*bundle.items[0].other_units, ["各有关单位"]);
        for file in [
            "documents/2020-somewhere-plan.txt",
            "documents/2021-somewhere-news.txt",
        ] {
            assert!(out.join(file).exists(), "{file}");
        }
        let items_csv = fs::read_to_string(out.join("items.csv")).unwrap();
        assert_eq!(items_csv.lines().count(), 3, "header and two items");
        assert!(items_csv.contains(
            "2020-somewhere-plan/2,2020-somewhere-plan,2,2.,推广购买服务,somewhere-finance-bureau,somewhere-establishment-office,,,2020-06-30,overdue,"
        ));
        let progress_csv = fs::read_to_string(out.join("progress.csv")).unwrap();
        assert!(
            progress_csv.contains(",某区深化审批改革取得成效,"),
            "{progress_csv}"
        );
        let package: serde_json::Value =
            serde_json::from_str(&fs::read_to_string(out.join("datapackage.json")).unwrap())
                .unwrap();
        for resource in package["resources"].as_array().unwrap() {
            assert!(
                out.join(resource["path"].as_str().unwrap()).exists(),
                "{resource}"
            );
        }
        let schema: serde_json::Value =
            serde_json::from_str(&fs::read_to_string(out.join("bundle.schema.json")).unwrap())
                .unwrap();
        assert_eq!(schema["title"], "Bundle");
    }

    #[test]
    fn earlier_data_versions_keep_what_pinned_embeds_load() {
        use reform_core::charts::completion::{Grouping, Language};
        use reform_core::charts::view::{ChartKind, ChartParams};
        use reform_core::load::decode;
        use reform_core::shard::{kept_for_pinned_embeds, merge, DistrictTable, SiteIndex};
        let out = scratch("compile-keeps-versions").join("data");
        compile_into(&seeds(), &out).unwrap();
        let seeds_bundle = compile(&seeds()).unwrap().bundle;
        let pinned = seeds_bundle.version().to_string();
        fs::write(out.join("stale.txt"), "not kept").unwrap();
        compile_into(&fixture("valid/minimal"), &out).unwrap();
        assert!(!out.join("stale.txt").exists(), "the rest is replaced");
        let current: serde_json::Value =
            serde_json::from_str(&fs::read_to_string(out.join("version.json")).unwrap()).unwrap();
        assert_ne!(current["version"], pinned.as_str());
        let folder = out.join("shards").join(&pinned);
        let mut kept: Vec<String> = fs::read_dir(&folder)
            .unwrap()
            .map(|entry| entry.unwrap().file_name().into_string().unwrap())
            .collect();
        kept.sort();
        assert_eq!(
            kept,
            ["charts", "directory-0.json", "districts.json", "index.json"],
            "the full shards of an earlier version go"
        );
        assert!(kept
            .iter()
            .all(|name| name == "charts" || kept_for_pinned_embeds(name)));
        // What a pinned embed loads draws every chart as the version's bundle did.
        let read = |path: &str| fs::read_to_string(out.join(path)).unwrap();
        let index: SiteIndex = decode(&read(&format!("shards/{pinned}/index.json"))).unwrap();
        let table: DistrictTable = decode(&read(&index.districts_file())).unwrap();
        let shards: Vec<Bundle> = table
            .districts
            .iter()
            .map(|entry| decode(&read(&index.chart_shard_file(&entry.district.id))).unwrap())
            .collect();
        assert_eq!(shards.len(), 2);
        let from_archive = merge(&index, &table, &shards.iter().collect::<Vec<_>>());
        for grouping in [Grouping::Document, Grouping::Theme] {
            let params = ChartParams {
                grouping,
                ..ChartParams::default()
            };
            for kind in ChartKind::ALL {
                for language in [Language::Chinese, Language::English] {
                    assert_eq!(
                        params.render(kind, &from_archive, language, 800),
                        params.render(kind, &seeds_bundle, language, 800),
                        "{kind:?} by {grouping:?}"
                    );
                }
            }
        }
        // Back to the seeds: their version is current again, complete; the other is kept.
        let minimal = current["version"].as_str().unwrap().to_string();
        compile_into(&seeds(), &out).unwrap();
        assert!(folder.join("luohu.json").exists());
        assert!(out.join(format!("shards/{minimal}/index.json")).exists());
        assert_eq!(fs::read_dir(out.join("shards")).unwrap().count(), 2);
    }

    #[test]
    fn every_committed_data_version_still_loads_for_pinned_embeds() {
        use reform_core::load::decode;
        use reform_core::shard::{belongs_to, directory_path, Directory, DistrictTable, SiteIndex};
        let shards = root().join("public/data/shards");
        let mut versions = 0;
        for folder in fs::read_dir(&shards).unwrap() {
            let folder = folder.unwrap();
            let version = folder.file_name().into_string().unwrap();
            let read = |path: &str| fs::read_to_string(root().join("public/data").join(path));
            let index: SiteIndex = decode(&read(&format!("shards/{version}/index.json")).unwrap())
                .unwrap_or_else(|error| panic!("{version}: {error}"));
            assert_eq!(index.version(), version);
            let table: DistrictTable = decode(&read(&index.districts_file()).unwrap()).unwrap();
            assert_eq!(table.content_hash, index.content_hash);
            for bucket in 0..index.directory_buckets {
                let directory: Directory =
                    decode(&read(&directory_path(&version, bucket)).unwrap()).unwrap();
                assert_eq!(directory.content_hash, index.content_hash);
            }
            for entry in &table.districts {
                let shard: Bundle =
                    decode(&read(&index.chart_shard_file(&entry.district.id)).unwrap()).unwrap();
                assert!(
                    belongs_to(&shard, &index),
                    "{version}/{}",
                    entry.district.id
                );
            }
            versions += 1;
        }
        assert!(versions >= 1, "the current version at least is committed");
    }

    #[test]
    fn a_failed_compile_leaves_the_previous_output_untouched() {
        let out = scratch("compile-fails").join("data");
        fs::create_dir_all(&out).unwrap();
        fs::write(out.join("bundle.json"), "previous").unwrap();
        let error = compile_into(&fixture("invalid/duplicate-id"), &out)
            .unwrap_err()
            .to_string();
        assert!(
            error.ends_with("2 problems found; nothing was written"),
            "{error}"
        );
        assert_eq!(
            fs::read_to_string(out.join("bundle.json")).unwrap(),
            "previous"
        );
        assert_eq!(
            fs::read_dir(out.parent().unwrap()).unwrap().count(),
            1,
            "no staging folder left"
        );
    }

    #[test]
    fn site_pages_of_one_district_are_those_of_the_whole_bundle() {
        use reform_compiler::site::{file_for, render_page, Pieces};
        use reform_core::load::decode;
        use reform_core::routes::Page;
        // A development page (Trunk's reload placeholder) needs no loader script.
        let template = "<html><head><title>x</title><!--page-head--><!--/page-head--><!--app-loader--><script>{{__TRUNK_ADDRESS__}}</script></head>\
            <body><noscript><!--page-body--><!--/page-body--></noscript><div id=\"prerender\"><!--page-prerender--><!--/page-prerender--></div>\
            <div id=\"load-fallback\"><!--page-fallback--><!--/page-fallback--></div></body></html>";
        let dist = scratch("site-by-district");
        fs::write(dist.join("index.html"), template).unwrap();
        compile_into(&seeds(), &dist.join("data")).unwrap();
        let summary = cli(&["site", "--dist", &dist.display().to_string()]).unwrap();
        assert!(summary.starts_with("wrote 171 pages"), "{summary}");
        let data = dist.join("data");
        let read = |path: &str| fs::read_to_string(data.join(path)).unwrap();
        let bundle = compile(&seeds()).unwrap().bundle;
        let index: reform_core::shard::SiteIndex = decode(&read("index.json")).unwrap();
        let table = decode(&read(&index.districts_file())).unwrap();
        let pieces = Pieces {
            index,
            table,
            drawers: Vec::new(),
        };
        let text_of = |document: &reform_core::Document| {
            fs::read_to_string(data.join(&document.text_path)).ok()
        };
        let mut compared = 0;
        for page in Page::all(&bundle) {
            if !matches!(
                page,
                Page::Document(_) | Page::Item(_) | Page::Unit(_) | Page::District(_)
            ) {
                continue;
            }
            let whole = render_page(template, &bundle, &pieces, &page, &text_of)
                .unwrap()
                .unwrap();
            let written = fs::read_to_string(dist.join(file_for(&page))).unwrap();
            assert!(
                written == whole,
                "{page:?} differs from the whole bundle's page"
            );
            compared += 1;
        }
        assert_eq!(compared, 72 + 5 + 72 + 2);
    }

    /// A release page as Trunk writes it: a comment names </head> before the loader.
    const RELEASE_TEMPLATE: &str = "<html><head><meta charset=\"utf-8\"><title>x</title><!--page-head--><!--/page-head-->\
        <!-- Trunk's loader goes from here to </head> --><!--app-loader--><script type=\"module\">import init from '/app.js';\
        const wasm = await init({ module_or_path: '/app_bg.wasm' });</script></head>\
        <body><noscript><!--page-body--><!--/page-body--></noscript><div id=\"prerender\"><!--page-prerender--><!--/page-prerender--></div>\
        <div id=\"load-fallback\"><!--page-fallback--><!--/page-fallback--></div></body></html>";

    #[test]
    fn a_second_site_run_over_a_built_site_writes_the_same_pages() {
        let dist = scratch("site-twice");
        fs::write(dist.join("index.html"), RELEASE_TEMPLATE).unwrap();
        fs::write(dist.join("app_bg.wasm"), b"\0asm").unwrap();
        let drawer = dist.join("embed-drawer-timeline-0123");
        fs::create_dir(&drawer).unwrap();
        fs::write(drawer.join("reform_embed.js"), "").unwrap();
        compile_into(&seeds(), &dist.join("data")).unwrap();
        let site = || cli(&["site", "--dist", &dist.display().to_string()]).unwrap();
        let pages = [
            "index.html",
            "404.html",
            "embed/timeline/index.html",
            "units/index.html",
        ];
        let read = || pages.map(|page| fs::read_to_string(dist.join(page)).unwrap());
        site();
        let once = read();
        // The home page keeps the app's loader waiting; every other page that needs the app
        // loads it at once.
        assert!(once[0].contains("<template id=\"app-loader\">"));
        assert!(once[3].contains("<!--app-loader--><script type=\"module\">"));
        // The timeline's embed page names the timeline's drawer, and each unit's district
        // (the corpus loads whole).
        assert!(once[2].contains(" data-drawer=\"embed-drawer-timeline-0123\" data-units=\"{&quot;luohu&quot;:[&quot;luohu-"));
        assert!(once[2].contains("&quot;yantian-organisation-department&quot;"));
        site();
        assert_eq!(read(), once);
    }

    #[test]
    fn a_site_holding_an_embed_drawer_of_no_chart_or_two_of_one_is_refused() {
        let dist = scratch("site-drawers");
        fs::write(dist.join("index.html"), RELEASE_TEMPLATE).unwrap();
        fs::write(dist.join("app_bg.wasm"), b"\0asm").unwrap();
        compile_into(&seeds(), &dist.join("data")).unwrap();
        let drawer = |name: &str| {
            fs::create_dir(dist.join(name)).unwrap();
            fs::write(dist.join(name).join("reform_embed.js"), "").unwrap();
        };
        let site = || cli(&["site", "--dist", &dist.display().to_string()]).unwrap_err();
        drawer("embed-drawer-pie-0123");
        assert_eq!(
            site().to_string(),
            format!(
                "error: {} holds an embed drawer for no chart (embed-drawer-pie-0123); build into an empty folder",
                dist.display()
            )
        );
        fs::remove_dir_all(dist.join("embed-drawer-pie-0123")).unwrap();
        drawer("embed-drawer-network-0123");
        drawer("embed-drawer-network-4567");
        assert_eq!(
            site().to_string(),
            format!(
                "error: {} holds two embed drawers for the network chart (embed-drawer-network-0123, embed-drawer-network-4567); build into an empty folder",
                dist.display()
            )
        );
    }

    #[test]
    fn usage_errors_name_the_problem() {
        let error = cli(&["compile", "--sedes", "x"]).unwrap_err();
        assert!(error
            .to_string()
            .starts_with("error: unexpected argument `--sedes`\n\nreform-portal:"));
        let error = run(&[]).unwrap_err();
        assert!(error.to_string().starts_with("error: no command given"));
        let error = cli(&["site"]).unwrap_err();
        assert!(error
            .to_string()
            .starts_with("error: site needs --dist DIR"));
    }
}

/// Bad seeds: each folder under `tests/fixtures/invalid/` holds a seeds folder with one
/// mistake and `expected.txt`, the exact report `check` must print for it.
mod invalid {
    use super::*;

    fn assert_report(name: &str) {
        let folder = fixture(&format!("invalid/{name}"));
        let expected = fs::read_to_string(folder.join("expected.txt")).unwrap();
        assert_eq!(check_errors(&folder), expected.trim_end(), "fixture {name}");
    }

    #[test]
    fn every_fixture_has_an_expected_report() {
        let mut names: Vec<String> = fs::read_dir(fixture("invalid"))
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names.len(), 16, "{names:?}");
        for name in names {
            assert_report(&name);
        }
    }

    #[test]
    fn unknown_unit_names_the_place_and_the_closest_spelling() {
        assert_report("unknown-unit");
    }

    #[test]
    fn progress_quotes_must_stand_verbatim_in_the_source() {
        assert_report("quote-not-found");
        assert_report("lineage-quote");
    }

    #[test]
    fn references_must_name_existing_items() {
        assert_report("unknown-item");
    }

    #[test]
    fn duplicate_ids_and_bad_dates_are_named() {
        assert_report("duplicate-id");
        assert_report("duplicate-unit");
        assert_report("bad-date");
        assert_report("wrong-source-date");
    }

    #[test]
    fn broken_toml_points_at_the_spot() {
        assert_report("broken-toml");
        assert_report("broken-units-toml");
    }

    #[test]
    fn missing_seeds_folder() {
        assert_eq!(
            check_errors(&fixture("does-not-exist")),
            "<seeds>/catalog.toml: error: cannot read the catalog: No such file or directory (os error 2)
  hint: pass the seeds folder with --seeds; it must contain catalog.toml
1 problem found; nothing was written"
        );
    }
}

/// The core's queries on the real seed bundle: what the app shows.
mod queries {
    use super::*;
    use reform_core::routes::Page;
    use reform_core::search::{group_by_document, search, SearchQuery};

    fn bundle() -> Bundle {
        compile(&seeds()).unwrap().bundle
    }

    fn ids(hits: &[reform_core::search::SearchHit]) -> Vec<String> {
        let mut ids: Vec<String> = hits.iter().map(|hit| hit.item.id.clone()).collect();
        ids.sort();
        ids
    }

    #[test]
    fn a_theme_spans_the_years_of_its_items_plans() {
        let bundle = bundle();
        let span = |id: &str| bundle.years_of_theme(bundle.theme(id).unwrap());
        assert_eq!(span("administrative-approval"), Some((2012, 2014)));
        assert_eq!(span("property-management"), Some((2014, 2015)));
        assert_eq!(span("weaving-net"), Some((2011, 2015)));
        let mut empty = bundle.theme("weaving-net").unwrap().clone();
        empty.items.clear();
        assert_eq!(bundle.years_of_theme(&empty), None);
    }

    #[test]
    fn a_two_character_term_finds_its_items() {
        let bundle = bundle();
        let query = SearchQuery {
            text: "物业".into(),
            ..SearchQuery::default()
        };
        let hits = search(&bundle, &query);
        assert_eq!(
            ids(&hits),
            [
                "2014-luohu-reform-plan/26",
                "2015-luohu-social-construction-points/5"
            ]
        );
        assert!(hits[0]
            .title(&query)
            .iter()
            .any(|segment| segment.marked && segment.text == "物业"));
        let grouped = group_by_document(&bundle, hits);
        assert_eq!(grouped.len(), 2);
    }

    #[test]
    fn filters_narrow_and_terms_combine() {
        let bundle = bundle();
        let delivered = SearchQuery {
            text: "物业".into(),
            status: Some(ItemStatus::Delivered),
            ..SearchQuery::default()
        };
        assert_eq!(
            ids(&search(&bundle, &delivered)),
            ["2015-luohu-social-construction-points/5"]
        );
        let both = SearchQuery {
            text: "织网 工程".into(),
            ..SearchQuery::default()
        };
        let found = ids(&search(&bundle, &both));
        assert!(
            found.contains(&"2014-luohu-reform-plan/15".to_string()),
            "{found:?}"
        );
        assert!(
            found.contains(&"2011-yantian-key-reform-plan/5".to_string()),
            "{found:?}"
        );
        let by_unit = SearchQuery {
            unit: Some("yantian-political-legal-commission".into()),
            ..SearchQuery::default()
        };
        assert_eq!(
            ids(&search(&bundle, &by_unit)),
            ["2011-yantian-key-reform-plan/5"]
        );
        let by_leader = SearchQuery {
            text: "林电雄".into(),
            ..SearchQuery::default()
        };
        assert_eq!(
            ids(&search(&bundle, &by_leader)),
            ["2011-yantian-key-reform-plan/5"]
        );
        let everything = search(&bundle, &SearchQuery::default());
        assert_eq!(
            everything.len(),
            bundle.items.len(),
            "no text and no filter lists every item"
        );
        let english = SearchQuery {
            text: "civil affairs".into(),
            district: Some("yantian".into()),
            ..SearchQuery::default()
        };
        assert!(
            !search(&bundle, &english).is_empty(),
            "unit English names are searchable"
        );
    }

    #[test]
    fn coverage_and_unit_loads() {
        let bundle = bundle();
        let coverage = bundle.coverage();
        assert_eq!(
            (coverage.districts, coverage.documents, coverage.items),
            (2, 5, 72)
        );
        assert_eq!(coverage.years, Some((2011, 2018)));
        assert_eq!(coverage.progress_sources, 2);
        assert_eq!(coverage.statuses.total(), 72);
        let civil = bundle.unit("luohu-civil-affairs-bureau").unwrap();
        let load = bundle.load_of(civil);
        let led = bundle
            .items
            .iter()
            .filter(|item| item.lead_units.iter().any(|unit| *unit.unit == civil.id))
            .count();
        assert_eq!(load.led.len(), led);
        let groups = bundle.units_by_district_and_kind();
        assert_eq!(
            groups.first().map(|(district, _, _)| district.id.as_str()),
            Some("luohu")
        );
        let listed: usize = groups.iter().map(|(_, _, loads)| loads.len()).sum();
        assert_eq!(listed, coverage.units);
    }

    #[test]
    fn unit_tallies_count_the_unit_loads() {
        let bundle = bundle();
        let counted: Vec<_> = bundle
            .unit_loads()
            .iter()
            .map(|load| {
                let statuses = load.led.iter().map(|item| item.status);
                let led_statuses = reform_core::StatusCounts::of(statuses);
                let (led, co) = (load.led.len() as u32, load.co.len() as u32);
                (load.unit.id.as_str(), led, co, led_statuses)
            })
            .collect();
        let tallied: Vec<_> = bundle
            .unit_tallies()
            .iter()
            .map(|tally| {
                (
                    tally.unit.id.as_str(),
                    tally.led,
                    tally.co,
                    tally.led_statuses,
                )
            })
            .collect();
        assert_eq!(tallied, counted);
        assert_eq!(counted.len(), bundle.coverage().units);
    }

    #[test]
    fn lineage_and_themes_around_an_item() {
        let bundle = bundle();
        let lineage = bundle.lineage_of("2014-luohu-reform-plan/26");
        let later: Vec<&str> = lineage
            .continued_by
            .iter()
            .map(|item| item.id.as_str())
            .collect();
        assert_eq!(later, ["2015-luohu-social-construction-points/5"]);
        let earlier = bundle.lineage_of("2015-luohu-social-construction-points/5");
        assert_eq!(earlier.continues[0].id, "2014-luohu-reform-plan/26");
        let item = bundle.item("2014-luohu-reform-plan/26").unwrap();
        let related: Vec<&str> = bundle
            .related_by_theme(item)
            .iter()
            .map(|item| item.id.as_str())
            .collect();
        assert_eq!(related, ["2015-luohu-social-construction-points/5"]);
    }

    #[test]
    fn every_page_has_a_path_and_meta() {
        let bundle = bundle();
        let pages = Page::all(&bundle);
        // 8 lists, 4 embeds, 5 documents, 72 items, the units with items, 8 themes, 2 districts.
        assert_eq!(
            pages.len(),
            8 + 4 + 5 + 72 + bundle.unit_loads().len() + 8 + 2
        );
        let mut paths: Vec<String> = pages.iter().map(Page::path).collect();
        paths.sort();
        paths.dedup();
        assert_eq!(paths.len(), pages.len(), "paths are unique");
        for page in &pages {
            let meta = page.meta(&bundle).unwrap();
            assert!(
                !meta.title.is_empty() && !meta.description.is_empty(),
                "{page:?}"
            );
        }
        let item = Page::Item("2014-luohu-reform-plan/1".into())
            .meta(&bundle)
            .unwrap();
        assert_eq!(item.title, "1.深化行政审批制度改革 · 深圳区级改革追踪");
        assert_eq!(item.description, "深圳市罗湖区2014年改革计划 第 1 项 · 牵头单位:区编办、区法制办、区监察局 · 状态:暂无公开证据");
        assert_eq!(Page::Item("nope/1".into()).meta(&bundle), None);
        let luohu = Page::District("luohu".into()).meta(&bundle).unwrap();
        assert_eq!(luohu.title, "罗湖区 · 深圳区级改革追踪");
        let coverage = reform_core::shard::district_shard(&bundle, "luohu")
            .unwrap()
            .coverage();
        assert_eq!((coverage.documents, coverage.districts), (4, 1));
        assert_eq!(
            luohu.description,
            format!(
                "罗湖区(Luohu District)的 4 份原始文件、{} 项改革任务与 {} 个责任单位。",
                coverage.items, coverage.units
            )
        );
    }
}

/// Charts drawn by the core from the seed bundle.
mod charts {
    use super::*;
    use reform_compiler::static_charts::chart_files;
    use reform_core::charts::completion::{completion_chart, Grouping, Language};

    #[test]
    fn static_charts_are_the_committed_golden_files() {
        // Regenerate after an intended change with `make bundle`, then look at the SVGs.
        let bundle = compile(&seeds()).unwrap().bundle;
        let mut svgs = 0;
        let index = reform_core::shard::Split::new(&bundle).index;
        let files = reform_core::charts::view::static_views(&index)
            .into_iter()
            .flat_map(|(kind, grouping)| chart_files(&bundle, kind, grouping));
        for (path, contents) in files {
            if !path.ends_with(".svg") {
                continue;
            }
            let committed =
                fs::read_to_string(root().join("public/data").join(&path)).unwrap_or_default();
            assert!(
                committed == contents,
                "public/data/{path} differs from what the core draws; run `make bundle`"
            );
            svgs += 1;
        }
        assert_eq!(svgs, 28);
    }

    #[test]
    fn the_completion_chart_counts_equal_the_bundle_statuses() {
        let bundle = compile(&seeds()).unwrap().bundle;
        let chart = completion_chart(&bundle, Grouping::Document, Language::Chinese, 800);
        let with_items: Vec<_> = bundle
            .documents
            .iter()
            .filter(|document| document.status_counts.total() > 0)
            .collect();
        assert_eq!(chart.table.rows.len(), with_items.len());
        for (row, document) in chart.table.rows.iter().zip(with_items) {
            let counts = document.status_counts;
            let expected: Vec<String> = [
                counts.total(),
                counts.delivered,
                counts.in_progress,
                counts.overdue,
                counts.no_evidence,
            ]
            .iter()
            .map(u32::to_string)
            .collect();
            assert_eq!(row[0], document.title);
            assert_eq!(row[1..6], expected[..], "{}", document.id);
        }
        assert!(chart.note.contains("数据截至 2018-12-28"), "{}", chart.note);
        let first_link = chart.table.links[0][0].clone().unwrap();
        assert_eq!(
            first_link.0,
            reform_core::routes::Page::Document("2011-yantian-key-reform-plan".into())
        );
        assert!(
            chart.svg.contains("30 · 完成 6%"),
            "totals carry the delivered share"
        );
        assert!(chart.svg.contains("role=\"img\""));
        assert!(chart.svg.contains(
            "<title id=\"completion-by-document-title\">改革任务完成情况(按文件)</title>"
        ));
        let year = completion_chart(&bundle, Grouping::Year, Language::English, 800);
        let years: Vec<&str> = year.table.rows.iter().map(|row| row[0].as_str()).collect();
        assert_eq!(years, ["2011", "2012", "2014", "2015"]);
        let total: u32 = year
            .table
            .rows
            .iter()
            .map(|row| row[1].parse::<u32>().unwrap())
            .sum();
        assert_eq!(
            total as usize,
            bundle.items.len(),
            "every item counted once by year"
        );
    }

    #[test]
    fn the_responsibility_map_counts_lead_and_co_per_document() {
        use reform_core::charts::responsibility::{matrix, responsibility_chart, TOP_UNITS};
        let bundle = compile(&seeds()).unwrap().bundle;
        let (columns, rows) = matrix(&bundle);
        assert_eq!(columns.len(), 4, "documents with items");
        assert_eq!(rows.len(), TOP_UNITS);
        for row in &rows {
            for (document, (led, co)) in columns.iter().zip(&row.cells) {
                let items = bundle.items_of(&document.id);
                let count = |role: fn(&Item) -> &[reform_core::UnitRef]| {
                    items
                        .iter()
                        .filter(|item| role(item).iter().any(|unit| *unit.unit == row.unit.id))
                        .count() as u32
                };
                assert_eq!(
                    (*led, *co),
                    (count(|item| &item.lead_units), count(|item| &item.co_units)),
                    "{}",
                    row.unit.id
                );
            }
        }
        let chart = responsibility_chart(&bundle, Language::Chinese, 800);
        assert_eq!(chart.table.rows.len(), TOP_UNITS);
        assert_eq!(chart.table.header.len(), 1 + 2 * columns.len());
        for (row, links) in chart.table.rows.iter().zip(&chart.table.links) {
            assert_eq!(row.len(), links.len());
            for (cell, link) in row.iter().zip(links).skip(1) {
                assert_eq!(
                    cell != "0",
                    link.is_some(),
                    "a count opens its items, a zero opens nothing"
                );
            }
        }
        assert!(chart.svg.contains("●"));
    }

    #[test]
    fn the_timeline_marks_every_deadline_and_progress_report() {
        use reform_core::charts::timeline::{timeline_chart, TimelineFilter};
        let bundle = compile(&seeds()).unwrap().bundle;
        let chart = timeline_chart(&bundle, &TimelineFilter::default(), Language::English, 800);
        let deadlines = chart
            .table
            .rows
            .iter()
            .filter(|row| row[2].starts_with("Deadline"))
            .count();
        assert_eq!(
            deadlines,
            bundle
                .items
                .iter()
                .filter(|item| item.deadline.is_some())
                .count()
        );
        let reports = chart
            .table
            .rows
            .iter()
            .filter(|row| row[2].starts_with('✓') || row[2].starts_with('◐'))
            .count();
        assert_eq!(reports, bundle.progress.len());
        assert!(
            chart.svg.contains("!6"),
            "six items of the 2012 scheme were due on 2012-12-31 and are overdue"
        );
        let theme = TimelineFilter {
            theme: Some("property-management".into()),
            ..TimelineFilter::default()
        };
        let narrow = timeline_chart(&bundle, &theme, Language::Chinese, 360);
        assert_eq!(narrow.id, "timeline-narrow");
        // An embed has no filter controls: the title says what the drawing covers.
        assert_eq!(narrow.title, "时间线:计划、时限与进展 · 物业管理");
        assert_eq!(chart.title, "Timeline: plans, deadlines and progress");
        let unit = TimelineFilter {
            unit: Some("luohu-civil-affairs-bureau".into()),
            district: Some("luohu".into()),
            ..TimelineFilter::default()
        };
        assert_eq!(
            timeline_chart(&bundle, &unit, Language::English, 800).title,
            "Timeline: plans, deadlines and progress · Luohu District · Civil Affairs Bureau (Luohu District)"
        );
        assert_eq!(
            narrow
                .table
                .rows
                .iter()
                .filter(|row| row[2].starts_with('✓') || row[2].starts_with('◐'))
                .count(),
            2
        );
    }

    #[test]
    fn the_network_links_units_named_on_the_same_items() {
        use reform_core::charts::network::{network_chart, pairs, NetworkFilter};
        let bundle = compile(&seeds()).unwrap().bundle;
        let property = NetworkFilter {
            theme: Some("property-management".into()),
            document: None,
        };
        let found = pairs(&bundle, &property);
        // 2014/26: 区住房建设局 + 各街道; 2015/五: 区住房建设局 with 区社工委, 区民政局, 区发展研究中心, 各街道办事处.
        assert_eq!(
            found.get(&("luohu-housing-construction-bureau", "luohu-street-offices")),
            Some(&2)
        );
        assert_eq!(found.len(), 4);
        let plan = NetworkFilter {
            document: Some("2011-yantian-key-reform-plan".into()),
            theme: None,
        };
        let chart = network_chart(&bundle, &plan, Language::Chinese, 640);
        assert_eq!(
            chart.title,
            "协作网络:谁与谁共同承担任务 · 盐田区2011年重点改革计划"
        );
        let property_chart = network_chart(&bundle, &property, Language::English, 640);
        assert_eq!(
            property_chart.title,
            "Who works with whom · Property management"
        );
        // Five units, all shown: the note does not speak of the most connected sixteen.
        assert!(property_chart
            .svg
            .contains("more shared items; 5 units in all; as of"));
        let whole = network_chart(&bundle, &NetworkFilter::default(), Language::Chinese, 640);
        assert!(whole.svg.contains("显示协作最多的 16 个单位"));
        let shared: u32 = chart
            .table
            .rows
            .iter()
            .map(|row| row[2].parse::<u32>().unwrap())
            .sum();
        assert!(shared > 0 && chart.table.rows.iter().all(|row| row[0] != row[1]));
    }

    #[test]
    fn charts_drawn_in_both_languages_at_once_are_those_drawn_in_each() {
        use reform_core::charts::view::{ChartKind, ChartParams};
        // The synthetic corpus has more units than a chart by unit shows.
        let synthetic = synthetic_bundle("charts-in-both", 3, 2);
        for bundle in [compile(&seeds()).unwrap().bundle, synthetic] {
            for kind in ChartKind::ALL {
                for grouping in Grouping::ALL {
                    let params = ChartParams {
                        grouping,
                        ..ChartParams::default()
                    };
                    let each = [Language::Chinese, Language::English]
                        .map(|language| params.render_layouts(kind, &bundle, language));
                    assert!(
                        params.render_layouts_in_both(kind, &bundle) == each,
                        "{kind:?} by {grouping:?}"
                    );
                }
            }
        }
    }

    /// Every chart of the seed bundle, both layouts, both languages.
    fn every_chart(bundle: &Bundle) -> Vec<reform_core::charts::Chart> {
        use reform_core::charts::network::{network_chart, NetworkFilter};
        use reform_core::charts::responsibility::responsibility_chart;
        use reform_core::charts::timeline::{timeline_chart, TimelineFilter};
        let mut charts = Vec::new();
        for language in [Language::Chinese, Language::English] {
            for width in [800, 360] {
                for grouping in Grouping::ALL {
                    charts.push(completion_chart(bundle, grouping, language, width));
                }
                charts.push(responsibility_chart(bundle, language, width));
                charts.push(timeline_chart(
                    bundle,
                    &TimelineFilter::default(),
                    language,
                    width,
                ));
                charts.push(network_chart(
                    bundle,
                    &NetworkFilter::default(),
                    language,
                    width,
                ));
            }
        }
        charts
    }

    #[test]
    fn clickable_marks_lie_inside_their_chart_and_open_existing_pages() {
        use reform_core::routes::Page;
        let bundle = compile(&seeds()).unwrap().bundle;
        let pages = Page::all(&bundle);
        for chart in every_chart(&bundle) {
            assert!(!chart.hotspots.is_empty(), "{}", chart.id);
            for spot in &chart.hotspots {
                let inside = spot.x >= 0.0
                    && spot.y >= 0.0
                    && spot.width > 0.0
                    && spot.height > 0.0
                    && spot.x + spot.width <= f64::from(chart.width) + 1.0
                    && spot.y + spot.height <= f64::from(chart.height) + 1.0;
                assert!(
                    inside,
                    "{}: {spot:?} outside {}x{}",
                    chart.id, chart.width, chart.height
                );
                assert!(!spot.label.is_empty());
                assert!(
                    pages.contains(&spot.target.0),
                    "{}: {:?} is not a page",
                    chart.id,
                    spot.target
                );
            }
        }
    }

    #[test]
    fn a_clicked_segment_or_cell_finds_exactly_the_items_it_counts() {
        use reform_core::charts::responsibility::{matrix, responsibility_chart};
        use reform_core::routes::Page;
        use reform_core::search::{search, SearchQuery};
        let bundle = compile(&seeds()).unwrap().bundle;
        let found = |pairs: &[(&str, String)]| {
            let query =
                SearchQuery::from_pairs(pairs.iter().map(|(key, value)| (*key, value.as_str())));
            search(&bundle, &query).len()
        };
        for grouping in [Grouping::Document, Grouping::Theme, Grouping::Year] {
            let chart = completion_chart(&bundle, grouping, Language::English, 800);
            let segments: usize = chart
                .table
                .rows
                .iter()
                .map(|row| row[2..6].iter().filter(|count| *count != "0").count())
                .sum();
            assert_eq!(chart.hotspots.len(), segments, "{grouping:?}");
            for spot in &chart.hotspots {
                assert_eq!(spot.target.0, Page::Search);
                let count: usize = spot.label.rsplit(' ').next().unwrap().parse().unwrap();
                assert_eq!(found(&spot.target.1), count, "{grouping:?}: {}", spot.label);
            }
        }
        let (columns, rows) = matrix(&bundle);
        let chart = responsibility_chart(&bundle, Language::Chinese, 800);
        let cells: Vec<_> = chart
            .hotspots
            .iter()
            .filter(|spot| spot.target.0 == Page::Search)
            .collect();
        let non_empty: Vec<(usize, usize)> = rows
            .iter()
            .enumerate()
            .flat_map(|(row, matrix_row)| {
                matrix_row
                    .cells
                    .iter()
                    .enumerate()
                    .filter(|(_, (led, co))| led + co > 0)
                    .map(move |(column, _)| (row, column))
            })
            .collect();
        assert_eq!(cells.len(), non_empty.len());
        for (spot, (row, column)) in cells.iter().zip(non_empty) {
            let unit = &rows[row].unit.id;
            let expected = bundle
                .items_of(&columns[column].id)
                .iter()
                .filter(|item| {
                    item.lead_units
                        .iter()
                        .chain(&item.co_units)
                        .any(|named| *named.unit == **unit)
                })
                .count();
            assert_eq!(found(&spot.target.1), expected, "{}", spot.label);
        }
    }

    #[test]
    fn embeds_draw_the_same_charts_from_chart_shards() {
        use reform_compiler::static_charts::version_file;
        use reform_core::charts::view::{ChartKind, ChartParams};
        use reform_core::load::decode_bundle;
        use reform_core::shard::{merge, Split};
        let bundle = compile(&seeds()).unwrap().bundle;
        let (name, contents) = version_file(&bundle);
        assert_eq!(name, "version.json");
        let current: serde_json::Value = serde_json::from_str(&contents).unwrap();
        assert_eq!(current["version"], bundle.version());
        assert_eq!(bundle.version().len(), 16);
        let split = Split::new(&bundle);
        let chart_shards: Vec<Bundle> = split
            .table
            .districts
            .iter()
            .map(|entry| {
                let path = split.index.chart_shard_file(&entry.district.id);
                let (_, json) = split.files.iter().find(|(name, _)| *name == path).unwrap();
                decode_bundle(json).unwrap()
            })
            .collect();
        assert!(chart_shards
            .iter()
            .all(|shard| shard.items.iter().all(|item| item.text.is_empty())));
        assert!(chart_shards
            .iter()
            .all(|shard| shard.progress.iter().all(|event| event.quote.is_empty())));
        let chart_bytes: usize = chart_shards
            .iter()
            .map(|shard| serde_json::to_string(shard).unwrap().len())
            .sum();
        assert!(
            chart_bytes * 10 < split.index.total_bytes as usize * 7,
            "chart data is at most 70% of the shards"
        );
        let live = merge(
            &split.index,
            &split.table,
            &chart_shards.iter().collect::<Vec<_>>(),
        );
        let params = ChartParams {
            grouping: Grouping::Theme,
            ..ChartParams::default()
        };
        for kind in ChartKind::ALL {
            for language in [Language::Chinese, Language::English] {
                let full = params.render(kind, &bundle, language, 800);
                assert_eq!(params.render(kind, &live, language, 800), full, "{kind:?}");
            }
        }
    }

    #[test]
    fn hostile_names_come_out_escaped() {
        let mut bundle = compile(&seeds()).unwrap().bundle;
        bundle.documents[1].title = "</text><script>alert(1)</script>".into();
        bundle.themes[0].name = "\"><img src=x onerror=alert(1)>".into();
        for grouping in [Grouping::Document, Grouping::Theme] {
            let chart = completion_chart(&bundle, grouping, Language::Chinese, 800);
            assert!(!chart.svg.contains("<script"), "{grouping:?}");
            assert!(!chart.svg.contains("<img"), "{grouping:?}");
        }
        let chart = completion_chart(&bundle, Grouping::Document, Language::Chinese, 800);
        assert!(
            chart.svg.contains("&lt;/text&gt;&lt;script&gt;")
                || chart.svg.contains("&lt;/text&gt;&lt;…"),
            "{}",
            chart.svg
        );
    }
}

/// The store the compiler holds items in while it writes them (`item_store`).
mod item_store {
    use super::*;
    use reform_compiler::compile::{compile_unsuggested, Timings, Unsuggested};
    use std::collections::HashMap;
    use std::sync::Arc;

    /// Each document's items, decoded from the store, are the compiled bundle's without
    /// their texts, and their references to a unit share its id's string.
    fn decodes_as_compiled(seeds: &Path, spill: Option<fs::File>) {
        let bundle = compile(seeds).unwrap().bundle;
        let Unsuggested {
            bundle: apart,
            items: store,
            ..
        } = compile_unsuggested(seeds, &mut Timings::default(), &|_, _| {}, spill).unwrap();
        assert!(apart.items.is_empty());
        assert_eq!(apart.documents, bundle.documents);
        assert_eq!(store.documents(), bundle.documents.len());
        let decoded: Vec<Item> = store.all().unwrap();
        let expected: Vec<Item> = bundle
            .items
            .iter()
            .map(|item| Item {
                text: Box::default(),
                ..item.clone()
            })
            .collect();
        assert_eq!(decoded, expected);
        let mut ids: HashMap<&str, &Arc<String>> = HashMap::new();
        for named in decoded
            .iter()
            .flat_map(|item| item.lead_units.iter().chain(&item.co_units))
        {
            let first = ids.entry(named.unit.as_str()).or_insert(&named.unit);
            assert!(Arc::ptr_eq(first, &named.unit), "{} not shared", named.unit);
        }
        assert!(!ids.is_empty());
        let position = store.positions(store.documents() - 1).end - 1;
        assert_eq!(store.id_at(position), bundle.items[position].id);
    }

    #[test]
    fn the_seeds_items_decode_as_compiled() {
        decodes_as_compiled(&seeds(), None);
    }

    #[test]
    fn a_synthetic_corpus_s_items_decode_as_compiled() {
        let folder = synthetic_corpus("item-store", 4, 3);
        let spill = fs::File::options()
            .read(true)
            .write(true)
            .create_new(true)
            .open(scratch("item-store-spill").join("items"))
            .unwrap();
        decodes_as_compiled(&folder, Some(spill));
    }
}

mod synthetic {
    use super::*;
    use reform_compiler::synthetic::{generate, CorpusShape};

    fn small(seed: u64) -> CorpusShape {
        CorpusShape {
            districts: 3,
            years: 2,
            seed,
        }
    }

    #[test]
    fn the_same_seed_gives_the_same_bytes_and_another_seed_others() {
        let first = scratch("synthetic-first").join("corpus");
        let second = scratch("synthetic-second").join("corpus");
        let other = scratch("synthetic-other").join("corpus");
        generate(&first, &small(7)).unwrap();
        generate(&second, &small(7)).unwrap();
        generate(&other, &small(8)).unwrap();
        let first_files = files_of(&first);
        assert_eq!(
            first_files.len(),
            5 + 6,
            "five TOML files and six documents"
        );
        assert!(first_files == files_of(&second), "same seed, same bytes");
        let other_files = files_of(&other);
        assert_eq!(
            other_files.len(),
            first_files.len(),
            "same shape, as many files"
        );
        // Kinds (hence file names) and texts are drawn from the seed.
        let differing = first_files
            .iter()
            .filter(|file| !other_files.contains(file))
            .count();
        assert!(
            differing >= 6,
            "every document differs, {differing} files do"
        );
    }

    #[test]
    fn a_generated_corpus_compiles_without_problems() {
        let folder = scratch("synthetic-compile").join("corpus");
        let corpus = generate(&folder, &small(3)).unwrap();
        assert_eq!(corpus.documents, 6);
        assert!(
            (6 * 24..=6 * 36).contains(&corpus.items),
            "{} items",
            corpus.items
        );
        let compiled = match compile(&folder) {
            Ok(compiled) => compiled,
            Err(problems) => panic!(
                "{}",
                problems
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("\n")
            ),
        };
        let bundle = compiled.bundle;
        assert_eq!(bundle.districts.len(), 3);
        assert_eq!(bundle.documents.len(), corpus.documents);
        assert_eq!(bundle.items.len(), corpus.items);
        assert_eq!(bundle.units.len(), corpus.units);
        assert_eq!(bundle.progress.len(), corpus.progress_events);
        assert_eq!(bundle.lineage.len(), corpus.lineage_links);
        let theme_items: usize = bundle.themes.iter().map(|theme| theme.items.len()).sum();
        assert_eq!(theme_items, corpus.theme_items);
        assert!(
            bundle.items.iter().all(|item| !item.lead_units.is_empty()),
            "every item names a lead unit the registry knows"
        );
        let source_bytes: usize = compiled.texts.iter().map(|(_, text)| text.len()).sum();
        assert_eq!(source_bytes as u64, corpus.source_bytes);
    }

    #[test]
    fn generate_runs_from_the_command_line_and_never_overwrites() {
        let folder = scratch("synthetic-cli").join("corpus");
        let out = folder.display().to_string();
        let generate = |extra: &[&str]| {
            let args: Vec<&str> = ["generate", "--out", &out]
                .into_iter()
                .chain(extra.iter().copied())
                .collect();
            cli(&args)
        };
        let summary = generate(&["--districts", "2", "--years", "1", "--seed", "5"]).unwrap();
        assert!(summary.starts_with("generated 2 documents"), "{summary}");
        let again = generate(&["--districts", "2", "--years", "1"]).unwrap_err();
        assert!(again.to_string().contains("not empty"), "{again}");
        let zero = generate(&["--districts", "0"]).unwrap_err();
        assert!(
            zero.to_string().contains("--districts must be between"),
            "{zero}"
        );
        let word = generate(&["--years", "ten"]).unwrap_err();
        assert!(
            word.to_string().contains("--years needs a whole number"),
            "{word}"
        );
        let summary = cli(&["check", "--seeds", &out]).unwrap();
        assert_eq!(summary, "ok: 2 documents, no problems");
    }

    #[test]
    fn a_large_broken_corpus_gets_a_complete_error_list_and_nothing_written() {
        let corpus = scratch("synthetic-broken").join("corpus");
        let shape = CorpusShape {
            districts: 12,
            years: 3,
            seed: 5,
        };
        let made = generate(&corpus, &shape).unwrap();
        // Every quote is altered: each must be reported, none may stop the others.
        for file in ["progress.toml", "lineage.toml"] {
            let path = corpus.join(file);
            let text = fs::read_to_string(&path).unwrap();
            fs::write(&path, text.replace("quote = \"", "quote = \"※")).unwrap();
        }
        let out = scratch("synthetic-broken-out").join("data");
        let report = compile_into(&corpus, &out).unwrap_err().to_string();
        let expected = made.progress_events + 2 * made.lineage_links;
        assert!(expected > 20, "a large set: {expected} broken quotes");
        assert!(
            report.ends_with(&format!("{expected} problems found; nothing was written")),
            "{}",
            report.lines().last().unwrap_or_default()
        );
        let located = report
            .lines()
            .filter(|line| line.contains(".toml:") && line.contains("quote"))
            .count();
        assert_eq!(located, expected, "each problem names its file and line");
        assert!(!out.exists(), "nothing written");
    }
}

mod shards {
    use super::*;
    use reform_core::load::decode;
    use reform_core::shard::{
        directory_key, district_shard, merge, Directory, DistrictTable, IdKind, Need, Resolved,
        SiteIndex, Split, LOAD_ALL_LIMIT_BYTES,
    };

    fn seeds_bundle() -> Bundle {
        compile(&seeds()).unwrap().bundle
    }

    /// Every piece of a split, decoded as the app decodes it.
    struct Pieces {
        index: SiteIndex,
        table: DistrictTable,
        shards: Vec<Bundle>,
        directories: Vec<(String, Directory)>,
    }

    fn decoded(split: &Split) -> Pieces {
        let index: SiteIndex = decode(&serde_json::to_string(&split.index).unwrap()).unwrap();
        let file = |path: &str| -> &str {
            let found = split.files.iter().find(|(name, _)| name == path);
            &found.unwrap_or_else(|| panic!("{path} is written")).1
        };
        let table: DistrictTable = decode(file(&index.districts_file())).unwrap();
        let shards = table
            .districts
            .iter()
            .map(|entry| decode(file(&index.shard_file(&entry.district.id))).unwrap())
            .collect();
        let directories = split
            .files
            .iter()
            .filter(|(path, _)| path.contains("/directory-"))
            .map(|(path, json)| (path.clone(), decode(json).unwrap()))
            .collect();
        Pieces {
            index,
            table,
            shards,
            directories,
        }
    }

    /// Everything a page reads of the bundle is the same after a split and a merge.
    fn assert_round_trip(bundle: &Bundle) {
        let pieces = decoded(&Split::new(bundle));
        let shards: Vec<&Bundle> = pieces.shards.iter().rev().collect();
        let merged = merge(&pieces.index, &pieces.table, &shards);
        assert_eq!(merged.content_hash, bundle.content_hash);
        assert_eq!(merged.districts, bundle.districts);
        assert_eq!(merged.documents, bundle.documents);
        assert_eq!(merged.items, bundle.items);
        assert_eq!(merged.units, bundle.units);
        assert_eq!(merged.themes, bundle.themes);
        assert_eq!(merged.progress.len(), bundle.progress.len());
        assert_eq!(merged.lineage.len(), bundle.lineage.len());
        assert_eq!(merged.suggestions.len(), bundle.suggestions.len());
        for item in &bundle.items {
            assert_eq!(merged.progress_of(&item.id), bundle.progress_of(&item.id));
            assert_eq!(merged.lineage_of(&item.id), bundle.lineage_of(&item.id));
        }
        assert_eq!(merged.coverage(), bundle.coverage());
        assert_eq!(pieces.index.coverage, bundle.coverage());
        // A district's page cuts from the whole bundle what its shard holds alone; from
        // the shard, the shard itself.
        for (entry, shard) in pieces.table.districts.iter().zip(&pieces.shards) {
            let id = entry.district.id.as_str();
            assert_eq!(district_shard(bundle, id).as_ref(), Some(shard), "{id}");
            assert_eq!(district_shard(shard, id).as_ref(), Some(shard), "{id}");
        }
        assert_eq!(district_shard(bundle, "nowhere"), None);
    }

    #[test]
    fn merging_every_shard_gives_back_the_seed_bundle() {
        assert_round_trip(&seeds_bundle());
    }

    #[test]
    fn merging_every_shard_gives_back_a_synthetic_bundle() {
        assert_round_trip(&synthetic_bundle("shards-round-trip", 5, 3));
    }

    #[test]
    fn a_shard_holds_its_district_alone_and_the_directory_finds_it() {
        let bundle = synthetic_bundle("shards-directory", 4, 2);
        let split = Split::new(&bundle);
        let pieces = decoded(&split);
        assert_eq!(pieces.table.districts.len(), 4);
        for (entry, shard) in pieces.table.districts.iter().zip(&pieces.shards) {
            let id = &entry.district.id;
            assert!(shard
                .documents
                .iter()
                .all(|document| document.district == *id));
            assert!(shard.units.iter().all(|unit| unit.district == *id));
            assert_eq!(entry.counts.total() as usize, shard.items.len());
            assert_eq!(entry.documents as usize, shard.documents.len());
            let path = pieces.index.shard_file(id);
            let written = split.files.iter().find(|(name, _)| *name == path);
            assert_eq!(written.unwrap().1.len() as u64, entry.bytes);
        }
        let look_up = |need: Need| -> Option<String> {
            let Resolved::LookUp { key, file } = pieces.index.resolve(&need) else {
                panic!("{need:?} is looked up in the directory");
            };
            let (_, directory) = pieces.directories.iter().find(|(path, _)| *path == file)?;
            directory.places.get(&key).cloned()
        };
        for document in &bundle.documents {
            let found = look_up(Need::Document(document.id.clone()));
            assert_eq!(found.as_ref(), Some(&document.district));
        }
        for unit in &bundle.units {
            assert_eq!(
                look_up(Need::Unit(unit.id.clone())).as_ref(),
                Some(&unit.district)
            );
        }
        assert_eq!(
            look_up(Need::Document("d0000".into())),
            None,
            "a district is no document"
        );
        let unknown_theme = Need::Theme {
            id: "nothing".into(),
            district: None,
        };
        assert_eq!(pieces.index.resolve(&unknown_theme), Resolved::Unknown);
    }

    #[test]
    fn the_first_view_does_not_grow_with_districts_documents_or_items() {
        let size = |districts, years, name| {
            let index = Split::new(&synthetic_bundle(name, districts, years)).index;
            (serde_json::to_string(&index).unwrap().len(), index)
        };
        let (few, few_index) = size(2, 1, "shards-few");
        let (many, many_index) = size(12, 1, "shards-many");
        let (long, long_index) = size(2, 6, "shards-long");
        assert!(many_index.coverage.items >= 5 * few_index.coverage.items);
        assert!(long_index.coverage.items >= 5 * few_index.coverage.items);
        // Six times the districts: only larger numbers.
        assert!(
            many < few + 80,
            "{few} bytes for 2 districts, {many} for 12"
        );
        // Six times the years: one line of counts per year.
        assert!(long < few + 5 * 140, "{few} bytes for 1 year, {long} for 6");
    }

    #[test]
    fn filters_narrow_what_is_loaded_only_once_shards_are_large() {
        let mut index = Split::new(&seeds_bundle()).index;
        let everything = |district: Option<&str>, unit: Option<&str>| Need::Everything {
            district: district.map(String::from),
            unit: unit.map(String::from),
        };
        // Small: a filter changes nothing loaded, so changing it reloads nothing.
        assert_eq!(index.resolve(&everything(None, None)), Resolved::All);
        assert_eq!(
            index.resolve(&everything(Some("yantian"), None)),
            Resolved::All
        );
        let theme = index.themes[0].id.clone();
        let theme_need = |district: Option<&str>| Need::Theme {
            id: theme.clone(),
            district: district.map(String::from),
        };
        assert_eq!(
            index.resolve(&theme_need(None)),
            Resolved::Theme(theme.clone())
        );
        // Large: the filter decides, and without one the reader chooses.
        index.total_bytes = LOAD_ALL_LIMIT_BYTES + 1;
        index.themes[0].bytes = LOAD_ALL_LIMIT_BYTES + 1;
        assert_eq!(
            index.resolve(&everything(None, None)),
            Resolved::ChooseDistrict
        );
        let key_of = |resolved: Resolved| match resolved {
            Resolved::LookUp { key, .. } => key,
            other => panic!("{other:?}"),
        };
        // A district's shard is named by its id: no look-up, unless the id cannot name a file.
        assert_eq!(
            index.resolve(&everything(Some("yantian"), Some("u"))),
            Resolved::District("yantian".to_string())
        );
        assert_eq!(
            key_of(index.resolve(&everything(Some("../x"), None))),
            directory_key(IdKind::District, "../x")
        );
        assert_eq!(
            key_of(index.resolve(&everything(None, Some("u")))),
            directory_key(IdKind::Unit, "u")
        );
        assert_eq!(index.resolve(&theme_need(None)), Resolved::ChooseDistrict);
        assert_eq!(
            index.resolve(&theme_need(Some("luohu"))),
            Resolved::District("luohu".to_string())
        );
    }

    #[test]
    fn compile_writes_the_index_table_shards_and_directory() {
        let out = scratch("shards-compile").join("data");
        compile_into(&seeds(), &out).unwrap();
        let read = |path: &str| fs::read_to_string(out.join(path)).unwrap();
        let index: SiteIndex = decode(&read("index.json")).unwrap();
        let table: DistrictTable = decode(&read(&index.districts_file())).unwrap();
        assert_eq!(table.districts.len(), 2);
        for entry in &table.districts {
            let shard = read(&index.shard_file(&entry.district.id));
            assert_eq!(shard.len() as u64, entry.bytes);
        }
        assert_eq!(
            index.total_bytes,
            table.districts.iter().map(|entry| entry.bytes).sum::<u64>()
        );
        for bucket in 0..index.directory_buckets {
            let path = reform_core::shard::directory_path(index.version(), bucket);
            assert!(out.join(path).is_file());
        }
    }

    #[test]
    fn compile_writes_what_the_whole_bundle_gives() {
        // The command line holds the items without their texts and cuts each again from
        // its document's copy where it writes it: its bundle.json is the library's, and
        // its shards are those the whole bundle is cut into.
        let folder = scratch("shards-compile-as-split");
        let compiled = folder.join("compiled");
        compile_into(&seeds(), &compiled).unwrap();
        let bundle_file = compiled.join("bundle.json");
        assert_eq!(
            fs::read_to_string(&bundle_file).unwrap(),
            to_json(&seeds_bundle())
        );
        let split = folder.join("split");
        let (bundle_file, split_out) = (bundle_file.display(), split.display());
        cli(&[
            "split",
            "--bundle",
            &bundle_file.to_string(),
            "--out",
            &split_out.to_string(),
        ])
        .unwrap();
        let cut = files_of(&split);
        assert_eq!(cut.len(), 8);
        for (relative, bytes) in cut {
            let written = fs::read(compiled.join(&relative)).unwrap();
            assert!(written == bytes, "{} differs", relative.display());
        }
    }

    #[test]
    fn split_cuts_any_bundle_file() {
        let folder = scratch("shards-split");
        let bundle_file = folder.join("bundle.json");
        let bundle = seeds_bundle();
        fs::write(&bundle_file, to_json(&bundle)).unwrap();
        let out = folder.join("data");
        let split = || {
            cli(&[
                "split",
                "--bundle",
                &bundle_file.display().to_string(),
                "--out",
                &out.display().to_string(),
            ])
        };
        let summary = split().unwrap();
        assert!(
            summary.starts_with("split 2 districts into 8 files"),
            "{summary}"
        );
        let index = fs::read_to_string(out.join("index.json")).unwrap();
        let version = bundle.version().to_string();
        assert_eq!(
            fs::read_to_string(out.join(format!("shards/{version}/index.json"))).unwrap(),
            index,
            "the version keeps its own copy of the index, for pinned embeds"
        );
        // Larger than the app decodes at once (a national bundle.json is 1.7 GB): cut all
        // the same, from the file as it is read.
        let mut padded = to_json(&bundle);
        padded.push_str(&" ".repeat(reform_core::load::MAX_BUNDLE_BYTES));
        fs::write(&bundle_file, padded).unwrap();
        let summary = split().unwrap();
        assert!(summary.starts_with("split 2 districts"), "{summary}");
        fs::write(&bundle_file, "{\"schema_version\":1,").unwrap();
        let error = split().unwrap_err().to_string();
        assert!(
            error.contains("bundle.json: the data file is damaged"),
            "{error}"
        );
        let older = to_json(&bundle).replacen("\"schema_version\":1", "\"schema_version\":0", 1);
        fs::write(&bundle_file, older).unwrap();
        let error = split().unwrap_err().to_string();
        assert!(
            error.ends_with("bundle.json: the data file has format version 0; this page reads version 1; compile it again with this program (`reform-portal compile`)"),
            "{error}"
        );
    }
}
