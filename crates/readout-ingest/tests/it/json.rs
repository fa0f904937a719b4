//! JSON files: arrays with line numbers, single objects, whole-file errors.

use expect_test::{expect, Expect};
use readout_ingest::{IngestError, ReadConfig};

use crate::{assert_sources, gzip, read_one, render};

fn check(name: &str, input: &[u8], expected: Expect) {
    let (items, _) = read_one(name, input, &ReadConfig::default()).unwrap();
    assert_sources(&items, name);
    expected.assert_eq(&render(&items));
}

/// `expected` is the start of the error's message, after the file's path.
fn check_error(input: &str, expected: &str) {
    let err = read_one("bad.json", input.as_bytes(), &ReadConfig::default()).unwrap_err();
    let msg = err.to_string();
    let after_path = msg
        .split_once("bad.json")
        .map_or(msg.as_str(), |(_, rest)| rest);
    assert!(
        after_path.starts_with(expected),
        "{msg:?} does not go on with {expected:?}"
    );
}

const ARRAY: &str = r#"[
  {
    "published": "2024-06-20",
    "title": "One",
    "body": "First."
  },
  {"published": "2024-06-21", "body": ""},
  "a string",

  {"published": "2024-06-22",
   "body": "Third."}
]
"#;

#[test]
fn arrays_give_each_element_its_line() {
    check(
        "a.json",
        ARRAY.as_bytes(),
        expect![[r#"
            2: unknown 2024-06-20 "One"
               body "First."
            7: REJECTED body is empty
            8: REJECTED expected a JSON object, found a string
            10: unknown 2024-06-22 ""
               body "Third."
        "#]],
    );
}

#[test]
fn gzipped_arrays_and_single_objects() {
    check(
        "a.json.gz",
        &gzip(ARRAY.as_bytes()),
        expect![[r#"
            2: unknown 2024-06-20 "One"
               body "First."
            7: REJECTED body is empty
            8: REJECTED expected a JSON object, found a string
            10: unknown 2024-06-22 ""
               body "Third."
        "#]],
    );
    check(
        "one.json",
        b"\n\n{\"published\": \"2024-06-20\", \"body\": \"Alone.\"}",
        expect![[r#"
            3: unknown 2024-06-20 ""
               body "Alone."
        "#]],
    );
    check("empty.json", b"[]", expect![[""]]);
}

#[test]
fn invalid_json_is_an_error_with_line_and_column() {
    check_error(
        "[\n  {\"body\": \"a\"},\n  {\"body\": \"b\",}\n]",
        ":3:16: not valid JSON: key must be a string",
    );
    check_error(
        "[{\"body\": \"a\"}",
        ":1:14: not valid JSON: EOF while parsing a list",
    );
    check_error("", ":1:0: not valid JSON: EOF while parsing a value");
    check_error(
        "42",
        ":1:1: not valid JSON: expected an array of records or one record object, found a number",
    );
    let err = read_one("bad.json", b"[\"\xff\"]", &ReadConfig::default()).unwrap_err();
    assert!(
        matches!(
            err,
            IngestError::Json {
                line: 1,
                column: 3,
                ..
            }
        ),
        "{err:?}"
    );
}

#[test]
fn files_over_the_limit_are_errors() {
    let cfg = ReadConfig {
        max_file_bytes: 100,
        ..ReadConfig::default()
    };
    let big = format!("[{{\"body\": \"{}\"}}]", "x".repeat(200));
    let err = read_one("big.json", big.as_bytes(), &cfg).unwrap_err();
    assert!(
        matches!(err, IngestError::TooLarge { limit: 100, .. }),
        "{err:?}"
    );
    // Gzipped, the size is only known while decompressing.
    let err = read_one("big.json.gz", &gzip(big.as_bytes()), &cfg).unwrap_err();
    assert!(
        matches!(err, IngestError::TooLarge { limit: 100, .. }),
        "{err:?}"
    );
}

#[test]
fn elements_over_the_record_limit_are_rejected() {
    let cfg = ReadConfig {
        max_record_bytes: 64,
        ..ReadConfig::default()
    };
    let input = format!(
        "[{{\"published\": \"2024-06-20\", \"body\": \"{}\"}},\n {{\"published\": \"2024-06-20\", \"body\": \"ok\"}}]",
        "x".repeat(100)
    );
    let (items, _) = read_one("a.json", input.as_bytes(), &cfg).unwrap();
    expect![[r#"
        1: REJECTED record is larger than the limit of 64 bytes
        2: unknown 2024-06-20 ""
           body "ok"
    "#]]
    .assert_eq(&render(&items));
}
