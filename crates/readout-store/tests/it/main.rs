//! The store's contract: what an analyst relies on when finding statements again.

use chrono::NaiveDate;
use readout_core::{query, Audience, DocId, Document, Published};
use readout_store::{
    InsertOutcome, NewDocument, SearchFilter, Store, HIGHLIGHT_END, HIGHLIGHT_START,
};

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn doc(outlet: &str, published: &str, title: &str, body: &str) -> Document {
    let hash = readout_core::normalize::content_hash(title, body);
    Document {
        id: DocId::from_content_hash(&hash),
        outlet: outlet.into(),
        published: Published::on(date(published)),
        title: title.into(),
        body: body.into(),
        url: None,
        lang: Some("en".into()),
        section: None,
        audience: Audience::External,
        attribution: None,
    }
}

fn insert(store: &mut Store, docs: &[Document]) -> Vec<InsertOutcome> {
    let items: Vec<NewDocument> = docs
        .iter()
        .enumerate()
        .map(|(i, d)| NewDocument::new(d, "test.jsonl", i as u64 + 1))
        .collect();
    store.insert_batch(&items).unwrap()
}

fn search_ids(store: &Store, q: &str, filter: SearchFilter) -> Vec<String> {
    let q = query::parse(q).unwrap();
    store
        .search(&q, &filter)
        .unwrap()
        .hits
        .into_iter()
        .map(|h| h.title)
        .collect()
}

fn corpus() -> Vec<Document> {
    vec![
        doc("KCNA", "2023-06-19", "plenary 2023", "The Eighth Enlarged Plenary Meeting of the Central Committee closed."),
        doc("KCNA", "2024-07-02", "plenary 2024", "The enlarged meeting of the Tenth Plenary Meeting of the Central Committee closed."),
        doc("Rodong Sinmun", "2024-06-20", "treaty", "The Treaty on Comprehensive Strategic Partnership was signed; the leader spoke of an alliance."),
        doc("KCNA", "2022-01-20", "politburo", "The meeting reviewed the plenary work and the central committee tasks, not a meeting of the plenary."),
        doc("KCNA", "2021-06-19", "plenary 2021", "The Third Plenary Meeting of the 8th Central Committee of the Workers\u{2019} Party of Korea closed."),
    ]
}

#[test]
fn quoted_phrase_returns_exactly_the_documents_containing_it_newest_first() {
    let mut store = Store::open_in_memory().unwrap();
    insert(&mut store, &corpus());
    // "politburo" holds every word of the phrase, but not next to each other.
    assert_eq!(
        search_ids(
            &store,
            "\"plenary meeting of the central committee\"",
            SearchFilter::default()
        ),
        ["plenary 2024", "plenary 2023"]
    );
    // Typographic apostrophes match typed ones.
    assert_eq!(
        search_ids(
            &store,
            "\"Workers' Party of Korea\"",
            SearchFilter::default()
        ),
        ["plenary 2021"]
    );
}

#[test]
fn boolean_operators_combine_terms() {
    let mut store = Store::open_in_memory().unwrap();
    insert(&mut store, &corpus());
    assert_eq!(
        search_ids(&store, "treaty OR politburo", SearchFilter::default()),
        ["treaty", "politburo"]
    );
    assert_eq!(
        search_ids(&store, "plenary -enlarged", SearchFilter::default()),
        ["politburo", "plenary 2021"]
    );
    assert_eq!(
        search_ids(&store, "alliance partnership", SearchFilter::default()),
        ["treaty"]
    );
    assert_eq!(
        search_ids(&store, "allian*", SearchFilter::default()),
        ["treaty"]
    );
}

#[test]
fn date_and_outlet_filters_narrow_results() {
    let mut store = Store::open_in_memory().unwrap();
    insert(&mut store, &corpus());
    let since_2023 = SearchFilter {
        from: Some(date("2023-01-01")),
        to: Some(date("2023-12-31")),
        ..Default::default()
    };
    assert_eq!(search_ids(&store, "plenary", since_2023), ["plenary 2023"]);
    let rodong = SearchFilter {
        outlet: Some("rodong sinmun".into()),
        ..Default::default()
    };
    assert_eq!(search_ids(&store, "central OR treaty", rodong), ["treaty"]);
    let limited = SearchFilter {
        limit: 1,
        ..Default::default()
    };
    let q = query::parse("plenary").unwrap();
    let r = store.search(&q, &limited).unwrap();
    assert_eq!((r.total, r.hits.len()), (4, 1));
}

#[test]
fn snippets_highlight_the_match() {
    let mut store = Store::open_in_memory().unwrap();
    insert(&mut store, &corpus());
    let q = query::parse("\"comprehensive strategic partnership\"").unwrap();
    let hit = &store.search(&q, &SearchFilter::default()).unwrap().hits[0];
    assert!(
        hit.snippet.contains(&format!(
            "{HIGHLIGHT_START}Comprehensive Strategic Partnership{HIGHLIGHT_END}"
        )),
        "{:?}",
        hit.snippet
    );
}

#[test]
fn exact_duplicates_are_stored_once_with_every_location() {
    let mut store = Store::open_in_memory().unwrap();
    let a = doc("KCNA", "2024-06-20", "Treaty", "Text of the treaty.");
    let mut b = doc(
        "Pyongyang Times",
        "2024-06-21",
        "TREATY",
        "Text  of the treaty.",
    );
    b.id = a.id.clone();
    let items = [
        NewDocument::new(&a, "a.jsonl", 1),
        NewDocument::new(&b, "b.jsonl", 7),
    ];
    let out = store.insert_batch(&items).unwrap();
    assert_eq!(out[1], InsertOutcome::ExactDuplicate { of: a.id.clone() });
    let stored = store.document(a.id.as_str()).unwrap().unwrap();
    let places: Vec<(&str, u64, &str)> = stored
        .sightings
        .iter()
        .map(|s| (s.source.as_str(), s.line, s.outlet.as_str()))
        .collect();
    assert_eq!(
        places,
        [("a.jsonl", 1, "KCNA"), ("b.jsonl", 7, "Pyongyang Times")]
    );
    let stats = store.stats().unwrap();
    assert_eq!((stats.documents, stats.exact_duplicates), (1, 1));
}

#[test]
fn inserting_the_same_batch_twice_changes_nothing() {
    let mut store = Store::open_in_memory().unwrap();
    insert(&mut store, &corpus());
    let before = store.stats().unwrap();
    let again = insert(&mut store, &corpus());
    assert!(
        again.iter().all(|o| *o == InsertOutcome::AlreadyStored),
        "{again:?}"
    );
    assert_eq!(store.stats().unwrap(), before);
}

#[test]
fn a_given_id_taken_by_other_text_is_a_conflict_and_stores_nothing() {
    let mut store = Store::open_in_memory().unwrap();
    let mut a = doc("KCNA", "2024-06-20", "A", "first text");
    let mut b = doc("KCNA", "2024-06-21", "B", "second text");
    a.id = DocId::parse("same-id").unwrap();
    b.id = a.id.clone();
    let out = insert(&mut store, &[a, b]);
    assert_eq!(
        out[1],
        InsertOutcome::IdConflict {
            id: DocId::parse("same-id").unwrap()
        }
    );
    assert_eq!(store.stats().unwrap().documents, 1);
    assert_eq!(store.document("same-id").unwrap().unwrap().doc.title, "A");
}

const STATEMENT: &str = "The vice-minister of National Defence said in a press statement that the \
    launches of balloons toward the border area would be halted for now, because the other side had \
    been given a sufficient experience of how unpleasant it is, but that they would be resumed at \
    once and on a scale many times larger if the leaflets were sent again across the line. \
    He added that the army had prepared its counter-measures in detail and that the units on the \
    front line had been ordered to stand ready, and he warned that any provocation along the border \
    in the coming weeks would be answered without delay and in full, as the statement of the \
    previous week had already made clear to the authorities on the other side of the line.";

#[test]
fn near_duplicates_are_linked_to_the_earlier_document() {
    let mut store = Store::open_in_memory().unwrap();
    let original = doc("KCNA", "2024-06-02", "Press statement", STATEMENT);
    let copy = doc(
        "Pyongyang Times",
        "2024-06-03",
        "Statement of vice-minister",
        &STATEMENT
            .replace("for now", "for the time being")
            .replace("at once", "immediately"),
    );
    let unrelated = doc(
        "KCNA",
        "2024-06-03",
        "Farm",
        &STATEMENT.split(' ').rev().collect::<Vec<_>>().join(" "),
    );
    let out = insert(
        &mut store,
        &[original.clone(), copy.clone(), unrelated.clone()],
    );
    match &out[1] {
        InsertOutcome::New {
            near_duplicate_of: Some((id, sim)),
        } => {
            assert_eq!(id, &original.id);
            assert!(*sim >= 0.8, "{sim}");
        }
        other => panic!("copy not linked: {other:?}"),
    }
    assert_eq!(
        out[2],
        InsertOutcome::New {
            near_duplicate_of: None
        }
    );
    let shown = store.document(original.id.as_str()).unwrap().unwrap();
    assert_eq!(shown.near_duplicates.len(), 1);
    assert_eq!(shown.near_duplicates[0].id, copy.id);
    assert_eq!(store.stats().unwrap().near_duplicates, 1);
}

#[test]
fn coverage_counts_documents_per_outlet_and_day() {
    let mut store = Store::open_in_memory().unwrap();
    insert(
        &mut store,
        &[
            doc("KCNA", "2024-06-01", "a", "one"),
            doc("KCNA", "2024-06-01", "b", "two"),
            doc("KCNA", "2024-06-03", "c", "three"),
            doc("TASS", "2024-06-02", "d", "four"),
        ],
    );
    let days: Vec<(String, String, u64)> = store
        .coverage(Some("kcna"), None, None)
        .unwrap()
        .into_iter()
        .map(|d| (d.outlet, d.date.to_string(), d.documents))
        .collect();
    assert_eq!(
        days,
        [
            ("KCNA".into(), "2024-06-01".into(), 2),
            ("KCNA".into(), "2024-06-03".into(), 1)
        ]
    );
    assert_eq!(
        store
            .coverage(None, Some(date("2024-06-02")), Some(date("2024-06-02")))
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn ids_resolve_by_unique_prefix() {
    let mut store = Store::open_in_memory().unwrap();
    let d = doc("KCNA", "2024-06-01", "a", "one");
    insert(&mut store, std::slice::from_ref(&d));
    let prefix = &d.id.as_str()[..6];
    assert_eq!(store.document(prefix).unwrap().unwrap().doc.id, d.id);
    assert!(store.document("zzzz").unwrap().is_none());
}

#[test]
fn store_file_reopens_at_current_schema_and_refuses_newer_ones() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.db");
    {
        let mut store = Store::open(&path).unwrap();
        insert(&mut store, &corpus());
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), 3);
    assert_eq!(store.stats().unwrap().documents, 5);
    assert!(store.check().unwrap().is_empty());
    drop(store);
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.pragma_update(None, "user_version", 99).unwrap();
    drop(conn);
    let err = Store::open(&path).unwrap_err().to_string();
    assert!(err.contains("schema version 99"), "{err}");
}

#[test]
fn hostile_text_is_stored_verbatim_and_never_read_as_query_syntax() {
    let mut store = Store::open_in_memory().unwrap();
    insert(
        &mut store,
        &[doc(
            "KCNA",
            "2024-06-01",
            "x'); DROP TABLE documents;--",
            "NEAR(a b) \"quoted\" body*",
        )],
    );
    for q in ["\"DROP TABLE\"", "NEAR", "body*", "x DROP documents"] {
        let parsed = query::parse(q).unwrap();
        assert_eq!(
            store
                .search(&parsed, &SearchFilter::default())
                .unwrap()
                .total,
            1,
            "{q}"
        );
    }
    assert_eq!(store.stats().unwrap().documents, 1);
}

#[test]
fn near_duplicate_links_do_not_depend_on_batch_boundaries() {
    let original = doc("KCNA", "2024-06-02", "Press statement", STATEMENT);
    let copy = doc(
        "Pyongyang Times",
        "2024-06-03",
        "Statement",
        &STATEMENT.replace("for now", "for the time being"),
    );
    let copy_of_copy = doc(
        "Minju Joson",
        "2024-06-04",
        "Statement again",
        &STATEMENT
            .replace("for now", "for the time being")
            .replace("at once", "immediately"),
    );
    let docs = [original, copy, copy_of_copy];
    let links = |batches: &[&[Document]]| {
        let mut store = Store::open_in_memory().unwrap();
        let mut out = Vec::new();
        for b in batches {
            out.extend(insert(&mut store, b));
        }
        out
    };
    let one_batch = links(&[&docs]);
    let one_by_one = links(&[&docs[..1], &docs[1..2], &docs[2..]]);
    assert_eq!(one_batch, one_by_one);
    assert!(
        matches!(&one_batch[2], InsertOutcome::New { near_duplicate_of: Some((id, _)) } if *id == docs[1].id)
    );
}
