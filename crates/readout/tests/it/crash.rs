//! Crash safety: an ingest killed with SIGKILL at any point leaves a consistent
//! store, and rerunning it completes the work as if it had never been killed.

use std::time::Instant;

use readout_store::Store;

use crate::{record, Env};

/// A corpus large enough that ingest takes a while, with near-duplicates in it.
fn corpus(n: usize) -> String {
    let mut lines = Vec::with_capacity(n);
    for i in 0..n {
        let day = 1 + i % 28;
        let month = 1 + (i / 28) % 12;
        let body = if i % 10 == 9 {
            // A light edit of the previous story: a near-duplicate.
            format!("{} The report was also carried on the radio.", story(i - 1))
        } else {
            story(i)
        };
        lines.push(record(
            "KCNA",
            &format!("2023-{month:02}-{day:02}"),
            &format!("Story {i}"),
            &body,
        ));
    }
    lines.join("\n")
}

fn story(i: usize) -> String {
    let words = [
        "delegation",
        "plenary",
        "factory",
        "harvest",
        "missile",
        "treaty",
        "friendship",
        "statement",
    ];
    let mut s = format!("Pyongyang, June 24 (KCNA) -- Report number {i}.");
    for k in 0..60 {
        s.push(' ');
        s.push_str(words[(i * 7 + k * 3 + k * k) % words.len()]);
        s.push_str(&format!(" {}", (i * 31 + k) % 997));
    }
    s
}

fn counts(store: &Store) -> (u64, u64, u64) {
    let s = store.stats().unwrap();
    (s.documents, s.sightings, s.near_duplicates)
}

#[test]
fn killed_ingests_leave_a_consistent_store_and_a_rerun_completes_it() {
    const N: usize = 6_000;
    let env = Env::new();
    let file = env.write("big.jsonl", corpus(N));

    // The reference: one uninterrupted ingest into another store.
    let reference_db = env.path("reference.db");
    let timer = Instant::now();
    let run = env
        .cmd()
        .env("READOUT_DB", &reference_db)
        .args(["ingest", file.to_str().unwrap(), "--batch-size", "50"])
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let full = timer.elapsed();
    let expected = counts(&Store::open(&reference_db).unwrap());
    assert_eq!(expected.0 as usize, N);
    assert!(expected.2 > 0, "the corpus should hold near-duplicates");

    // Kill ingests into the real store at growing delays; each restart resumes.
    let mut interrupted_mid_way = 0;
    let started = Instant::now();
    // Kill points spread over the time a whole ingest takes on this machine.
    for percent in [15u32, 30, 45, 60, 75, 90] {
        let delay = full * percent / 100;
        let mut child = env
            .cmd()
            .args(["ingest", file.to_str().unwrap(), "--batch-size", "50"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        let killed = child.try_wait().unwrap().is_none();
        child.kill().ok(); // SIGKILL on Unix
        child.wait().unwrap();

        let store = Store::open(&env.db()).unwrap();
        let problems = store.check().unwrap();
        assert!(
            problems.is_empty(),
            "after a kill at {delay:?}: {problems:?}"
        );
        let (docs, sightings, _) = counts(&store);
        assert_eq!(
            docs, sightings,
            "every document has exactly its one sighting"
        );
        if killed && docs > 0 && (docs as usize) < N {
            interrupted_mid_way += 1;
        }
        if docs as usize == N {
            break;
        }
    }
    assert!(
        interrupted_mid_way > 0,
        "no kill landed mid-ingest in {:?}: make the corpus larger",
        started.elapsed()
    );

    let run = env.ingest(&file).expect(0);
    assert!(
        run.stdout().contains("rejected:         0"),
        "{}",
        run.stdout()
    );
    let store = Store::open(&env.db()).unwrap();
    assert!(store.check().unwrap().is_empty());
    assert_eq!(counts(&store), expected);
    // And once more: nothing changes.
    let run = env.ingest(&file).expect(0);
    assert!(
        run.stdout().contains(&format!("already stored:   {N}")),
        "{}",
        run.stdout()
    );
}
