//! `readout stats`: what the store holds, and per-day coverage of each outlet.

use std::io::Write;

use chrono::NaiveDate;
use readout_core::coverage;

use super::Context;
use crate::args::{self, Format};
use crate::output;
use crate::Outcome;

/// Show what the store holds: documents, duplicates, outlets, coverage
///
/// With --coverage, per outlet: the days covered, the documents, and the longest
/// holes in the archive (days with no documents at all), so that a silence can
/// be told from a gap in collection. --format json prints one line per outlet and day.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  readout stats
  readout stats --coverage --outlet KCNA --from 2024-05 --to 2024-07
  readout stats --coverage --format json > coverage.jsonl")]
pub struct Args {
    /// Per-outlet coverage by day instead of the summary
    #[arg(long)]
    pub coverage: bool,
    /// Only this outlet (with --coverage)
    #[arg(long, requires = "coverage")]
    pub outlet: Option<String>,
    /// From this date (with --coverage)
    #[arg(long, requires = "coverage", value_parser = args::date_from)]
    pub from: Option<NaiveDate>,
    /// Until this date (with --coverage)
    #[arg(long, requires = "coverage", value_parser = args::date_to)]
    pub to: Option<NaiveDate>,
    /// Holes shorter than this many days are not listed (with --coverage)
    #[arg(long, default_value_t = 2, requires = "coverage")]
    pub min_gap: i64,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<Outcome> {
    let store = ctx.open_store()?;
    let mut out = std::io::stdout().lock();
    if !args.coverage {
        let stats = store.stats()?;
        match args.format {
            Format::Json => output::json_line(&mut out, &stats)?,
            Format::Table => {
                let range = match (stats.first, stats.last) {
                    (Some(f), Some(l)) => format!("{f} to {l}"),
                    _ => "-".into(),
                };
                writeln!(out, "store:            {}", ctx.db_path()?.display())?;
                writeln!(out, "schema version:   {}", stats.schema_version)?;
                writeln!(out, "documents:        {}", stats.documents)?;
                writeln!(out, "published:        {range}")?;
                writeln!(out, "sightings:        {}", stats.sightings)?;
                writeln!(out, "exact duplicates: {}", stats.exact_duplicates)?;
                writeln!(out, "near-duplicates:  {}", stats.near_duplicates)?;
                writeln!(out, "dates inferred:   {}", stats.dates_guessed)?;
                if !stats.outlets.is_empty() {
                    writeln!(out, "\n{}", output::outlet_table(&stats))?;
                }
            }
        }
        return Ok(if stats.documents == 0 {
            Outcome::NothingFound
        } else {
            Outcome::Done
        });
    }

    let pack = crate::packs::load(ctx.pack.as_deref())?;
    let outlet = args
        .outlet
        .map(|o| pack.outlet(&o).map_or(o, |k| k.name.clone()));
    let days = store.coverage(outlet.as_deref(), args.from, args.to)?;
    if days.is_empty() {
        eprintln!("no documents in that range");
        return Ok(Outcome::NothingFound);
    }
    match args.format {
        Format::Json => {
            for d in &days {
                output::json_line(&mut out, d)?;
            }
        }
        Format::Table => {
            let mut t = output::table(&[
                "outlet",
                "first",
                "last",
                "days covered",
                "documents",
                "longest holes",
            ]);
            for chunk in days.chunk_by(|a, b| a.outlet == b.outlet) {
                let pairs: Vec<(NaiveDate, u64)> =
                    chunk.iter().map(|d| (d.date, d.documents)).collect();
                let Some(c) = coverage::summarise(&pairs, args.min_gap) else {
                    continue;
                };
                let holes: Vec<String> = c
                    .gaps
                    .iter()
                    .take(3)
                    .map(|g| format!("{}..{} ({} d)", g.from, g.to, g.days()))
                    .collect();
                t.add_row(vec![
                    chunk[0].outlet.clone(),
                    c.first.to_string(),
                    c.last.to_string(),
                    format!("{} of {}", c.days_with_documents, c.span_days),
                    c.documents.to_string(),
                    if holes.is_empty() {
                        "none".into()
                    } else {
                        holes.join(", ")
                    },
                ]);
            }
            writeln!(out, "{t}")?;
        }
    }
    Ok(Outcome::Done)
}
