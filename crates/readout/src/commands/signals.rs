//! `readout signals`: the report of what changed, ranked.

use std::io::Write;

use chrono::NaiveDate;
use indicatif::{ProgressBar, ProgressStyle};
use readout_core::pack::Pack;
use readout_ingest::pipeline::Observer;
use readout_ingest::SignalRun;
use readout_signals::{rank, report, Config, Kind, Signal};
use readout_store::{SignalFilter, Store};

use super::Context;
use crate::args::{date_from, date_to, Format};
use crate::output;
use crate::Outcome;

/// List the signals: what changed, with evidence and the baseline it departs from
///
/// Signals are kept current by `ingest` (incrementally); this command brings
/// them up to date if needed, then lists them ranked by score (the
/// probability of what was seen under the baseline, on one scale for every
/// kind; see docs/signals.md). Kinds: first_use, rare_use, title_change,
/// new_post_holder, post_vacated, meeting_expected, meeting_overdue,
/// meeting_early, precedent, activity_paused, activity_resumed,
/// treaty_evidence, copy_of.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  readout signals --since 2024-06
  readout signals --kind title_change --kind post_vacated --limit 10
  readout signals --subject alliance --format json")]
pub struct Args {
    /// Signals dated on or after this day (YYYY, YYYY-MM or YYYY-MM-DD)
    #[arg(long, value_parser = date_from, value_name = "DATE")]
    pub since: Option<NaiveDate>,
    /// Signals dated on or before this day
    #[arg(long, value_parser = date_to, value_name = "DATE")]
    pub until: Option<NaiveDate>,
    /// Only this kind (repeatable)
    #[arg(long = "kind", value_name = "KIND", value_parser = parse_kind)]
    pub kinds: Vec<Kind>,
    /// Only signals whose subject contains this text (any case)
    #[arg(long, value_name = "TEXT")]
    pub subject: Option<String>,
    /// At most this many signals, best first
    #[arg(long, default_value_t = 50)]
    pub limit: usize,
    /// How to print: a report for a person, or JSON Lines (one signal a line)
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Recompute every signal from the whole history first
    #[arg(long)]
    pub recompute: bool,
}

fn parse_kind(s: &str) -> Result<Kind, String> {
    s.parse()
}

struct Bar(ProgressBar);

impl Observer for Bar {
    fn progress(&mut self, done: u64, total: u64) {
        self.0.set_length(total);
        self.0.set_position(done);
    }
}

/// Brings the stored signals up to date, with a progress bar on a terminal.
pub fn refresh(store: &mut Store, pack: &Pack, full: bool) -> anyhow::Result<SignalRun> {
    let bar = ProgressBar::new(0);
    bar.set_style(ProgressStyle::with_template(
        "signals {wide_bar} {pos}/{len} documents {eta}",
    )?);
    let mut bar = Bar(bar);
    let run = readout_ingest::update_signals(store, pack, &Config::default(), full, &mut bar)?;
    bar.0.finish_and_clear();
    match &run {
        SignalRun::Incremental { from, docs, raised } => {
            tracing::info!("signals: {docs} documents read from {from}, {raised} signals raised")
        }
        SignalRun::Full {
            reason,
            docs,
            raised,
        } => {
            tracing::info!("signals recomputed ({reason}): {docs} documents, {raised} signals")
        }
        SignalRun::UpToDate | SignalRun::Empty => {}
    }
    Ok(run)
}

/// The stored signals matching `filter`, ranked, at most `limit`.
pub fn ranked(store: &Store, filter: &SignalFilter, limit: usize) -> anyhow::Result<Vec<Signal>> {
    let mut signals = store.signals(filter)?;
    rank(&mut signals);
    signals.truncate(limit);
    Ok(signals)
}

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<Outcome> {
    let pack = crate::packs::load(ctx.pack.as_deref())?;
    let mut store = ctx.open_store()?;
    if let SignalRun::Empty = refresh(&mut store, &pack, args.recompute)? {
        eprintln!("no extracted documents in the store: run `readout ingest` first");
        return Ok(Outcome::NothingFound);
    }
    let filter = SignalFilter {
        since: args.since,
        until: args.until,
        kinds: args.kinds,
        subject: args.subject,
    };
    let signals = ranked(&store, &filter, args.limit)?;
    if signals.is_empty() {
        eprintln!("no signals match");
        return Ok(Outcome::NothingFound);
    }
    let mut out = std::io::stdout().lock();
    match args.format {
        Format::Json => {
            for s in &signals {
                output::json_line(&mut out, s)?;
            }
        }
        Format::Table => {
            write!(out, "{}", report::render(&signals))?;
        }
    }
    out.flush()?;
    Ok(Outcome::Done)
}

/// The pack, the store and the signal engine's state after every stored
/// document, for the views built on it (`person`, `calendar`, `treaty`).
pub fn current(ctx: &Context) -> anyhow::Result<Option<(Pack, Store, readout_signals::State)>> {
    let pack = crate::packs::load(ctx.pack.as_deref())?;
    let mut store = ctx.open_store()?;
    if let SignalRun::Empty = refresh(&mut store, &pack, false)? {
        eprintln!("no extracted documents in the store: run `readout ingest` first");
        return Ok(None);
    }
    let state = readout_ingest::current_state(&store, &pack, &Config::default())?;
    Ok(state.map(|s| (pack, store, s)))
}

/// One evidence line: document, outlet, date and the quote.
pub fn evidence_line(e: &readout_signals::Evidence) -> String {
    if e.quote.is_empty() {
        format!("{} ({}, {})", e.doc, e.outlet, e.published)
    } else {
        format!(
            "{} ({}, {}): \u{201c}{}\u{201d}",
            e.doc, e.outlet, e.published, e.quote
        )
    }
}
