//! Any bytes as the site index, a district table or a directory file: decoding never
//! panics, and an index that decodes resolves every kind of page and draws the overview's
//! chart without panicking (the app does this with what it fetches first).
#![no_main]

use libfuzzer_sys::fuzz_target;
use reform_core::charts::completion::{year_chart, Language};
use reform_core::load::decode;
use reform_core::routes::Page;
use reform_core::shard::{Directory, DistrictTable, Need, SiteIndex};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = decode::<Directory>(text);
    if let Ok(table) = decode::<DistrictTable>(text) {
        let _ = table.districts_of(&reform_core::shard::Resolved::All);
    }
    let Ok(index) = decode::<SiteIndex>(text) else {
        return;
    };
    let pages = [
        Page::Search,
        Page::Item("a/1".into()),
        Page::Unit("u".into()),
        Page::Theme("t".into()),
        Page::Documents,
    ];
    for page in &pages {
        for query in [vec![], vec![("district", "d")], vec![("unit", "u")]] {
            if let Some(need) = Need::of_page(page, query) {
                let _ = index.resolve(&need);
            }
        }
    }
    for width in [800, 360] {
        let _ = year_chart(&index, Language::English, width);
    }
    let _ = (index.as_of(), index.districts_file(), index.shard_file("d"));
});
