//! `readout search`: find statements by phrase, words, date and outlet.

use std::io::Write;

use chrono::NaiveDate;
use readout_store::SearchFilter;

use super::Context;
use crate::args::{self, Format};
use crate::output;
use crate::Outcome;

/// Find statements by phrase, words, date and outlet, newest first
///
/// Words must all appear; "quoted phrases" must appear as written. OR, NOT (or a
/// leading -) and parentheses combine terms; a trailing * matches a prefix.
/// Exit code 1 when nothing matches.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  readout search '\"comprehensive strategic partnership\"'
  readout search 'alliance -\"south Korea\"' --from 2024-06 --outlet KCNA
  readout search 'balloon*' --from 2024-05-20 --to 2024-07 --format json")]
pub struct Args {
    /// What to look for
    pub query: String,
    /// Earliest publication date (YYYY, YYYY-MM or YYYY-MM-DD)
    #[arg(long, value_parser = args::date_from)]
    pub from: Option<NaiveDate>,
    /// Latest publication date (YYYY, YYYY-MM or YYYY-MM-DD)
    #[arg(long, value_parser = args::date_to)]
    pub to: Option<NaiveDate>,
    /// Only documents from this outlet (a name or alias from the pack)
    #[arg(long)]
    pub outlet: Option<String>,
    /// How many results at most
    #[arg(long, default_value_t = 20, value_parser = clap::value_parser!(u32).range(1..=10_000))]
    pub limit: u32,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<Outcome> {
    let query = readout_core::query::parse(&args.query)?;
    if let (Some(from), Some(to)) = (args.from, args.to) {
        anyhow::ensure!(from <= to, "--from {from} is after --to {to}");
    }
    let pack = crate::packs::load(ctx.pack.as_deref())?;
    let outlet = args
        .outlet
        .map(|o| pack.outlet(&o).map_or(o, |known| known.name.clone()));
    let store = ctx.open_store()?;
    let results = store.search(
        &query,
        &SearchFilter {
            from: args.from,
            to: args.to,
            outlet,
            limit: args.limit as usize,
        },
    )?;
    let mut out = std::io::stdout().lock();
    match args.format {
        Format::Json => {
            for hit in &results.hits {
                let mut hit = hit.clone();
                hit.snippet = output::highlight(&hit.snippet, false);
                output::json_line(&mut out, &hit)?;
            }
        }
        Format::Table => {
            let term = output::stdout_is_terminal();
            for hit in &results.hits {
                writeln!(
                    out,
                    "{}  {}  {}  {}",
                    hit.published, hit.outlet, hit.id, hit.title
                )?;
                writeln!(out, "    {}", output::highlight(&hit.snippet, term))?;
            }
            if results.total > results.hits.len() as u64 {
                eprintln!(
                    "{} documents match; showing the newest {} (use --limit for more)",
                    results.total,
                    results.hits.len()
                );
            }
        }
    }
    out.flush()?;
    Ok(if results.hits.is_empty() {
        eprintln!("no documents match");
        Outcome::NothingFound
    } else {
        Outcome::Done
    })
}
