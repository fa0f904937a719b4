//! The extractor on arbitrary text, with the built-in pack: it must not panic,
//! and every span it reports must lie on character boundaries of its field.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use readout_extract::{DocInput, Extractor, Field};

fn extractor() -> &'static Extractor {
    static X: OnceLock<Extractor> = OnceLock::new();
    X.get_or_init(|| {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../packs/dprk-russia");
        Extractor::new(&readout_ingest::load_pack(&dir).expect("the built-in pack loads"))
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (title, body) = text.split_once('\n').unwrap_or(("", text));
    let x = extractor().extract(&DocInput { title, body, ..DocInput::default() });
    for m in &x.mentions {
        let field = if m.field == Field::Title { title } else { body };
        assert!(m.start <= m.end && field.is_char_boundary(m.start) && field.is_char_boundary(m.end));
        assert_eq!(&field[m.start..m.end], m.surface);
    }
});
