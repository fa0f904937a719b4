//! `ingest`: ingest throughput against reading and JSON-parsing the same input.
//!
//! Each phase runs in a child process of its own, so that its peak resident
//! memory is its own.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::time::Instant;

use clap::ValueEnum;
use serde::{Deserialize, Serialize};

use crate::data::open;

#[derive(Debug, Clone, Copy, ValueEnum, Serialize, Deserialize)]
pub enum Phase {
    /// Read (and gunzip) the file and parse every line as a JSON record.
    Baseline,
    /// The ingest pipeline into a fresh store, without extraction.
    Store,
    /// The full ingest pipeline into a fresh store, with extraction, as
    /// `readout ingest` runs it.
    Ingest,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct Figures {
    records: u64,
    /// Uncompressed bytes of input.
    bytes: u64,
    seconds: f64,
    peak_rss_bytes: u64,
}

/// The fields a baseline parse fills, as the ingest reader's records have them.
#[derive(Debug, Deserialize)]
#[allow(dead_code)]
pub struct RawRecord {
    outlet: Option<String>,
    published: Option<String>,
    title: Option<String>,
    body: Option<String>,
    url: Option<String>,
    lang: Option<String>,
}

/// Peak resident set size of this process, from /proc (Linux).
pub fn peak_rss() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<u64>().ok())
        })
        .map_or(0, |kb| kb * 1024)
}

fn uncompressed_size(input: &Path) -> anyhow::Result<u64> {
    Ok(std::io::copy(&mut open(input)?, &mut std::io::sink())?)
}

/// Reads (and gunzips) a JSON Lines file and parses every line as a record:
/// the work any consumer of the file does. Returns the number of records.
pub fn parse_all(input: &Path) -> anyhow::Result<u64> {
    let mut n = 0u64;
    for line in BufReader::with_capacity(1 << 16, open(input)?).lines() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let r: RawRecord = serde_json::from_str(&line)?;
        std::hint::black_box(&r);
        n += 1;
    }
    Ok(n)
}

pub fn run_phase(phase: Phase, input: &Path) -> anyhow::Result<Figures> {
    let dir = tempfile::tempdir()?;
    run_phase_into(phase, input, &dir.path().join("bench.db"))
}

/// Runs a phase, storing into `db` (for the phases that store).
pub fn run_phase_into(phase: Phase, input: &Path, db: &Path) -> anyhow::Result<Figures> {
    let bytes = uncompressed_size(input)?;
    let start = Instant::now();
    let records = match phase {
        Phase::Baseline => parse_all(input)?,
        Phase::Store | Phase::Ingest => {
            let mut store = readout_store::Store::open(db)?;
            let files = readout_ingest::discover(&[input.to_path_buf()])?;
            let pack_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../packs/dprk-russia");
            let pack = readout_ingest::load_pack(&pack_dir)?;
            let extractor = (matches!(phase, Phase::Ingest))
                .then(|| std::sync::Arc::new(readout_extract::Extractor::new(&pack)));
            let config = readout_ingest::pipeline::IngestConfig {
                read: readout_ingest::ReadConfig {
                    pack,
                    ..Default::default()
                },
                extractor,
                ..Default::default()
            };
            let summary = readout_ingest::pipeline::ingest(
                &mut store,
                &files,
                &config,
                &mut readout_ingest::pipeline::Quiet,
            )?;
            summary.records
        }
    };
    Ok(Figures {
        records,
        bytes,
        seconds: start.elapsed().as_secs_f64(),
        peak_rss_bytes: peak_rss(),
    })
}

fn child(phase: Phase, input: &Path) -> anyhow::Result<Figures> {
    let name = format!("{phase:?}").to_lowercase();
    crate::data::run_self(&["phase".as_ref(), name.as_ref(), input.as_os_str()])
}

fn best(phase: Phase, input: &Path, runs: u32) -> anyhow::Result<Figures> {
    let mut best: Option<Figures> = None;
    for _ in 0..runs.max(1) {
        let f = child(phase, input)?;
        if best.as_ref().is_none_or(|b| f.seconds < b.seconds) {
            best = Some(f);
        }
    }
    Ok(best.expect("at least one run"))
}

fn line(name: &str, f: &Figures) {
    let mb = f.bytes as f64 / 1e6;
    println!(
        "{name:<10} {:>8} docs {:>8.1} MB {:>8.3} s {:>10.0} docs/s {:>8.1} MB/s  peak {:>7.1} MiB",
        f.records,
        mb,
        f.seconds,
        f.records as f64 / f.seconds,
        mb / f.seconds,
        f.peak_rss_bytes as f64 / (1024.0 * 1024.0)
    );
}

pub fn run(input: &Path, runs: u32) -> anyhow::Result<()> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!("input: {} ({cores} cores, best of {runs})", input.display());
    let base = best(Phase::Baseline, input, runs)?;
    let stored = best(Phase::Store, input, runs)?;
    let ingest = best(Phase::Ingest, input, runs)?;
    line("baseline", &base);
    line("store", &stored);
    line("ingest", &ingest);
    println!(
        "ratio      storing runs at {:.1}%, a full ingest (with extraction) at {:.1}% of the baseline's speed",
        100.0 * base.seconds / stored.seconds,
        100.0 * base.seconds / ingest.seconds
    );
    Ok(())
}
