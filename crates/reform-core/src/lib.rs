//! The portal's pure core: the bundle model (the JSON contract), document parsing,
//! validation and queries. No I/O and no UI: the native compiler and the WebAssembly
//! app both build on it, and it is tested natively.

pub mod charts;
pub mod date;
pub mod header;
pub mod index;
pub mod items;
pub mod json;
pub mod json_writer;
pub mod lineage;
pub mod load;
pub mod loading;
pub mod model;
pub mod numbering;
pub mod order;
pub mod query;
pub mod responsibility;
pub mod routes;
pub mod search;
pub mod shard;
pub mod status;
pub mod terms;
pub mod text;
pub mod units;
pub mod words;

pub use date::Date;
pub use model::*;

#[cfg(test)]
mod robustness {
    //! Arbitrary text through every parser: nothing may panic. A cheap, deterministic
    //! complement to the fuzz targets in `fuzz/`.
    use crate::header::read_header;
    use crate::items::read_items;
    use crate::responsibility::{deadline_date, parse_clause, split_units};

    /// Pieces real documents are made of, so that random strings reach deep paths.
    const PIECES: [&str; 24] = [
        "1.",
        "一、",
        "(一)",
        "（二）",
        "十二、",
        "三是",
        "(",
        ")",
        "（",
        "）",
        "牵头单位:",
        "协办单位：",
        "主办单位:",
        "牵头区领导:",
        "、",
        ",",
        "。",
        "\n",
        "2012年12月底前完成",
        "此项工作由",
        "牵头",
        "配合",
        "区民政局",
        "《",
    ];

    #[test]
    fn parsers_never_panic_on_random_documents() {
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..20_000 {
            let length = next() % 40;
            let mut text = String::new();
            for _ in 0..length {
                let roll = next();
                if roll % 5 == 0 {
                    text.push(char::from_u32((roll >> 8) as u32 % 0x11_0000).unwrap_or('\u{fffd}'));
                } else {
                    text.push_str(PIECES[(roll >> 8) as usize % PIECES.len()]);
                }
            }
            let header = read_header(&text);
            let items = read_items(&text, Some(2014));
            for item in &items {
                assert!(item.first_line <= item.last_line);
            }
            let _ = (
                header,
                parse_clause(&text),
                split_units(&text),
                deadline_date(&text, Some(2014)),
            );
        }
    }
}
