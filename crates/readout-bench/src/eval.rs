//! `extract-eval`: precision, recall and F1 of the extractor on the hand-labelled
//! KCNA 2011-2012 set, for the whole set and per stratum.

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::Instant;

use readout_core::pack::Pack;
use readout_extract::{DocInput, EntityType, Extraction, Extractor, Field};

use crate::data::{self, Row};
use crate::labels::{self, LabelDoc};
use crate::orgs::{OrgKey, OrgResolver};
use crate::score::{pair, Counts, Goal, Matching};
use crate::spacy;
use crate::spinner::{OffsetMap, SpinConfig, SpinWith, Spinner};
use crate::strata::{self, Group};

/// The goal for persons+titles and for organisations.
const GOAL: Goal = Goal {
    precision: 0.95,
    recall: 0.90,
};

#[derive(Debug, clap::Args)]
#[command(after_help = "Example (from the repository root):\n  \
    cargo run --release -p readout-bench -- extract-eval --show-errors 10\n  \
    readout-bench extract-eval --spacy-json /tmp/spacy.json")]
pub struct Args {
    /// The hand labels (JSON Lines, one document a line)
    #[arg(long, default_value = "eval/kcna-2011-2012/labels.jsonl")]
    labels: PathBuf,
    /// The data file the labels' `line` numbers point into
    #[arg(long, default_value = "../shared/data/kcna-2011-2012.jsonl.gz")]
    data: PathBuf,
    /// The pack the extractor is built from
    #[arg(long, default_value = "packs/dprk-russia")]
    pack: PathBuf,
    /// Print the first N false positives and false negatives of each kind, in
    /// context, to stderr
    #[arg(long, value_name = "N", default_value_t = 0)]
    show_errors: usize,
    /// Figures of the spaCy baseline (bench/spacy/ner_baseline.py) to print beside ours
    #[arg(long, value_name = "FILE")]
    spacy_json: Option<PathBuf>,
    /// Also score the labelled documents spun (the labels follow the spin),
    /// and print recall on spun text against recall on the originals, both
    /// read by an extractor that does not know the spinner's thesaurus
    #[arg(long)]
    spin: bool,
    /// The spinner's thesaurus (with --spin)
    #[arg(long, value_enum, default_value_t = SpinWith::Moby)]
    spinner: SpinWith,
    /// The spinner's chance of replacing a word with synonyms (with --spin)
    #[arg(long, default_value_t = 0.5)]
    spin_rate: f64,
    /// The spinner's seed (with --spin)
    #[arg(long, default_value_t = 1)]
    spin_seed: u64,
    /// Spin every document this many times, with seeds from --spin-seed on,
    /// and pool the counts (with --spin): one spin of a few dozen documents
    /// moves the ratio by a few points from seed to seed. Errors are shown
    /// and spun documents written for the first seed only
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u64).range(1..=1000))]
    spin_seeds: u64,
    /// Spare capitalised words when spinning (with --spin)
    #[arg(long)]
    keep_capitalized: bool,
    /// Write the spun documents to FILE (with --spin) as JSON Lines (id from
    /// the label file's `line`, outlet, published, title, body, and whether
    /// the extractor marked each spun), to read them or run `readout extract`
    /// on them
    #[arg(long, value_name = "FILE", requires = "spin")]
    write_spun: Option<PathBuf>,
}

/// The counts behind every row of the table.
#[derive(Debug, Clone, Copy, Default)]
struct Scores {
    persons: Counts,
    persons_overlap: Counts,
    titles: Counts,
    titles_role: Counts,
    orgs: Counts,
    orgs_entity: Counts,
}

impl std::ops::AddAssign for Scores {
    fn add_assign(&mut self, o: Scores) {
        self.persons += o.persons;
        self.persons_overlap += o.persons_overlap;
        self.titles += o.titles;
        self.titles_role += o.titles_role;
        self.orgs += o.orgs;
        self.orgs_entity += o.orgs_entity;
    }
}

impl Scores {
    /// Table rows: name, counts, goal.
    fn rows(&self) -> [(&'static str, Counts, Option<Goal>); 7] {
        [
            ("persons (exact span)", self.persons, None),
            ("persons (overlapping span)", self.persons_overlap, None),
            ("titles (person, role, org, country)", self.titles, None),
            ("titles (person, role)", self.titles_role, None),
            ("persons+titles", self.persons + self.titles, Some(GOAL)),
            ("organisations (exact span)", self.orgs, Some(GOAL)),
            ("organisations+entity", self.orgs_entity, None),
        ]
    }
}

fn print_table(heading: &str, s: &Scores) {
    println!("\n{heading}");
    println!(
        "  {:<37} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6}  goal",
        "", "gold", "pred", "match", "P", "R", "F1"
    );
    for (name, c, goal) in s.rows() {
        let goal = goal.map_or(String::new(), |g| {
            format!(
                "P >= {:.2}, R >= {:.2}: {}",
                g.precision,
                g.recall,
                if g.met(&c) { "met" } else { "not met" }
            )
        });
        println!(
            "  {name:<37} {:>6} {:>6} {:>6} {:>6.3} {:>6.3} {:>6.3}  {goal}",
            c.gold,
            c.pred,
            c.matched,
            c.precision(),
            c.recall(),
            c.f1()
        );
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Span {
    field: Field,
    start: usize,
    end: usize,
}

impl Span {
    fn overlaps(&self, o: &Span) -> bool {
        self.field == o.field && self.start < o.end && o.start < self.end
    }
}

/// Lower case, hyphens as spaces, single spaces: "Vice-Chairman" is "vice chairman".
fn normalize_role(role: &str) -> String {
    role.to_lowercase()
        .replace('-', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A predicted role in the labels' scheme. The labels give a posthumous title
/// the post it honours ("eternal general secretary" is "general secretary",
/// README "Titles"); the pack keeps posthumous roles apart, so that signals do
/// not read them as live posts.
fn labelled_role(role: &str, posthumous: bool) -> String {
    let role = normalize_role(role);
    match role.strip_prefix("eternal ") {
        Some(post) if posthumous => post.to_owned(),
        _ => role,
    }
}

/// A title, gold or predicted, reduced to what is compared.
#[derive(Debug)]
struct TitleItem {
    /// The person mention's span; a predicted title whose mention index is
    /// out of range has none and matches nothing.
    person: Option<Span>,
    role: String,
    org: Option<OrgKey>,
    country: Option<String>,
    /// For error listings: role, organisation and country as written.
    shown: String,
}

/// An organisation mention, gold or predicted.
#[derive(Debug)]
struct OrgItem {
    span: Span,
    key: OrgKey,
    name: String,
}

/// The first N errors of one kind, and how many there were.
#[derive(Debug, Default)]
struct Errors {
    false_pos: Vec<String>,
    false_neg: Vec<String>,
    n_false_pos: usize,
    n_false_neg: usize,
}

/// Errors of every kind, kept only when asked for.
#[derive(Debug)]
struct ErrorLog {
    limit: usize,
    /// Name, errors, and whether the kind lists mismatched pairs rather than
    /// false positives and negatives.
    kinds: [(&'static str, Errors, bool); 4],
}

const PERSONS: usize = 0;
const TITLES: usize = 1;
const ORGS: usize = 2;
const ORG_ENTITIES: usize = 3;

impl ErrorLog {
    fn new(limit: usize) -> ErrorLog {
        ErrorLog {
            limit,
            kinds: [
                ("persons (exact span)", Errors::default(), false),
                (
                    "titles (person, role, org, country)",
                    Errors::default(),
                    false,
                ),
                ("organisations (exact span)", Errors::default(), false),
                (
                    "organisations: span right, entity wrong",
                    Errors::default(),
                    true,
                ),
            ],
        }
    }

    fn false_pos(&mut self, kind: usize, entry: impl FnOnce() -> String) {
        let e = &mut self.kinds[kind].1;
        e.n_false_pos += 1;
        if e.false_pos.len() < self.limit {
            e.false_pos.push(entry());
        }
    }

    fn false_neg(&mut self, kind: usize, entry: impl FnOnce() -> String) {
        let e = &mut self.kinds[kind].1;
        e.n_false_neg += 1;
        if e.false_neg.len() < self.limit {
            e.false_neg.push(entry());
        }
    }

    fn print(&self) {
        if self.limit == 0 {
            return;
        }
        for (name, e, mismatches) in &self.kinds {
            let what = if *mismatches {
                "mismatches"
            } else {
                "false positives"
            };
            eprintln!(
                "\n== {name}: {what} (first {} of {})",
                e.false_pos.len(),
                e.n_false_pos
            );
            for s in &e.false_pos {
                eprintln!("  {s}");
            }
            if *mismatches {
                continue;
            }
            eprintln!(
                "== {name}: false negatives (first {} of {})",
                e.false_neg.len(),
                e.n_false_neg
            );
            for s in &e.false_neg {
                eprintln!("  {s}");
            }
        }
    }
}

/// One document's text, for context in error listings.
struct DocText<'a> {
    line: usize,
    title: &'a str,
    body: &'a str,
}

impl DocText<'_> {
    /// "line 123 body 10-21 «… before [span] after …»", on one line.
    fn at(&self, s: Span) -> String {
        let text = match s.field {
            Field::Title => self.title,
            Field::Body => self.body,
        };
        let field = match s.field {
            Field::Title => "title",
            Field::Body => "body",
        };
        let (start, end) = (s.start.min(text.len()), s.end.min(text.len()));
        let mut a = start.saturating_sub(50);
        while !text.is_char_boundary(a) {
            a -= 1;
        }
        let mut b = (end + 50).min(text.len());
        while !text.is_char_boundary(b) {
            b += 1;
        }
        let flat = |s: &str| s.replace('\n', " / ");
        let piece = |x: usize, y: usize| text.get(x..y).map_or_else(|| "?".to_owned(), flat);
        format!(
            "line {} {field} {}-{} «…{}[{}]{}…»",
            self.line,
            s.start,
            s.end,
            piece(a, start),
            piece(start, end),
            piece(end, b)
        )
    }
}

/// Scores one document's extraction against its labels.
fn score_doc(
    doc: &LabelDoc,
    text: &DocText<'_>,
    ex: &Extraction,
    orgs: &OrgResolver<'_>,
    log: &mut ErrorLog,
) -> Scores {
    let span_of = |m: &readout_extract::Mention| Span {
        field: m.field,
        start: m.start,
        end: m.end,
    };

    // Persons.
    let gold_persons: Vec<Span> = doc
        .persons
        .iter()
        .map(|p| Span {
            field: p.field.into(),
            start: p.start,
            end: p.end,
        })
        .collect();
    let pred_persons: Vec<(Span, &str)> = ex
        .mentions
        .iter()
        .filter(|m| m.kind == EntityType::Person)
        .map(|m| (span_of(m), m.entity.as_str()))
        .collect();
    let exact = pair(&gold_persons, &pred_persons, |g, p| *g == p.0);
    let overlap = pair(&gold_persons, &pred_persons, |g, p| g.overlaps(&p.0));
    for i in exact.false_positives() {
        let (s, entity) = pred_persons[i];
        log.false_pos(PERSONS, || format!("{} ({entity})", text.at(s)));
    }
    for i in exact.false_negatives() {
        log.false_neg(PERSONS, || {
            format!("{} ({})", text.at(gold_persons[i]), doc.persons[i].person)
        });
    }

    // Titles.
    let gold_titles: Vec<TitleItem> = doc
        .persons
        .iter()
        .zip(&gold_persons)
        .flat_map(|(p, span)| {
            p.titles.iter().map(move |t| {
                let org = (!t.organization.is_empty())
                    .then(|| orgs.resolve_name(&t.organization, Some(&t.country)));
                TitleItem {
                    person: Some(*span),
                    role: normalize_role(&t.role),
                    org,
                    country: Some(orgs.country(&t.country).to_owned()),
                    shown: format!(
                        "{} | {} | {}",
                        t.role,
                        if t.organization.is_empty() {
                            "-"
                        } else {
                            &t.organization
                        },
                        t.country
                    ),
                }
            })
        })
        .collect();
    let pred_titles: Vec<TitleItem> = ex
        .titles
        .iter()
        .map(|t| TitleItem {
            person: ex.mentions.get(t.mention).map(span_of),
            role: labelled_role(
                &t.role,
                orgs.pack
                    .roles
                    .iter()
                    .any(|r| r.name == t.role && r.posthumous),
            ),
            org: orgs.resolve_predicted(
                t.organization_id.as_deref(),
                t.organization.as_deref(),
                t.country.as_deref(),
            ),
            country: t.country.as_deref().map(|c| orgs.country(c).to_owned()),
            shown: format!(
                "{} | {} | {} (\"{}\")",
                t.role,
                t.organization.as_deref().unwrap_or("-"),
                t.country.as_deref().unwrap_or("-"),
                t.surface
            ),
        })
        .collect();
    let same_person = |g: &TitleItem, p: &TitleItem| g.person.is_some() && g.person == p.person;
    let titles = pair(&gold_titles, &pred_titles, |g, p| {
        same_person(g, p) && g.role == p.role && g.org == p.org && g.country == p.country
    });
    let titles_role = pair(&gold_titles, &pred_titles, |g, p| {
        same_person(g, p) && g.role == p.role
    });
    let key = |k: &Option<OrgKey>| k.as_ref().map_or("-".to_owned(), |k| k.to_string());
    for i in titles.false_positives() {
        let t = &pred_titles[i];
        log.false_pos(TITLES, || {
            let at = t
                .person
                .map_or("(no such mention)".to_owned(), |s| text.at(s));
            format!("{at}: {} -> {}", t.shown, key(&t.org))
        });
    }
    for i in titles.false_negatives() {
        let g = &gold_titles[i];
        log.false_neg(TITLES, || {
            let on_span: Vec<String> = pred_titles
                .iter()
                .filter(|p| same_person(g, p))
                .map(|p| format!("{} -> {}", p.shown, key(&p.org)))
                .collect();
            format!(
                "{}: gold {} -> {}; predicted on this person: {}",
                g.person.map_or(String::new(), |s| text.at(s)),
                g.shown,
                key(&g.org),
                if on_span.is_empty() {
                    "none".to_owned()
                } else {
                    on_span.join("; ")
                }
            )
        });
    }

    // Organisations.
    let gold_orgs: Vec<OrgItem> = doc
        .organizations
        .iter()
        .map(|o| OrgItem {
            span: Span {
                field: o.field.into(),
                start: o.start,
                end: o.end,
            },
            key: orgs.resolve_name(&o.organization, Some(&o.country)),
            name: o.organization.clone(),
        })
        .collect();
    let pred_orgs: Vec<OrgItem> = ex
        .mentions
        .iter()
        .filter(|m| m.kind == EntityType::Organization)
        .map(|m| OrgItem {
            span: span_of(m),
            key: orgs
                .resolve_predicted(Some(&m.entity), Some(&m.name), m.country.as_deref())
                .unwrap_or_else(|| OrgKey::Name(String::new())),
            name: m.name.clone(),
        })
        .collect();
    let org_spans = pair(&gold_orgs, &pred_orgs, |g, p| g.span == p.span);
    let org_entities = pair(&gold_orgs, &pred_orgs, |g, p| {
        g.span == p.span && g.key == p.key
    });
    for i in org_spans.false_positives() {
        let p = &pred_orgs[i];
        log.false_pos(ORGS, || {
            format!("{} ({} -> {})", text.at(p.span), p.name, p.key)
        });
    }
    for i in org_spans.false_negatives() {
        let g = &gold_orgs[i];
        log.false_neg(ORGS, || {
            format!("{} ({} -> {})", text.at(g.span), g.name, g.key)
        });
    }
    for (i, g) in org_spans.pred_to_gold.iter().enumerate() {
        let Some(g) = *g else { continue };
        let (g, p) = (&gold_orgs[g], &pred_orgs[i]);
        if g.key != p.key {
            log.false_pos(ORG_ENTITIES, || {
                format!(
                    "{}: gold {} -> {}, predicted {} -> {}",
                    text.at(g.span),
                    g.name,
                    g.key,
                    p.name,
                    p.key
                )
            });
        }
    }

    let counts = |m: &Matching| m.counts();
    Scores {
        persons: counts(&exact),
        persons_overlap: counts(&overlap),
        titles: counts(&titles),
        titles_role: counts(&titles_role),
        orgs: counts(&org_spans),
        orgs_entity: counts(&org_entities),
    }
}

/// The labels of a document, moved to where a spin put their text.
fn spun_labels(doc: &LabelDoc, title: &OffsetMap, body: &OffsetMap) -> LabelDoc {
    let map = |f: labels::LabelField| match f {
        labels::LabelField::Title => title,
        labels::LabelField::Body => body,
    };
    let mut out = doc.clone();
    for p in &mut out.persons {
        let m = map(p.field);
        (p.start, p.end) = m.range(p.start, p.end);
        for t in &mut p.titles {
            (t.start, t.end) = m.range(t.start, t.end);
        }
    }
    for o in &mut out.organizations {
        (o.start, o.end) = map(o.field).range(o.start, o.end);
    }
    out
}

/// Scores the labelled documents spun, and prints recall on spun text
/// beside recall on the originals, both read by an extractor that does not
/// know the spinner's thesaurus.
fn spun_scores(
    args: &Args,
    pack: &Pack,
    rows: &[Row],
    docs: &[LabelDoc],
    orgs: &OrgResolver<'_>,
) -> anyhow::Result<()> {
    let mut written = data::SpunWriter::create(args.write_spun.as_deref())?;
    let held_out = args.spinner.held_out();
    let extractor = Extractor::with_thesauri(pack, held_out.thesauri());
    let thesaurus = args.spinner.thesaurus();
    let mut log = ErrorLog::new(args.show_errors);
    let mut original = Scores::default();
    let mut original_marked = 0;
    for doc in docs {
        let row = &rows[doc.line];
        let ex = extractor.extract(&input(pack, row));
        let text = DocText {
            line: doc.line,
            title: row.title_text(),
            body: row.body_text(),
        };
        original_marked += usize::from(ex.spun.likely);
        original += score_doc(doc, &text, &ex, orgs, &mut ErrorLog::new(0));
    }
    // Each seed's scores, pooled after.
    let end = args
        .spin_seed
        .checked_add(args.spin_seeds)
        .ok_or_else(|| anyhow::anyhow!("--spin-seed plus --spin-seeds passes the largest seed"))?;
    let seeds = args.spin_seed..end;
    let mut per_seed: Vec<Scores> = Vec::new();
    let mut marked = 0;
    for seed in seeds.clone() {
        let first = seed == args.spin_seed;
        let mut spinner = Spinner::new(
            &thesaurus,
            SpinConfig {
                rate: args.spin_rate,
                seed,
                keep_capitalized: args.keep_capitalized,
            },
        );
        let mut scores = Scores::default();
        for doc in docs {
            let row = &rows[doc.line];
            let (title, _, title_map) = spinner.spin_mapped(row.title_text());
            let (body, _, body_map) = spinner.spin_mapped(row.body_text());
            let labels = spun_labels(doc, &title_map, &body_map);
            let ex = extractor.extract(&DocInput {
                title: &title,
                body: &body,
                outlet_country: data::outlet_country(pack, row.outlet.as_deref()),
                published: row.date(),
            });
            let text = DocText {
                line: doc.line,
                title: &title,
                body: &body,
            };
            marked += usize::from(ex.spun.likely);
            let mut quiet = ErrorLog::new(0);
            scores += score_doc(
                &labels,
                &text,
                &ex,
                orgs,
                if first { &mut log } else { &mut quiet },
            );
            if first {
                written.write(
                    &format!("line-{}", doc.line),
                    row,
                    &title,
                    &body,
                    ex.spun.likely,
                )?;
            }
        }
        per_seed.push(scores);
    }
    written.finish()?;
    let mut spun = Scores::default();
    for s in &per_seed {
        spun += *s;
    }
    let spins = per_seed.len();
    let seed_note = if spins == 1 {
        format!("seed {}", args.spin_seed)
    } else {
        format!("seeds {} to {} pooled", seeds.start, seeds.end - 1)
    };
    print_table(
        &format!(
            "spun: the same {} documents, {} thesaurus (the extractor knows only {}), rate {}, {seed_note}{}",
            docs.len(),
            args.spinner.name(),
            args.spinner.other_name(),
            args.spin_rate,
            if args.keep_capitalized {
                ", capitalised words kept"
            } else {
                ""
            }
        ),
        &spun,
    );
    print!("\n  ");
    crate::spin::thesaurus_reach(pack, &extractor, &thesaurus).print();
    let n = docs.len();
    println!(
        "  marked likely spun: {marked} of {} spun documents, {original_marked} of {n} originals",
        n * spins
    );
    println!("\n  recall on spun text against recall on the originals (goal: ratio >= 0.90)");
    // Entities are the people and bodies named; a title is what links them.
    let entities = |s: &Scores| s.persons + s.orgs;
    let together = |s: &Scores| s.persons + s.titles + s.orgs;
    // The original is scored once; pooled spins are set against as many
    // copies of it, which leaves its recall as it is.
    let ratio = |o: Counts, x: Counts| {
        if o.recall() > 0.0 {
            x.recall() / o.recall()
        } else {
            0.0
        }
    };
    for (name, o, x) in [
        ("persons (exact span)", original.persons, spun.persons),
        (
            "titles (person, role, org, country)",
            original.titles,
            spun.titles,
        ),
        ("organisations (exact span)", original.orgs, spun.orgs),
        (
            "entities (persons, organisations)",
            entities(&original),
            entities(&spun),
        ),
        ("all three", together(&original), together(&spun)),
    ] {
        let ratio = ratio(o, x);
        println!(
            "  {name:<37} original {:.3}  spun {:.3}  ratio {ratio:.3}{}",
            o.recall(),
            x.recall(),
            if ratio >= 0.9 { "  met" } else { "  not met" }
        );
    }
    if spins > 1 {
        // The spread from seed to seed, for the entities.
        let mut each: Vec<f64> = per_seed
            .iter()
            .map(|s| ratio(entities(&original), entities(s)))
            .collect();
        each.sort_by(f64::total_cmp);
        let below = each.iter().filter(|r| **r < 0.9).count();
        println!(
            "  entities, one seed at a time: lowest {:.3}, median {:.3}, highest {:.3}; below 0.90 at {below} of {spins} seeds",
            each[0],
            each[spins / 2],
            each[spins - 1]
        );
    }
    if args.show_errors > 0 {
        eprintln!("\n== errors on the spun text");
        log.print();
    }
    Ok(())
}

/// The document as ingest would give it: its outlet's country from the pack.
fn input<'a>(pack: &'a Pack, row: &'a Row) -> DocInput<'a> {
    DocInput {
        title: row.title_text(),
        body: row.body_text(),
        outlet_country: data::outlet_country(pack, row.outlet.as_deref()),
        published: row.date(),
    }
}

/// Single-threaded extraction throughput over these documents, in MB/s: the
/// documents are run through as many times as it takes to fill a second.
fn throughput(extractor: &Extractor, pack: &Pack, rows: &[&Row]) -> f64 {
    let bytes: usize = rows
        .iter()
        .map(|r| r.title_text().len() + r.body_text().len())
        .sum();
    let start = Instant::now();
    let mut passes = 0usize;
    while passes < 3 || start.elapsed().as_secs_f64() < 1.0 {
        for r in rows {
            std::hint::black_box(extractor.extract(&input(pack, r)));
        }
        passes += 1;
    }
    data::mb(bytes * passes) / start.elapsed().as_secs_f64()
}

pub fn run(args: &Args) -> anyhow::Result<()> {
    let pack = data::load_pack(&args.pack)?;
    let rows = data::read_rows(&args.data)?;
    let stored = labels::stored_documents(&args.data, &pack)?;
    let docs = labels::read_labels(&args.labels, &rows, &stored)?;
    let groups = strata::groups(&rows);
    let extractor = Extractor::new(&pack);
    let orgs = OrgResolver::new(&pack);
    let mut log = ErrorLog::new(args.show_errors);

    let mut all = Scores::default();
    let mut by_group: HashMap<Group, (usize, Scores)> = HashMap::new();
    let mut unassigned = Vec::new();
    let mut seconds = 0.0;
    let mut bytes = 0;
    for doc in &docs {
        let row = &rows[doc.line];
        let start = Instant::now();
        let ex = extractor.extract(&input(&pack, row));
        seconds += start.elapsed().as_secs_f64();
        bytes += row.title_text().len() + row.body_text().len();
        let text = DocText {
            line: doc.line,
            title: row.title_text(),
            body: row.body_text(),
        };
        let s = score_doc(doc, &text, &ex, &orgs, &mut log);
        all += s;
        match groups.get(&doc.line) {
            Some(g) => {
                let e = by_group.entry(*g).or_default();
                e.0 += 1;
                e.1 += s;
            }
            None => unassigned.push(doc.line),
        }
    }

    let n = |g: Group| by_group.get(&g).map_or(0, |e| e.0);
    println!(
        "extract-eval: {} labelled documents ({} random, {} person-rich) from {}",
        docs.len(),
        n(Group::Random),
        n(Group::PersonRich),
        args.data.display()
    );
    println!(
        "pack {}: {} organisations, {} org classes, {} roles, {} people; labelled countries \
         it does not define count as \"other\"",
        args.pack.display(),
        pack.organizations.len(),
        pack.org_classes.len(),
        pack.roles.len(),
        pack.people.len()
    );
    if !unassigned.is_empty() {
        println!(
            "warning: {} labelled documents are in neither stratum of the documented selection: {unassigned:?}",
            unassigned.len()
        );
    }
    println!(
        "extraction: {:.2} MB in {:.3} s{}",
        data::mb(bytes),
        seconds,
        if cfg!(debug_assertions) {
            " (debug build)"
        } else {
            ""
        }
    );
    print_table(&format!("all {} documents", docs.len()), &all);
    for g in [Group::Random, Group::PersonRich] {
        if let Some((n, s)) = by_group.get(&g) {
            print_table(&format!("{} stratum: {n} documents", g.name()), s);
        }
    }
    if args.spin {
        spun_scores(args, &pack, &rows, &docs, &orgs)?;
    }
    if let Some(path) = &args.spacy_json {
        let base = spacy::read(path)?;
        let selected: Vec<&Row> = docs.iter().map(|d| &rows[d.line]).collect();
        let ours = throughput(&extractor, &pack, &selected);
        spacy::compare(&base, docs.len(), &all.persons, &all.orgs, ours);
    }
    log.print();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_compare_ignoring_case_hyphens_and_spacing() {
        assert_eq!(normalize_role("Vice-Chairman"), "vice chairman");
        assert_eq!(
            normalize_role(" first  vice department director"),
            "first vice department director"
        );
    }
}
