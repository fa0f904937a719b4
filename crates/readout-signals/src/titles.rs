//! `title_change`, `new_post_holder` and `post_vacated`: people against the
//! posts they have been seen in.
//!
//! Only posts that name their organisation ("secretary of the C.C., WPK")
//! and ranks ("Marshal") count: a bare "chairman" says too little. A person
//! with n earlier titled appearances who appears in a post never seen for
//! them, in a headline or opening sentence, has p = 0.5 / (n + 1) (the rule
//! of succession); in a passing mention, p = (k + 0.5) / (n + 1), k being
//! the new posts they showed before (a name that collects misread titles,
//! such as a founder named in foreign committees' titles, surprises less); raised at once when
//! the post is in the headline or opening sentence, else only once a second
//! document within 60 days shows it too (one passing mention in a long list
//! may be a misreading). A person who leads a
//! document (headline or opening sentence) in a post they hold but rarely
//! use, instead of their usual one, has p = (w + 0.5) / (W + 1), w being the
//! post's sightings and W all their sightings, each weighed down by half
//! every 90 days (what is usual now, not over a career); leading in the same
//! post again within 30 days keeps the hat and raises nothing.
//!
//! A post with an organisation, held by one person at a time so far (never
//! two holders on one day, nor an earlier holder seen again after a later
//! one), that shows a new holder while the previous one was seen in it
//! within the year: p = (changes + 0.5) / (sightings of the post + 1).
//!
//! A holder seen in a post on d distinct days (at least five) spread over
//! at least 180 days (a visitor named daily for a week is not a holder to
//! miss), on average every g days, falls due when unseen for as long as
//! e^(-s/g) reaches 0.001, at least 60 days and twice the longest silence
//! seen before (officials are named in bursts). None of the d - 1 earlier
//! gaps was that long, so p = 0.5 / d (the rule of succession; a Poisson
//! tail would be far too sure). It is raised only if the outlets that named
//! them covered the silence. A document stating that a
//! person was relieved of their posts raises it at once, p = 0.001.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::engine::{evidence, reschedule, Coverage, Ctx, Draft, Due};
use crate::facts::DocFacts;
use crate::signal::{Evidence, Kind};

const VACANCY_ALPHA: f64 = 0.001;
/// Half-life of a sighting in deciding a person's usual post, in days.
const USUAL_HALF_LIFE: f64 = 90.0;
/// A person leading documents in the same post again within this many days
/// is keeping a hat, not choosing one.
const HAT_STREAK_DAYS: i64 = 30;
/// A new post seen in passing must be seen again within this many days.
const CONFIRM_DAYS: i64 = 60;
const VACANCY_MIN_DAYS: f64 = 60.0;
/// Sightings must spread over this many days before an absence can be read.
const VACANCY_MIN_SPAN: i64 = 180;

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(crate) struct Titles {
    people: BTreeMap<String, Person>,
    posts: BTreeMap<String, Post>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct Person {
    name: String,
    /// Documents in which the person carries any title.
    titled: u64,
    posts: BTreeMap<String, Held>,
    outlets: BTreeSet<String>,
    /// New posts seen once, outside a headline or opening sentence, waiting
    /// for a second document to confirm them: one passing mention may be a
    /// misread list.
    #[serde(default)]
    pending: BTreeMap<String, Pending>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Pending {
    evidence: Evidence,
    /// As seen in passing; and if a headline or opening sentence confirms it.
    p: f64,
    #[serde(default)]
    p_lead: f64,
    summary: String,
    baseline: serde_json::Value,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Held {
    post: String,
    role_kind: String,
    count: u64,
    /// Distinct days seen.
    #[serde(default)]
    days: u64,
    /// The longest silence between two sightings so far, in days.
    #[serde(default)]
    max_gap: i64,
    /// When the check of its silence is scheduled.
    #[serde(default)]
    due: Option<NaiveDate>,
    first: NaiveDate,
    last: NaiveDate,
    last_evidence: Evidence,
    #[serde(default)]
    first_evidence: Option<Evidence>,
    /// Left: relieved, replaced or gone silent.
    left: bool,
    /// Sightings with a half-life of [`USUAL_HALF_LIFE`] days, as of `weight_day`:
    /// which post is usual now, not over all time.
    #[serde(default)]
    weight: f64,
    #[serde(default)]
    weight_day: Option<NaiveDate>,
    /// The last time the person led a document in this post.
    #[serde(default)]
    last_lead: Option<NaiveDate>,
}

impl Held {
    fn weight_at(&self, day: NaiveDate) -> f64 {
        match self.weight_day {
            Some(w) => self.weight * 0.5f64.powf((day - w).num_days() as f64 / USUAL_HALF_LIFE),
            None => 0.0,
        }
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct Post {
    sightings: u64,
    changes: u64,
    /// Two holders seen close together: a post with several holders.
    shared: bool,
    holders: BTreeMap<String, (String, NaiveDate, NaiveDate)>,
}

impl Titles {
    pub fn doc(
        &mut self,
        ctx: &mut Ctx<'_>,
        d: &DocFacts,
        deadlines: &mut BTreeMap<NaiveDate, Vec<Due>>,
    ) {
        // People relieved of their posts in this document.
        for e in d
            .events
            .iter()
            .filter(|e| e.phase.as_deref() == Some("vacate"))
        {
            for pid in &e.people {
                let Some(p) = self.people.get_mut(pid) else {
                    continue;
                };
                let held: Vec<&mut Held> = p.posts.values_mut().filter(|h| !h.left).collect();
                if held.is_empty() {
                    continue;
                }
                let names: Vec<String> = held.iter().map(|h| h.post.clone()).collect();
                let prior: Vec<_> = held
                    .iter()
                    .map(|h| json!({"post": h.post, "first": h.first, "last": h.last, "count": h.count}))
                    .collect();
                for h in held {
                    h.left = true;
                }
                ctx.raise(Draft {
                    kind: Kind::PostVacated,
                    date: d.published,
                    subject: p.name.clone(),
                    p: 0.001,
                    summary: format!(
                        "{} is reported relieved of posts; last seen as {}.",
                        p.name,
                        names.join("; ")
                    ),
                    evidence: vec![evidence(d, &e.quote)],
                    baseline: json!({
                        "summary": format!("{} titled appearances before.", p.titled),
                        "posts": prior,
                    }),
                });
            }
        }

        let mut by_person: BTreeMap<&str, Vec<&crate::facts::TitleFact>> = BTreeMap::new();
        for t in &d.titles {
            by_person.entry(t.person_id.as_str()).or_default().push(t);
        }
        for (pid, facts) in by_person {
            let person = self.people.entry(pid.to_owned()).or_default();
            if person.name.is_empty() {
                person.name = facts[0].person.clone();
            }
            let n = person.titled;
            let today = d.published;
            let usual = person
                .posts
                .iter()
                .filter(|(_, h)| h.role_kind == "post")
                .max_by(|a, b| {
                    a.1.weight_at(today)
                        .total_cmp(&b.1.weight_at(today))
                        .then(b.0.cmp(a.0))
                })
                .map(|(k, h)| (k.clone(), h.post.clone(), h.count));
            let total_weight: f64 = person.posts.values().map(|h| h.weight_at(today)).sum();
            let prior = || -> serde_json::Value {
                let mut v: Vec<&Held> = person.posts.values().collect();
                v.sort_by(|a, b| b.count.cmp(&a.count).then(a.post.cmp(&b.post)));
                json!(v
                    .iter()
                    .map(|h| json!({"post": h.post, "count": h.count, "first": h.first, "last": h.last}))
                    .collect::<Vec<_>>())
            };
            let usual_txt = usual.as_ref().map_or("no post".to_owned(), |(_, post, c)| {
                format!("{post} ({c} of {n})")
            });
            let lead_keys: Vec<String> = facts
                .iter()
                .filter(|t| t.lead)
                .map(|t| t.post_key())
                .collect();
            let mut holder_checks = Vec::new();
            for t in &facts {
                let key = t.post_key();
                // A bare "chairman" or "vice-president" says too little to be a post.
                let stated = t.has_org || t.role_kind == "rank";
                // The second sighting of a new post seen once in passing confirms it.
                if let Some(pend) = person.pending.get(&key).cloned() {
                    if pend.evidence.doc != d.doc {
                        person.pending.remove(&key);
                        if (today - pend.evidence.published).num_days() <= CONFIRM_DAYS {
                            ctx.raise(Draft {
                                kind: Kind::TitleChange,
                                date: pend.evidence.published,
                                subject: person.name.clone(),
                                p: if t.lead { pend.p_lead } else { pend.p },
                                summary: pend.summary,
                                evidence: vec![pend.evidence, evidence(d, &t.quote)],
                                baseline: pend.baseline,
                            });
                        }
                        continue;
                    }
                }
                match person.posts.get(&key) {
                    None if n >= ctx.cfg.min_person_history && stated => {
                        // How often this person has shown a new post before:
                        // a name that collects misread titles (the founder
                        // named in every foreign committee's title) has a
                        // high rate, and its next new post surprises less.
                        let new_before = person.posts.len().saturating_sub(1) as f64;
                        let p_lead = 0.5 / (n as f64 + 1.0);
                        let p = if t.lead {
                            p_lead
                        } else {
                            (new_before + 0.5) / (n as f64 + 1.0)
                        };
                        let summary = format!(
                            "{} appears as {} for the first time; usually {}.",
                            person.name, t.post, usual_txt
                        );
                        let baseline = json!({
                            "summary": format!("{n} earlier titled appearances; usually {usual_txt}."),
                            "earlier_appearances": n,
                            "posts": prior(),
                        });
                        if t.lead {
                            ctx.raise(Draft {
                                kind: Kind::TitleChange,
                                date: d.published,
                                subject: person.name.clone(),
                                p,
                                summary,
                                evidence: vec![evidence(d, &t.quote)],
                                baseline,
                            });
                        } else {
                            person.pending.insert(
                                key.clone(),
                                Pending {
                                    evidence: evidence(d, &t.quote),
                                    p,
                                    p_lead,
                                    summary,
                                    baseline,
                                },
                            );
                        }
                    }
                    Some(h)
                        if t.lead
                            && t.role_kind == "post"
                            && stated
                            && h.last_lead
                                .is_none_or(|l| (today - l).num_days() > HAT_STREAK_DAYS)
                            && usual
                                .as_ref()
                                .is_some_and(|(k, _, _)| *k != key && !lead_keys.contains(k)) =>
                    {
                        let p = (h.weight_at(today) + 0.5) / (total_weight + 1.0);
                        ctx.raise(Draft {
                            kind: Kind::TitleChange,
                            date: d.published,
                            subject: person.name.clone(),
                            p,
                            summary: format!(
                                "{} leads this document as {}, a post used in {} of {n} earlier appearances, instead of the usual {}.",
                                person.name, t.post, h.count, usual_txt
                            ),
                            evidence: vec![evidence(d, &t.quote)],
                            baseline: json!({
                                "summary": format!("{n} earlier titled appearances; usually {usual_txt}."),
                                "earlier_appearances": n,
                                "posts": prior(),
                            }),
                        });
                    }
                    _ => {}
                }
                if t.has_org && t.role_kind == "post" {
                    holder_checks.push((*t, key));
                }
            }
            for (t, key) in holder_checks {
                self.posts_holder(ctx, d, t, &key);
            }
            // Learn.
            let person = self.people.get_mut(pid).expect("inserted above");
            person.titled += 1;
            person.outlets.insert(d.outlet.clone());
            for t in facts {
                let key = t.post_key();
                let h = person.posts.entry(key.clone()).or_insert_with(|| Held {
                    post: t.post.clone(),
                    role_kind: t.role_kind.clone(),
                    count: 0,
                    days: 0,
                    max_gap: 0,
                    due: None,
                    first: d.published,
                    last: d.published,
                    last_evidence: evidence(d, &t.quote),
                    first_evidence: Some(evidence(d, &t.quote)),
                    left: false,
                    weight: 0.0,
                    weight_day: None,
                    last_lead: None,
                });
                if h.count == 0 || h.last != d.published {
                    h.days += 1;
                }
                if h.count > 0 {
                    h.max_gap = h.max_gap.max((d.published - h.last).num_days());
                }
                h.weight = h.weight_at(d.published) + 1.0;
                h.weight_day = Some(d.published);
                if t.lead {
                    h.last_lead = Some(d.published);
                }
                h.count += 1;
                h.last = d.published;
                h.last_evidence = evidence(d, &t.quote);
                h.left = false;
                if h.days >= ctx.cfg.min_post_sightings
                    && (h.last - h.first).num_days() >= VACANCY_MIN_SPAN
                    && t.role_kind == "post"
                {
                    let gap = mean_gap(h);
                    let silence = (gap * (1.0 / VACANCY_ALPHA).ln())
                        .max(VACANCY_MIN_DAYS)
                        .max(2.0 * h.max_gap as f64)
                        .ceil() as i64;
                    let at = h.last + chrono::Duration::days(silence);
                    let before = h.due.replace(at);
                    reschedule(
                        deadlines,
                        before,
                        at,
                        Due::Vacated {
                            person: pid.to_owned(),
                            post: key,
                            last: h.last,
                        },
                    );
                }
            }
        }
    }

    fn posts_holder(
        &mut self,
        ctx: &mut Ctx<'_>,
        d: &DocFacts,
        t: &crate::facts::TitleFact,
        key: &str,
    ) {
        let post = self.posts.entry(key.to_owned()).or_default();
        match post.holders.get(&t.person_id).map(|(_, first, _)| *first) {
            // An earlier holder seen again after a later one came: several hold it.
            Some(first)
                if post.holders.iter().any(|(id, (_, f, _))| {
                    *id != t.person_id && *f > first && *f <= d.published
                }) =>
            {
                post.shared = true;
            }
            Some(_) => {}
            None if post
                .holders
                .values()
                .any(|(_, _, last)| *last == d.published) =>
            {
                // Two holders on one day.
                post.shared = true;
            }
            None if !post.shared && post.sightings >= 3 => {
                let previous = post
                    .holders
                    .iter()
                    .filter(|(_, (_, _, last))| (d.published - *last).num_days() <= 365)
                    .max_by_key(|(_, (_, _, last))| *last)
                    .map(|(id, (name, first, last))| (id.clone(), name.clone(), *first, *last));
                if let Some((qid, qname, qfirst, qlast)) = previous {
                    let p = (post.changes as f64 + 0.5) / (post.sightings as f64 + 1.0);
                    ctx.raise(Draft {
                        kind: Kind::NewPostHolder,
                        date: d.published,
                        subject: t.post.clone(),
                        p,
                        summary: format!(
                            "{} appears as {}, a post held by {qname} (last seen in it on {qlast}).",
                            t.person, t.post
                        ),
                        evidence: vec![evidence(d, &t.quote)],
                        baseline: json!({
                            "summary": format!("{qname} held it from {qfirst} to {qlast}; {} sightings of the post, {} changes of holder.", post.sightings, post.changes),
                            "previous_holder": qname,
                            "previous_holder_id": qid,
                            "from": qfirst,
                            "to": qlast,
                            "sightings": post.sightings,
                        }),
                    });
                    post.changes += 1;
                    if let Some(h) = self.people.get_mut(&qid).and_then(|q| q.posts.get_mut(key)) {
                        h.left = true;
                    }
                }
            }
            None => {}
        }
        let post = self.posts.get_mut(key).expect("inserted above");
        post.sightings += 1;
        let e = post
            .holders
            .entry(t.person_id.clone())
            .or_insert_with(|| (t.person.clone(), d.published, d.published));
        e.2 = d.published;
    }

    /// A holder's silence fell due: raise it if nothing was seen since and the archive covered it.
    pub fn vacated_due(
        &mut self,
        ctx: &mut Ctx<'_>,
        coverage: &Coverage,
        due: NaiveDate,
        person: &str,
        post: &str,
        last: NaiveDate,
    ) {
        let Some(p) = self.people.get_mut(person) else {
            return;
        };
        let outlets = p.outlets.clone();
        let name = p.name.clone();
        let Some(h) = p.posts.get_mut(post) else {
            return;
        };
        if h.last != last || h.left {
            return;
        }
        let from = last.succ_opt().expect("dates stay in range");
        let (enough, cov) = coverage.judge(&outlets, from, due, ctx.cfg.min_coverage);
        if !enough {
            return;
        }
        let gap = mean_gap(h);
        let silence = (due - last).num_days() as f64;
        h.left = true;
        ctx.raise(Draft {
            kind: Kind::PostVacated,
            date: due,
            subject: name.clone(),
            // No earlier gap was half as long: by the rule of succession
            // over the gaps seen, the chance of this one is 0.5 / days seen.
            // (A Poisson tail, e^(-s/g), would be far too sure: officials
            // are named in bursts.)
            p: 0.5 / h.days.max(1) as f64,
            summary: format!(
                "{name} has not appeared as {} for {silence} days, after {} appearances from {} to {last}, one every {gap:.0} days on average.",
                h.post, h.count, h.first
            ),
            evidence: vec![h.last_evidence.clone()],
            baseline: json!({
                "summary": format!("{} appearances in the post from {} to {last}; mean gap {gap:.1} days. Coverage: {cov}.", h.count, h.first),
                "post": h.post,
                "count": h.count,
                "first": h.first,
                "last": last,
                "mean_gap_days": (gap * 10.0).round() / 10.0,
                "coverage": cov,
            }),
        });
    }
}

impl Titles {
    /// People whose name or id contains `query` (any case), with their posts, most used first.
    pub fn people(&self, query: &str) -> Vec<crate::views::PersonView> {
        let q = query.trim().to_lowercase();
        let mut out: Vec<crate::views::PersonView> = self
            .people
            .iter()
            .filter(|(id, p)| p.name.to_lowercase().contains(&q) || id.to_lowercase() == q)
            .map(|(id, p)| {
                let mut posts: Vec<crate::views::PostView> = p
                    .posts
                    .values()
                    .map(|h| crate::views::PostView {
                        post: h.post.clone(),
                        kind: h.role_kind.clone(),
                        count: h.count,
                        first: h.first,
                        last: h.last,
                        left: h.left,
                        first_evidence: h.first_evidence.clone(),
                        last_evidence: h.last_evidence.clone(),
                    })
                    .collect();
                posts.sort_by(|a, b| a.first.cmp(&b.first).then(b.count.cmp(&a.count)));
                crate::views::PersonView {
                    id: id.clone(),
                    name: p.name.clone(),
                    titled_documents: p.titled,
                    posts,
                }
            })
            .collect();
        // Exact names first, then the most documented.
        out.sort_by(|a, b| {
            (b.name.to_lowercase() == q)
                .cmp(&(a.name.to_lowercase() == q))
                .then(b.titled_documents.cmp(&a.titled_documents))
                .then(a.id.cmp(&b.id))
        });
        out
    }
}

/// Mean days between the distinct days a post was seen.
fn mean_gap(h: &Held) -> f64 {
    let span = (h.last - h.first).num_days() as f64;
    (span / (h.days.saturating_sub(1).max(1)) as f64).max(1.0)
}
