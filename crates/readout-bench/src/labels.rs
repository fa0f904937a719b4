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
    /// 0-based line of the data file: the document key.
    pub line: usize,
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

/// Reads the labels and checks every span against the data rows, so that a
/// label file and a data file that do not belong together fail loudly.
pub fn read_labels(path: &Path, rows: &[Row]) -> anyhow::Result<Vec<LabelDoc>> {
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
        check(&doc, rows).with_context(|| format!("{}:{}", path.display(), i + 1))?;
        docs.push(doc);
    }
    Ok(docs)
}

fn check(doc: &LabelDoc, rows: &[Row]) -> anyhow::Result<()> {
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
