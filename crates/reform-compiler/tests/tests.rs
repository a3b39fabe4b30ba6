//! Integration tests of the `reform-portal` compiler: the real seeds, the golden bundle,
//! and bad-input fixtures under `tests/fixtures/` asserting the exact error text.

use reform_compiler::cli::run;
use reform_compiler::compile::{compile, to_json};
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
    let args = [
        "check".to_string(),
        "--seeds".to_string(),
        seeds.display().to_string(),
    ];
    match run(&args) {
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
    fn compiling_twice_gives_identical_output() {
        let first = to_json(&compile(&seeds()).unwrap().bundle);
        let second = to_json(&compile(&seeds()).unwrap().bundle);
        assert_eq!(first, second);
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

    #[test]
    fn check_reports_no_problems() {
        let args = [
            "check".to_string(),
            "--seeds".to_string(),
            seeds().display().to_string(),
        ];
        assert_eq!(run(&args).unwrap(), "ok: 5 documents, no problems");
    }
}

mod output {
    use super::*;

    #[test]
    fn compile_writes_the_bundle_and_texts() {
        let out = scratch("compile-writes").join("data");
        let args = [
            "compile",
            "--seeds",
            &fixture("valid/minimal").display().to_string(),
            "--out",
            &out.display().to_string(),
        ]
        .map(String::from);
        let summary = run(&args).unwrap();
        assert!(summary.starts_with("compiled 1 documents"), "{summary}");
        let bundle = fs::read_to_string(out.join("bundle.json")).unwrap();
        assert!(
            bundle.contains("\"doc_number\": \"某办发〔2020〕3号\""),
            "{bundle}"
        );
        assert!(out.join("documents/2020-somewhere-plan.txt").exists());
    }

    #[test]
    fn a_failed_compile_leaves_the_previous_output_untouched() {
        let out = scratch("compile-fails").join("data");
        fs::create_dir_all(&out).unwrap();
        fs::write(out.join("bundle.json"), "previous").unwrap();
        let args = [
            "compile",
            "--seeds",
            &fixture("invalid/duplicate-id").display().to_string(),
            "--out",
            &out.display().to_string(),
        ]
        .map(String::from);
        let error = run(&args).unwrap_err().to_string();
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
    fn usage_errors_name_the_problem() {
        let error = run(&[
            "compile".to_string(),
            "--sedes".to_string(),
            "x".to_string(),
        ])
        .unwrap_err();
        assert!(error
            .to_string()
            .starts_with("error: unexpected argument `--sedes`\n\nreform-portal:"));
        let error = run(&[]).unwrap_err();
        assert!(error.to_string().starts_with("error: no command given"));
        let error = run(&["site".to_string()]).unwrap_err();
        assert!(error
            .to_string()
            .starts_with("error: site needs --dist DIR"));
    }
}

mod invalid {
    use super::*;

    fn errors(name: &str) -> String {
        check_errors(&fixture(&format!("invalid/{name}")))
    }

    #[test]
    fn broken_toml() {
        assert_eq!(
            errors("broken-toml"),
            "<seeds>/catalog.toml:6:11: error: the catalog is not valid: invalid table header; expected `.`, `]]`
  hint: each [[document]] needs id, file, district, kind and title_en; see CONTRIBUTING.md
1 problem found; nothing was written"
        );
    }

    #[test]
    fn unknown_field() {
        assert_eq!(
            errors("unknown-field"),
            "<seeds>/catalog.toml:11:1: error: the catalog is not valid: unknown field `title`, expected one of `id`, `file`, `district`, `kind`, `title_en`, `source_url`
  hint: remove it: titles, document numbers, issuers and dates are read from the text itself
1 problem found; nothing was written"
        );
    }

    #[test]
    fn duplicate_id_and_unknown_district_are_reported_together() {
        assert_eq!(
            errors("duplicate-id"),
            "<seeds>/catalog.toml:14:6: error: duplicate document id `2020-somewhere-plan`
  hint: give every [[document]] its own id
<seeds>/catalog.toml:16:12: error: unknown district `elsewhere`
  hint: add a [[district]] with this id, or use one of: somewhere
2 problems found; nothing was written"
        );
    }

    #[test]
    fn unknown_district() {
        assert_eq!(
            errors("unknown-district"),
            "<seeds>/catalog.toml:9:12: error: unknown district `sonewhere`
  hint: add a [[district]] with this id, or use one of: somewhere
1 problem found; nothing was written"
        );
    }

    #[test]
    fn missing_file() {
        assert_eq!(
            errors("missing-file"),
            "<seeds>/catalog.toml:8:8: error: cannot read `<seeds>/documents/missing.txt`: No such file or directory (os error 2)
  hint: the path is relative to the seeds folder, e.g. documents/2014-luohu-reform-plan.txt
1 problem found; nothing was written"
        );
    }

    #[test]
    fn not_utf8() {
        assert_eq!(
            errors("not-utf8"),
            "<seeds>/documents/plan.txt:2:4: error: the text is not valid UTF-8 (byte 43)
  hint: save the document as UTF-8 plain text
1 problem found; nothing was written"
        );
    }

    #[test]
    fn bad_id() {
        assert_eq!(
            errors("bad-id"),
            "<seeds>/catalog.toml:7:6: error: document id `2020 Somewhere Plan` is not usable in a URL
  hint: use lowercase ASCII letters, digits and hyphens, e.g. 2014-luohu-reform-plan
1 problem found; nothing was written"
        );
    }

    #[test]
    fn no_title() {
        assert_eq!(
            errors("no-title"),
            "<seeds>/documents/plan.txt: error: no title found
  hint: the first lines must hold a notice `关于印发《…》的通知` or a headline
1 problem found; nothing was written"
        );
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
