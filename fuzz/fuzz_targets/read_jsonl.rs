//! The JSON Lines reader on arbitrary bytes: every line is a record or a
//! rejection, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use readout_ingest::{read_reader, Format, ReadConfig};

fuzz_target!(|data: &[u8]| {
    let cfg = ReadConfig { max_record_bytes: 4096, ..ReadConfig::default() };
    let mut input = data;
    let _ = read_reader("fuzz.jsonl", Format::JsonLines, &mut input, &cfg, &mut |_| {});
});
