//! Input files: JSON Lines archives (plain or gzipped) and data packs.

use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use anyhow::Context;
use chrono::NaiveDate;
use readout_core::pack::Pack;
use serde::Deserialize;

/// Opens a file, gunzipping it when its name ends in `.gz`.
pub fn open(input: &Path) -> anyhow::Result<Box<dyn Read>> {
    let f =
        std::fs::File::open(input).with_context(|| format!("cannot open {}", input.display()))?;
    Ok(if input.extension().is_some_and(|e| e == "gz") {
        Box::new(flate2::read::MultiGzDecoder::new(f))
    } else {
        Box::new(f)
    })
}

/// One record of a JSON Lines archive, with the fields extraction needs.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Row {
    #[serde(default)]
    pub outlet: Option<String>,
    #[serde(default)]
    pub published: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub body: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
}

/// True for the strings R and pandas write where a value is missing.
fn is_placeholder(s: &str) -> bool {
    matches!(s.trim(), "<NA>" | "NA" | "NaN")
}

impl Row {
    /// The title as extraction sees it: a missing value ("<NA>") is no title.
    pub fn title_text(&self) -> &str {
        self.title
            .as_deref()
            .filter(|t| !is_placeholder(t))
            .unwrap_or("")
    }

    /// The body as extraction sees it.
    pub fn body_text(&self) -> &str {
        self.body
            .as_deref()
            .filter(|b| !is_placeholder(b))
            .unwrap_or("")
    }

    pub fn date(&self) -> Option<NaiveDate> {
        let p = self.published.as_deref()?;
        NaiveDate::parse_from_str(p.get(..10)?, "%Y-%m-%d").ok()
    }
}

/// Reads every line of a JSON Lines file; a row's index is its 0-based line
/// number (blank lines keep their number and hold an empty row).
pub fn read_rows(path: &Path) -> anyhow::Result<Vec<Row>> {
    let mut rows = Vec::new();
    for (i, line) in BufReader::with_capacity(1 << 16, open(path)?)
        .lines()
        .enumerate()
    {
        let line = line.with_context(|| format!("{}:{}", path.display(), i + 1))?;
        if line.trim().is_empty() {
            rows.push(Row::default());
            continue;
        }
        let row: Row = serde_json::from_str(&line)
            .with_context(|| format!("{}:{}: not a JSON record", path.display(), i + 1))?;
        rows.push(row);
    }
    Ok(rows)
}

/// Loads and validates a pack folder.
pub fn load_pack(dir: &Path) -> anyhow::Result<Pack> {
    readout_ingest::load_pack(dir).with_context(|| format!("cannot load pack {}", dir.display()))
}

/// The country of an outlet named in a record, from the pack.
pub fn outlet_country<'p>(pack: &'p Pack, outlet: Option<&str>) -> Option<&'p str> {
    outlet
        .and_then(|o| pack.outlet(o))
        .map(|o| o.country.as_str())
}

/// Where `--write-spun` writes spun documents: JSON Lines that `readout
/// extract` reads (id, outlet, published, title, body), with whether the
/// extractor marked each spun. Created before the long work, so that a bad
/// path is reported first.
pub struct SpunWriter(Option<std::io::BufWriter<std::fs::File>>);

impl SpunWriter {
    pub fn create(path: Option<&Path>) -> anyhow::Result<SpunWriter> {
        let file = match path {
            Some(path) => Some(std::io::BufWriter::new(
                std::fs::File::create(path)
                    .with_context(|| format!("cannot create {}", path.display()))?,
            )),
            None => None,
        };
        Ok(SpunWriter(file))
    }

    pub fn write(
        &mut self,
        id: &str,
        row: &Row,
        title: &str,
        body: &str,
        likely_spun: bool,
    ) -> anyhow::Result<()> {
        use std::io::Write;
        if let Some(out) = self.0.as_mut() {
            let line = serde_json::json!({
                "id": id,
                "outlet": row.outlet,
                "published": row.published,
                "title": title,
                "body": body,
                "likely_spun": likely_spun,
            });
            writeln!(out, "{line}")?;
        }
        Ok(())
    }

    pub fn finish(self) -> anyhow::Result<()> {
        use std::io::Write;
        if let Some(mut out) = self.0 {
            out.flush()?;
        }
        Ok(())
    }
}

/// Megabytes (10^6 bytes), for throughput figures.
pub fn mb(bytes: usize) -> f64 {
    bytes as f64 / 1e6
}

/// Runs this binary again with `args` (a phase measured in a process of its
/// own, so that its peak memory is its own) and reads the JSON it prints.
pub fn run_self<T: serde::de::DeserializeOwned>(args: &[&std::ffi::OsStr]) -> anyhow::Result<T> {
    let exe = std::env::current_exe()?;
    let out = std::process::Command::new(exe).args(args).output()?;
    if !out.status.success() {
        anyhow::bail!(
            "{} failed: {}",
            args.iter()
                .map(|a| a.to_string_lossy())
                .collect::<Vec<_>>()
                .join(" "),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    Ok(serde_json::from_slice(&out.stdout)?)
}
