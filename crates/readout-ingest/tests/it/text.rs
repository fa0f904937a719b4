//! Text and Markdown files, with YAML or TOML front matter.

use expect_test::{expect, Expect};
use readout_ingest::{FieldMap, ReadConfig};

use crate::{assert_sources, read_one, render};

fn check_with(name: &str, input: &str, cfg: &ReadConfig, expected: Expect) {
    let (items, summary) = read_one(name, input.as_bytes(), cfg).unwrap();
    assert_eq!(items.len(), 1, "a text file is one record");
    assert_eq!(summary.records + summary.rejected, 1);
    assert_sources(&items, name);
    expected.assert_eq(&render(&items));
}

fn check(name: &str, input: &str, expected: Expect) {
    check_with(name, input, &ReadConfig::default(), expected);
}

#[test]
fn yaml_front_matter() {
    check(
        "statement.md",
        "---\n\
         title: \"Statement of the Foreign Ministry\"\n\
         published: 2024-06-20T10:15:00+09:00\n\
         outlet: KCNA\n\
         section: Statements\n\
         id: 12345\n\
         tags: [a, b]\n\
         ---\n\
         \n\
         Pyongyang, June 20 (KCNA) -- The ministry said.\n\
         \n\
         Second paragraph.\n",
        expect![[r#"
            1: KCNA 2024-06-20T10:15:00 "Statement of the Foreign Ministry" id=12345 section="statements"
               body "Pyongyang, June 20 (KCNA) -- The ministry said.\n\nSecond paragraph."
        "#]],
    );
}

#[test]
fn toml_front_matter_with_mapped_keys() {
    let cfg = ReadConfig {
        map: FieldMap::parse("published=date,outlet=source.name").unwrap(),
        ..ReadConfig::default()
    };
    check_with(
        "note.md",
        "+++\n\
         date = 2024-06-21\n\
         [source]\n\
         name = \"TASS\"\n\
         +++\n\
         # Heading Becomes Title\n\
         \n\
         Text.\n",
        &cfg,
        expect![[r#"
            1: TASS 2024-06-21 "Heading Becomes Title"
               body "Text."
        "#]],
    );
}

#[test]
fn plain_text_with_a_dateline_and_a_default_year() {
    let cfg = ReadConfig {
        default_year: Some(2012),
        ..ReadConfig::default()
    };
    check_with(
        "kcna.txt",
        "Pyongyang, June 24 (KCNA) -- The delegation left.\r\n",
        &cfg,
        expect![[r#"
            1: KCNA 2012-06-24 (guessed) ""
               body "Pyongyang, June 24 (KCNA) -- The delegation left."
               note: year 2012 taken from the default year
        "#]],
    );
}

#[test]
fn problems_are_rejections_naming_the_line() {
    check(
        "a.md",
        "---\ntitle: ok\npublished: [2024\n---\nBody",
        expect![[r#"
            1: REJECTED front matter is not valid YAML (line 4): did not find expected ',' or ']', while parsing a flow sequence
        "#]],
    );
    check(
        "b.md",
        "+++\ntitle = \"T\"\npublished = \n+++\nBody",
        expect![[r#"
            1: REJECTED front matter is not valid TOML (line 3): string values must be quoted, expected literal string
        "#]],
    );
    check(
        "c.md",
        "---\ntitle: T\n",
        expect![[r#"
            1: REJECTED front matter opened by "---" on line 1 is never closed
        "#]],
    );
    check(
        "d.txt",
        "---\npublished: 2024-06-20\n---\n\n",
        expect![[r#"
            1: REJECTED body is empty
        "#]],
    );
    check(
        "e.txt",
        "Just some words with no date.",
        expect![[r#"
            1: REJECTED no date: the record has no field "published" and its text starts with no dateline
        "#]],
    );
}

#[test]
fn invalid_utf8_names_the_byte() {
    let (items, _) = read_one(
        "x.txt",
        b"Pyongyang, June 24 -- ok \xc3\x28",
        &ReadConfig::default(),
    )
    .unwrap();
    expect![[r#"
        1: REJECTED invalid UTF-8 at byte 25
    "#]]
    .assert_eq(&render(&items));
}
