//! The responsibility-clause and deadline readers on any text: never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use reform_core::responsibility::{deadline_date, parse_clause, split_units, trailing_group};

fuzz_target!(|text: &str| {
    if let Some((start, inner)) = trailing_group(text) {
        assert!(text.is_char_boundary(start));
        let _ = parse_clause(inner);
    }
    let _ = parse_clause(text);
    let _ = split_units(text);
    let _ = deadline_date(text, Some(2014));
});
