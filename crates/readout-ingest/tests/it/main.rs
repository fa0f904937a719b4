//! Integration tests: real files in a temp dir, read through `discover` and `read_file`.
//!
//! Each format has a `check` helper that renders what was read, one item per
//! line, against an inline expectation; `UPDATE_EXPECT=1 cargo test -p
//! readout-ingest` rewrites the expectations for review in the diff.

mod corpus;
mod dates;
mod discovery;
mod html;
mod json;
mod jsonl;
mod text;

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicU64;

use readout_ingest::{discover, read_file, IngestError, ReadConfig, ReadItem, ReadSummary};

/// Writes `files` (relative path, contents) under a new temp dir.
pub fn tree(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, contents) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, contents).unwrap();
    }
    dir
}

pub fn gzip(data: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(data).unwrap();
    enc.finish().unwrap()
}

/// Reads one file named `name` holding `contents`, through discovery.
pub fn read_one(
    name: &str,
    contents: &[u8],
    cfg: &ReadConfig,
) -> Result<(Vec<ReadItem>, ReadSummary), IngestError> {
    let dir = tree(&[(name, contents)]);
    let files = discover(&[dir.path().join(name)])?;
    assert_eq!(files.len(), 1);
    let progress = AtomicU64::new(0);
    let mut items = Vec::new();
    let summary = read_file(&files[0], cfg, &progress, &mut |item| items.push(item))?;
    Ok((items, summary))
}

/// Renders items one per line, for inline expectations: the location's line,
/// then either the document (fields that differ from their defaults) or the
/// rejection's reason.
pub fn render(items: &[ReadItem]) -> String {
    let mut out = String::new();
    for item in items {
        match item {
            Err(r) => writeln!(out, "{}: REJECTED {}", r.location.line, r.reason).unwrap(),
            Ok(rec) => {
                let d = &rec.doc;
                let mut when = d.published.date.to_string();
                if let Some(t) = d.published.time {
                    write!(when, "T{t}").unwrap();
                }
                if d.published.guessed {
                    when.push_str(" (guessed)");
                }
                write!(
                    out,
                    "{}: {} {} {:?}",
                    rec.location.line, d.outlet, when, d.title
                )
                .unwrap();
                let derived = d.id.as_str().len() == 20
                    && d.id.as_str().bytes().all(|b| b.is_ascii_hexdigit());
                if !derived {
                    write!(out, " id={}", d.id).unwrap();
                }
                for (name, value) in [
                    ("url", &d.url),
                    ("lang", &d.lang),
                    ("section", &d.section),
                    ("attribution", &d.attribution),
                ] {
                    if let Some(v) = value {
                        write!(out, " {name}={v:?}").unwrap();
                    }
                }
                if d.audience != readout_core::Audience::Unknown {
                    write!(out, " audience={}", d.audience).unwrap();
                }
                writeln!(out, "\n   body {:?}", d.body).unwrap();
                for note in &rec.notes {
                    writeln!(out, "   note: {note}").unwrap();
                }
            }
        }
    }
    out
}

/// Checks that every record's location names the file it came from.
pub fn assert_sources(items: &[ReadItem], name: &str) {
    for item in items {
        let loc = match item {
            Ok(r) => &r.location,
            Err(r) => &r.location,
        };
        assert!(
            loc.source.ends_with(name),
            "{} does not name {name}",
            loc.source
        );
    }
}

pub fn paths(dir: &Path, names: &[&str]) -> Vec<PathBuf> {
    names.iter().map(|n| dir.join(n)).collect()
}
