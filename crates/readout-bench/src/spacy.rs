//! The spaCy baseline's figures (from `bench/spacy/ner_baseline.py`), printed beside ours.

use std::path::Path;

use anyhow::Context;
use serde::Deserialize;

use crate::score::Counts;

/// Goal: this many times spaCy's throughput per core.
const SPEED_GOAL: f64 = 100.0;

/// What `ner_baseline.py` prints.
#[derive(Debug, Deserialize)]
pub struct Baseline {
    pub model: String,
    pub model_version: String,
    pub spacy_version: String,
    pub documents: usize,
    /// UTF-8 bytes of title and body over all documents.
    pub bytes: usize,
    /// Process CPU time spent in the pipeline.
    pub cpu_seconds: f64,
    pub person: Counts,
    pub organization: Counts,
}

impl Baseline {
    /// MB per CPU second: throughput per core, whatever threads it used.
    fn mb_per_core_second(&self) -> f64 {
        self.bytes as f64 / 1e6 / self.cpu_seconds
    }
}

pub fn read(path: &Path) -> anyhow::Result<Baseline> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    serde_json::from_str(&text)
        .with_context(|| format!("{}: not the output of ner_baseline.py", path.display()))
}

fn prf(c: &Counts) -> String {
    format!("{:.3} {:.3} {:.3}", c.precision(), c.recall(), c.f1())
}

/// Prints spaCy's figures and ours side by side; `ours_mb_s` is our
/// single-threaded throughput on the same documents.
pub fn compare(base: &Baseline, documents: usize, persons: &Counts, orgs: &Counts, ours_mb_s: f64) {
    println!(
        "\nbeside spaCy {} {} (spaCy {}), exact spans, PERSON and ORG labels",
        base.model, base.model_version, base.spacy_version
    );
    if base.documents != documents {
        println!(
            "warning: spaCy ran on {} documents, we on {documents}",
            base.documents
        );
    }
    println!(
        "  {:<28} {:<17}   {:<17}   goal",
        "", "ours P R F1", "spaCy P R F1"
    );
    for (name, ours, theirs) in [
        ("persons (exact span)", persons, &base.person),
        ("organisations (exact span)", orgs, &base.organization),
    ] {
        println!(
            "  {name:<28} {:<17}   {:<17}   higher F1: {}",
            prf(ours),
            prf(theirs),
            if ours.f1() > theirs.f1() {
                "met"
            } else {
                "not met"
            }
        );
    }
    let theirs = base.mb_per_core_second();
    let ratio = ours_mb_s / theirs;
    println!(
        "  {:<28} ours {ours_mb_s:.2} MB/s, spaCy {theirs:.3} MB/s per core: {ratio:.0}x   \
         >= {SPEED_GOAL:.0}x: {}{}",
        "throughput (one core)",
        if ratio >= SPEED_GOAL {
            "met"
        } else {
            "not met"
        },
        if cfg!(debug_assertions) {
            " (ours from a debug build: use --release)"
        } else {
            ""
        }
    );
}
