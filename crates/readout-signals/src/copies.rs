//! `copy_of`: a document linked to the stored one it copies.
//!
//! Near-duplicates come from the store (MinHash similarity at ingest). A
//! document that reads as spun and has no such link is matched here against
//! the last 45 days of other outlets' documents by the known entities both
//! name (a spinner keeps names and garbles the words around them, so the
//! copy's entities are nearly all in the original): at least 80% of the
//! copy's known entities, and at least four, are in the original. A spinner
//! republishes elsewhere, so a candidate in the copy's own outlet is not
//! considered. The p of a copy is a fixed prior by how it was made:
//! 0.3 for a near-duplicate in the same outlet (republication is routine),
//! 0.05 in another outlet, 0.01 for a spun copy.

use std::collections::VecDeque;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::engine::{evidence, Ctx, Draft};
use crate::facts::{CopyFact, DocFacts};
use crate::signal::{Evidence, Kind};

const MEMORY_DAYS: i64 = 45;
const MIN_SHARED: usize = 4;
const MIN_CONTAINED: f64 = 0.8;

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(crate) struct Copies {
    recent: VecDeque<Recent>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Recent {
    doc: String,
    outlet: String,
    published: NaiveDate,
    entities: Vec<String>,
}

impl Copies {
    pub fn doc(&mut self, ctx: &mut Ctx<'_>, d: &DocFacts) {
        while self
            .recent
            .front()
            .is_some_and(|r| (d.published - r.published).num_days() > MEMORY_DAYS)
        {
            self.recent.pop_front();
        }
        let link = d.copy_of.clone().or_else(|| {
            if !d.spun || d.entities.len() < MIN_SHARED {
                return None;
            }
            self.recent
                .iter()
                .filter(|r| r.published <= d.published && r.outlet != d.outlet)
                .filter_map(|r| {
                    let shared = r
                        .entities
                        .iter()
                        .filter(|e| d.entities.binary_search(e).is_ok())
                        .count();
                    let contained = shared as f64 / d.entities.len().max(1) as f64;
                    (shared >= MIN_SHARED && contained >= MIN_CONTAINED).then_some((contained, r))
                })
                .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.doc.cmp(&a.1.doc)))
                .map(|(j, r)| CopyFact {
                    original: r.doc.clone(),
                    outlet: r.outlet.clone(),
                    published: r.published,
                    how: "spun".to_owned(),
                    similarity: (j * 1000.0).round() / 1000.0,
                })
        });
        if let Some(c) = link {
            let p = match c.how.as_str() {
                "spun" => 0.01,
                _ if c.outlet != d.outlet => 0.05,
                _ => 0.3,
            };
            let what = match c.how.as_str() {
                "spun" => "a machine-paraphrased (spun) copy",
                "duplicate" => "a duplicate",
                _ => "a near-duplicate",
            };
            ctx.raise(Draft {
                kind: Kind::CopyOf,
                date: d.published,
                subject: d.title.clone(),
                p,
                summary: format!(
                    "{} ({}) is {what} of {} ({}, {}), similarity {:.2}.",
                    d.doc, d.outlet, c.original, c.outlet, c.published, c.similarity
                ),
                evidence: vec![
                    evidence(d, &d.title),
                    Evidence {
                        doc: c.original.clone(),
                        outlet: c.outlet.clone(),
                        published: c.published,
                        quote: String::new(),
                    },
                ],
                baseline: json!({
                    "summary": format!("Original: {} in {} on {}.", c.original, c.outlet, c.published),
                    "original": c.original,
                    "how": c.how,
                    "similarity": c.similarity,
                }),
            });
        }
        if !d.spun && d.entities.len() >= MIN_SHARED {
            self.recent.push_back(Recent {
                doc: d.doc.clone(),
                outlet: d.outlet.clone(),
                published: d.published,
                entities: d.entities.clone(),
            });
        }
    }
}
