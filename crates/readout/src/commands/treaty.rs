//! `readout treaty`: a tracked treaty's articles with the evidence of each in practice.

use std::io::Write;

use super::signals::{current, evidence_line};
use super::Context;
use crate::args::Format;
use crate::output;
use crate::Outcome;

/// Show each article of the tracked treaties with evidence of it in practice
///
/// Evidence is a sentence naming the other party with the article's keywords
/// (pack treaty.toml), in a document after the signing that is not itself
/// about the treaty. The pack says where each article's number and subject
/// come from; uncertain ones are marked there.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  readout treaty
  readout treaty --with-evidence --format json")]
pub struct Args {
    /// Only articles with evidence
    #[arg(long)]
    pub with_evidence: bool,
    /// How to print
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<Outcome> {
    let Some((pack, _, state)) = current(ctx)? else {
        return Ok(Outcome::NothingFound);
    };
    let articles: Vec<_> = state
        .treaty_articles(&pack)
        .into_iter()
        .filter(|a| !args.with_evidence || a.documents > 0)
        .collect();
    if articles.is_empty() {
        eprintln!("no treaty articles to show");
        return Ok(Outcome::NothingFound);
    }
    let mut out = std::io::stdout().lock();
    if args.format == Format::Json {
        for a in &articles {
            output::json_line(&mut out, a)?;
        }
        out.flush()?;
        return Ok(Outcome::Done);
    }
    let mut treaty = "";
    for a in &articles {
        if a.treaty != treaty {
            treaty = &a.treaty;
            let name = pack
                .treaties
                .iter()
                .find(|t| t.id == a.treaty)
                .map_or(treaty, |t| t.name.as_str());
            writeln!(out, "{name}\n")?;
        }
        writeln!(
            out,
            "Article {:>2} ({}), {} documents",
            a.number, a.subject, a.documents
        )?;
        writeln!(
            out,
            "{}",
            readout_signals::report::wrap(&a.summary, 6, readout_signals::report::WIDTH)
        )?;
        for e in &a.evidence {
            writeln!(
                out,
                "{}",
                readout_signals::report::wrap(
                    &format!("\u{2022} {}", evidence_line(e)),
                    6,
                    readout_signals::report::WIDTH
                )
            )?;
        }
    }
    out.flush()?;
    Ok(Outcome::Done)
}
