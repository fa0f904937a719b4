//! `spin-eval`: how much of what the extractor finds survives article spinning.
//!
//! The reference is the extractor's own output on the original text: the set of
//! (entity id, type) per document. Each document is spun (title and body) and
//! extracted again; recall is the share of the reference found again.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::PathBuf;

use readout_core::pack::Pack;
use readout_extract::gazetteer::key_words;
use readout_extract::{DocInput, EntityType, Extraction, Extractor, Field};

use crate::data;
use crate::score::ratio;
use crate::spinner::{SpinConfig, SpinStats, SpinWith, Spinner, Thesaurus};

/// Goal: recall on spun text at least this share of recall on the original.
const RATIO_GOAL: f64 = 0.9;

#[derive(Debug, clap::Args)]
#[command(after_help = "Example (from the repository root):\n  \
    cargo run --release -p readout-bench -- spin-eval --rate 0.5 --seed 1 --show 5")]
pub struct Args {
    /// Documents to spin (JSON Lines, fields title, body, outlet, published)
    #[arg(long, default_value = "samples/replay-2021-2024.jsonl")]
    corpus: PathBuf,
    /// The pack the extractor is built from
    #[arg(long, default_value = "packs/dprk-russia")]
    pack: PathBuf,
    /// The spinner's thesaurus; the extractor measured knows only the other
    #[arg(long, value_enum, default_value_t = SpinWith::Moby)]
    spinner: SpinWith,
    /// Chance that a word with synonyms is replaced
    #[arg(long, default_value_t = 0.5)]
    rate: f64,
    /// Seed of the spinner's random choices: the same seed gives the same spun text
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Keep every capitalised word (a gentler spinner that spares names)
    #[arg(long)]
    keep_capitalized: bool,
    /// Print the first N spun titles beside the originals to stderr
    #[arg(long, value_name = "N", default_value_t = 0)]
    show: usize,
    /// Print the first N entities found on the original but not on the spun
    /// text (type, surface on the original and on the spun text) to stderr
    #[arg(long, value_name = "N", default_value_t = 0)]
    show_missed: usize,
    /// Write the spun documents to FILE as JSON Lines (id from the corpus
    /// line, outlet, published, title, body, and whether the extractor marked
    /// each spun), to read them or run `readout extract` on them
    #[arg(long, value_name = "FILE")]
    write_spun: Option<PathBuf>,
}

/// What is compared: (entity id, type) of the mentions, and (person id, role)
/// of the titles.
#[derive(Debug, Default)]
struct Found {
    entities: HashSet<(String, EntityType)>,
    titles: HashSet<(String, String)>,
}

impl Found {
    fn of(ex: &Extraction) -> Found {
        Found {
            entities: ex
                .mentions
                .iter()
                .map(|m| (m.entity.clone(), m.kind))
                .collect(),
            titles: ex
                .titles
                .iter()
                .map(|t| (t.person_entity.clone(), t.role.clone()))
                .collect(),
        }
    }
}

/// Reference size and how many of it were found, for one row of the table.
#[derive(Debug, Clone, Copy, Default)]
struct Recall {
    reference: usize,
    original: usize,
    spun: usize,
}

impl Recall {
    fn add<'a, T: Eq + std::hash::Hash + 'a>(
        &mut self,
        reference: impl Iterator<Item = &'a T>,
        spun: &HashSet<T>,
    ) {
        for r in reference {
            self.reference += 1;
            self.original += 1;
            self.spun += usize::from(spun.contains(r));
        }
    }

    fn print(&self, name: &str) {
        let (o, s) = (
            ratio(self.original, self.reference),
            ratio(self.spun, self.reference),
        );
        println!(
            "  {name:<24} {:>9} {:>12.3} {:>12.3} {:>8.3}",
            self.reference,
            o,
            s,
            if o == 0.0 { 0.0 } else { s / o }
        );
    }
}

/// Running sums of the spun-text score.
#[derive(Debug, Default)]
struct SpunScore {
    sum: f64,
    likely: usize,
}

impl SpunScore {
    fn add(&mut self, ex: &Extraction) {
        self.sum += ex.spun.score;
        self.likely += usize::from(ex.spun.likely);
    }
}

/// How far the extractor's thesaurus reaches into the spinner's: of the
/// one-word synonyms the spinner holds for the words of the pack's names and
/// posts, how many the extractor takes for those words. A swapped word it
/// does not take is found, if at all, by what the rest of the name keeps.
pub fn thesaurus_reach(pack: &Pack, extractor: &Extractor, thesaurus: &Thesaurus) -> Reach {
    let mut words: BTreeSet<String> = BTreeSet::new();
    let org_names = pack
        .organizations
        .iter()
        .flat_map(|o| std::iter::once(&o.name).chain(&o.aliases));
    let role_names = pack
        .roles
        .iter()
        .flat_map(|r| std::iter::once(&r.name).chain(&r.forms))
        .chain(pack.title_forms.iter().map(|t| &t.form));
    for name in org_names.chain(role_names) {
        words.extend(
            key_words(name)
                .into_iter()
                .filter(|w| w.len() >= 3 && !["and", "for"].contains(&w.as_str())),
        );
    }
    let matcher = extractor.spun_matcher();
    let mut reach = Reach::default();
    for word in &words {
        let synonyms: Vec<&String> = thesaurus
            .synonyms(word)
            .iter()
            .filter(|s| s.bytes().all(|b| b.is_ascii_lowercase()))
            .collect();
        reach.words += usize::from(!synonyms.is_empty());
        reach.synonyms += synonyms.len();
        reach.taken += synonyms
            .iter()
            .filter(|s| matcher.takes_for(s, word))
            .count();
    }
    reach
}

/// See `thesaurus_reach`.
#[derive(Debug, Default, Clone, Copy)]
pub struct Reach {
    /// Words of names and posts the spinner has synonyms for.
    pub words: usize,
    /// Their one-word synonyms.
    pub synonyms: usize,
    /// Synonyms the extractor takes for the word.
    pub taken: usize,
}

impl Reach {
    pub fn print(&self) {
        println!(
            "thesaurus reach: of the spinner's {} one-word synonyms for {} words of the pack's names and posts, the extractor takes {} ({:.1}%) for the word",
            self.synonyms,
            self.words,
            self.taken,
            100.0 * ratio(self.taken, self.synonyms)
        );
    }
}

pub fn run(args: &Args) -> anyhow::Result<()> {
    anyhow::ensure!(
        (0.0..=1.0).contains(&args.rate),
        "--rate must be between 0 and 1"
    );
    let mut written = data::SpunWriter::create(args.write_spun.as_deref())?;
    let pack = data::load_pack(&args.pack)?;
    let rows = data::read_rows(&args.corpus)?;
    let held_out = args.spinner.held_out();
    let extractor = Extractor::with_thesauri(&pack, held_out.thesauri());
    let thesaurus = args.spinner.thesaurus();
    let mut spinner = Spinner::new(
        &thesaurus,
        SpinConfig {
            rate: args.rate,
            seed: args.seed,
            keep_capitalized: args.keep_capitalized,
        },
    );

    let mut stats = SpinStats::default();
    let mut all = Recall::default();
    // Persons and organisations always get a row; other types when found.
    let mut by_type: BTreeMap<String, Recall> = ["organization", "person"]
        .into_iter()
        .map(|t| (t.to_owned(), Recall::default()))
        .collect();
    let mut titles = Recall::default();
    let mut spurious = 0;
    let (mut score_orig, mut score_spun) = (SpunScore::default(), SpunScore::default());
    let mut docs = 0;
    let mut shown = 0;
    let mut missed = 0;
    for (n, row) in rows
        .iter()
        .enumerate()
        .filter(|(_, r)| !r.body_text().is_empty())
    {
        docs += 1;
        let (title, t, title_map) = spinner.spin_mapped(row.title_text());
        let (body, b, body_map) = spinner.spin_mapped(row.body_text());
        stats += t;
        stats += b;
        if shown < args.show {
            shown += 1;
            eprintln!("{}\n  -> {title}", row.title_text());
        }
        let outlet_country = data::outlet_country(&pack, row.outlet.as_deref());
        let original = extractor.extract(&DocInput {
            title: row.title_text(),
            body: row.body_text(),
            outlet_country,
            published: row.date(),
        });
        let spun = extractor.extract(&DocInput {
            title: &title,
            body: &body,
            outlet_country,
            published: row.date(),
        });
        written.write(
            &format!("line-{}", n + 1),
            row,
            &title,
            &body,
            spun.spun.likely,
        )?;
        score_orig.add(&original);
        score_spun.add(&spun);
        let (reference, found) = (Found::of(&original), Found::of(&spun));
        all.add(reference.entities.iter(), &found.entities);
        for e in &reference.entities {
            let r = by_type.entry(type_name(e.1)).or_default();
            r.add(std::iter::once(e), &found.entities);
        }
        for m in &original.mentions {
            if missed < args.show_missed && !found.entities.contains(&(m.entity.clone(), m.kind)) {
                missed += 1;
                let (text, map) = match m.field {
                    Field::Title => (&title, &title_map),
                    Field::Body => (&body, &body_map),
                };
                let (s, e) = map.range(m.start, m.end);
                eprintln!(
                    "missed {} {:?} -> {:?} ({})",
                    type_name(m.kind),
                    m.surface,
                    text.get(s..e).unwrap_or(""),
                    m.entity
                );
            }
        }
        titles.add(reference.titles.iter(), &found.titles);
        spurious += found.entities.difference(&reference.entities).count();
    }

    written.finish()?;
    println!(
        "spin-eval: {docs} documents from {}; {} thesaurus ({} head words; the extractor knows only {}), rate {}, seed {}{}",
        args.corpus.display(),
        args.spinner.name(),
        thesaurus.len(),
        args.spinner.other_name(),
        args.rate,
        args.seed,
        if args.keep_capitalized {
            ", capitalised words kept"
        } else {
            ""
        }
    );
    println!(
        "spun: {} words, {} with synonyms, {} replaced ({:.1}% of all words)",
        stats.words,
        stats.eligible,
        stats.replaced,
        100.0 * ratio(stats.replaced, stats.words)
    );
    thesaurus_reach(&pack, &extractor, &thesaurus).print();
    println!(
        "reference: the extractor's (entity id, type) per document on the original text, \
         so recall on the original is 1 by construction\n"
    );
    println!(
        "  {:<24} {:>9} {:>12} {:>12} {:>8}",
        "", "reference", "R original", "R spun", "ratio"
    );
    all.print("all entities");
    for (ty, r) in &by_type {
        r.print(&format!("  {ty}"));
    }
    titles.print("titles (person, role)");
    let (o, s) = (
        ratio(all.original, all.reference),
        ratio(all.spun, all.reference),
    );
    let r = if o == 0.0 { 0.0 } else { s / o };
    println!(
        "\nrecall ratio spun/original: {r:.3}   goal >= {RATIO_GOAL}: {}",
        if r >= RATIO_GOAL { "met" } else { "not met" }
    );
    println!("found on spun text only: {spurious} (entity, type) pairs");
    let mean = |s: &SpunScore| if docs == 0 { 0.0 } else { s.sum / docs as f64 };
    println!(
        "spun score: mean {:.3} on originals, {:.3} on spun texts; flagged likely: {:.1}% of \
         originals, {:.1}% of spun texts",
        mean(&score_orig),
        mean(&score_spun),
        100.0 * ratio(score_orig.likely, docs),
        100.0 * ratio(score_spun.likely, docs)
    );
    Ok(())
}

/// The type's name as the extractor serialises it ("person").
fn type_name(t: EntityType) -> String {
    serde_json::to_value(t)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_else(|| format!("{t:?}").to_lowercase())
}
