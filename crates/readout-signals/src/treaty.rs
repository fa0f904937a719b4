//! `treaty_evidence` and a tracked treaty's first appearance.
//!
//! The first document naming a tracked treaty is a `first_use` with
//! p = 0.5 / (documents so far + 1) times the share of documents naming the
//! other party, as for a formulation's first use about a counterpart. After the signing, a sentence that
//! names a party and carries an article's keywords, in a document that is
//! not itself about the treaty (its headline does not name it), is evidence
//! of the article in practice. With k earlier documents showing the article
//! and n earlier documents naming a party since the signing, novelty is
//! (k + 0.5) / (n + 1); and as the same words may simply be how the parties
//! always spoke of each other, the article's base rate before the signing
//! is (m + 0.5) / (N + 1), m of the N documents naming the other party
//! having carried its keywords. p is the larger of the two: the evidence
//! must be new and a departure from how the parties spoke before. Evidence
//! with p above 0.1 is left to `readout treaty`, not raised.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::engine::{evidence, Ctx, Draft};
use crate::facts::DocFacts;
use crate::signal::{Evidence, Kind};

/// How long before its signing a treaty may be named (talks about it), in days.
const NAMED_BEFORE_SIGNING: i64 = 90;

/// Evidence less novel than this is not raised as a signal.
const TREATY_MAX_P: f64 = 0.1;

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(crate) struct Treaties {
    first: BTreeMap<String, Evidence>,
    /// Documents naming a party since the signing.
    party_docs: BTreeMap<String, u64>,
    /// Documents showing each article: "treaty#article".
    articles: BTreeMap<String, (u64, Option<Evidence>)>,
    /// The latest evidence of each article.
    #[serde(default)]
    latest: BTreeMap<String, Evidence>,
    /// Before the signing: documents naming the other party, and those
    /// carrying each article's keywords.
    before: BTreeMap<String, u64>,
    before_articles: BTreeMap<String, u64>,
    /// Documents naming a party other than the speaker's own country, at any time.
    #[serde(default)]
    naming_party: BTreeMap<String, u64>,
}

impl Treaties {
    pub fn doc(&mut self, ctx: &mut Ctx<'_>, d: &DocFacts, docs_before: u64) {
        for t in &ctx.pack.treaties {
            let refs: Vec<&crate::facts::TreatyFact> =
                d.treaties.iter().filter(|r| r.treaty == t.id).collect();
            let signed = readout_core::pack::parse_partial_date(&t.signed);
            // A name met long before the signing is another treaty's.
            let in_time =
                signed.is_none_or(|s| (s - d.published).num_days() <= NAMED_BEFORE_SIGNING);
            if let Some(named) = refs
                .iter()
                .find(|r| r.article.is_none())
                .filter(|_| in_time)
            {
                if !self.first.contains_key(&t.id) {
                    let ev = evidence(d, &named.quote);
                    self.first.insert(t.id.clone(), ev.clone());
                    let named = self.naming_party.get(&t.id).copied().unwrap_or(0);
                    let share = (named as f64 + 0.5) / (docs_before as f64 + 1.0);
                    ctx.raise(Draft {
                        kind: Kind::FirstUse,
                        date: d.published,
                        subject: t.name.clone(),
                        p: 0.5 / (docs_before as f64 + 1.0) * share,
                        summary: format!(
                            "The {} is named for the first time, in {}.",
                            t.name, d.outlet
                        ),
                        evidence: vec![ev],
                        baseline: json!({
                            "summary": format!("Not named in the {docs_before} earlier documents, {named} of which named a party."),
                            "earlier_documents": docs_before,
                            "treaty": t.id,
                        }),
                    });
                }
            }
            let Some(signed) = signed else {
                continue;
            };
            let names_party = d
                .countries
                .iter()
                .any(|c| t.parties.contains(c) && Some(c) != d.outlet_country.as_ref());
            if !names_party {
                continue;
            }
            *self.naming_party.entry(t.id.clone()).or_default() += 1;
            if d.published <= signed {
                *self.before.entry(t.id.clone()).or_default() += 1;
                let mut arts: Vec<u32> = refs.iter().filter_map(|r| r.article).collect();
                arts.sort_unstable();
                arts.dedup();
                for a in arts {
                    *self
                        .before_articles
                        .entry(format!("{}#{a}", t.id))
                        .or_default() += 1;
                }
                continue;
            }
            let about_treaty = d
                .treaties
                .iter()
                .any(|r| r.treaty == t.id && r.article.is_none())
                && headline_names(d, t);
            let n = self.party_docs.get(&t.id).copied().unwrap_or(0);
            if !about_treaty {
                let mut arts: Vec<&&crate::facts::TreatyFact> =
                    refs.iter().filter(|r| r.article.is_some()).collect();
                arts.sort_by_key(|r| r.article);
                arts.dedup_by_key(|r| r.article);
                for r in arts {
                    let number = r.article.expect("filtered");
                    let Some(a) = t.article.iter().find(|a| a.number == number) else {
                        continue;
                    };
                    let key = format!("{}#{number}", t.id);
                    let (k, first) = self.articles.get(&key).cloned().unwrap_or((0, None));
                    let novelty = (k as f64 + 0.5) / (n as f64 + 1.0);
                    let n_before = self.before.get(&t.id).copied().unwrap_or(0);
                    let m_before = self.before_articles.get(&key).copied().unwrap_or(0);
                    let base = (m_before as f64 + 0.5) / (n_before as f64 + 1.0);
                    let p = novelty.max(base);
                    let ev = evidence(d, &r.quote);
                    let e = self.articles.entry(key.clone()).or_insert((0, None));
                    e.0 += 1;
                    e.1.get_or_insert(ev.clone());
                    self.latest.insert(key.clone(), ev.clone());
                    if p > TREATY_MAX_P {
                        continue;
                    }
                    ctx.raise(Draft {
                        kind: Kind::TreatyEvidence,
                        date: d.published,
                        subject: format!("Article {number} ({})", a.subject),
                        p,
                        summary: format!("Article {number} of the treaty in practice: {}", a.summary),
                        evidence: vec![ev.clone()],
                        baseline: json!({
                            "summary": format!("{k} earlier documents showed Article {number}, of {n} naming the other party since the signing on {signed}; before it, {m_before} of {n_before} did."),
                            "before_signing": {"documents": n_before, "with_keywords": m_before},
                            "treaty": t.id,
                            "article": number,
                            "subject": a.subject,
                            "earlier_evidence": k,
                            "first_evidence": first,
                            "party_documents_since_signing": n,
                            "mapping_source": a.source,
                        }),
                    });
                }
            }
            *self.party_docs.entry(t.id.clone()).or_default() += 1;
        }
    }
}

impl Treaties {
    /// Every article of every tracked treaty, with its evidence so far.
    pub fn articles(&self, pack: &readout_core::pack::Pack) -> Vec<crate::views::ArticleView> {
        let mut out = Vec::new();
        for t in &pack.treaties {
            for a in &t.article {
                let key = format!("{}#{}", t.id, a.number);
                let (count, first) = self.articles.get(&key).cloned().unwrap_or((0, None));
                let mut evidence: Vec<Evidence> = first.into_iter().collect();
                if let Some(l) = self.latest.get(&key) {
                    if evidence.first() != Some(l) {
                        evidence.push(l.clone());
                    }
                }
                out.push(crate::views::ArticleView {
                    treaty: t.id.clone(),
                    number: a.number,
                    subject: a.subject.clone(),
                    summary: a.summary.clone(),
                    source: a.source.clone(),
                    documents: count,
                    evidence,
                });
            }
        }
        out
    }
}

/// Whether a document's headline names the treaty, by a name or by the head
/// word of its name: then it is about the treaty, not its practice.
fn headline_names(d: &DocFacts, t: &readout_core::pack::Treaty) -> bool {
    let title = d.title.to_lowercase();
    // The head word of its name ("Treaty" in "Treaty on Comprehensive
    // Strategic Partnership ...") counts too: "the treaty with the DPRK".
    let head = t
        .name
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_lowercase();
    title
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| !head.is_empty() && w == head)
        || std::iter::once(&t.name)
            .chain(&t.aliases)
            .any(|a| title.contains(&a.to_lowercase()))
}
