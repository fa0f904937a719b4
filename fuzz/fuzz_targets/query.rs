//! The query parser and the dateline finder on arbitrary text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let _ = readout_core::query::parse(text);
    if let Some(d) = readout_core::dateline::find(text) {
        assert!(d.start <= d.end && d.end <= text.len());
    }
});
