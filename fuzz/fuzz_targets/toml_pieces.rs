//! TOML read in pieces (`toml_pieces`) on any text: exactly what one parse gives, the same
//! records at the same positions or the same error at the same place, and never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use reform_compiler::toml_pieces::{from_str_in, Pieced, Records};
use serde::Deserialize;
use std::fmt::Debug;
use std::ops::Range;
use toml::{Spanned, Table, Value};

/// `[[record]]` tables of any keys, after an optional `title`.
#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
struct Tables {
    title: Option<Value>,
    #[serde(default)]
    record: Vec<Spanned<Table>>,
}

impl Pieced for Tables {
    const RECORDS: Records = Records::Tables("record");

    fn append(&mut self, later: Self) -> bool {
        self.record.extend(later.record);
        later.title.is_none()
    }
}

/// A `record = [` array of inline tables of any keys, after an optional `title`.
#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
struct Lines {
    title: Option<Value>,
    #[serde(default)]
    record: Vec<Spanned<Table>>,
}

impl Pieced for Lines {
    const RECORDS: Records = Records::Lines("record");

    fn append(&mut self, later: Self) -> bool {
        self.record.extend(later.record);
        later.title.is_none()
    }
}

fn spans(records: &[Spanned<Table>]) -> Vec<Range<usize>> {
    records.iter().map(Spanned::span).collect()
}

fn same<T: Pieced + PartialEq + Debug>(text: &str, records: impl Fn(&T) -> Vec<Range<usize>>) {
    let whole = toml::from_str::<T>(text);
    for piece_bytes in [1, 24, 96] {
        match (&whole, from_str_in::<T>(text, piece_bytes)) {
            (Ok(whole), Ok(pieces)) => {
                assert_eq!(whole, &pieces);
                assert_eq!(records(whole), records(&pieces));
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
    same::<Tables>(text, |file| spans(&file.record));
    same::<Lines>(text, |file| spans(&file.record));
});
