//! `readout-bench signals`: the cost of computing signals.
//!
//! - a full recompute over the facts of a real corpus (the KCNA set), beside
//!   a baseline that only reads and decodes the same facts from the store;
//! - the same over a resampled corpus of `--scale` documents: the corpus's
//!   facts copied again and again, each copy moved on by the corpus's span,
//!   so the archive grows in length with the density of the real one;
//! - the incremental cost per new document: new documents dated after the
//!   archive's last day, fed from the saved state, in one batch of `--new`
//!   and one at a time.
//!
//! Each measurement runs in a child process of its own, so that its peak
//! resident memory is its own.

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{bail, Context};
use chrono::Duration;
use readout_core::{Audience, DocId, Document, Published};
use readout_signals::{Config, DocFacts};
use readout_store::{NewDocument, Store, StoredExtraction};
use serde::{Deserialize, Serialize};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The corpus, JSON Lines (.jsonl or .jsonl.gz)
    pub input: PathBuf,
    /// Documents in the resampled corpus
    #[arg(long, default_value_t = 1_000_000)]
    pub scale: u64,
    /// New documents in the incremental batch
    #[arg(long, default_value_t = 1_000)]
    pub new: u64,
    /// Keep the built stores in this folder (they take a while to build)
    #[arg(long)]
    pub keep: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Step {
    /// Read and decode every document's facts, nothing else.
    Read,
    /// A full recompute.
    Full,
    /// Add `n` new documents after the last day, then update.
    Incremental,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct Figures {
    docs: u64,
    seconds: f64,
    signals: u64,
    peak_rss_bytes: u64,
}

fn pack() -> anyhow::Result<readout_core::pack::Pack> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../packs/dprk-russia");
    Ok(readout_ingest::load_pack(&dir)?)
}

/// Runs one step on a store; what the child process does.
pub fn run_step(step: Step, db: &Path, n: u64) -> anyhow::Result<Figures> {
    let pack = pack()?;
    let mut store = Store::open(db)?;
    let cfg = Config::default();
    let start;
    let mut docs = 0u64;
    match step {
        Step::Read => {
            start = Instant::now();
            store.for_each_facts_day(None, |_, day| {
                docs += day.len() as u64;
                std::hint::black_box(&day);
                Ok(())
            })?;
        }
        Step::Full => {
            start = Instant::now();
            match readout_ingest::update_signals(
                &mut store,
                &pack,
                &cfg,
                true,
                &mut readout_ingest::pipeline::Quiet,
            )? {
                readout_ingest::SignalRun::Full { docs: d, .. } => docs = d,
                other => bail!("expected a full recompute, got {other:?}"),
            }
        }
        Step::Incremental => {
            // New documents: copies of the last day's facts, one a day after it.
            let (_, last) = store.facts_dates(i64::MAX)?;
            let last = last.context("an empty store")?;
            let mut template: Vec<DocFacts> = Vec::new();
            store.for_each_facts_day(Some(last - Duration::days(30)), |_, day| {
                template.extend(day);
                Ok(())
            })?;
            anyhow::ensure!(!template.is_empty(), "no facts to copy");
            let new: Vec<DocFacts> = (0..n)
                .map(|i| {
                    let mut f = template[i as usize % template.len()].clone();
                    f.doc = format!("new-{i}-{}", f.doc);
                    f.published = last + Duration::days(1 + (i as i64 * 5 / n.max(1) as i64));
                    f
                })
                .collect();
            insert_facts(&mut store, &new)?;
            start = Instant::now();
            match readout_ingest::update_signals(
                &mut store,
                &pack,
                &cfg,
                false,
                &mut readout_ingest::pipeline::Quiet,
            )? {
                readout_ingest::SignalRun::Incremental { docs: d, .. } => docs = d,
                other => bail!("expected an incremental update, got {other:?}"),
            }
        }
    }
    let seconds = start.elapsed().as_secs_f64();
    Ok(Figures {
        docs,
        seconds,
        signals: store.signal_count()?,
        peak_rss_bytes: crate::ingest::peak_rss(),
    })
}

/// Stores documents that carry only facts (a title, a one-line body), in batches.
fn insert_facts(store: &mut Store, facts: &[DocFacts]) -> anyhow::Result<()> {
    let empty = readout_extract::Extraction::default();
    let encoded = readout_store::encode_extraction(&empty);
    for chunk in facts.chunks(5_000) {
        let docs: Vec<(Document, Vec<u8>)> = chunk
            .iter()
            .map(|f| {
                let doc = Document {
                    id: DocId::parse(&f.doc).map_err(|e| anyhow::anyhow!("{e:?}"))?,
                    outlet: f.outlet.clone(),
                    published: Published::on(f.published),
                    title: f.title.clone(),
                    body: format!("Resampled document {}.", f.doc),
                    url: None,
                    lang: Some("en".to_owned()),
                    section: None,
                    audience: f.audience.parse().unwrap_or(Audience::Unknown),
                    attribution: None,
                };
                Ok((doc, serde_json::to_vec(f)?))
            })
            .collect::<anyhow::Result<_>>()?;
        let batch: Vec<NewDocument<'_>> = docs
            .iter()
            .map(|(doc, facts)| NewDocument {
                doc,
                content_hash: doc.content_hash(),
                sketch: None,
                source: "resampled",
                line: 0,
                extraction: Some(StoredExtraction {
                    extraction: &empty,
                    encoded: &encoded,
                    pack: "resampled",
                    facts,
                }),
            })
            .collect();
        store.insert_batch(&batch)?;
    }
    Ok(())
}

fn child(step: Step, db: &Path, n: u64) -> anyhow::Result<Figures> {
    let name = format!("{step:?}").to_lowercase();
    let n = n.to_string();
    crate::data::run_self(&[
        "signals-step".as_ref(),
        name.as_ref(),
        db.as_os_str(),
        n.as_ref(),
    ])
}

fn show(name: &str, f: &Figures, base: Option<&Figures>) {
    let ratio = base.map_or(String::new(), |b| {
        format!(
            "  {:.2}x the read baseline's time",
            f.seconds / b.seconds.max(1e-9)
        )
    });
    println!(
        "{name:<28} {:>9} docs {:>9.3} s {:>10.0} docs/s  peak {:>7.1} MiB  {:>6} signals{ratio}",
        f.docs,
        f.seconds,
        f.docs as f64 / f.seconds.max(1e-9),
        f.peak_rss_bytes as f64 / (1024.0 * 1024.0),
        f.signals
    );
}

pub fn run(args: &Args) -> anyhow::Result<()> {
    let tmp = tempfile::tempdir()?;
    let dir = args
        .keep
        .clone()
        .unwrap_or_else(|| tmp.path().to_path_buf());
    std::fs::create_dir_all(&dir)?;
    let base = dir.join("corpus.db");
    if !base.exists() {
        eprintln!("ingesting {} (with extraction) ...", args.input.display());
        let started = Instant::now();
        crate::ingest::run_phase_into(crate::ingest::Phase::Ingest, &args.input, &base)?;
        eprintln!("  {:.1} s", started.elapsed().as_secs_f64());
    }
    let scaled = dir.join(format!("resampled-{}.db", args.scale));
    if !scaled.exists() {
        eprintln!(
            "building the resampled corpus of {} documents ...",
            args.scale
        );
        let started = Instant::now();
        let store = Store::open(&base)?;
        let mut facts: Vec<DocFacts> = Vec::new();
        store.for_each_facts_day(None, |_, day| {
            facts.extend(day);
            Ok(())
        })?;
        anyhow::ensure!(!facts.is_empty(), "the corpus has no facts");
        let first = facts.first().map(|f| f.published).expect("not empty");
        let last = facts.last().map(|f| f.published).expect("not empty");
        let span = (last - first).num_days() + 1;
        let mut out = Store::open(&scaled)?;
        let mut copy = 0i64;
        let mut made = 0u64;
        'fill: loop {
            let mut batch = Vec::with_capacity(facts.len());
            for f in &facts {
                if made >= args.scale {
                    break;
                }
                let mut g = f.clone();
                g.doc = format!("r{copy}-{}", f.doc);
                g.published = f.published + Duration::days(span * copy);
                g.copy_of = None;
                batch.push(g);
                made += 1;
            }
            insert_facts(&mut out, &batch)?;
            if made >= args.scale {
                break 'fill;
            }
            copy += 1;
        }
        eprintln!(
            "  {made} documents over {} years, {:.1} s",
            (copy + 1) * span / 365,
            started.elapsed().as_secs_f64()
        );
    }

    println!(
        "signals: full recompute and incremental update ({} cores)",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    for (name, db) in [("corpus", &base), ("resampled", &scaled)] {
        let read = child(Step::Read, db, 0)?;
        let full = child(Step::Full, db, 0)?;
        show(&format!("{name}: read facts (baseline)"), &read, None);
        show(&format!("{name}: full recompute"), &full, Some(&read));
    }
    // Incremental, on a copy of the resampled store: a batch, then single documents.
    let inc = dir.join("incremental.db");
    std::fs::copy(&scaled, &inc)?;
    let batch = child(Step::Incremental, &inc, args.new)?;
    println!(
        "incremental: {} new documents in {:.3} s: {:.2} ms a document (peak {:.1} MiB)",
        args.new,
        batch.seconds,
        1000.0 * batch.seconds / args.new as f64,
        batch.peak_rss_bytes as f64 / (1024.0 * 1024.0)
    );
    // A day's worth of new items, and a single one: the fixed cost of an
    // update (reading and writing the saved state) shows.
    for n in [50, 1] {
        let f = child(Step::Incremental, &inc, n)?;
        println!(
            "incremental: {n} new document{} in {:.3} s: {:.2} ms a document",
            if n == 1 { "" } else { "s" },
            f.seconds,
            1000.0 * f.seconds / n as f64
        );
    }
    let _ = std::fs::remove_file(&inc);
    Ok(())
}
