//! `readout timeline PHRASE`: how often a phrase is used, period by period.

use std::collections::BTreeMap;
use std::io::Write;

use chrono::{Datelike, NaiveDate};
use readout_core::pack::Pack;
use readout_core::query;
use serde::Serialize;

use super::Context;
use crate::args::Format;
use crate::output;
use crate::Outcome;

/// Count the documents using a phrase, by week or month, per outlet or audience
///
/// Beside each count is the number of documents the archive holds for that
/// period and group, so that a silence can be told from a hole in the archive.
/// PHRASE is a search query (quote several words for a phrase).
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  readout timeline alliance --about Russia --every month
  readout timeline '\"comprehensive strategic partnership\"' --by audience")]
pub struct Args {
    /// The phrase or query
    pub phrase: String,
    /// Only documents naming this country or organisation (name, acronym or id)
    #[arg(long, value_name = "ENTITY")]
    pub about: Option<String>,
    /// Group the counts by outlet or by audience
    #[arg(long, value_enum, default_value_t = By::Outlet)]
    pub by: By,
    /// Length of a period
    #[arg(long, value_enum, default_value_t = Every::Month)]
    pub every: Every,
    /// How to print
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum By {
    Outlet,
    Audience,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Every {
    Week,
    Month,
}

#[derive(Debug, Serialize)]
struct Row {
    period: String,
    group: String,
    matching: u64,
    documents: u64,
}

fn period(d: NaiveDate, every: Every) -> String {
    match every {
        Every::Month => format!("{}-{:02}", d.year(), d.month()),
        Every::Week => {
            let w = d.iso_week();
            format!("{}-W{:02}", w.year(), w.week())
        }
    }
}

/// The row of a period and group, made empty if new.
fn row(rows: &mut BTreeMap<(String, String), Row>, (period, group): (String, String)) -> &mut Row {
    rows.entry((period.clone(), group.clone())).or_insert(Row {
        period,
        group,
        matching: 0,
        documents: 0,
    })
}

/// The entity id for a name: a pack country or organisation, else the text as given.
fn entity_id(pack: &Pack, name: &str) -> String {
    let n = name.trim().to_lowercase();
    if let Some(c) = pack.countries.iter().find(|c| {
        c.id == n
            || c.name.to_lowercase() == n
            || c.aliases
                .iter()
                .chain(&c.adjectives)
                .any(|a| a.to_lowercase() == n)
    }) {
        return c.id.clone();
    }
    if let Some(o) = pack.organizations.iter().find(|o| {
        o.id == n
            || o.name.to_lowercase() == n
            || o.aliases
                .iter()
                .chain(&o.acronyms)
                .any(|a| a.to_lowercase() == n)
    }) {
        return o.id.clone();
    }
    name.trim().to_owned()
}

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<Outcome> {
    let pack = crate::packs::load(ctx.pack.as_deref())?;
    let store = ctx.open_store()?;
    let q = query::parse(&args.phrase)?;
    let about = args.about.as_deref().map(|a| entity_id(&pack, a));
    let matching = store.matching_by_day(&q, about.as_deref())?;
    if matching.is_empty() {
        eprintln!("no documents match");
        return Ok(Outcome::NothingFound);
    }
    let all = store.documents_by_day(about.as_deref())?;
    let group = |outlet: &str, audience: &str| match args.by {
        By::Outlet => outlet.to_owned(),
        By::Audience => audience.to_owned(),
    };
    let mut rows: BTreeMap<(String, String), Row> = BTreeMap::new();
    let key = |d: &readout_store::AudienceDayCount| {
        (period(d.day, args.every), group(&d.outlet, &d.audience))
    };
    let first = matching.first().map(|m| m.day).expect("not empty");
    let last = all.last().map_or(first, |m| m.day);
    for d in all.iter().filter(|d| d.day >= first && d.day <= last) {
        row(&mut rows, key(d)).documents += d.documents;
    }
    for m in &matching {
        row(&mut rows, key(m)).matching += m.documents;
    }
    let mut out = std::io::stdout().lock();
    match args.format {
        Format::Json => {
            for r in rows.values() {
                output::json_line(&mut out, r)?;
            }
        }
        Format::Table => {
            let by = match args.by {
                By::Outlet => "outlet",
                By::Audience => "audience",
            };
            let mut table = output::table(&["period", by, "using it", "documents", "share", ""]);
            for r in rows.values() {
                let share = if r.documents > 0 {
                    format!("{:.1}%", 100.0 * r.matching as f64 / r.documents as f64)
                } else {
                    "-".to_owned()
                };
                let bar = "#".repeat(r.matching.min(40) as usize);
                table.add_row(vec![
                    r.period.clone(),
                    r.group.clone(),
                    r.matching.to_string(),
                    r.documents.to_string(),
                    share,
                    bar,
                ]);
            }
            writeln!(out, "{table}")?;
        }
    }
    out.flush()?;
    Ok(Outcome::Done)
}
