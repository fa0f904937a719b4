//! `readout demo`: ingest the bundled sample corpus into a fresh store and show what is there.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context as _;
use readout_core::query;
use readout_ingest::pipeline::IngestConfig;
use readout_ingest::ReadConfig;
use readout_store::SearchFilter;

use super::Context;
use crate::args::Format;
use crate::output;
use crate::Outcome;

/// The sample corpus: short documents dated 2021–2024, written for readout
/// around real dated events (see samples/README.md).
pub const SAMPLE: &str = include_str!("../../../../samples/replay-2021-2024.jsonl");
const SAMPLE_NAME: &str = "replay-2021-2024.jsonl";
/// Signals shown in the demo's report.
const REPORTED: usize = 20;

/// Ingest the bundled sample corpus into a fresh store and show what is there
///
/// Prints the ingest summary, the outlets, a few searches, one person's titles
/// and the signal report. The store is temporary unless --keep names a file
/// for it, so your own store is never touched.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  readout demo
  readout demo --keep demo.db && readout --db demo.db search alliance")]
pub struct Args {
    /// Keep the demo store in this file (it must not exist yet)
    #[arg(long, value_name = "PATH")]
    pub keep: Option<PathBuf>,
}

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<Outcome> {
    let dir = tempfile::tempdir().context("cannot create a temporary folder")?;
    let db = match &args.keep {
        Some(p) => {
            anyhow::ensure!(
                !p.exists(),
                "{} exists already: the demo wants a fresh store",
                p.display()
            );
            p.clone()
        }
        None => dir.path().join("demo.db"),
    };
    let sample = dir.path().join(SAMPLE_NAME);
    std::fs::write(&sample, SAMPLE)
        .with_context(|| format!("cannot write {}", sample.display()))?;

    let mut store = super::open_store_at(&db)?;
    let pack = crate::packs::load(ctx.pack.as_deref())?;
    let config = IngestConfig {
        extractor: Some(std::sync::Arc::new(readout_extract::Extractor::new(&pack))),
        read: ReadConfig {
            pack,
            ..ReadConfig::default()
        },
        ..IngestConfig::default()
    };
    let summary = super::ingest::ingest_paths(&mut store, &[sample], &config, false)?;

    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "readout demo: the bundled sample corpus in a fresh store\n"
    )?;
    super::ingest::print_summary(&summary, Format::Table)?;

    let stats = store.stats()?;
    writeln!(out, "\n{}", output::outlet_table(&stats))?;

    let term = output::stdout_is_terminal();
    for q in [
        "alliance",
        "\"temporarily-suspended activities\"",
        "\"comprehensive strategic partnership\"",
    ] {
        let results = store.search(
            &query::parse(q)?,
            &SearchFilter {
                limit: 5,
                ..Default::default()
            },
        )?;
        writeln!(
            out,
            "\nsearch {q}: {} documents, newest first",
            results.total
        )?;
        for hit in &results.hits {
            writeln!(out, "  {}  {:<15} {}", hit.published, hit.outlet, hit.title)?;
            writeln!(out, "      {}", output::highlight(&hit.snippet, term))?;
        }
    }
    // What extraction found: a party secretary who once signs as vice-chairman
    // of the Central Military Commission.
    let titles = store.person_titles("pak-jong-chon")?;
    if !titles.is_empty() {
        writeln!(out, "\ntitles of Pak Jong Chon, as extracted, oldest first")?;
        for t in &titles {
            writeln!(out, "  {}  {:<15} {}", t.published, t.outlet, t.post)?;
        }
    }
    // The report: what changed, ranked.
    let signals =
        super::signals::ranked(&store, &readout_store::SignalFilter::default(), REPORTED)?;
    let total = store.signal_count()?;
    writeln!(
        out,
        "\nsignal report: the {} highest-ranked of {total} signals (readout signals --help tells how they rank)\n",
        signals.len()
    )?;
    write!(out, "{}", readout_signals::report::render(&signals))?;
    match &args.keep {
        Some(p) => writeln!(out, "\nthe demo store is kept in {}", p.display())?,
        None => writeln!(
            out,
            "\nthe demo store was temporary; pass --keep FILE to explore it"
        )?,
    }
    out.flush()?;
    Ok(Outcome::Done)
}
