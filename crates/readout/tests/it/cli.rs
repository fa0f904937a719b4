//! Each subcommand's behaviour: output, filters, exit codes and errors.

use crate::{record, Env};

fn corpus() -> String {
    [
        record("KCNA", "2021-06-19", "Plenary closes", "The Third Plenary Meeting of the 8th Central Committee closed after four days."),
        record("KCNA", "2024-07-02", "Enlarged plenary closes", "The enlarged meeting of the Tenth Plenary Meeting of the 8th Central Committee closed."),
        record("Rodong Sinmun", "2024-06-20", "Treaty signed", "The leader said the treaty raised the relations to the level of an alliance."),
        record("KCNA", "2023-12-28", "Drills denounced", "The US-south Korea alliance staged more war drills, the spokesperson said."),
        record("Korean Central News Agency", "2022-01-20", "Politburo meets", "The meeting of the Central Committee reviewed temporarily-suspended activities."),
    ]
    .join("\n")
}

#[test]
fn every_command_has_help_with_an_example() {
    let env = Env::new();
    for cmd in [
        "ingest",
        "search",
        "show",
        "stats",
        "demo",
        "extract",
        "reextract",
        "signals",
        "person",
        "timeline",
        "calendar",
        "treaty",
    ] {
        let run = env.run(&[cmd, "--help"]).expect(0);
        assert!(
            run.stdout().contains("Examples:"),
            "{cmd} --help has no example"
        );
    }
}

#[test]
fn phrase_search_is_exact_and_newest_first_with_filters() {
    let env = Env::new();
    let file = env.write("corpus.jsonl", corpus());
    env.ingest(&file).expect(0);

    let run = env
        .run(&["search", "\"plenary meeting of the 8th central committee\""])
        .expect(0);
    let out = run.stdout();
    let titles: Vec<&str> = out.lines().filter(|l| !l.starts_with(' ')).collect();
    let first = out
        .find("Enlarged plenary closes")
        .expect("2024 plenary found");
    let second = out.find("Plenary closes\n").expect("2021 plenary found");
    assert!(first < second, "newest first:\n{out}");
    assert_eq!(titles.len(), 2, "{out}");
    assert!(
        !out.contains("Politburo"),
        "words apart must not match the phrase:\n{out}"
    );
    assert!(
        out.contains("**Plenary Meeting of the 8th Central Committee**"),
        "highlighted when piped:\n{out}"
    );

    let run = env
        .run(&["search", "alliance", "--from", "2024", "--format", "json"])
        .expect(0);
    let hits: Vec<serde_json::Value> = run
        .stdout()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0]["title"], "Treaty signed");
    assert_eq!(hits[0]["published"], "2024-06-20");

    // The outlet filter takes a pack alias, and records were stored under the canonical name.
    let run = env
        .run(&[
            "search",
            "central",
            "--outlet",
            "korean central news agency",
            "--format",
            "json",
        ])
        .expect(0);
    assert_eq!(run.stdout().lines().count(), 3, "{}", run.stdout());
    let run = env
        .run(&[
            "search",
            "alliance",
            "--outlet",
            "Rodong Sinmun",
            "--to",
            "2024-06-20",
        ])
        .expect(0);
    assert!(run.stdout().contains("Treaty signed"));
    assert!(!run.stdout().contains("Drills"));

    let none = env
        .run(&["search", "\"no such phrase anywhere\""])
        .expect(1);
    assert!(none.stdout().is_empty());
    assert!(none.stderr().contains("no documents match"));
}

#[test]
fn bad_queries_and_options_are_errors_with_exit_code_2() {
    let env = Env::new();
    let run = env.run(&["search", "\"unclosed"]).expect(2);
    assert!(run.stderr().contains("never closed"), "{}", run.stderr());
    let run = env.run(&["search", "x", "--from", "June"]).expect(2);
    assert!(run.stderr().contains("not a date"), "{}", run.stderr());
    let run = env
        .run(&["search", "x", "--from", "2024-07", "--to", "2024-06"])
        .expect(2);
    assert!(run.stderr().contains("after --to"), "{}", run.stderr());
    env.run(&["search", "x", "--colour"]).expect(2);
    env.run(&["frobnicate"]).expect(2);
}

#[test]
fn ingest_reports_bad_records_with_file_and_line_and_keeps_the_rest() {
    let env = Env::new();
    let mut lines: Vec<String> = corpus().lines().map(str::to_owned).collect();
    lines.insert(1, "{not json".into());
    lines.insert(
        3,
        r#"{"outlet":"KCNA","published":"2024-13-45","body":"bad date"}"#.into(),
    );
    lines.insert(
        4,
        r#"{"outlet":"KCNA","published":"2024-01-01","title":"no body"}"#.into(),
    );
    let file = env.write("mixed.jsonl", lines.join("\n"));
    let run = env.ingest(&file).expect(2);
    let err = run.stderr();
    assert!(err.contains("mixed.jsonl:2:"), "{err}");
    assert!(
        err.contains("mixed.jsonl:4:") && err.contains("2024-13-45"),
        "{err}"
    );
    assert!(err.contains("mixed.jsonl:5:"), "{err}");
    assert!(
        run.stdout().contains("accepted:         5"),
        "{}",
        run.stdout()
    );
    assert!(
        run.stdout().contains("rejected:         3"),
        "{}",
        run.stdout()
    );
}

#[test]
fn ingest_twice_changes_nothing_and_duplicates_are_counted() {
    let env = Env::new();
    let mut text = corpus();
    text.push('\n');
    // The same story again, with other spacing and case: an exact duplicate.
    text.push_str(&record(
        "Pyongyang Times",
        "2024-06-21",
        "TREATY SIGNED",
        "The leader said the treaty raised the  relations to the level of an alliance.",
    ));
    let file = env.write("dup.jsonl", &text);
    let run = env.ingest(&file).expect(0);
    assert!(
        run.stdout().contains("exact duplicates: 1"),
        "{}",
        run.stdout()
    );
    let stats_before = env.run(&["stats", "--format", "json"]).expect(0).stdout();

    let again = env.ingest(&file).expect(0);
    assert!(
        again.stdout().contains("accepted:         0"),
        "{}",
        again.stdout()
    );
    assert!(
        again.stdout().contains("already stored:   6"),
        "{}",
        again.stdout()
    );
    assert_eq!(
        env.run(&["stats", "--format", "json"]).expect(0).stdout(),
        stats_before
    );

    let stats: serde_json::Value = serde_json::from_str(&stats_before).unwrap();
    assert_eq!(stats["documents"], 5);
    assert_eq!(stats["exact_duplicates"], 1);
}

#[test]
fn show_finds_a_document_by_prefix_with_its_sightings() {
    let env = Env::new();
    let file = env.write("c.jsonl", corpus());
    env.ingest(&file).expect(0);
    let hit = env
        .run(&["search", "treaty", "--format", "json"])
        .expect(0)
        .stdout();
    let hit: serde_json::Value = serde_json::from_str(hit.lines().next().unwrap()).unwrap();
    let id = hit["id"].as_str().unwrap();
    let run = env.run(&["show", &id[..8]]).expect(0);
    let out = run.stdout();
    assert!(out.starts_with("Treaty signed\n"), "{out}");
    assert!(
        out.contains("outlet:    Rodong Sinmun (domestic audience)"),
        "{out}"
    );
    assert!(out.contains("c.jsonl:3"), "{out}");
    let json: serde_json::Value = serde_json::from_str(
        &env.run(&["show", id, "--format", "json"])
            .expect(0)
            .stdout(),
    )
    .unwrap();
    assert_eq!(json["doc"]["audience"], "domestic");
    env.run(&["show", "ffffffffffffffff0000"]).expect(1);
}

#[test]
fn coverage_lists_days_per_outlet_and_holes() {
    let env = Env::new();
    let recs: Vec<String> = [
        "2024-06-01",
        "2024-06-02",
        "2024-06-03",
        "2024-06-10",
        "2024-06-11",
    ]
    .iter()
    .enumerate()
    .map(|(i, d)| {
        record(
            "KCNA",
            d,
            &format!("item {i}"),
            &format!("Routine report number {i}."),
        )
    })
    .collect();
    let file = env.write("cov.jsonl", recs.join("\n"));
    env.ingest(&file).expect(0);
    let table = env.run(&["stats", "--coverage"]).expect(0).stdout();
    assert!(table.contains("5 of 11"), "{table}");
    assert!(table.contains("2024-06-04..2024-06-09 (6 d)"), "{table}");
    let json = env
        .run(&[
            "stats",
            "--coverage",
            "--format",
            "json",
            "--from",
            "2024-06-02",
            "--to",
            "2024-06-10",
        ])
        .expect(0)
        .stdout();
    let days: Vec<serde_json::Value> = json
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(days.len(), 3);
    assert_eq!(
        days[0],
        serde_json::json!({"outlet": "KCNA", "date": "2024-06-02", "documents": 1})
    );
}

#[test]
fn a_missing_path_is_an_error_naming_it_and_the_store_is_untouched() {
    let env = Env::new();
    let file = env.write("c.jsonl", corpus());
    env.ingest(&file).expect(0);
    let run = env
        .run(&["ingest", env.path("nope.jsonl").to_str().unwrap()])
        .expect(2);
    assert!(run.stderr().contains("nope.jsonl"), "{}", run.stderr());
    let stats: serde_json::Value =
        serde_json::from_str(&env.run(&["stats", "--format", "json"]).expect(0).stdout()).unwrap();
    assert_eq!(stats["documents"], 5);
}

#[test]
fn demo_ingests_the_sample_and_shows_it() {
    let env = Env::new();
    let kept = env.path("demo.db");
    let run = env
        .run(&["demo", "--keep", kept.to_str().unwrap()])
        .expect(0);
    let out = run.stdout();
    assert!(out.contains("rejected:         0"), "{out}");
    assert!(out.contains("search alliance:"), "{out}");
    // Extraction ran: the party secretary's one statement as CMC vice-chairman shows.
    assert!(
        out.contains("secretary of the Central Committee of the Workers' Party of Korea"),
        "{out}"
    );
    assert!(
        out.contains(
            "2024-08-20  KCNA            vice-chairman of the Central Military Commission"
        ),
        "{out}"
    );
    // The kept store answers searches like any other.
    let run = env
        .run(&[
            "--db",
            kept.to_str().unwrap(),
            "search",
            "\"comprehensive strategic partnership\"",
        ])
        .expect(0);
    assert!(run.stdout().contains("2024-06-2"), "{}", run.stdout());
    // A second demo refuses to reuse the file.
    env.run(&["demo", "--keep", kept.to_str().unwrap()])
        .expect(2);
}

#[test]
fn ingest_stores_extraction_and_reextract_is_incremental_after_a_pack_change() {
    let env = Env::new();
    let file = env.write(
        "x.jsonl",
        [
            record("KCNA", "2024-06-20", "Talks", "Pak Jong Chon, Jo Yong Won and Ri Il Hwan, secretaries of the C.C., WPK, attended the talks."),
            record("KCNA", "2024-06-21", "Visit", "Kim Tok Hun, premier of the Cabinet, visited a farm."),
        ]
        .join("\n"),
    );
    env.ingest(&file).expect(0);
    let hit = env
        .run(&["search", "secretaries", "--format", "json"])
        .expect(0)
        .stdout();
    let id = serde_json::from_str::<serde_json::Value>(hit.lines().next().unwrap()).unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let shown: serde_json::Value = serde_json::from_str(
        &env.run(&["show", &id, "--format", "json"])
            .expect(0)
            .stdout(),
    )
    .unwrap();
    let titles: Vec<String> = shown["extraction"]["titles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            format!(
                "{} = {}",
                t["person"].as_str().unwrap(),
                t["role"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(
        titles,
        [
            "Pak Jong Chon = secretary",
            "Jo Yong Won = secretary",
            "Ri Il Hwan = secretary"
        ]
    );

    // The same pack: nothing to do.
    let run = env.run(&["reextract"]).expect(0);
    assert!(
        run.stdout().starts_with("extracted: 0 documents; 2 of 2"),
        "{}",
        run.stdout()
    );

    // A changed pack: every document once, then nothing.
    let pack_dir = env.path("pack");
    std::fs::create_dir_all(&pack_dir).unwrap();
    let builtin = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../packs/dprk-russia");
    for entry in std::fs::read_dir(builtin).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), pack_dir.join(entry.file_name())).unwrap();
    }
    let extra = pack_dir.join("pack.toml");
    let mut text = std::fs::read_to_string(&extra).unwrap();
    text.push_str("\n# changed\n");
    std::fs::write(&extra, text).unwrap();
    let pack = pack_dir.to_str().unwrap();
    let run = env.run(&["--pack", pack, "reextract"]).expect(0);
    assert!(
        run.stdout().starts_with("extracted: 2 documents; 2 of 2"),
        "{}",
        run.stdout()
    );
    let run = env.run(&["--pack", pack, "reextract"]).expect(0);
    assert!(
        run.stdout().starts_with("extracted: 0 documents"),
        "{}",
        run.stdout()
    );
}

/// The demo's whole output, report included, is what a person reads first:
/// pinned in a golden file (refresh with `UPDATE_EXPECT=1 cargo test`).
#[test]
fn demo_output_is_stable() {
    let env = Env::new();
    let run = env.run(&["demo"]).expect(0);
    expect_test::expect_file!["../golden/demo.txt"].assert_eq(&run.stdout());
}
