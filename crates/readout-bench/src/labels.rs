//! The hand labels of `eval/kcna-2011-2012/labels.jsonl`, checked against the data file.

use std::io::{BufRead, BufReader};
use std::path::Path;

use anyhow::{bail, Context};
use readout_extract::Field;
use serde::Deserialize;

use crate::data::Row;

/// Which field a labelled span is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LabelField {
    Title,
    Body,
}

impl From<LabelField> for Field {
    fn from(f: LabelField) -> Field {
        match f {
            LabelField::Title => Field::Title,
            LabelField::Body => Field::Body,
        }
    }
}

/// One labelled document.
#[derive(Debug, Clone, Deserialize)]
pub struct LabelDoc {
    /// 0-based line of the data file.
    pub line: usize,
    /// The document's id in readout (derived from its text, as `readout ingest` stores it):
    /// the key by which the labels name the document.
    #[serde(default)]
    pub doc: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub published: Option<String>,
    pub persons: Vec<GoldPerson>,
    pub organizations: Vec<GoldOrg>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct GoldPerson {
    pub field: LabelField,
    pub start: usize,
    pub end: usize,
    pub surface: String,
    /// Canonical name.
    pub person: String,
    #[serde(default)]
    pub titles: Vec<GoldTitle>,
}

/// A title of a person mention; its span is in the person's field.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldTitle {
    pub surface: String,
    pub start: usize,
    pub end: usize,
    pub role: String,
    /// Canonical organisation name, "" when none is stated or implied.
    pub organization: String,
    pub country: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct GoldOrg {
    pub field: LabelField,
    pub start: usize,
    pub end: usize,
    pub surface: String,
    /// Canonical organisation name.
    pub organization: String,
    pub country: String,
}

/// A data file's documents as readout stores them: by 0-based line, the id,
/// title and body. (Offsets in the labels are into the record as the data
/// file has it; readout keeps each record's file and line as a sighting.)
pub type Stored = std::collections::HashMap<usize, (String, String, String)>;

/// Reads a data file the way `readout ingest` does, keeping each document's
/// id, title and body by line.
pub fn stored_documents(data: &Path, pack: &readout_core::pack::Pack) -> anyhow::Result<Stored> {
    let files = readout_ingest::discover(&[data.to_path_buf()])?;
    let cfg = readout_ingest::ReadConfig {
        pack: pack.clone(),
        ..Default::default()
    };
    let mut out = Stored::new();
    for f in &files {
        readout_ingest::read_file(
            f,
            &cfg,
            &std::sync::atomic::AtomicU64::new(0),
            &mut |item| {
                if let Ok(r) = item {
                    out.insert(
                        r.location.line.saturating_sub(1) as usize,
                        (r.doc.id.as_str().to_owned(), r.doc.title, r.doc.body),
                    );
                }
            },
        )?;
    }
    Ok(out)
}

/// Reads the labels and checks every span against the data rows (and, for a
/// label naming readout's document id, against that id and the stored text),
/// so that a label file and a data file that do not belong together fail loudly.
pub fn read_labels(path: &Path, rows: &[Row], stored: &Stored) -> anyhow::Result<Vec<LabelDoc>> {
    let file =
        std::fs::File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    let mut docs = Vec::new();
    for (i, line) in BufReader::new(file).lines().enumerate() {
        let line = line.with_context(|| format!("{}:{}", path.display(), i + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        let doc: LabelDoc = serde_json::from_str(&line)
            .with_context(|| format!("{}:{}: not a label record", path.display(), i + 1))?;
        check(&doc, rows, stored).with_context(|| format!("{}:{}", path.display(), i + 1))?;
        docs.push(doc);
    }
    Ok(docs)
}

fn check(doc: &LabelDoc, rows: &[Row], stored: &Stored) -> anyhow::Result<()> {
    let kept = stored.get(&doc.line);
    if let Some(id) = &doc.doc {
        match kept {
            Some((stored_id, _, _)) if stored_id == id => {}
            Some((stored_id, _, _)) => {
                bail!("line {}: document {id} is stored as {stored_id}", doc.line)
            }
            None => bail!(
                "line {}: document {id} is not stored (the record is rejected)",
                doc.line
            ),
        }
    }
    let Some(row) = rows.get(doc.line) else {
        bail!(
            "line {} is not in the data file ({} lines)",
            doc.line,
            rows.len()
        );
    };
    if doc.url.is_some() && doc.url != row.url {
        bail!(
            "line {}: url {:?} is not the data file's {:?}",
            doc.line,
            doc.url,
            row.url
        );
    }
    if doc.published.is_some() && doc.published != row.published {
        bail!(
            "line {}: published {:?} is not the data file's {:?}",
            doc.line,
            doc.published,
            row.published
        );
    }
    let span = |field: LabelField, start: usize, end: usize, surface: &str| {
        let text = match field {
            LabelField::Title => row.title_text(),
            LabelField::Body => row.body_text(),
        };
        if text.get(start..end) != Some(surface) {
            bail!(
                "line {}: {field:?} {start}..{end} is not {surface:?}: the labels do not fit this data file",
                doc.line
            );
        }
        Ok(())
    };
    for p in &doc.persons {
        span(p.field, p.start, p.end, &p.surface)?;
        for t in &p.titles {
            span(p.field, t.start, t.end, &t.surface)?;
        }
    }
    for o in &doc.organizations {
        span(o.field, o.start, o.end, &o.surface)?;
    }
    Ok(())
}

/// Writes each label's readout document id into the label file (after its
/// `line`), leaving the rest of each line as it is.
pub fn add_ids(labels: &Path, stored: &Stored) -> anyhow::Result<usize> {
    let text = std::fs::read_to_string(labels)
        .with_context(|| format!("cannot read {}", labels.display()))?;
    let mut out = String::with_capacity(text.len() + 64 * 100);
    let mut n = 0;
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.contains("\"doc\": ") {
            out.push_str(line);
            out.push('\n');
            continue;
        }
        let doc: LabelDoc = serde_json::from_str(line)
            .with_context(|| format!("{}:{}", labels.display(), i + 1))?;
        let Some((id, _, _)) = stored.get(&doc.line) else {
            bail!(
                "{}:{}: line {} is not stored by readout",
                labels.display(),
                i + 1,
                doc.line
            );
        };
        let head = format!("{{\"line\": {}, ", doc.line);
        let Some(rest) = line.strip_prefix(&head) else {
            bail!(
                "{}:{}: a label line must open with {head:?}",
                labels.display(),
                i + 1
            );
        };
        out.push_str(&format!("{head}\"doc\": \"{id}\", {rest}\n"));
        n += 1;
    }
    std::fs::write(labels, out).with_context(|| format!("cannot write {}", labels.display()))?;
    Ok(n)
}
