//! Times search over a compiled bundle (the benchmark runs it on a synthetic corpus of
//! 100,000 items): `cargo run --release --example search_at_scale -- BUNDLE.json`.
//! Prints one `name value unit` line per figure, medians of repeated runs.

use reform_core::search::{SearchIndex, SearchQuery};
use std::process::ExitCode;
use std::time::Instant;

/// Searches a reader might type: a common term, two terms, a unit, a rare term.
const QUERIES: [&str; 4] = ["改革", "审批 服务", "民政局", "物业管理"];
const RUNS: usize = 9;

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: search_at_scale BUNDLE.json");
        return ExitCode::FAILURE;
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(error) => {
            eprintln!("error: reading {path}: {error}");
            return ExitCode::FAILURE;
        }
    };
    // Not `decode_bundle`: its size limit protects phones, and this is a benchmark machine.
    let bundle: reform_core::Bundle = match serde_json::from_str(&text) {
        Ok(bundle) => bundle,
        Err(error) => {
            eprintln!("error: {path}: {error}");
            return ExitCode::FAILURE;
        }
    };
    println!("search.items {} items", bundle.items.len());
    let started = Instant::now();
    let index = SearchIndex::new(&bundle);
    println!(
        "search.index_build {:.1} ms",
        started.elapsed().as_secs_f64() * 1000.0
    );
    let mut worst: f64 = 0.0;
    for text in QUERIES {
        let query = SearchQuery {
            text: text.to_string(),
            ..SearchQuery::default()
        };
        let mut hits = 0;
        let times: Vec<f64> = (0..RUNS)
            .map(|_| {
                let started = Instant::now();
                hits = index.search(&bundle, &query).len();
                started.elapsed().as_secs_f64() * 1000.0
            })
            .collect();
        let time = median(times);
        worst = worst.max(time);
        println!("search.query[{text}] {time:.1} ms ({hits} hits)");
    }
    println!("search.query_worst {worst:.1} ms");
    ExitCode::SUCCESS
}
