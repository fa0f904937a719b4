//! `readout reextract`: extract again what an older pack extracted.

use indicatif::ProgressBar;
use readout_extract::Extractor;
use readout_ingest::pipeline::{self, Observer};

use super::Context;
use crate::Outcome;

/// Extract again the stored documents whose extraction used another pack
///
/// Incremental: documents already extracted with the current pack are left
/// alone, so after a pack change only this command is needed, and an
/// interrupted run picks up where it stopped.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  readout reextract
  readout --pack my-pack/ reextract")]
pub struct Args {
    /// Documents extracted per transaction
    #[arg(long, default_value_t = 2_000, value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub batch_size: u32,
}

struct Bar(ProgressBar);

impl Observer for Bar {
    fn progress(&mut self, done: u64, total: u64) {
        self.0.set_length(total);
        self.0.set_position(done);
    }
}

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<Outcome> {
    let pack = crate::packs::load(ctx.pack.as_deref())?;
    let extractor = Extractor::new(&pack);
    let mut store = ctx.open_store()?;
    let mut bar = Bar(ProgressBar::new(0));
    let n = pipeline::reextract(&mut store, &extractor, args.batch_size as usize, &mut bar)?;
    bar.0.finish_and_clear();
    super::signals::refresh(&mut store, &pack, false)?;
    let (current, total) = store.extraction_counts(extractor.pack_fingerprint())?;
    println!(
        "extracted: {n} documents; {current} of {total} are now extracted with pack {}",
        extractor.pack_fingerprint()
    );
    Ok(Outcome::Done)
}
