//! `readout ingest`: read files and folders into the store.

use std::io::Write;
use std::path::PathBuf;

use std::sync::Arc;

use anyhow::Context as _;
use indicatif::{ProgressBar, ProgressStyle};
use readout_extract::Extractor;
use readout_ingest::pipeline::{self, IngestConfig, IngestSummary, Observer};
use readout_ingest::record::{Location, Rejection};
use readout_ingest::{FieldMap, ReadConfig};
use readout_store::Store;

use super::Context;
use crate::args::Format;
use crate::output;
use crate::Outcome;

/// Read statements from files and folders into the store
///
/// Reads JSON Lines (.jsonl, .jsonl.gz), JSON arrays (.json), text and Markdown
/// with optional front matter (.txt, .md) and HTML pages (.html), recursively
/// through folders. Exact duplicates are stored once with every location kept;
/// near-duplicates are linked to the earlier text. Running it twice on the same
/// input changes nothing. Bad records are reported on stderr with file, line and
/// reason, and the rest is ingested; exit code 2 says some were rejected.
/// Extraction (people, titles, organisations, meetings, events) runs on every
/// new document and is stored with it.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  readout ingest kcna-2011-2012.jsonl.gz
  readout ingest archive/ --outlet 'Rodong Sinmun'
  readout ingest export.json --map title=headline,body=story_text,published=date_str
  cat items.jsonl | readout ingest -")]
pub struct Args {
    /// Files or folders to read; - reads JSON Lines from standard input
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Field names of a foreign schema: OURS=THEIRS,... (fields: outlet, published,
    /// title, body, url, lang, section, audience, id, attribution)
    #[arg(long, value_name = "SPEC")]
    pub map: Option<String>,
    /// Outlet for records that name none (and carry no dateline naming one)
    #[arg(long)]
    pub outlet: Option<String>,
    /// Year for datelines ("Pyongyang, June 24 (KCNA) --") when no other record tells
    #[arg(long, value_parser = clap::value_parser!(i32).range(1900..=2200))]
    pub year: Option<i32>,
    /// Largest record accepted, in bytes
    #[arg(long, default_value_t = 8 * 1024 * 1024, value_name = "BYTES")]
    pub max_record_bytes: usize,
    /// Records stored per transaction (at most 32 MiB of text either way)
    #[arg(long, default_value_t = 5_000, value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub batch_size: u32,
    /// How to print the summary
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// Rejections printed before the rest are only counted (all with -v).
const SHOWN_REJECTIONS: u64 = 20;

struct Report {
    bar: ProgressBar,
    shown: u64,
    hidden: u64,
    verbose: bool,
}

impl Observer for Report {
    fn progress(&mut self, done: u64, total: u64) {
        if total > 0 {
            self.bar.set_length(total);
        }
        self.bar.set_position(done);
    }

    fn rejected(&mut self, r: &Rejection) {
        if self.verbose || self.shown < SHOWN_REJECTIONS {
            self.shown += 1;
            self.bar.suspend(|| eprintln!("rejected: {r}"));
        } else {
            self.hidden += 1;
        }
    }

    fn note(&mut self, location: &Location, note: &str) {
        if self.verbose {
            self.bar.suspend(|| eprintln!("note: {location}: {note}"));
        }
    }

    fn near_duplicate(&mut self, location: &Location, doc: &str, of: &str, similarity: f64) {
        if self.verbose {
            self.bar.suspend(|| {
                eprintln!(
                    "near-duplicate: {location}: {doc} repeats {of} (similarity {similarity:.2})"
                )
            });
        }
    }
}

/// Builds the read configuration from the arguments and the pack.
fn read_config(ctx: &Context, args: &Args) -> anyhow::Result<ReadConfig> {
    let map = match &args.map {
        Some(spec) => FieldMap::parse(spec)?,
        None => FieldMap::default(),
    };
    Ok(ReadConfig {
        map,
        max_record_bytes: args.max_record_bytes,
        default_outlet: args.outlet.clone(),
        default_year: args.year,
        pack: crate::packs::load(ctx.pack.as_deref())?,
        ..ReadConfig::default()
    })
}

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<Outcome> {
    let read = read_config(ctx, &args)?;
    let config = IngestConfig {
        extractor: Some(Arc::new(Extractor::new(&read.pack))),
        read,
        batch_size: args.batch_size as usize,
        ..IngestConfig::default()
    };
    let mut store = ctx.open_store()?;
    let verbose = tracing::enabled!(tracing::Level::INFO);
    let summary = ingest_paths(&mut store, &args.paths, &config, verbose)?;
    print_summary(&summary, args.format)?;
    Ok(outcome(&summary))
}

/// Runs the pipeline with a progress bar on a terminal (hidden when stderr is not one).
pub fn ingest_paths(
    store: &mut Store,
    paths: &[PathBuf],
    config: &IngestConfig,
    verbose: bool,
) -> anyhow::Result<IngestSummary> {
    let files = readout_ingest::discover(paths)?;
    let bar = ProgressBar::new(files.iter().map(|f| f.size).sum());
    bar.set_style(
        ProgressStyle::with_template(
            "{spinner} {bytes}/{total_bytes} {wide_bar} {binary_bytes_per_sec} {eta}",
        )
        .context("progress bar template")?,
    );
    let mut report = Report {
        bar,
        shown: 0,
        hidden: 0,
        verbose,
    };
    let summary = pipeline::ingest(store, &files, config, &mut report)?;
    report.bar.finish_and_clear();
    if config.extractor.is_some() {
        super::signals::refresh(store, &config.read.pack, false)?;
    }
    if report.hidden > 0 {
        eprintln!(
            "rejected: {} more not shown (use -v to list all)",
            report.hidden
        );
    }
    Ok(summary)
}

pub fn outcome(summary: &IngestSummary) -> Outcome {
    if summary.rejected > 0 {
        Outcome::Rejected
    } else if summary.records == 0 {
        eprintln!("no records found");
        Outcome::NothingFound
    } else {
        Outcome::Done
    }
}

pub fn print_summary(s: &IngestSummary, format: Format) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    match format {
        Format::Json => output::json_line(&mut out, s)?,
        Format::Table => {
            writeln!(out, "files read:       {}", s.files)?;
            writeln!(out, "records:          {}", s.records)?;
            writeln!(
                out,
                "accepted:         {} (near-duplicates among them: {})",
                s.accepted, s.near_duplicates
            )?;
            writeln!(out, "exact duplicates: {}", s.exact_duplicates)?;
            writeln!(out, "already stored:   {}", s.already_stored)?;
            writeln!(out, "rejected:         {}", s.rejected)?;
        }
    }
    out.flush()?;
    Ok(())
}
