//! `readout extract`: run extraction on files without storing anything.

use std::io::{BufRead, Read, Write};
use std::path::PathBuf;

use anyhow::Context as _;
use readout_extract::{DocInput, Extraction, Extractor};
use serde::Serialize;

use super::Context;
use crate::output;
use crate::Outcome;

/// Extract people, titles, organisations, meetings and events from files
///
/// Prints one JSON object per document (JSON Lines), or a table with --format
/// table. JSON Lines files (.jsonl, .jsonl.gz) give one document per line
/// (fields title, body, id, outlet, published); any other file, or text on
/// standard input (`--`), is one document. Nothing is stored. See docs/extract.md.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  readout extract statement.txt
  readout extract items.jsonl --format table
  echo 'Kim Yo Jong, vice department director of the C.C., WPK, said...' | readout extract --outlet KCNA --")]
pub struct Args {
    /// Files to read; none, `-` or `--` reads standard input
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Outlet of documents that name none: its country is the default
    /// country of unqualified posts ("minister of Foreign Affairs")
    #[arg(long)]
    pub outlet: Option<String>,
    #[arg(long, value_enum, default_value_t = ExtractFormat::Json)]
    pub format: ExtractFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExtractFormat {
    /// One JSON object per document
    Json,
    /// A line per mention and title, for reading
    Table,
}

/// One document to extract from.
struct Item {
    doc: String,
    title: String,
    body: String,
    outlet: Option<String>,
    published: Option<chrono::NaiveDate>,
}

/// The JSON Lines record of `readout extract`, as documented in docs/extract.md.
#[derive(Serialize)]
struct Record<'a> {
    doc: &'a str,
    #[serde(flatten)]
    extraction: &'a Extraction,
}

fn read_items(path: &PathBuf) -> anyhow::Result<Vec<Item>> {
    let name = path.display().to_string();
    let stdin = name == "-" || name == "--";
    let mut raw = Vec::new();
    if stdin {
        std::io::stdin()
            .read_to_end(&mut raw)
            .context("cannot read standard input")?;
    } else {
        let file = std::fs::File::open(path).with_context(|| format!("cannot open {name}"))?;
        let mut reader: Box<dyn Read> = if name.ends_with(".gz") {
            Box::new(flate2::read::MultiGzDecoder::new(file))
        } else {
            Box::new(file)
        };
        reader
            .read_to_end(&mut raw)
            .with_context(|| format!("cannot read {name}"))?;
    }
    let text = String::from_utf8(raw).map_err(|e| {
        anyhow::anyhow!(
            "{name}: not UTF-8 text (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })?;
    let json_lines = name.ends_with(".jsonl")
        || name.ends_with(".jsonl.gz")
        || (stdin && text.trim_start().starts_with('{'));
    if !json_lines {
        let label = if stdin { "<stdin>".to_owned() } else { name };
        return Ok(vec![Item {
            doc: label,
            title: String::new(),
            body: readout_core::normalize::clean_text(&text),
            outlet: None,
            published: None,
        }]);
    }
    let mut items = Vec::new();
    for (n, line) in text.as_bytes().lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(&line)
            .with_context(|| format!("{name}:{}: invalid JSON", n + 1))?;
        let field = |k: &str| v.get(k).and_then(|x| x.as_str()).map(str::to_owned);
        let body = field("body").with_context(|| format!("{name}:{}: no body", n + 1))?;
        items.push(Item {
            doc: field("id").unwrap_or_else(|| format!("{name}:{}", n + 1)),
            title: readout_core::normalize::clean_text(&field("title").unwrap_or_default()),
            body: readout_core::normalize::clean_text(&body),
            outlet: field("outlet"),
            published: field("published")
                .and_then(|p| readout_ingest::parse_published(&p))
                .map(|p| p.date),
        });
    }
    Ok(items)
}

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<Outcome> {
    let pack = crate::packs::load(ctx.pack.as_deref())?;
    let extractor = Extractor::new(&pack);
    let mut out = std::io::stdout().lock();
    let mut found = false;
    let stdin = [PathBuf::from("-")];
    let files = if args.files.is_empty() {
        &stdin[..]
    } else {
        &args.files[..]
    };
    for path in files {
        for item in read_items(path)? {
            let country = item
                .outlet
                .as_deref()
                .or(args.outlet.as_deref())
                .and_then(|o| pack.outlet(o))
                .map(|o| o.country.as_str());
            let x = extractor.extract(&DocInput {
                title: &item.title,
                body: &item.body,
                outlet_country: country,
                published: item.published,
            });
            found |= !x.mentions.is_empty();
            match args.format {
                ExtractFormat::Json => output::json_line(
                    &mut out,
                    &Record {
                        doc: &item.doc,
                        extraction: &x,
                    },
                )?,
                ExtractFormat::Table => {
                    writeln!(out, "== {}", item.doc)?;
                    for m in &x.mentions {
                        writeln!(
                            out,
                            "{:<13} {:<45} {}",
                            format!("{:?}", m.kind).to_lowercase(),
                            m.surface,
                            m.entity
                        )?;
                    }
                    for t in &x.titles {
                        writeln!(
                            out,
                            "title         {} = {} [{}]",
                            t.person,
                            t.post,
                            t.country.as_deref().unwrap_or("?")
                        )?;
                    }
                    for m in &x.meetings {
                        writeln!(
                            out,
                            "meeting       {} ({:?}, {:?}..{:?})",
                            m.surface,
                            m.ordinal,
                            m.from.or(m.date),
                            m.to
                        )?;
                    }
                    for e in &x.events {
                        writeln!(out, "event         {} {} {:?}", e.kind, e.surface, e.date)?;
                    }
                }
            }
        }
    }
    out.flush()?;
    Ok(if found {
        Outcome::Done
    } else {
        Outcome::NothingFound
    })
}
