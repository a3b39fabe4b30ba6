//! `reform-portal parse` on any bytes: never panics, and its JSON always serializes.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let parsed = reform_compiler::parse_command::parse_document(bytes);
    let json = serde_json::to_string(&parsed).expect("parse results serialize");
    assert!(json.starts_with('{'));
    for item in &parsed.items {
        assert!(item.lines[0] <= item.lines[1]);
    }
});
