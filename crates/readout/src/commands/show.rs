//! `readout show`: one stored document, where it was seen, and its near-duplicates.

use std::io::Write;

use super::Context;
use crate::output;
use crate::Outcome;

/// Show one stored document in full, with every place it was found
///
/// DOC_ID may be a unique prefix of the id. Exit code 1 when no document has it.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  readout show 3f9a27c1
  readout show kcna-2024-06-20-treaty --format json")]
pub struct Args {
    /// The document's id, or a unique prefix of it
    pub doc_id: String,
    /// text for reading, json for one JSON object
    #[arg(long, value_enum, default_value_t = ShowFormat::Text)]
    pub format: ShowFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ShowFormat {
    Text,
    Json,
}

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<Outcome> {
    let store = ctx.open_store()?;
    let Some(stored) = store.document(&args.doc_id)? else {
        let candidates = store.ids_with_prefix(&args.doc_id, 6)?;
        if candidates.len() > 1 {
            let list: Vec<&str> = candidates.iter().map(|c| c.as_str()).collect();
            anyhow::bail!(
                "{:?} is the start of several ids: {}",
                args.doc_id,
                list.join(", ")
            );
        }
        eprintln!("no document with id {:?}", args.doc_id);
        return Ok(Outcome::NothingFound);
    };
    let extraction = store.extraction(&stored.doc.id)?.map(|(x, _)| x);
    let mut out = std::io::stdout().lock();
    if args.format == ShowFormat::Json {
        #[derive(serde::Serialize)]
        struct Shown<'a> {
            #[serde(flatten)]
            stored: &'a readout_store::StoredDocument,
            extraction: Option<&'a readout_extract::Extraction>,
        }
        output::json_line(
            &mut out,
            &Shown {
                stored: &stored,
                extraction: extraction.as_ref(),
            },
        )?;
        return Ok(Outcome::Done);
    }
    let d = &stored.doc;
    writeln!(out, "{}", d.title)?;
    let time = d
        .published
        .time
        .map(|t| format!(" {t}"))
        .unwrap_or_default();
    let guessed = if d.published.guessed {
        " (date inferred)"
    } else {
        ""
    };
    writeln!(out, "id:        {}", d.id)?;
    writeln!(out, "outlet:    {} ({} audience)", d.outlet, d.audience)?;
    writeln!(out, "published: {}{time}{guessed}", d.published.date)?;
    for (label, value) in [
        ("url", &d.url),
        ("section", &d.section),
        ("lang", &d.lang),
        ("speaker", &d.attribution),
    ] {
        if let Some(v) = value {
            writeln!(out, "{label:<10} {v}", label = format!("{label}:"))?;
        }
    }
    writeln!(out)?;
    writeln!(out, "{}", d.body)?;
    writeln!(out)?;
    writeln!(out, "seen {} time(s):", stored.sightings.len())?;
    for s in &stored.sightings {
        writeln!(
            out,
            "  {}  {}  {}:{}",
            s.published, s.outlet, s.source, s.line
        )?;
    }
    if let Some(of) = &stored.near_duplicate_of {
        writeln!(
            out,
            "nearly repeats {} ({} {}, similarity {:.2}): {}",
            of.id, of.outlet, of.published, of.similarity, of.title
        )?;
    }
    for n in &stored.near_duplicates {
        writeln!(
            out,
            "nearly repeated by {} ({} {}, similarity {:.2}): {}",
            n.id, n.outlet, n.published, n.similarity, n.title
        )?;
    }
    if let Some(x) = &extraction {
        let mut people: Vec<&str> = x
            .mentions
            .iter()
            .filter(|m| m.kind == readout_extract::EntityType::Person)
            .map(|m| m.name.as_str())
            .collect();
        people.dedup();
        let mut seen = std::collections::HashSet::new();
        people.retain(|p| seen.insert(*p));
        if !people.is_empty() {
            writeln!(out, "people:    {}", people.join(", "))?;
        }
        for t in &x.titles {
            writeln!(
                out,
                "title:     {} = {} ({})",
                t.person,
                t.post,
                t.country.as_deref().unwrap_or("?")
            )?;
        }
        for m in &x.meetings {
            let when = match (m.date, m.from, m.to) {
                (Some(d), _, _) => d.to_string(),
                (None, Some(f), Some(t)) => format!("{f} to {t}"),
                _ => "date not stated".into(),
            };
            writeln!(out, "meeting:   {} ({when})", m.surface)?;
        }
    }
    out.flush()?;
    Ok(Outcome::Done)
}
