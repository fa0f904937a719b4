//! The bundled sample corpus and pack, read as a user would.

use std::path::PathBuf;
use std::sync::atomic::AtomicU64;

use readout_core::Audience;
use readout_ingest::{discover, load_pack, read_file, IngestError, ReadConfig};

use crate::tree;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

#[test]
fn the_sample_corpus_reads_whole_with_the_default_pack() {
    let cfg = ReadConfig {
        pack: load_pack(&repo().join("packs/dprk-russia")).unwrap(),
        ..ReadConfig::default()
    };
    let files = discover(&[repo().join("samples/replay-2021-2024.jsonl")]).unwrap();
    let mut docs = Vec::new();
    let summary = read_file(&files[0], &cfg, &AtomicU64::new(0), &mut |item| {
        docs.push(item.unwrap())
    })
    .unwrap();
    assert_eq!((summary.records, summary.rejected), (226, 0));
    let kcna = docs.iter().filter(|r| r.doc.outlet == "KCNA").count();
    assert_eq!(kcna, 186);
    assert!(docs
        .iter()
        .all(|r| r.notes.is_empty() && !r.doc.published.guessed));
    let rodong = docs
        .iter()
        .find(|r| r.doc.outlet == "Rodong Sinmun")
        .unwrap();
    assert_eq!(rodong.doc.audience, Audience::Domestic);
    assert_eq!(docs[0].doc.id.as_str(), "kcna-2021-01-13-eighth-congress");
}

#[test]
fn pack_errors_name_the_file_and_line() {
    let dir = tree(&[(
        "a.toml",
        b"[[outlet]]\nid = \"x\"\nname = \"X\"\ncountry = \"nowhere\"\naudience = \"domestic\"\n",
    )]);
    let err = load_pack(dir.path()).unwrap_err();
    assert!(matches!(err, IngestError::Pack(_)), "{err:?}");
    let msg = err.to_string();
    assert!(
        msg.contains("a.toml:1: outlet \"x\" names country \"nowhere\""),
        "{msg}"
    );

    let empty = tree(&[("README", b"")]);
    assert!(matches!(
        load_pack(empty.path()),
        Err(IngestError::EmptyPack { .. })
    ));
    assert!(matches!(
        load_pack(&empty.path().join("missing")),
        Err(IngestError::NotFound { .. })
    ));
}
