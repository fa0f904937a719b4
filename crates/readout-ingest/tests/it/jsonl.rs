//! JSON Lines: streaming, per-line rejections, limits, gzip.

use std::sync::atomic::{AtomicU64, Ordering};

use expect_test::{expect, Expect};
use readout_ingest::{discover, read_file, FieldMap, IngestError, ReadConfig};

use crate::{assert_sources, gzip, read_one, render, tree};

/// `<FF>` in `input` stands for the byte 0xFF, which a Rust string cannot hold.
fn check_with(input: &str, cfg: &ReadConfig, expected: Expect) {
    let mut bytes = Vec::new();
    for (i, part) in input.split("<FF>").enumerate() {
        if i > 0 {
            bytes.push(0xFF);
        }
        bytes.extend_from_slice(part.as_bytes());
    }
    let (items, summary) = read_one("in.jsonl", &bytes, cfg).unwrap();
    assert_sources(&items, "in.jsonl");
    assert_eq!(summary.records + summary.rejected, items.len() as u64);
    expected.assert_eq(&render(&items));
}

fn check(input: &str, expected: Expect) {
    check_with(input, &ReadConfig::default(), expected);
}

#[test]
fn records_and_their_fields() {
    check(
        concat!(
            r#"{"outlet":"KCNA","published":"2024-06-20","title":"Talks  held","body":"Line one.\r\n\r\n\r\nLine two.","url":" https://kcna.kp/x ","lang":" EN ","section":"Politics","audience":"External","id":"kcna-1","attribution":"FM spokesperson"}"#,
            "\n",
            r#"{"outlet":"TASS","published":"2024-06-21T10:15:00+03:00","body":"Moscow text."}"#,
            "\n",
        ),
        expect![[r#"
            1: KCNA 2024-06-20 "Talks held" id=kcna-1 url="https://kcna.kp/x" lang="en" section="politics" attribution="FM spokesperson" audience=external
               body "Line one.\n\nLine two."
            2: TASS 2024-06-21T10:15:00 ""
               body "Moscow text."
        "#]],
    );
}

#[test]
fn a_bad_line_in_the_middle_is_rejected_and_the_rest_read() {
    check(
        concat!(
            r#"{"published":"2024-06-20","body":"first"}"#,
            "\n\n   \n",
            r#"{"published":"2024-06-20","body":"#,
            "\n",
            "[1, 2]\n",
            "{\"published\":\"2024-06-20\",\"body\":\"bad <FF> byte\"}\n",
            r#"{"published":"2024-06-20"}"#,
            "\n",
            r#"{"published":"2024-06-20","body":"  \u0000 "}"#,
            "\n",
            r#"{"published":"2024-06-20","body":" <NA> "}"#,
            "\n",
            r#"{"published":"20 June 2024 at noon, Pyongyang time, as reported by the agency later that week","body":"x"}"#,
            "\n",
            r#"{"published":1718841600,"body":"x"}"#,
            "\n",
            r#"{"published":"2024-06-20","body":"x","id":"has space"}"#,
            "\n",
            r#"{"published":"9999-06-20","body":"a year far out of range"}"#,
            "\n",
            r#"{"published":"2024-06-20","body":"last"}"#,
        ),
        expect![[r#"
            1: unknown 2024-06-20 ""
               body "first"
            4: REJECTED invalid JSON at column 33: EOF while parsing a value
            5: REJECTED expected a JSON object, found an array
            6: REJECTED invalid UTF-8 at byte 38 of the line
            7: REJECTED no body: the record has no field "body"
            8: REJECTED body is empty
            9: REJECTED body is "<NA>", a placeholder for a missing value
            10: REJECTED unparseable date "20 June 2024 at noon, Pyongyang time, as reported by the age…": expected a date like 2024-06-20, 2024-06-20T10:15:00Z or an RFC 2822 date
            11: REJECTED field "published" must be a string, not a number
            12: REJECTED invalid document id "has space": ids are 1 to 128 printable ASCII characters without spaces or slashes
            13: REJECTED date "9999-06-20" is outside the years 1800 to 2200
            14: unknown 2024-06-20 ""
               body "last"
        "#]],
    );
}

#[test]
fn rejections_name_file_and_line() {
    let input = "{\"published\":\"2024-06-20\",\"body\":\"a\"}\nnot json\n";
    let (items, _) = read_one("feed.jsonl", input.as_bytes(), &ReadConfig::default()).unwrap();
    let rejection = items[1].as_ref().unwrap_err().to_string();
    assert!(
        rejection.ends_with("feed.jsonl:2: invalid JSON at column 2: expected ident"),
        "{rejection}"
    );
}

#[test]
fn field_map_with_dotted_paths() {
    let cfg = ReadConfig {
        map: FieldMap::parse(
            "title=headline,body=story_text,published=meta.date,outlet=meta.source.name",
        )
        .unwrap(),
        ..ReadConfig::default()
    };
    check_with(
        concat!(
            r#"{"headline":"H","story_text":"S","meta":{"date":"2024-06-20 10:15","source":{"name":"Rodong Sinmun"}},"title":"ignored"}"#,
            "\n",
            r#"{"headline":"H","body":"not mapped","meta":{"date":"2024-06-20"}}"#,
            "\n",
            r#"{"headline":"H","story_text":"S","meta":"2024-06-20"}"#,
        ),
        &cfg,
        expect![[r#"
            1: Rodong Sinmun 2024-06-20T10:15:00 "H"
               body "S"
            2: REJECTED no body: the record has no field "story_text" (body)
            3: REJECTED no date: the record has no field "meta.date" (published) and its text starts with no dateline
        "#]],
    );
}

#[test]
fn bad_field_map_specs_are_errors() {
    for (spec, needle) in [
        ("headline=title", "unknown field \"headline\": valid fields are outlet, published, title, body, url, lang, section, audience, id, attribution"),
        ("title=a,title=b", "field \"title\" is mapped more than once"),
        ("title", "not of the form ours=theirs"),
    ] {
        let err = FieldMap::parse(spec).unwrap_err();
        assert!(matches!(err, IngestError::BadMap { .. }), "{err:?}");
        assert!(err.to_string().contains(needle), "{err} lacks {needle}");
    }
}

#[test]
fn crlf_bom_and_missing_final_newline() {
    check(
        "\u{feff}{\"published\":\"2024-06-20\",\"body\":\"a\"}\r\n{\"published\":\"2024-06-21\",\"body\":\"b\"}",
        expect![[r#"
            1: unknown 2024-06-20 ""
               body "a"
            2: unknown 2024-06-21 ""
               body "b"
        "#]],
    );
}

#[test]
fn gzipped_files_are_streamed_and_progress_counts_compressed_bytes() {
    let mut plain = String::new();
    for i in 0..1000 {
        plain.push_str(&format!(
            "{{\"published\":\"2024-06-20\",\"title\":\"t{i}\",\"body\":\"body {i}\"}}\n"
        ));
    }
    // Two gzip members back to back, as `cat a.gz b.gz` makes.
    let mut gz = gzip(plain.as_bytes());
    gz.extend(gzip(
        b"{\"published\":\"2024-06-21\",\"body\":\"second member\"}\n",
    ));
    let dir = tree(&[("a.jsonl.gz", &gz)]);
    let files = discover(&[dir.path().to_owned()]).unwrap();
    let progress = AtomicU64::new(0);
    let mut items = Vec::new();
    let summary = read_file(&files[0], &ReadConfig::default(), &progress, &mut |i| {
        items.push(i)
    })
    .unwrap();
    assert_eq!(summary.records, 1001);
    assert_eq!(summary.rejected, 0);
    assert_eq!(progress.load(Ordering::Relaxed), gz.len() as u64);
    assert_eq!(files[0].size, gz.len() as u64);
    let last = items.last().unwrap().as_ref().unwrap();
    assert_eq!(
        (last.doc.body.as_str(), last.location.line),
        ("second member", 1001)
    );
}

#[test]
fn progress_counts_plain_bytes() {
    let input = b"{\"published\":\"2024-06-20\",\"body\":\"a\"}\n";
    let dir = tree(&[("a.ndjson", input)]);
    let files = discover(&[dir.path().to_owned()]).unwrap();
    let progress = AtomicU64::new(0);
    read_file(&files[0], &ReadConfig::default(), &progress, &mut |_| {}).unwrap();
    assert_eq!(progress.load(Ordering::Relaxed), input.len() as u64);
}

#[test]
fn an_oversize_line_is_skipped_and_the_next_one_read() {
    let cfg = ReadConfig {
        max_record_bytes: 1 << 20,
        ..ReadConfig::default()
    };
    let mut input = b"{\"published\":\"2024-06-20\",\"body\":\"before\"}\n{\"published\":\"2024-06-20\",\"body\":\"".to_vec();
    input.resize(input.len() + (10 << 20), b'x');
    input.extend_from_slice(b"\"}\n{\"published\":\"2024-06-20\",\"body\":\"after\"}\n");
    let (items, summary) = read_one("big.jsonl", &input, &cfg).unwrap();
    assert_eq!((summary.records, summary.rejected), (2, 1));
    expect![[r#"
        1: unknown 2024-06-20 ""
           body "before"
        2: REJECTED record is larger than the limit of 1048576 bytes
        3: unknown 2024-06-20 ""
           body "after"
    "#]]
    .assert_eq(&render(&items));
}

#[test]
fn binary_junk_named_jsonl_is_rejected_line_by_line() {
    // A fixed pseudo-random stream: the same junk on every run.
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let junk: Vec<u8> = (0..200_000)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 24) as u8
        })
        .collect();
    let (items, summary) = read_one("junk.jsonl", &junk, &ReadConfig::default()).unwrap();
    assert_eq!(summary.records, 0);
    assert!(summary.rejected > 100, "{summary:?}");
    assert!(items.iter().all(|i| i.is_err()));

    // The same junk under a gzip name is not a gzip stream at all.
    let err = read_one("junk.jsonl.gz", &junk, &ReadConfig::default()).unwrap_err();
    assert!(matches!(err, IngestError::Gzip { .. }), "{err:?}");
    assert!(
        err.to_string()
            .contains("junk.jsonl.gz: not a readable gzip stream"),
        "{err}"
    );
}

#[test]
fn a_truncated_gzip_stream_is_an_error_after_the_records_before_it() {
    let mut plain = String::new();
    for i in 0..5000 {
        plain.push_str(&format!(
            "{{\"published\":\"2024-06-20\",\"body\":\"record {i} {}\"}}\n",
            i * 7919
        ));
    }
    let gz = gzip(plain.as_bytes());
    let dir = tree(&[("cut.jsonl.gz", &gz[..gz.len() / 2])]);
    let files = discover(&[dir.path().to_owned()]).unwrap();
    let mut n = 0;
    let err = read_file(
        &files[0],
        &ReadConfig::default(),
        &AtomicU64::new(0),
        &mut |_| n += 1,
    )
    .unwrap_err();
    assert!(matches!(err, IngestError::Gzip { .. }), "{err:?}");
    assert!(n > 0);
}

#[test]
fn stdin_is_a_source() {
    let files = discover(&["-".into()]).unwrap();
    assert_eq!(files.len(), 1);
    assert!(files[0].is_stdin());
    assert_eq!(files[0].display_name(), "<stdin>");
}
