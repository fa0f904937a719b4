//! Each detector on small histories built by hand: what it raises, and what it must not.

use chrono::{Duration, NaiveDate};
use readout_core::pack::Pack;
use readout_signals::facts::{DocFacts, EventFact, FormulationFact, MeetingFact, TitleFact};
use readout_signals::{recompute, Config, Engine, Kind, Signal};

const PACK: &str = r#"
[[country]]
id = "dprk"
name = "Democratic People's Republic of Korea"
[[country]]
id = "russia"
name = "Russian Federation"
[[country]]
id = "us"
name = "United States of America"
[[outlet]]
id = "kcna"
name = "KCNA"
country = "dprk"
audience = "external"
[[meeting_kind]]
id = "plenary"
name = "plenary meeting"
body = "cc"
forms = ["plenary meeting"]
[[organization]]
id = "cc"
name = "Central Committee"
country = "dprk"
kind = "party"
[[agenda_topic]]
id = "military"
name = "military matters"
keywords = ["military"]
actions = ["icbm-launch"]
[[event_kind]]
id = "icbm-launch"
name = "ICBM launch"
triggers = ["ICBM"]
recurring = true
[[event_kind]]
id = "balloon-launch"
name = "balloon launch"
triggers = ["balloons"]
recurring = true
[[event_kind]]
id = "summit"
name = "summit"
triggers = ["summit"]
notable = true
[[formulation]]
id = "alliance"
phrase = "alliance"
"#;

fn pack() -> Pack {
    Pack::parse(&[("test.toml", PACK)]).expect("the test pack parses")
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn doc(id: &str, published: NaiveDate) -> DocFacts {
    DocFacts::new(id, "KCNA", "external", published, Some("dprk"), id)
}

/// A document every day from `from` for `days` days, each made by `f`.
fn daily(from: &str, days: i64, mut f: impl FnMut(i64, &mut DocFacts)) -> Vec<DocFacts> {
    (0..days)
        .map(|i| {
            let mut d = doc(&format!("d{i:05}"), day(from) + Duration::days(i));
            f(i, &mut d);
            d
        })
        .collect()
}

fn run(docs: &[DocFacts]) -> Vec<Signal> {
    recompute(&pack(), Config::default(), docs).0
}

fn of_kind(signals: &[Signal], kind: Kind) -> Vec<&Signal> {
    signals.iter().filter(|s| s.kind == kind).collect()
}

fn alliance(counterparts: &[&str]) -> FormulationFact {
    FormulationFact {
        id: "alliance".to_owned(),
        phrase: "alliance".to_owned(),
        counterparts: counterparts.iter().map(|c| c.to_string()).collect(),
        quote: "the alliance".to_owned(),
    }
}

#[test]
fn a_formulation_about_a_new_counterpart_is_a_first_use_with_its_baseline() {
    // Two years of documents: the US alliance every fifth day, Russia named
    // every third day without it; then "alliance" about Russia.
    let mut docs = daily("2021-01-01", 800, |i, d| {
        if i % 5 == 0 {
            d.formulations.push(alliance(&["us"]));
            d.countries.push("us".to_owned());
        }
        if i % 3 == 0 {
            d.countries.push("russia".to_owned());
        }
    });
    let last = docs.last().unwrap().published + Duration::days(1);
    let mut news = doc("news", last);
    news.formulations.push(alliance(&["russia"]));
    news.countries.push("russia".to_owned());
    docs.push(news);
    let signals = run(&docs);
    let first = of_kind(&signals, Kind::FirstUse);
    assert_eq!(first.len(), 1, "{first:#?}");
    let s = first[0];
    assert_eq!(s.date, last);
    assert!(s.subject.contains("Russian Federation"), "{}", s.subject);
    assert_eq!(s.evidence[0].doc, "news");
    assert_eq!(s.baseline["earlier_uses"], 160);
    assert!(
        s.score > 0.8,
        "a phrase used 160 times, never about a country named in 267 documents: {}",
        s.score
    );
}

#[test]
fn nothing_is_new_during_the_warm_up() {
    let docs = daily("2021-01-01", 200, |i, d| {
        if i == 100 {
            d.formulations.push(alliance(&["russia"]));
        }
    });
    assert!(of_kind(&run(&docs), Kind::FirstUse).is_empty());
}

#[test]
fn a_burst_and_a_silence_are_rare_use() {
    // Used every third day for a year and a half, then daily for a month, then not at all.
    let docs = daily("2021-01-01", 700, |i, d| {
        let burst = (540..570).contains(&i);
        let silent = i >= 580;
        if burst || (!silent && i % 3 == 0) {
            d.formulations.push(alliance(&["us"]));
        }
    });
    let signals = run(&docs);
    let rare = of_kind(&signals, Kind::RareUse);
    assert!(
        rare.iter().any(|s| s.baseline["what"] == "burst"),
        "{rare:#?}"
    );
    assert!(
        rare.iter().any(|s| s.baseline["what"] == "silence"),
        "{rare:#?}"
    );
    // A single month's ordinary count raises nothing.
    assert!(rare.iter().all(|s| s.date > day("2022-06-01")), "{rare:#?}");
}

fn titled(person: &str, post: &str, lead: bool) -> TitleFact {
    TitleFact {
        person_id: person.to_lowercase().replace(' ', "-"),
        person: person.to_owned(),
        post: post.to_owned(),
        country: Some("dprk".to_owned()),
        has_org: true,
        role_kind: "post".to_owned(),
        lead,
        quote: format!("{person}, {post}"),
    }
}

#[test]
fn a_new_post_and_a_new_holder_and_a_vacancy() {
    // Ri is chief of staff every 4 days; from day 300 Hyon is; Pak is secretary throughout
    // and on day 310 signs as vice-chairman.
    let docs = daily("2021-01-01", 400, |i, d| {
        if i % 4 == 0 {
            let holder = if i < 300 {
                "Ri Yong Ho"
            } else {
                "Hyon Yong Chol"
            };
            d.titles
                .push(titled(holder, "chief of the General Staff", false));
        }
        if i % 6 == 0 {
            d.titles
                .push(titled("Pak Jong Chon", "secretary of the C.C.", false));
        }
        if i == 310 {
            d.titles
                .push(titled("Pak Jong Chon", "vice-chairman of the CMC", true));
        }
    });
    let signals = run(&docs);
    let change = of_kind(&signals, Kind::TitleChange);
    assert!(
        change
            .iter()
            .any(|s| s.subject == "Pak Jong Chon" && s.summary.contains("vice-chairman")),
        "{change:#?}"
    );
    let holder = of_kind(&signals, Kind::NewPostHolder);
    assert_eq!(holder.len(), 1, "{holder:#?}");
    assert_eq!(holder[0].baseline["previous_holder"], "Ri Yong Ho");
    assert_eq!(holder[0].date, day("2021-01-01") + Duration::days(300));
    // Ri is replaced, so no second vacancy is raised for him later.
    let vacated = of_kind(&signals, Kind::PostVacated);
    assert!(
        vacated.iter().all(|s| s.subject != "Ri Yong Ho"),
        "{vacated:#?}"
    );
}

#[test]
fn a_silence_in_a_post_is_a_vacancy_only_where_the_archive_covers_it() {
    let history = |hole: bool| {
        let mut docs = daily("2021-01-01", 500, |i, d| {
            if i < 200 && i % 3 == 0 {
                d.titles
                    .push(titled("Ri Yong Ho", "chief of the General Staff", false));
            }
        });
        if hole {
            // The archive lost days 210 to 400.
            docs.retain(|d| !(210..400).contains(&(d.published - day("2021-01-01")).num_days()));
        }
        docs
    };
    let covered = run(&history(false));
    let v = of_kind(&covered, Kind::PostVacated);
    assert_eq!(v.len(), 1, "{v:#?}");
    assert!(v[0].baseline["coverage"]
        .as_str()
        .unwrap()
        .contains("published on"));
    let holed = run(&history(true));
    assert!(
        of_kind(&holed, Kind::PostVacated).is_empty(),
        "raised across a hole in the archive"
    );
}

fn event(kind: &str, date: NaiveDate, phase: Option<&str>) -> EventFact {
    EventFact {
        kind: kind.to_owned(),
        date,
        dated: true,
        phase: phase.map(str::to_owned),
        people: Vec::new(),
        quote: format!("{kind} on {date}"),
    }
}

#[test]
fn an_activity_paused_around_a_summit_and_resumed() {
    let start = day("2024-05-01");
    let docs = daily("2024-05-01", 60, |i, d| {
        let today = start + Duration::days(i);
        if (0..20).contains(&i) && i % 2 == 0 {
            d.events.push(event("balloon-launch", today, None));
        }
        if i == 35 {
            d.events.push(event("summit", today, None));
        }
        if i == 50 {
            d.events.push(event("balloon-launch", today, None));
        }
    });
    let signals = run(&docs);
    let paused = of_kind(&signals, Kind::ActivityPaused);
    assert_eq!(paused.len(), 1, "{paused:#?}");
    assert!(
        paused[0].summary.contains("published on"),
        "states coverage: {}",
        paused[0].summary
    );
    let resumed = of_kind(&signals, Kind::ActivityResumed);
    assert_eq!(resumed.len(), 1, "{resumed:#?}");
    assert!(
        resumed[0].summary.contains("summit on 2024-06-05"),
        "{}",
        resumed[0].summary
    );

    // The same silence over a hole in the archive is no pause.
    let holed: Vec<DocFacts> = docs
        .iter()
        .filter(|d| !(22..45).contains(&(d.published - start).num_days()))
        .cloned()
        .collect();
    assert!(of_kind(&run(&holed), Kind::ActivityPaused).is_empty());
}

#[test]
fn an_announced_halt_is_a_pause_at_once() {
    let start = day("2024-05-01");
    let docs = daily("2024-05-01", 12, |i, d| {
        if i < 5 {
            d.events
                .push(event("balloon-launch", start + Duration::days(i), None));
        }
        if i == 6 {
            d.events.push(event(
                "balloon-launch",
                start + Duration::days(i),
                Some("halt"),
            ));
        }
    });
    let paused = run(&docs);
    let paused = of_kind(&paused, Kind::ActivityPaused);
    assert_eq!(paused.len(), 1);
    assert_eq!(paused[0].date, start + Duration::days(6));
    assert_eq!(paused[0].baseline["how"], "announced");
}

fn meeting(from: &str, agenda: &[&str], announced: Option<(&str, &str)>) -> MeetingFact {
    let (f, t) = announced.unwrap_or((from, from));
    MeetingFact {
        kind: "plenary".to_owned(),
        ordinal: None,
        enlarged: false,
        from: day(f),
        to: day(t),
        announced: announced.is_some(),
        agenda: agenda.iter().map(|a| a.to_string()).collect(),
        quote: "the plenary meeting".to_owned(),
    }
}

/// One document a day over `years`, with meetings and events on the given days.
fn calendar(from: &str, to: &str, on: &[(&str, DocFacts)]) -> Vec<DocFacts> {
    let (from, to) = (day(from), day(to));
    let mut docs = Vec::new();
    let mut d = from;
    while d <= to {
        match on.iter().find(|(x, _)| day(x) == d) {
            Some((_, f)) => docs.push(f.clone()),
            None => docs.push(doc(&format!("filler-{d}"), d)),
        }
        d += Duration::days(1);
    }
    docs
}

fn with_meeting(id: &str, published: &str, m: MeetingFact) -> DocFacts {
    let mut d = doc(id, day(published));
    d.meetings.push(m);
    d
}

/// A plenary meeting in June 2021, 2022 and 2023, each reported a few days later.
fn three_junes() -> Vec<(&'static str, DocFacts)> {
    vec![
        (
            "2021-06-18",
            with_meeting("m21", "2021-06-18", meeting("2021-06-15", &[], None)),
        ),
        (
            "2022-06-10",
            with_meeting("m22", "2022-06-10", meeting("2022-06-08", &[], None)),
        ),
        (
            "2023-06-18",
            with_meeting("m23", "2023-06-18", meeting("2023-06-16", &[], None)),
        ),
    ]
}

#[test]
fn a_yearly_meeting_is_expected_and_then_overdue() {
    let docs = calendar("2021-01-01", "2024-08-01", &three_junes());
    let signals = run(&docs);
    let expected = of_kind(&signals, Kind::MeetingExpected);
    let mut dates: Vec<NaiveDate> = expected.iter().map(|s| s.date).collect();
    dates.sort();
    assert_eq!(
        dates,
        vec![day("2023-06-01"), day("2024-06-01")],
        "{expected:#?}"
    );
    let overdue = of_kind(&signals, Kind::MeetingOverdue);
    assert_eq!(overdue.len(), 1, "{overdue:#?}");
    assert_eq!(overdue[0].date, day("2024-07-15"));
}

#[test]
fn an_announced_meeting_carries_its_precedents_and_one_held_early_is_early() {
    let mut on = three_junes();
    on.extend([
        (
            "2024-04-20",
            with_meeting(
                "call",
                "2024-04-20",
                meeting("2024-04-20", &[], Some(("2024-06-21", "2024-06-30"))),
            ),
        ),
        (
            "2024-05-12",
            with_meeting("m24", "2024-05-12", meeting("2024-05-10", &[], None)),
        ),
    ]);
    let docs = calendar("2021-01-01", "2024-07-30", &on);
    let signals = run(&docs);
    let expected: Vec<&Signal> = of_kind(&signals, Kind::MeetingExpected)
        .into_iter()
        .filter(|s| s.date.format("%Y").to_string() == "2024")
        .collect();
    assert_eq!(expected.len(), 1, "{expected:#?}");
    assert_eq!(expected[0].date, day("2024-04-20"));
    assert_eq!(expected[0].baseline["announced"], true);
    assert_eq!(
        expected[0].baseline["precedents"].as_array().unwrap().len(),
        3
    );
    let early = of_kind(&signals, Kind::MeetingEarly);
    assert_eq!(early.len(), 1, "{early:#?}");
    assert!(of_kind(&signals, Kind::MeetingOverdue).is_empty());
}

#[test]
fn a_meeting_on_a_topic_that_preceded_action_is_a_precedent_with_lags() {
    let mut launch = doc("icbm", day("2022-03-25"));
    launch
        .events
        .push(event("icbm-launch", day("2022-03-24"), None));
    let mut launch2 = doc("icbm2", day("2023-12-19"));
    launch2
        .events
        .push(event("icbm-launch", day("2023-12-18"), None));
    let docs = calendar(
        "2021-01-01",
        "2024-06-01",
        &[
            (
                "2022-01-20",
                with_meeting(
                    "pb6",
                    "2022-01-20",
                    meeting("2022-01-19", &["military"], None),
                ),
            ),
            ("2022-03-25", launch),
            (
                "2023-09-21",
                with_meeting(
                    "pb16",
                    "2023-09-21",
                    meeting("2023-09-20", &["military"], None),
                ),
            ),
            ("2023-12-19", launch2),
            (
                "2024-05-25",
                with_meeting(
                    "pb20",
                    "2024-05-25",
                    meeting("2024-05-24", &["military"], None),
                ),
            ),
        ],
    );
    let signals = run(&docs);
    let p: Vec<&Signal> = of_kind(&signals, Kind::Precedent)
        .into_iter()
        .filter(|s| s.date == day("2024-05-24"))
        .collect();
    assert_eq!(p.len(), 1, "{signals:#?}");
    let lags = p[0].baseline["lags"].as_array().unwrap();
    assert_eq!(lags[0]["lag_days"], 64);
    assert_eq!(lags[1]["lag_days"], 89);
    assert!(
        p[0].score > 0.5,
        "two of two, against a launch on 2 of 1240 days: {}",
        p[0].score
    );
}

#[test]
fn feeding_day_by_day_from_a_saved_state_equals_a_full_recompute() {
    let docs = daily("2021-01-01", 900, |i, d| {
        if i % 5 == 0 {
            d.formulations.push(alliance(&["us"]));
        }
        if i % 3 == 0 {
            d.countries.push("russia".to_owned());
            d.titles
                .push(titled("Ri Yong Ho", "chief of the General Staff", false));
        }
        if i == 850 {
            d.formulations.push(alliance(&["russia"]));
        }
    });
    let pack = pack();
    let (full, _) = recompute(&pack, Config::default(), &docs);
    // Stop after day 600, save the state as JSON, resume in a new engine.
    let mut engine = Engine::new(&pack, Config::default());
    let mut out = Vec::new();
    for d in &docs[..600] {
        out.extend(
            engine
                .feed_day(d.published, std::slice::from_ref(d))
                .unwrap(),
        );
    }
    let saved = serde_json::to_vec(engine.state()).unwrap();
    let mut engine = Engine::resume(
        &pack,
        Config::default(),
        serde_json::from_slice(&saved).unwrap(),
    );
    for d in &docs[600..] {
        out.extend(
            engine
                .feed_day(d.published, std::slice::from_ref(d))
                .unwrap(),
        );
    }
    readout_signals::rank(&mut out);
    assert!(!full.is_empty());
    assert_eq!(out, full);
    // A day already fed is refused: the caller must recompute.
    assert!(engine.feed_day(day("2021-01-05"), &[]).is_err());
}
