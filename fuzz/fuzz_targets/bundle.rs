//! Any bytes as a bundle file: decoding never panics, and a bundle that decodes — however
//! hostile its content — goes through every chart, the search and the page metadata
//! without panicking (the app does exactly this with what it fetches); it is split into
//! shards and merged back as the compiler and the app do.
#![no_main]

use libfuzzer_sys::fuzz_target;
use reform_core::charts::completion::{Grouping, Language};
use reform_core::charts::view::{ChartKind, ChartParams};
use reform_core::routes::Page;
use reform_core::search::{search, SearchQuery};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(bundle) = reform_core::load::decode_bundle(text) else {
        return;
    };
    for kind in ChartKind::ALL {
        for grouping in Grouping::ALL {
            let params = ChartParams {
                grouping,
                ..ChartParams::default()
            };
            for width in [800, 360] {
                let _ = params.render(kind, &bundle, Language::English, width);
            }
        }
    }
    for page in Page::all(&bundle) {
        let _ = page.meta(&bundle);
    }
    let _ = search(
        &bundle,
        &SearchQuery {
            text: "a 改革".into(),
            ..SearchQuery::default()
        },
    );
    let _ = bundle.clone().for_charts();
    let split = reform_core::shard::Split::new(&bundle);
    let shards: Vec<reform_core::Bundle> = split
        .files
        .iter()
        .filter_map(|(_, json)| reform_core::load::decode_bundle(json).ok())
        .collect();
    let merged = reform_core::shard::merge(
        &split.index,
        &split.table,
        &shards.iter().collect::<Vec<_>>(),
    );
    let _ = reform_core::charts::completion::year_chart(&split.index, Language::Chinese, 360);
    let _ = merged.coverage();
});
