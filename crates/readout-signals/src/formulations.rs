//! `first_use` and `rare_use`: watched formulations against their history.
//!
//! First use. A formulation never seen before (after the warm-up) has
//! probability 0.5 / (documents so far + 1) under "nothing new happens"
//! (the rule of succession); used about a counterpart, p is that times the
//! share of documents naming the counterpart: new, and about C. Watched formulations are chosen in advance by
//! the pack's authors, so each is its own hypothesis: no correction for the
//! number watched.
//! A formulation used before but never about counterpart C: if it appears in
//! a share r of documents, the chance that none of the n earlier documents
//! naming C (other than as the speaker's own country) used it is (1 - r)^n;
//! that is p. A counterpart rarely discussed
//! gives p near 1 and no signal; one discussed for years without the phrase
//! gives a small p. The same test applies per audience (the first use in a
//! domestic outlet, against the documents of domestic outlets).
//!
//! Rare use. Each month, for every formulation overall, per counterpart and
//! per outlet, the month's count k is set against the expected count
//! mu = (earlier uses / earlier documents) x (this month's documents), the
//! documents being those naming the counterpart or from the outlet. Official
//! messaging runs in campaigns, so monthly counts vary far more than a
//! Poisson count would: the earlier months' Pearson dispersion phi, at
//! least one, makes the count negative binomial with mean mu and variance
//! phi x mu.
//! A burst is P(X >= k) <= 0.001 with k >= 3; a silence is P(X = 0) <= 0.001.
//! Six earlier months and five earlier uses are needed.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::engine::{evidence, Ctx, Draft};
use crate::facts::DocFacts;
use crate::signal::{Evidence, Kind};
use crate::stats::{negative_binomial_upper, poisson_upper};

/// P(X >= k) for a count of mean `mu` and variance `phi * mu`.
fn count_upper(k: u64, mu: f64, phi: f64) -> f64 {
    if phi <= 1.0 {
        poisson_upper(k, mu)
    } else {
        negative_binomial_upper(k, mu, phi)
    }
}

/// P(X = 0) for a count of mean `mu` and variance `phi * mu`.
fn count_zero(mu: f64, phi: f64) -> f64 {
    if phi <= 1.0 {
        (-mu).exp()
    } else {
        (1.0 / phi).powf(mu / (phi - 1.0))
    }
}

const RARE_ALPHA: f64 = 0.001;
const RARE_MIN_MONTHS: u32 = 6;
const RARE_MIN_USES: u64 = 5;

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(crate) struct Formulations {
    /// Documents seen, and by audience.
    docs: u64,
    audience_docs: BTreeMap<String, u64>,
    /// Documents naming each country.
    country_docs: BTreeMap<String, u64>,
    forms: BTreeMap<String, Form>,
    /// Monthly counting for rare use: keyed "scope:value" ("cp:russia", "outlet:KCNA", "all").
    months: BTreeMap<String, Scope>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct Form {
    phrase: String,
    uses: u64,
    first: Option<Evidence>,
    about: BTreeMap<String, u64>,
    audience: BTreeMap<String, u64>,
    /// Rare-use counts per scope key.
    scopes: BTreeMap<String, Counted>,
}

/// The denominator of a scope: documents naming a counterpart, from an outlet, or all.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct Scope {
    prior_docs: u64,
    month_docs: u64,
    months: u32,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct Counted {
    prior_uses: u64,
    month_uses: u64,
    /// Sum over earlier months of uses² / documents: what the dispersion is estimated from.
    #[serde(default)]
    k2_over_n: f64,
    examples: Vec<Evidence>,
}

impl Formulations {
    pub fn doc(&mut self, ctx: &mut Ctx<'_>, d: &DocFacts, first_day: NaiveDate) {
        let warm = (d.published - first_day).num_days() >= ctx.cfg.warmup_days;
        let mut seen_ids: Vec<&str> = Vec::new();
        for f in &d.formulations {
            if seen_ids.contains(&f.id.as_str()) {
                continue;
            }
            seen_ids.push(&f.id);
            // Every counterpart this document names with the formulation.
            let mut about: Vec<&str> = d
                .formulations
                .iter()
                .filter(|g| g.id == f.id)
                .flat_map(|g| g.counterparts.iter().map(String::as_str))
                .collect();
            about.sort();
            about.dedup();
            let quote_about = |c: &str| {
                d.formulations
                    .iter()
                    .find(|g| g.id == f.id && g.counterparts.iter().any(|x| x == c))
                    .map_or(f.quote.as_str(), |g| g.quote.as_str())
            };
            let form = self.forms.get(&f.id);
            match form {
                None if warm => {
                    // A new formulation, and about this counterpart: the
                    // chance of both is the rule-of-succession chance of
                    // something new times the share of documents naming the
                    // counterpart (the most named, when there are several: a
                    // rarely named country must not make a phrase look new).
                    let share = about
                        .iter()
                        .map(|c| {
                            (self.country_docs.get(*c).copied().unwrap_or(0) as f64 + 0.5)
                                / (self.docs as f64 + 1.0)
                        })
                        .fold(0.0f64, f64::max);
                    let share = if about.is_empty() { 1.0 } else { share };
                    let p = 0.5 / (self.docs as f64 + 1.0) * share;
                    let names: Vec<String> = about.iter().map(|c| ctx.country_name(c)).collect();
                    let about_txt = if names.is_empty() {
                        String::new()
                    } else {
                        format!(" about {}", names.join(" and "))
                    };
                    ctx.raise(Draft {
                        kind: Kind::FirstUse,
                        date: d.published,
                        subject: subject(&f.phrase, &names),
                        p,
                        summary: format!(
                            "\u{201c}{}\u{201d} is used for the first time{about_txt}, in {} ({}).",
                            f.phrase, d.outlet, d.audience
                        ),
                        evidence: vec![evidence(d, &f.quote)],
                        baseline: json!({
                            "summary": format!("Not used in the {} earlier documents since {first_day}.", self.docs),
                            "earlier_documents": self.docs,
                            "since": first_day,
                            "earlier_uses": 0,
                        }),
                    });
                }
                None => {}
                Some(form) if warm => {
                    let r = (form.uses as f64 + 0.5) / (self.docs as f64 + 1.0);
                    for c in &about {
                        if form.about.contains_key(*c) {
                            continue;
                        }
                        let n = self.country_docs.get(*c).copied().unwrap_or(0);
                        let p = (1.0 - r).powf(n as f64);
                        let name = ctx.country_name(c);
                        ctx.raise(Draft {
                            kind: Kind::FirstUse,
                            date: d.published,
                            subject: subject(&f.phrase, std::slice::from_ref(&name)),
                            p,
                            summary: format!(
                                "\u{201c}{}\u{201d} is used about {name} for the first time, in {}; it had been used {} times, never about {name}, though {n} earlier documents named {name}.",
                                f.phrase, d.outlet, form.uses
                            ),
                            evidence: vec![evidence(d, quote_about(c))],
                            baseline: json!({
                                "summary": format!("{} earlier uses, about {}; {n} earlier documents named {name} without it.", form.uses, top_about(ctx, form)),
                                "earlier_uses": form.uses,
                                "about": form.about,
                                "documents_naming_counterpart": n,
                                "first_use": form.first,
                            }),
                        });
                    }
                    let aud = d.audience.as_str();
                    if aud == "domestic"
                        && form.audience.get(aud).copied().unwrap_or(0) == 0
                        && form.uses > 0
                    {
                        let n = self.audience_docs.get(aud).copied().unwrap_or(0);
                        let p = (1.0 - r).powf(n as f64);
                        ctx.raise(Draft {
                            kind: Kind::FirstUse,
                            date: d.published,
                            subject: format!("{} \u{2014} domestic audience", f.phrase),
                            p,
                            summary: format!(
                                "\u{201c}{}\u{201d} appears in a domestic outlet ({}) for the first time; its {} earlier uses were all for external audiences.",
                                f.phrase, d.outlet, form.uses
                            ),
                            evidence: vec![evidence(d, &f.quote)],
                            baseline: json!({
                                "summary": format!("{} earlier uses, none in the {n} earlier documents of domestic outlets.", form.uses),
                                "earlier_uses": form.uses,
                                "by_audience": form.audience,
                                "domestic_documents": n,
                            }),
                        });
                    }
                }
                Some(_) => {}
            }
            // Learn from this document.
            let form = self.forms.entry(f.id.clone()).or_insert_with(|| Form {
                phrase: f.phrase.clone(),
                ..Form::default()
            });
            form.uses += 1;
            form.first.get_or_insert_with(|| evidence(d, &f.quote));
            *form.audience.entry(d.audience.clone()).or_default() += 1;
            for c in &about {
                *form.about.entry((*c).to_owned()).or_default() += 1;
            }
            let mut keys: Vec<String> = vec!["all".to_owned(), format!("outlet:{}", d.outlet)];
            keys.extend(about.iter().map(|c| format!("cp:{c}")));
            for k in keys {
                let c = form.scopes.entry(k).or_default();
                c.month_uses += 1;
                if c.examples.len() < 3 {
                    c.examples.push(evidence(d, &f.quote));
                }
            }
        }
        // Documents counted after the test, so "earlier" excludes this one.
        self.docs += 1;
        *self.audience_docs.entry(d.audience.clone()).or_default() += 1;
        let mut scope_keys: Vec<String> = vec!["all".to_owned(), format!("outlet:{}", d.outlet)];
        // A document names its own country as speaker, not as counterpart.
        for c in d
            .countries
            .iter()
            .filter(|c| Some(c.as_str()) != d.outlet_country.as_deref())
        {
            *self.country_docs.entry(c.clone()).or_default() += 1;
            scope_keys.push(format!("cp:{c}"));
        }
        for k in scope_keys {
            self.months.entry(k).or_default().month_docs += 1;
        }
    }

    /// Closes the month before `next` (its first day): bursts and silences.
    pub fn close_month(&mut self, ctx: &mut Ctx<'_>, next: NaiveDate) {
        let last_day = next.pred_opt().expect("dates stay in range");
        let month = format!("{}-{:02}", last_day.year(), last_day.month());
        for (id, form) in &mut self.forms {
            // "all" comes first in key order: an outlet that carried every
            // use of the month repeats what "all" said, and is not raised again.
            let mut all_raised: Option<(u64, &'static str)> = None;
            for (key, c) in &mut form.scopes {
                let Some(scope) = self.months.get(key) else {
                    continue;
                };
                let k = c.month_uses;
                if scope.months >= RARE_MIN_MONTHS
                    && c.prior_uses >= RARE_MIN_USES
                    && scope.prior_docs > 0
                {
                    let rate = c.prior_uses as f64 / scope.prior_docs as f64;
                    let mu = rate * scope.month_docs as f64;
                    // Pearson dispersion of the earlier months around the rate:
                    // official messaging comes in campaigns, far from Poisson.
                    let phi = if scope.months > 1 {
                        ((c.k2_over_n / rate - 2.0 * c.prior_uses as f64
                            + rate * scope.prior_docs as f64)
                            / f64::from(scope.months - 1))
                        .max(1.0)
                    } else {
                        1.0
                    };
                    let (p, what) = if k >= 3 && (k as f64) > mu {
                        (count_upper(k, mu, phi), "burst")
                    } else if k == 0 {
                        (count_upper(0, mu, phi).min(count_zero(mu, phi)), "silence")
                    } else {
                        (1.0, "")
                    };
                    let repeats_all = key.starts_with("outlet:") && all_raised == Some((k, what));
                    if key == "all" && p <= RARE_ALPHA {
                        all_raised = Some((k, what));
                    }
                    if p <= RARE_ALPHA && !repeats_all {
                        let scope_name = scope_label(ctx, key);
                        ctx.raise(Draft {
                            kind: Kind::RareUse,
                            date: last_day,
                            subject: format!("{} \u{2014} {scope_name}", form.phrase),
                            p,
                            summary: if what == "burst" {
                                format!(
                                    "\u{201c}{}\u{201d} was used {k} times in {month} ({scope_name}), against {mu:.1} expected from its earlier rate.",
                                    form.phrase
                                )
                            } else {
                                format!(
                                    "\u{201c}{}\u{201d} was not used at all in {month} ({scope_name}), against {mu:.1} uses expected from its earlier rate.",
                                    form.phrase
                                )
                            },
                            evidence: c.examples.clone(),
                            baseline: json!({
                                "summary": format!("{} uses in {} earlier documents over {} months: {:.4} a document; {} documents this month.", c.prior_uses, scope.prior_docs, scope.months, rate, scope.month_docs),
                                "formulation": id,
                                "what": what,
                                "count": k,
                                "expected": (mu * 100.0).round() / 100.0,
                                "dispersion": (phi * 100.0).round() / 100.0,
                                "earlier_uses": c.prior_uses,
                                "earlier_documents": scope.prior_docs,
                                "month_documents": scope.month_docs,
                            }),
                        });
                    }
                }
                if scope.month_docs > 0 {
                    c.k2_over_n += (k * k) as f64 / scope.month_docs as f64;
                }
                c.prior_uses += k;
                c.month_uses = 0;
                c.examples.clear();
            }
        }
        for scope in self.months.values_mut() {
            if scope.month_docs > 0 || scope.months > 0 {
                scope.months += 1;
            }
            scope.prior_docs += scope.month_docs;
            scope.month_docs = 0;
        }
    }
}

fn subject(phrase: &str, about: &[String]) -> String {
    if about.is_empty() {
        phrase.to_owned()
    } else {
        format!("{phrase} \u{2014} {}", about.join(", "))
    }
}

fn scope_label(ctx: &Ctx<'_>, key: &str) -> String {
    match key.split_once(':') {
        Some(("cp", c)) => format!("about {}", ctx.country_name(c)),
        Some(("outlet", o)) => format!("in {o}"),
        _ => "all outlets".to_owned(),
    }
}

fn top_about(ctx: &Ctx<'_>, form: &Form) -> String {
    let mut v: Vec<(&String, &u64)> = form.about.iter().collect();
    v.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    if v.is_empty() {
        return "no named counterpart".to_owned();
    }
    v.iter()
        .take(4)
        .map(|(c, n)| format!("{} ({n})", ctx.country_name(c)))
        .collect::<Vec<_>>()
        .join(", ")
}
