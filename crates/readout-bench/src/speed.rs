//! `extract-speed`: single-threaded extraction throughput beside reading and
//! JSON-parsing the same input, measured in the same run.

use std::path::PathBuf;
use std::time::Instant;

use readout_extract::{DocInput, Extractor};

use crate::data;
use crate::ingest::parse_all;

/// Goal: MB of text per second on one core.
const GOAL_MB_S: f64 = 20.0;

#[derive(Debug, clap::Args)]
#[command(after_help = "Example (from the repository root):\n  \
    cargo run --release -p readout-bench -- extract-speed --runs 3")]
pub struct Args {
    /// A JSON Lines archive (.jsonl or .jsonl.gz)
    #[arg(long, default_value = "../shared/data/kcna-2011-2012.jsonl.gz")]
    data: PathBuf,
    /// The pack the extractor is built from
    #[arg(long, default_value = "packs/dprk-russia")]
    pack: PathBuf,
    /// Runs of each phase; the best is reported
    #[arg(long, default_value_t = 3)]
    runs: u32,
}

/// The fastest of `runs` timings of `f`, in seconds.
fn best(runs: u32, mut f: impl FnMut() -> anyhow::Result<()>) -> anyhow::Result<f64> {
    let mut best = f64::INFINITY;
    for _ in 0..runs.max(1) {
        let start = Instant::now();
        f()?;
        best = best.min(start.elapsed().as_secs_f64());
    }
    Ok(best)
}

pub fn run(args: &Args) -> anyhow::Result<()> {
    let pack = data::load_pack(&args.pack)?;
    let start = Instant::now();
    let extractor = Extractor::new(&pack);
    let build = start.elapsed().as_secs_f64();
    let rows = data::read_rows(&args.data)?;
    let docs: Vec<DocInput<'_>> = rows
        .iter()
        .filter(|r| !r.body_text().is_empty())
        .map(|r| DocInput {
            title: r.title_text(),
            body: r.body_text(),
            outlet_country: data::outlet_country(&pack, r.outlet.as_deref()),
            published: r.date(),
        })
        .collect();
    let bytes: usize = docs.iter().map(|d| d.title.len() + d.body.len()).sum();
    let text_mb = data::mb(bytes);

    let baseline = best(args.runs, || {
        std::hint::black_box(parse_all(&args.data)?);
        Ok(())
    })?;
    let mut found = 0;
    let extract = best(args.runs, || {
        found = 0;
        for d in &docs {
            let ex = extractor.extract(d);
            found += ex.mentions.len();
            std::hint::black_box(ex);
        }
        Ok(())
    })?;

    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!(
        "extract-speed: {} ({} documents, {text_mb:.1} MB of title and body text), one thread \
         of {cores} cores, best of {}{}",
        args.data.display(),
        docs.len(),
        args.runs,
        if cfg!(debug_assertions) {
            " (debug build: use --release)"
        } else {
            ""
        }
    );
    println!("extractor built in {:.1} ms", build * 1e3);
    println!(
        "  baseline  (read, gunzip, parse JSON) {baseline:>8.3} s {:>8.1} MB/s of text",
        text_mb / baseline
    );
    println!(
        "  extract   ({found} mentions)         {extract:>8.3} s {:>8.1} MB/s of text",
        text_mb / extract
    );
    let speed = text_mb / extract;
    println!(
        "ratio: extraction runs at {:.1}% of the baseline's speed; goal >= {GOAL_MB_S} MB/s per core: {}",
        100.0 * baseline / extract,
        if speed >= GOAL_MB_S { "met" } else { "not met" }
    );
    Ok(())
}
