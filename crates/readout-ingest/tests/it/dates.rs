//! Conversion shared by all formats: dateline years, outlets, packs, ids and titles.

use expect_test::{expect, Expect};
use readout_core::pack::Pack;
use readout_ingest::ReadConfig;

use crate::{read_one, render};

/// Reads JSON Lines given as one record per array item.
fn check_with(lines: &[&str], cfg: &ReadConfig, expected: Expect) {
    let input = lines.join("\n");
    let (items, _) = read_one("in.jsonl", input.as_bytes(), cfg).unwrap();
    expected.assert_eq(&render(&items));
}

fn check(lines: &[&str], expected: Expect) {
    check_with(lines, &ReadConfig::default(), expected);
}

#[test]
fn dateline_years_come_from_the_previous_dated_record() {
    check(
        &[
            r#"{"published":"2012-01-03","body":"Dated."}"#,
            r#"{"body":"Pyongyang, January 5 (KCNA) -- After."}"#,
            r#"{"body":"Pyongyang, December 30 (KCNA) -- Late last year."}"#,
            r#"{"body":"Pyongyang, February 30 (KCNA) -- No such day."}"#,
        ],
        expect![[r#"
            1: unknown 2012-01-03 ""
               body "Dated."
            2: KCNA 2012-01-05 (guessed) ""
               body "Pyongyang, January 5 (KCNA) -- After."
               note: year 2012 guessed from the record at line 1
            3: KCNA 2011-12-30 (guessed) ""
               body "Pyongyang, December 30 (KCNA) -- Late last year."
               note: year 2011 guessed from the record at line 1
            4: REJECTED dateline gives February 30, which is not a date
        "#]],
    );
}

#[test]
fn undated_records_at_the_head_wait_for_the_next_dated_one() {
    check(
        &[
            r#"{"body":"Pyongyang, December 31 (KCNA) -- Held first."}"#,
            r#"{"body":"Pyongyang, January 1 (KCNA) -- Held second."}"#,
            r#"{"published":"2013-01-02","outlet":"Rodong Sinmun","body":"Dated."}"#,
            r#"{"body":"Pyongyang, January 3 -- After."}"#,
            r#"{"published":"2014-06-01","body":"Dated later."}"#,
            r#"{"body":"Pyongyang, June 2 -- Uses the nearest previous record."}"#,
        ],
        expect![[r#"
            1: KCNA 2012-12-31 (guessed) ""
               body "Pyongyang, December 31 (KCNA) -- Held first."
               note: year 2012 guessed from the record at line 3
            2: KCNA 2013-01-01 (guessed) ""
               body "Pyongyang, January 1 (KCNA) -- Held second."
               note: year 2013 guessed from the record at line 3
            3: Rodong Sinmun 2013-01-02 ""
               body "Dated."
            4: unknown 2013-01-03 (guessed) ""
               body "Pyongyang, January 3 -- After."
               note: year 2013 guessed from the record at line 3
            5: unknown 2014-06-01 ""
               body "Dated later."
            6: unknown 2014-06-02 (guessed) ""
               body "Pyongyang, June 2 -- Uses the nearest previous record."
               note: year 2014 guessed from the record at line 5
        "#]],
    );
}

#[test]
fn with_no_dated_record_the_default_year_or_a_rejection() {
    let lines = [
        r#"{"body":"Pyongyang, June 24 (KCNA) -- No year anywhere."}"#,
        r#"{"body":"Pyongyang, February 29 (KCNA) -- Not in 2023."}"#,
    ];
    check(
        &lines,
        expect![[r#"
            1: REJECTED dateline gives June 24 but no year: add a published field or pass --year
            2: REJECTED dateline gives February 29 but no year: add a published field or pass --year
        "#]],
    );
    let cfg = ReadConfig {
        default_year: Some(2023),
        ..ReadConfig::default()
    };
    check_with(
        &lines,
        &cfg,
        expect![[r#"
            1: KCNA 2023-06-24 (guessed) ""
               body "Pyongyang, June 24 (KCNA) -- No year anywhere."
               note: year 2023 taken from the default year
            2: REJECTED dateline gives February 29 but 2023 has no such day
        "#]],
    );
}

const PACK: &str = r#"
[[country]]
id = "dprk"
name = "DPRK"

[[outlet]]
id = "kcna"
name = "KCNA"
aliases = ["Korean Central News Agency"]
country = "dprk"
audience = "external"

[[outlet]]
id = "rodong"
name = "Rodong Sinmun"
country = "dprk"
audience = "domestic"
"#;

#[test]
fn outlets_resolve_through_the_pack_and_defaults() {
    let cfg = ReadConfig {
        pack: Pack::parse(&[("pack.toml", PACK)]).unwrap(),
        default_outlet: Some("Default Outlet".to_owned()),
        ..ReadConfig::default()
    };
    check_with(
        &[
            r#"{"published":"2024-06-20","outlet":"korean central news agency","body":"Alias."}"#,
            r#"{"published":"2024-06-20","body":"Pyongyang, June 20 (KCNA) -- From the dateline."}"#,
            r#"{"published":"2024-06-20","outlet":"RODONG  SINMUN","audience":"external","body":"Audience given."}"#,
            r#"{"published":"2024-06-20","outlet":"KCNA","audience":"everyone","body":"Bad audience."}"#,
            r#"{"published":"2024-06-20","body":"No outlet at all."}"#,
        ],
        &cfg,
        expect![[r#"
            1: KCNA 2024-06-20 "" audience=external
               body "Alias."
            2: KCNA 2024-06-20 "" audience=external
               body "Pyongyang, June 20 (KCNA) -- From the dateline."
            3: Rodong Sinmun 2024-06-20 "" audience=external
               body "Audience given."
            4: KCNA 2024-06-20 "" audience=external
               body "Bad audience."
               note: unknown audience "everyone": expected domestic, external or both; audience ignored
            5: Default Outlet 2024-06-20 ""
               body "No outlet at all."
        "#]],
    );
}

#[test]
fn titles_are_one_line_and_capped() {
    let long = "word ".repeat(400);
    let line = format!(r#"{{"published":"2024-06-20","title":"{long}","body":"b"}}"#);
    let (items, _) = read_one("in.jsonl", line.as_bytes(), &ReadConfig::default()).unwrap();
    let rec = items[0].as_ref().unwrap();
    assert_eq!(rec.doc.title.chars().count(), 1000);
    assert_eq!(rec.notes, ["title cut to 1000 characters"]);

    check(
        &[r#"{"published":"2024-06-20","title":"  Two\nlines\u001b[31m ","body":"b"}"#],
        expect![[r#"
            1: unknown 2024-06-20 "Two lines[31m"
               body "b"
        "#]],
    );
}

#[test]
fn ids_are_derived_from_content_when_not_given() {
    let lines = [
        r#"{"published":"2024-06-20","title":"T","body":"Same  text."}"#,
        r#"{"published":"2024-06-21","title":"t","body":"same text."}"#,
    ];
    let (items, _) = read_one(
        "in.jsonl",
        lines.join("\n").as_bytes(),
        &ReadConfig::default(),
    )
    .unwrap();
    let ids: Vec<_> = items
        .iter()
        .map(|i| i.as_ref().unwrap().doc.id.clone())
        .collect();
    assert_eq!(ids[0], ids[1], "exact duplicates share an id");
    assert_eq!(ids[0].as_str().len(), readout_core::DocId::DERIVED_LEN);
}
