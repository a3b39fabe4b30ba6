//! TOML read in pieces (`toml_pieces`) on any text: exactly what one parse gives, the same
//! records at the same positions or the same error at the same place, and never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use reform_compiler::toml_pieces::{from_str_in, Pieced, Records};
use serde::Deserialize;
use std::ops::Range;
use toml::{Spanned, Table, Value};

/// Records of any keys after an optional `title`: `[[record]]` tables, or with `LINES` a
/// `record = [` array of inline tables, one a line.
#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
struct File<const LINES: bool> {
    title: Option<Value>,
    #[serde(default)]
    record: Vec<Spanned<Table>>,
}

impl<const LINES: bool> Pieced for File<LINES> {
    const RECORDS: Records = if LINES {
        Records::Lines("record")
    } else {
        Records::Tables("record")
    };

    fn append(&mut self, later: Self) -> bool {
        self.record.extend(later.record);
        later.title.is_none()
    }
}

/// `text` read in pieces of several sizes is what one parse reads.
fn same<const LINES: bool>(text: &str) {
    let spans = |file: &File<LINES>| -> Vec<Range<usize>> {
        file.record.iter().map(Spanned::span).collect()
    };
    let whole = toml::from_str::<File<LINES>>(text);
    for piece_bytes in [1, 24, 96] {
        match (&whole, from_str_in::<File<LINES>>(text, piece_bytes)) {
            (Ok(whole), Ok(pieces)) => {
                assert_eq!(whole, &pieces);
                assert_eq!(spans(whole), spans(&pieces));
            }
            (Err(whole), Err(pieces)) => assert_eq!(
                (whole.message(), whole.span()),
                (pieces.message(), pieces.span())
            ),
            (whole, pieces) => panic!("one parse gives {whole:?}, pieces {pieces:?}"),
        }
    }
}

fuzz_target!(|text: &str| {
    same::<false>(text);
    same::<true>(text);
});
