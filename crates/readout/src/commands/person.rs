//! `readout person NAME`: a person's posts over time, with first and last seen and evidence.

use std::io::Write;

use readout_signals::{rank, report};
use readout_store::SignalFilter;

use super::signals::{current, evidence_line};
use super::Context;
use crate::args::Format;
use crate::output;
use crate::Outcome;

/// Show a person's posts over time: first and last seen, with evidence
///
/// NAME matches any part of the canonical name, in any case ("Pak Jong Chon",
/// "jong chon"); several people may match. The signals about the person
/// follow their posts.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  readout person 'Pak Jong Chon'
  readout person 'Kim Jong Un' --format json")]
pub struct Args {
    /// Part of the person's name
    pub name: String,
    /// How to print
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<Outcome> {
    let Some((_, store, state)) = current(ctx)? else {
        return Ok(Outcome::NothingFound);
    };
    let people = state.people(&args.name);
    if people.is_empty() {
        eprintln!("no titled person matches {:?}", args.name);
        return Ok(Outcome::NothingFound);
    }
    let mut out = std::io::stdout().lock();
    for p in people.iter().take(5) {
        if args.format == Format::Json {
            output::json_line(&mut out, p)?;
            continue;
        }
        writeln!(
            out,
            "{} ({}), titled in {} documents",
            p.name, p.id, p.titled_documents
        )?;
        let mut table = output::table(&["post", "kind", "seen", "first", "last", "left"]);
        for post in &p.posts {
            table.add_row(vec![
                post.post.clone(),
                post.kind.clone(),
                post.count.to_string(),
                post.first.to_string(),
                post.last.to_string(),
                if post.left {
                    "yes".to_owned()
                } else {
                    String::new()
                },
            ]);
        }
        writeln!(out, "{table}")?;
        writeln!(out, "evidence, first and last seen in each post:")?;
        for post in &p.posts {
            writeln!(out, "  {}", post.post)?;
            if let Some(f) = &post.first_evidence {
                writeln!(
                    out,
                    "{}",
                    report::wrap(&format!("first: {}", evidence_line(f)), 4, report::WIDTH)
                )?;
            }
            if post.first_evidence.as_ref() != Some(&post.last_evidence) {
                writeln!(
                    out,
                    "{}",
                    report::wrap(
                        &format!("last: {}", evidence_line(&post.last_evidence)),
                        4,
                        report::WIDTH
                    )
                )?;
            }
        }
        let mut signals = store.signals(&SignalFilter {
            subject: Some(p.name.clone()),
            ..Default::default()
        })?;
        signals.retain(|s| s.subject == p.name);
        if !signals.is_empty() {
            rank(&mut signals);
            writeln!(out, "\nsignals about {}:\n", p.name)?;
            write!(out, "{}", report::render(&signals))?;
        }
        writeln!(out)?;
    }
    if people.len() > 5 && args.format == Format::Table {
        writeln!(
            out,
            "{} more people match; give more of the name",
            people.len() - 5
        )?;
    }
    out.flush()?;
    Ok(Outcome::Done)
}
