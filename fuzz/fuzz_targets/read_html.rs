//! The HTML reader on arbitrary bytes: hostile pages end in a record or a
//! rejection, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use readout_ingest::{read_reader, Format, ReadConfig};

fuzz_target!(|data: &[u8]| {
    let cfg = ReadConfig { max_file_bytes: 1 << 20, default_year: Some(2024), ..ReadConfig::default() };
    let mut input = data;
    let _ = read_reader("fuzz.html", Format::Html, &mut input, &cfg, &mut |_| {});
});
