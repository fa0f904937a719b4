//! Signals through the command line: the replay corpus's report, incremental
//! updates against a full recompute, and the views built on signals.

use std::sync::OnceLock;

use serde_json::Value;

use crate::Env;

const SAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../samples/replay-2021-2024.jsonl"
);

fn sample_lines() -> Vec<String> {
    std::fs::read_to_string(SAMPLE)
        .expect("the sample corpus")
        .lines()
        .map(str::to_owned)
        .collect()
}

fn published(line: &str) -> String {
    serde_json::from_str::<Value>(line).unwrap()["published"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// Every stored signal, as JSON, sorted: the form two stores are compared in.
fn all_signals(env: &Env) -> Vec<String> {
    let run = env
        .run(&["signals", "--limit", "100000", "--format", "json"])
        .expect(0);
    let mut v: Vec<String> = run.stdout().lines().map(str::to_owned).collect();
    v.sort();
    v
}

/// The replay corpus ingested once; its report, ranked, as JSON values.
fn report() -> &'static (Env, Vec<Value>) {
    static REPORT: OnceLock<(Env, Vec<Value>)> = OnceLock::new();
    REPORT.get_or_init(|| {
        let env = Env::new();
        env.run(&["ingest", SAMPLE]).expect(0);
        let run = env
            .run(&["signals", "--limit", "100000", "--format", "json"])
            .expect(0);
        let signals = run
            .stdout()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        (env, signals)
    })
}

/// The rank (1-based) of the first signal matching `f`, and the signal.
fn find(f: impl Fn(&Value) -> bool) -> (usize, &'static Value) {
    let (_, signals) = report();
    signals
        .iter()
        .enumerate()
        .find(|(_, s)| f(s))
        .map(|(i, s)| (i + 1, s))
        .unwrap_or_else(|| panic!("no such signal in the report:\n{}", summary()))
}

fn summary() -> String {
    let (_, signals) = report();
    signals
        .iter()
        .enumerate()
        .map(|(i, s)| {
            format!(
                "{:>3} {} {} {} {}",
                i + 1,
                s["score"],
                s["date"],
                s["kind"],
                s["subject"]
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn text(s: &Value, key: &str) -> String {
    s[key].as_str().unwrap_or_default().to_owned()
}

#[test]
fn incremental_ingests_give_the_same_signals_as_one_ingest_and_as_a_recompute() {
    let lines = sample_lines();
    // Split inside a busy day: part of 2024-06-20 in each half.
    let cut = lines
        .iter()
        .position(|l| published(l) == "2024-06-20")
        .unwrap()
        + 1;
    let whole = Env::new();
    whole.run(&["ingest", SAMPLE]).expect(0);
    let expected = all_signals(&whole);
    assert!(expected.len() > 20, "the replay raises signals");

    let parts = Env::new();
    let first = parts.write("first.jsonl", lines[..cut].join("\n"));
    let second = parts.write("second.jsonl", lines[cut..].join("\n"));
    parts.ingest(&first).expect(0);
    let after_first = all_signals(&parts);
    assert!(after_first.len() < expected.len());
    let run = parts
        .cmd()
        .args(["-v", "ingest", second.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(run.status.success());
    let log = String::from_utf8_lossy(&run.stderr);
    assert!(
        log.contains("documents read from 2024-06-20"),
        "the second ingest is incremental:\n{log}"
    );
    assert_eq!(
        all_signals(&parts),
        expected,
        "incremental equals one ingest"
    );

    parts
        .run(&["signals", "--recompute", "--limit", "1"])
        .expect(0);
    assert_eq!(
        all_signals(&parts),
        expected,
        "a full recompute changes nothing"
    );

    // Older documents after newer ones: the update notices and recomputes.
    let reversed = Env::new();
    let later = reversed.write("later.jsonl", lines[cut..].join("\n"));
    let earlier = reversed.write("earlier.jsonl", lines[..cut].join("\n"));
    reversed.ingest(&later).expect(0);
    let run = reversed
        .cmd()
        .args(["-v", "ingest", earlier.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&run.stderr).contains("recomputed"));
    assert_eq!(
        all_signals(&reversed),
        expected,
        "out-of-order ingest equals one ingest"
    );

    // Ingesting the same file again changes nothing.
    whole.run(&["ingest", SAMPLE]).expect(0);
    assert_eq!(all_signals(&whole), expected);
}

#[test]
fn signals_filter_by_kind_subject_and_dates() {
    let (env, _) = report();
    let run = env
        .run(&[
            "signals",
            "--kind",
            "title_change",
            "--since",
            "2024-08",
            "--until",
            "2024-08",
            "--format",
            "json",
        ])
        .expect(0);
    let out = run.stdout();
    assert!(!out.is_empty());
    for l in out.lines() {
        let s: Value = serde_json::from_str(l).unwrap();
        assert_eq!(s["kind"], "title_change");
        assert!(text(&s, "date").starts_with("2024-08"), "{l}");
    }
    let run = env
        .run(&["signals", "--subject", "balloon", "--format", "json"])
        .expect(0);
    assert!(run
        .stdout()
        .lines()
        .all(|l| l.to_lowercase().contains("balloon")));
    env.run(&["signals", "--kind", "nonsense"]).expect(2);
    env.run(&["signals", "--since", "2031"]).expect(1);
}

/// "Near the top": on the first screen of the report (the 20 signals `readout demo`
/// prints), and in the first half of it.
fn assert_near_top(rank: usize, what: &str) {
    let (_, signals) = report();
    assert!(
        rank <= 20 && rank <= signals.len() / 2,
        "{what} ranks {rank} of {}:\n{}",
        signals.len(),
        summary()
    );
}

#[test]
fn replay_first_use_of_alliance_about_russia() {
    let (rank, s) = find(|s| {
        s["kind"] == "first_use" && text(s, "subject") == "alliance \u{2014} Russian Federation"
    });
    assert_eq!(s["date"], "2024-06-20");
    assert_eq!(s["evidence"][0]["doc"], "kcna-2024-06-20-treaty");
    // The baseline: used before, about others.
    assert!(s["baseline"]["earlier_uses"].as_u64().unwrap() >= 10, "{s}");
    assert!(s["baseline"]["about"]["us"].as_u64().unwrap() > 0, "{s}");
    assert!(rank <= 3, "ranked {rank}:\n{}", summary());
}

#[test]
fn replay_first_use_of_anti_imperialist_independence_about_russia() {
    let (rank, s) = find(|s| {
        s["kind"] == "first_use" && text(s, "subject").starts_with("anti-imperialist independence")
    });
    assert!(text(s, "subject").contains("Russian Federation"));
    assert_eq!(s["date"], "2023-09-21");
    assert_eq!(s["evidence"][0]["doc"], "kcna-2023-09-21-politburo-16th");
    assert_near_top(rank, "anti-imperialist independence");
}

#[test]
fn replay_pak_jong_chon_signs_as_cmc_vice_chairman() {
    let (rank, s) = find(|s| s["kind"] == "title_change" && s["subject"] == "Pak Jong Chon");
    assert_eq!(s["date"], "2024-08-20");
    assert!(
        text(s, "summary").contains("vice-chairman of the Central Military Commission"),
        "{s}"
    );
    assert!(
        text(s, "summary").contains("usually secretary of the Central Committee"),
        "{s}"
    );
    let posts = s["baseline"]["posts"].as_array().unwrap();
    assert!(posts[0]["post"]
        .as_str()
        .unwrap()
        .starts_with("secretary of the Central Committee"));
    assert_near_top(rank, "Pak Jong Chon's title");
}

#[test]
fn replay_june_2024_plenary_expected_from_precedent_and_announcement() {
    let (rank, s) =
        find(|s| s["kind"] == "meeting_expected" && text(s, "date").starts_with("2024-05"));
    assert_eq!(s["date"], "2024-05-25");
    assert!(text(s, "subject").starts_with("plenary meeting of the Central Committee"));
    assert_eq!(s["baseline"]["announced"], true);
    assert_eq!(s["baseline"]["window"]["from"], "2024-06-21");
    let precedents: Vec<String> = s["baseline"]["precedents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap().to_owned())
        .collect();
    assert_eq!(precedents.len(), 3, "{precedents:?}");
    assert!(
        precedents.iter().any(|p| p.starts_with("2021-06-15")),
        "{precedents:?}"
    );
    assert_eq!(s["evidence"][0]["doc"], "kcna-2024-05-25-politburo-20th");
    assert!(rank <= 3, "ranked {rank}:\n{}", summary());
    // It was then held: nothing overdue.
    let (_, signals) = report();
    assert!(
        !signals.iter().any(|s| s["kind"] == "meeting_overdue"),
        "{}",
        summary()
    );
}

#[test]
fn replay_may_2024_politburo_with_the_january_2022_precedent() {
    let (rank, s) = find(|s| s["kind"] == "precedent" && s["date"] == "2024-05-24");
    assert!(text(s, "subject").contains("Political Bureau"), "{s}");
    assert!(text(s, "subject").contains("military"), "{s}");
    let lags = s["baseline"]["lags"].as_array().unwrap();
    assert!(
        lags.iter().any(|l| l["meeting"] == "2022-01-19"
            && l["date"] == "2022-03-24"
            && l["lag_days"] == 64),
        "{s}"
    );
    assert_near_top(rank, "the May 2024 precedent");
}

#[test]
fn replay_balloon_launches_paused_in_june_and_resumed_after_the_summit() {
    let (rank, paused) =
        find(|s| s["kind"] == "activity_paused" && s["subject"] == "balloon launch");
    assert_eq!(paused["date"], "2024-06-02");
    assert_eq!(
        paused["evidence"][0]["doc"],
        "kcna-2024-06-02-kim-kang-il-halt"
    );
    assert!(
        paused["baseline"]["coverage"]
            .as_str()
            .unwrap()
            .contains("published on"),
        "{paused}"
    );
    assert_near_top(rank, "the balloon pause");
    let (rank, resumed) = find(|s| {
        s["kind"] == "activity_resumed"
            && text(s, "date").as_str() >= "2024-06-19"
            && text(s, "date").as_str() <= "2024-06-30"
    });
    let in_gap = resumed["baseline"]["in_gap"].as_array().unwrap();
    assert!(
        in_gap
            .iter()
            .any(|e| e.as_str().unwrap().starts_with("summit on 2024-06-19")),
        "{resumed}"
    );
    assert!(resumed["baseline"]["coverage"]
        .as_str()
        .unwrap()
        .contains("published on"));
    assert_near_top(rank, "the resumption after the summit");
}

#[test]
fn replay_the_treaty_first_appears_on_its_signing() {
    let (rank, s) = find(|s| {
        s["kind"] == "first_use"
            && text(s, "subject").starts_with("Treaty on Comprehensive Strategic Partnership")
    });
    assert_eq!(s["date"], "2024-06-20");
    assert_near_top(rank, "the treaty's first appearance");
    // And its articles show in practice afterwards, never before the signing.
    let (_, signals) = report();
    let evidence: Vec<&Value> = signals
        .iter()
        .filter(|s| s["kind"] == "treaty_evidence")
        .collect();
    assert!(!evidence.is_empty());
    assert!(
        evidence
            .iter()
            .all(|s| text(s, "date").as_str() > "2024-06-19"),
        "{}",
        summary()
    );
    assert!(
        evidence
            .iter()
            .any(|s| text(s, "subject").starts_with("Article 11")),
        "{}",
        summary()
    );
}

#[test]
fn replay_copies_are_linked_to_their_originals() {
    let (_, spun) = find(|s| {
        s["kind"] == "copy_of" && s["evidence"][0]["doc"] == "gad-2024-11-14-ratification-spun"
    });
    assert_eq!(
        spun["baseline"]["original"],
        "kcna-2024-11-12-ratification-decree"
    );
    assert_eq!(spun["baseline"]["how"], "spun");
    let (_, near) = find(|s| {
        s["kind"] == "copy_of" && s["evidence"][0]["doc"] == "pt-2024-06-01-kim-yo-jong-balloons"
    });
    assert_eq!(near["baseline"]["how"], "near-duplicate");
    assert_eq!(
        near["baseline"]["original"],
        "kcna-2024-05-29-kim-yo-jong-balloons"
    );
}

#[test]
fn replay_distractors_raise_nothing() {
    let (_, signals) = report();
    for s in signals {
        let subject = text(s, "subject");
        // "alliance" about the US and south Korea is routine.
        if subject.starts_with("alliance") {
            assert!(
                !subject.contains("United States")
                    && !subject
                        .replace("Democratic People's Republic of Korea", "")
                        .contains("Republic of Korea")
                    && !subject.contains("Japan"),
                "{subject}"
            );
        }
        // Friendship language about China is routine.
        for phrase in [
            "blood-sealed",
            "invincible friendship",
            "traditional friendship",
            "comrades-in-arms",
            "strategic communication",
        ] {
            assert!(!subject.starts_with(phrase), "{subject}\n{}", summary());
        }
        assert!(!subject.contains("People's Republic of China"), "{subject}");
        // Routine titles: the usual hats raise nothing.
        if s["kind"] == "title_change" {
            assert!(
                ["Pak Jong Chon", "Jo Yong Won", "Pak Thae Song"].contains(&subject.as_str()),
                "unexpected title change: {s}"
            );
        }
    }
}

#[test]
fn views_person_calendar_treaty_and_timeline() {
    let (env, _) = report();
    let run = env.run(&["person", "Pak Jong Chon"]).expect(0);
    let out = run.stdout();
    assert!(
        out.contains("secretary of the Central Committee of the Workers' Party of Korea"),
        "{out}"
    );
    assert!(
        out.contains("vice-chairman of the Central Military Commission"),
        "{out}"
    );
    assert!(out.contains("2024-08-20"), "{out}");
    env.run(&["person", "Nobody Of That Name"]).expect(1);

    let run = env
        .run(&["calendar", "--kind", "plenary", "--format", "json"])
        .expect(0);
    let cal: Value = serde_json::from_str(run.stdout().lines().next().unwrap()).unwrap();
    let held: Vec<&str> = cal["held"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["from"].as_str().unwrap())
        .collect();
    assert!(held.contains(&"2024-06-28"), "{held:?}");
    assert!(held.contains(&"2021-06-15"), "{held:?}");
    let june = cal["expected"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["from"] == "2024-06-21")
        .unwrap();
    assert_eq!(june["outcome"], "held");

    let run = env
        .run(&["treaty", "--with-evidence", "--format", "json"])
        .expect(0);
    let articles: Vec<Value> = run
        .stdout()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(articles
        .iter()
        .any(|a| a["number"] == 11 && a["documents"].as_u64().unwrap() >= 1));
    let run = env.run(&["treaty"]).expect(0);
    assert_eq!(
        run.stdout().matches("\nArticle ").count()
            + usize::from(run.stdout().starts_with("Article")),
        23
    );

    let run = env
        .run(&[
            "timeline", "alliance", "--about", "Russia", "--every", "month", "--format", "json",
        ])
        .expect(0);
    let rows: Vec<Value> = run
        .stdout()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let first_month = rows
        .iter()
        .find(|r| r["matching"].as_u64().unwrap() > 0)
        .unwrap();
    assert_eq!(first_month["period"], "2024-06", "{rows:?}");
    assert!(rows
        .iter()
        .all(|r| r["documents"].as_u64().unwrap() >= r["matching"].as_u64().unwrap()));
}
