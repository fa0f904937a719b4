//! `readout calendar`: meetings held, expected, overdue.

use std::io::Write;

use super::signals::{current, evidence_line};
use super::Context;
use crate::args::Format;
use crate::output;
use crate::Outcome;

/// Show meetings held, expected and overdue, by kind of meeting
///
/// Expectations come from cadence (held in the same month in each of the
/// last years) and from announcements ("decided to convene ... in late June").
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  readout calendar
  readout calendar --kind plenary --format json")]
pub struct Args {
    /// Only meeting kinds whose id or name contains this text
    #[arg(long)]
    pub kind: Option<String>,
    /// How to print
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<Outcome> {
    let Some((pack, _, state)) = current(ctx)? else {
        return Ok(Outcome::NothingFound);
    };
    let wanted = args.kind.as_deref().map(str::to_lowercase);
    let kinds: Vec<_> = state
        .calendar(&pack)
        .into_iter()
        .filter(|k| {
            wanted.as_ref().is_none_or(|w| {
                k.kind.to_lowercase().contains(w) || k.name.to_lowercase().contains(w)
            })
        })
        .collect();
    if kinds.is_empty() {
        eprintln!("no meetings found");
        return Ok(Outcome::NothingFound);
    }
    let mut out = std::io::stdout().lock();
    for k in &kinds {
        if args.format == Format::Json {
            output::json_line(&mut out, k)?;
            continue;
        }
        writeln!(out, "{}", k.name)?;
        let mut table = output::table(&["from", "to", "", "agenda", "reported in"]);
        for m in &k.held {
            let mut what = String::new();
            if let Some(o) = m.ordinal {
                what.push_str(&format!("no. {o}"));
            }
            if m.enlarged {
                what.push_str(if what.is_empty() {
                    "enlarged"
                } else {
                    ", enlarged"
                });
            }
            table.add_row(vec![
                m.from.to_string(),
                m.to.to_string(),
                what,
                m.agenda.join(", "),
                m.evidence.doc.clone(),
            ]);
        }
        writeln!(out, "held:\n{table}")?;
        if !k.expected.is_empty() {
            writeln!(out, "expected:")?;
            for e in &k.expected {
                let why = match (&e.announced, e.precedents.len()) {
                    (Some(a), n) if n >= 2 => format!(
                        "announced ({}) and held in this month in each of the last {n} years",
                        a.doc
                    ),
                    (Some(a), _) => format!("announced ({})", a.doc),
                    (None, n) => format!("held in this month in each of the last {n} years"),
                };
                writeln!(
                    out,
                    "  {} to {}  {:<10} {why}",
                    e.from,
                    e.to,
                    e.outcome.as_deref().unwrap_or("open")
                )?;
                if let Some(a) = &e.announced {
                    writeln!(
                        out,
                        "{}",
                        readout_signals::report::wrap(
                            &evidence_line(a),
                            6,
                            readout_signals::report::WIDTH
                        )
                    )?;
                }
            }
        }
        writeln!(out)?;
    }
    out.flush()?;
    Ok(Outcome::Done)
}
