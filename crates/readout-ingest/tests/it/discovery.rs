//! Discovery: recursion, order, skipping, and errors for what the user named.

use std::path::Path;

use readout_ingest::{discover, Compression, Format, IngestError};

use crate::{paths, tree};

/// Discovers `args` (relative to `dir`) and lists what was found, relative to `dir`.
fn check(dir: &Path, args: &[&str], expected: &[&str]) {
    let found = discover(&paths(dir, args)).unwrap();
    let got: Vec<String> = found
        .iter()
        .map(|f| {
            let rel = f
                .path
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            format!("{rel} {}", f.format.as_str())
        })
        .collect();
    assert_eq!(got, expected, "for {args:?}");
}

#[test]
fn folders_are_walked_recursively_in_order() {
    let dir = tree(&[
        ("b.jsonl", b""),
        ("a/z.md", b""),
        ("a/b/c.json.gz", b""),
        ("a/a.txt", b""),
        ("a/notes.csv", b""),
        ("a/.hidden.jsonl", b""),
        (".git/config.json", b""),
        ("c/page.HTM", b""),
        ("c/feed.ndjson", b""),
        ("README", b""),
    ]);
    check(
        dir.path(),
        &["."],
        &[
            "a/a.txt text",
            "a/b/c.json.gz json",
            "a/z.md text",
            "b.jsonl jsonl",
            "c/feed.ndjson jsonl",
            "c/page.HTM html",
        ],
    );
    // Named files come in the order named, each once.
    check(
        dir.path(),
        &["b.jsonl", "a", "a/z.md", "a/.hidden.jsonl"],
        &[
            "b.jsonl jsonl",
            "a/a.txt text",
            "a/b/c.json.gz json",
            "a/z.md text",
            "a/.hidden.jsonl jsonl",
        ],
    );
    let found = discover(&paths(dir.path(), &["a/b/c.json.gz"])).unwrap();
    assert_eq!(
        (found[0].format, found[0].compression),
        (Format::Json, Compression::Gzip)
    );
}

#[test]
fn sizes_are_recorded() {
    let dir = tree(&[("a.jsonl", b"12345")]);
    let found = discover(&paths(dir.path(), &["a.jsonl"])).unwrap();
    assert_eq!(found[0].size, 5);
}

#[test]
fn named_paths_that_are_missing_or_unknown_are_errors() {
    let dir = tree(&[("notes.csv", b"")]);
    let err = discover(&paths(dir.path(), &["nope.jsonl"])).unwrap_err();
    assert!(matches!(err, IngestError::NotFound { .. }), "{err:?}");
    assert!(
        err.to_string()
            .ends_with("nope.jsonl: no such file or folder"),
        "{err}"
    );

    let err = discover(&paths(dir.path(), &["notes.csv"])).unwrap_err();
    assert!(matches!(err, IngestError::UnknownFormat { .. }), "{err:?}");
    assert!(
        err.to_string().contains("notes.csv: unknown file type"),
        "{err}"
    );
}

#[cfg(unix)]
#[test]
fn symlink_loops_are_walked_once() {
    let dir = tree(&[("data/x.jsonl", b""), ("data/sub/y.jsonl", b"")]);
    std::os::unix::fs::symlink(dir.path().join("data"), dir.path().join("data/sub/loop")).unwrap();
    std::os::unix::fs::symlink(
        dir.path().join("data/x.jsonl"),
        dir.path().join("data/sub/link.jsonl"),
    )
    .unwrap();
    std::os::unix::fs::symlink(
        dir.path().join("missing"),
        dir.path().join("data/dangling.jsonl"),
    )
    .unwrap();
    // The file linked to is listed once, under the path met first.
    check(
        dir.path(),
        &["data"],
        &["data/sub/link.jsonl jsonl", "data/sub/y.jsonl jsonl"],
    );
}
