//! `readout-bench`: end-to-end benchmarks and evaluations of readout.
//!
//! - `ingest`: ingest throughput and peak memory beside reading and
//!   JSON-parsing the same input, each phase in a child process of its own.
//! - `extract-eval`: precision, recall and F1 of the extractor on the
//!   hand-labelled KCNA set (`eval/kcna-2011-2012/`), optionally beside the
//!   spaCy baseline of `bench/spacy/`.
//! - `spin-eval`: how much of what the extractor finds survives article spinning.
//! - `extract-speed`: single-threaded extraction throughput beside a parse baseline.
//! - `signals`: full signal recompute on the corpus and on a resampled corpus
//!   of a million documents, and the incremental cost per new document.
//!
//! Run it from the repository root, in release mode:
//!
//! ```text
//! cargo run --release -p readout-bench -- ingest ../shared/data/kcna-2011-2012.jsonl.gz
//! cargo run --release -p readout-bench -- extract-eval --show-errors 10
//! ```
#![forbid(unsafe_code)]

mod data;
mod eval;
mod ingest;
mod labels;
mod orgs;
mod score;
mod signals;
mod spacy;
mod speed;
mod spin;
mod spinner;
mod strata;

use std::path::PathBuf;

use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "readout-bench",
    about = "End-to-end benchmarks and evaluations for readout"
)]
struct Cli {
    #[command(subcommand)]
    command: Cmd,
}

#[derive(Debug, Subcommand)]
enum Cmd {
    /// Ingest throughput against reading and JSON-parsing the same input
    Ingest {
        /// A JSON Lines file (.jsonl or .jsonl.gz)
        input: PathBuf,
        /// Runs of each phase; the best is reported
        #[arg(long, default_value_t = 3)]
        runs: u32,
    },
    /// Precision, recall and F1 of the extractor on the hand-labelled KCNA set
    ExtractEval(eval::Args),
    /// Entity recall on spun (synonym-rewritten) text against the original
    SpinEval(spin::Args),
    /// Extraction throughput per core beside reading and parsing the same input
    ExtractSpeed(speed::Args),
    /// Writes readout's document id into each hand label (the labels' key)
    LabelIds {
        /// The hand labels (JSON Lines)
        #[arg(long, default_value = "eval/kcna-2011-2012/labels.jsonl")]
        labels: PathBuf,
        /// The data file the labels point into
        #[arg(long, default_value = "../shared/data/kcna-2011-2012.jsonl.gz")]
        data: PathBuf,
    },
    /// Signals: full recompute on the corpus and on a resampled 1M-document
    /// corpus, and the incremental cost per new document
    Signals(signals::Args),
    /// Internal: run one signals step and print its figures as JSON
    #[command(hide = true)]
    SignalsStep {
        step: signals::Step,
        db: PathBuf,
        n: u64,
    },
    /// Internal: run one phase and print its figures as JSON
    #[command(hide = true)]
    Phase {
        phase: ingest::Phase,
        input: PathBuf,
    },
}

/// The same allocator as the `readout` binary, so that figures match what it does.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> anyhow::Result<()> {
    match Cli::parse().command {
        Cmd::Phase { phase, input } => {
            let f = ingest::run_phase(phase, &input)?;
            println!("{}", serde_json::to_string(&f)?);
        }
        Cmd::Ingest { input, runs } => ingest::run(&input, runs)?,
        Cmd::ExtractEval(args) => eval::run(&args)?,
        Cmd::SpinEval(args) => spin::run(&args)?,
        Cmd::ExtractSpeed(args) => speed::run(&args)?,
        Cmd::Signals(args) => signals::run(&args)?,
        Cmd::LabelIds { labels, data } => {
            let pack = data::load_pack(std::path::Path::new("packs/dprk-russia"))?;
            let stored = labels::stored_documents(&data, &pack)?;
            let n = labels::add_ids(&labels, &stored)?;
            println!("{n} labels now name their readout document id");
        }
        Cmd::SignalsStep { step, db, n } => {
            let f = signals::run_step(step, &db, n)?;
            println!("{}", serde_json::to_string(&f)?);
        }
    }
    Ok(())
}
