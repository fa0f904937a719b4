//! `meeting_expected`, `meeting_overdue`, `meeting_early` and `precedent`.
//!
//! Cadence. At the start of each month, a meeting kind held in that month in
//! each of the last k >= 2 years is expected; the chance of such a run by
//! coincidence is (1/12)^(k-1), its p. A meeting called in advance ("decided
//! to convene ... in late June") is expected in the announced window, with p
//! = 0.1 x the run's p (0.1 alone without a run). An expectation not met
//! within 15 days of its window, while the outlets that reported the kind
//! covered the period, is overdue with the same p; a meeting held 8 to 60
//! days before its expected window is early.
//!
//! Precedent. A meeting whose agenda has a topic with actions (pack
//! `agenda_topic.actions`) is set against the earlier meetings of its kind
//! on that topic: for each, the lag to the first such action within 90
//! days. With h of n earlier meetings followed, and q the chance that an
//! action falls within the mean lag of any day (from the archive's action
//! rate), p = P(X >= h) for X ~ Binomial(n, q).

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, Duration, NaiveDate};
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::engine::{evidence, schedule, Coverage, Ctx, Draft, Due};
use crate::facts::{DocFacts, MeetingFact};
use crate::signal::{Evidence, Kind};
use crate::stats::binomial_upper;

const WINDOW_SLACK: i64 = 15;
const SAME_MEETING_DAYS: i64 = 10;

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(crate) struct Meetings {
    kinds: BTreeMap<String, KindHist>,
    /// Days on which each action kind happened, with the first report of it.
    actions: BTreeMap<String, BTreeMap<NaiveDate, Evidence>>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct KindHist {
    held: Vec<Instance>,
    expected: Vec<Expect>,
    outlets: BTreeSet<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Instance {
    from: NaiveDate,
    to: NaiveDate,
    ordinal: Option<u32>,
    enlarged: bool,
    agenda: Vec<String>,
    evidence: Evidence,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Expect {
    from: NaiveDate,
    to: NaiveDate,
    /// Earlier meetings in the same month of the year, one per year.
    run: Vec<Past>,
    announced: Option<Evidence>,
    p: f64,
    closed: bool,
    /// How it ended: "held", "early", "overdue", "not judged" (coverage too thin).
    #[serde(default)]
    outcome: Option<String>,
}

impl Meetings {
    /// Every meeting kind seen: meetings held and expectations, oldest first.
    pub fn calendar(&self, pack: &readout_core::pack::Pack) -> Vec<crate::views::MeetingKindView> {
        self.kinds
            .iter()
            .map(|(kind, k)| crate::views::MeetingKindView {
                kind: kind.clone(),
                name: pack
                    .meeting_kinds
                    .iter()
                    .find(|m| &m.id == kind)
                    .map_or_else(|| kind.clone(), |m| m.name.clone()),
                held: k
                    .held
                    .iter()
                    .map(|m| crate::views::HeldView {
                        from: m.from,
                        to: m.to,
                        ordinal: m.ordinal,
                        enlarged: m.enlarged,
                        agenda: m.agenda.clone(),
                        evidence: m.evidence.clone(),
                    })
                    .collect(),
                expected: k
                    .expected
                    .iter()
                    .map(|e| crate::views::ExpectedView {
                        from: e.from,
                        to: e.to,
                        announced: e.announced.clone(),
                        precedents: run_evidence(&e.run).collect(),
                        outcome: e.outcome.clone(),
                    })
                    .collect(),
            })
            .collect()
    }
}

/// What followed earlier meetings: the action kind, the hits, how many meetings, the base rate.
struct Precedent<'a> {
    action: &'a String,
    hits: Vec<(&'a Instance, NaiveDate, i64, &'a Evidence)>,
    n: u64,
    rate: f64,
    p: f64,
}

fn month_end(d: NaiveDate) -> NaiveDate {
    NaiveDate::from_ymd_opt(d.year(), d.month(), 1)
        .and_then(|f| f.checked_add_months(chrono::Months::new(1)))
        .and_then(|n| n.pred_opt())
        .expect("dates stay in range")
}

/// "The 20th meeting of the Political Bureau ...", "An enlarged plenary meeting ...".
fn meeting_title(m: &Instance, name: &str) -> String {
    let enlarged = if m.enlarged { "enlarged " } else { "" };
    match m.ordinal {
        Some(o) => format!("The {} {enlarged}{name}", ordinal_word(o)),
        None if m.enlarged => format!("An enlarged {name}"),
        None => format!("A {name}"),
    }
}

fn ordinal_word(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (1, x) if x != 11 => "st",
        (2, x) if x != 12 => "nd",
        (3, x) if x != 13 => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

impl KindHist {
    /// Meetings of this kind held in `month` of consecutive years before `year`, newest first.
    fn run(&self, year: i32, month: u32) -> Vec<Past> {
        let mut out = Vec::new();
        let mut y = year - 1;
        while let Some(m) = self
            .held
            .iter()
            .find(|m| m.from.year() == y && m.from.month() == month)
        {
            out.push(Past {
                from: m.from,
                to: m.to,
                evidence: m.evidence.clone(),
            });
            y -= 1;
        }
        out
    }
}

/// An earlier meeting in a yearly run.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Past {
    from: NaiveDate,
    to: NaiveDate,
    evidence: Evidence,
}

fn run_evidence(run: &[Past]) -> impl Iterator<Item = Evidence> + '_ {
    run.iter().map(|p| p.evidence.clone())
}

fn run_p(run: &[Past]) -> f64 {
    if run.len() >= 2 {
        (1.0f64 / 12.0).powi(run.len() as i32 - 1)
    } else {
        1.0
    }
}

fn run_dates(run: &[Past]) -> Vec<String> {
    run.iter()
        .map(|p| format!("{} to {}", p.from, p.to))
        .collect()
}

impl Meetings {
    pub fn doc(
        &mut self,
        ctx: &mut Ctx<'_>,
        d: &DocFacts,
        coverage: &Coverage,
        first_day: NaiveDate,
        deadlines: &mut BTreeMap<NaiveDate, Vec<Due>>,
    ) {
        let _ = coverage;
        // Actions are reports of the act (its date stated), not mentions of it.
        for e in d.events.iter().filter(|e| e.dated) {
            if ctx
                .pack
                .agenda_topics
                .iter()
                .any(|t| t.actions.contains(&e.kind))
            {
                self.actions
                    .entry(e.kind.clone())
                    .or_default()
                    .entry(e.date)
                    .or_insert_with(|| evidence(d, &e.quote));
            }
        }
        for m in &d.meetings {
            if m.announced {
                self.announced(ctx, d, m, deadlines);
            } else {
                self.held(ctx, d, m, first_day);
            }
        }
    }

    fn announced(
        &mut self,
        ctx: &mut Ctx<'_>,
        d: &DocFacts,
        m: &MeetingFact,
        deadlines: &mut BTreeMap<NaiveDate, Vec<Due>>,
    ) {
        let name = ctx.meeting_name(&m.kind);
        let k = self.kinds.entry(m.kind.clone()).or_default();
        k.outlets.insert(d.outlet.clone());
        let ev = evidence(d, &m.quote);
        let existing = k
            .expected
            .iter_mut()
            .find(|e| !e.closed && e.from <= m.to && m.from <= e.to + Duration::days(WINDOW_SLACK));
        let (exp, fresh) = match existing {
            Some(e) if e.announced.is_some() => return,
            Some(e) => {
                e.announced = Some(ev.clone());
                e.from = m.from;
                e.to = m.to;
                e.p *= 0.1;
                (e.clone(), false)
            }
            None => {
                let run = k.run(m.from.year(), m.from.month());
                let e = Expect {
                    from: m.from,
                    to: m.to,
                    p: 0.1 * run_p(&run),
                    run,
                    announced: Some(ev.clone()),
                    closed: false,
                    outcome: None,
                };
                k.expected.push(e.clone());
                (e, true)
            }
        };
        let _ = fresh;
        schedule(
            deadlines,
            exp.to + Duration::days(WINDOW_SLACK),
            Due::Overdue {
                kind: m.kind.clone(),
                from: exp.from,
                to: exp.to,
            },
        );
        let run_txt = if exp.run.len() >= 2 {
            format!(
                "; it has been held in this month in each of the last {} years ({})",
                exp.run.len(),
                run_dates(&exp.run).join(", ")
            )
        } else {
            String::new()
        };
        let mut evidence = vec![ev];
        evidence.extend(run_evidence(&exp.run));
        ctx.raise(Draft {
            kind: Kind::MeetingExpected,
            date: d.published,
            subject: name.clone(),
            p: exp.p,
            summary: format!(
                "A {name} is announced for {} to {}{run_txt}.",
                exp.from, exp.to
            ),
            evidence,
            baseline: json!({
                "summary": format!("Announced on {}{}.", d.published, if run_txt.is_empty() { String::new() } else { run_txt.replacen("; it", ", and", 1) }),
                "window": {"from": exp.from, "to": exp.to},
                "precedents": run_dates(&exp.run),
                "announced": true,
            }),
        });
    }

    fn held(&mut self, ctx: &mut Ctx<'_>, d: &DocFacts, m: &MeetingFact, first_day: NaiveDate) {
        let name = ctx.meeting_name(&m.kind);
        let k = self.kinds.entry(m.kind.clone()).or_default();
        k.outlets.insert(d.outlet.clone());
        // Several reports of one meeting (opens, continues, concludes) are one meeting.
        if let Some(inst) = k.held.iter_mut().rev().find(|i| {
            (i.ordinal.is_some() && i.ordinal == m.ordinal && i.enlarged == m.enlarged)
                || ((m.from - i.to).num_days().abs() <= SAME_MEETING_DAYS
                    || (i.from - m.to).num_days().abs() <= SAME_MEETING_DAYS)
        }) {
            inst.from = inst.from.min(m.from);
            inst.to = inst.to.max(m.to);
            for a in &m.agenda {
                if !inst.agenda.contains(a) {
                    inst.agenda.push(a.clone());
                }
            }
            return;
        }
        let inst = Instance {
            from: m.from,
            to: m.to,
            ordinal: m.ordinal,
            enlarged: m.enlarged,
            agenda: m.agenda.clone(),
            evidence: evidence(d, &m.quote),
        };
        // Expectations met, or met early.
        for e in k.expected.iter_mut().filter(|e| !e.closed) {
            let lo = e.from - Duration::days(WINDOW_SLACK);
            let hi = e.to + Duration::days(WINDOW_SLACK);
            if m.from >= lo && m.from <= hi {
                e.closed = true;
                e.outcome = Some("held".to_owned());
            } else if m.from < lo && m.from >= e.from - Duration::days(60) {
                e.closed = true;
                e.outcome = Some("early".to_owned());
                let days = (e.from - m.from).num_days();
                let mut evidence = vec![inst.evidence.clone()];
                evidence.extend(e.announced.iter().cloned());
                ctx.raise(Draft {
                    kind: Kind::MeetingEarly,
                    date: m.from,
                    subject: name.clone(),
                    p: e.p,
                    summary: format!(
                        "{} was held from {} to {}, {days} days before the window it was expected in ({} to {}).",
                        meeting_title(&inst, &name), m.from, m.to, e.from, e.to
                    ),
                    evidence,
                    baseline: json!({
                        "summary": format!("Expected from {} to {}; precedents {}.", e.from, e.to, run_dates(&e.run).join(", ")),
                        "window": {"from": e.from, "to": e.to},
                        "precedents": run_dates(&e.run),
                        "announced": e.announced.is_some(),
                    }),
                });
            }
        }
        // Precedent: what followed earlier meetings of this kind on the same topic.
        for topic in &inst.agenda {
            let Some(t) = ctx.pack.agenda_topics.iter().find(|t| &t.id == topic) else {
                continue;
            };
            if t.actions.is_empty() {
                continue;
            }
            // Each kind of action on its own: the one earlier meetings
            // foretold best (smallest p) is reported.
            let mut best: Option<Precedent<'_>> = None;
            for a in &t.actions {
                let Some(days) = self.actions.get(a) else {
                    continue;
                };
                let mut missed = 0u64;
                let mut hits = Vec::new();
                for prior in k
                    .held
                    .iter()
                    .filter(|p| p.agenda.contains(topic) && p.from < inst.from)
                {
                    let next = days
                        .range(prior.to.succ_opt().expect("in range")..)
                        .next()
                        .filter(|(day, _)| {
                            (**day - prior.from).num_days() <= ctx.cfg.precedent_max_lag
                                && **day <= d.published
                        });
                    match next {
                        Some((day, ev)) => {
                            hits.push((prior, *day, (*day - prior.from).num_days(), ev))
                        }
                        None if (d.published - prior.from).num_days()
                            > ctx.cfg.precedent_max_lag =>
                        {
                            missed += 1
                        }
                        None => {}
                    }
                }
                if hits.is_empty() {
                    continue;
                }
                let n = hits.len() as u64 + missed;
                let span = (d.published - first_day).num_days().max(1) as f64;
                let rate = days.range(first_day..=d.published).count() as f64 / span;
                let mean_lag = hits.iter().map(|h| h.2 as f64).sum::<f64>() / hits.len() as f64;
                let q = 1.0 - (-rate * mean_lag).exp();
                let p = binomial_upper(hits.len() as u64, n, q);
                if best.as_ref().is_none_or(|b| p < b.p) {
                    best = Some(Precedent {
                        action: a,
                        hits,
                        n,
                        rate,
                        p,
                    });
                }
            }
            let Some(Precedent {
                action,
                hits,
                n,
                rate,
                p,
            }) = best
            else {
                continue;
            };
            let action_name = ctx.event_name(action);
            let a_action = format!(
                "{} {action_name}",
                if action_name.starts_with(['a', 'e', 'i', 'o', 'u', 'A', 'E', 'I', 'O', 'U']) {
                    "an"
                } else {
                    "a"
                }
            );
            let lags: Vec<String> = hits
                .iter()
                .map(|(pm, a, lag, _)| {
                    format!(
                        "the meeting of {} \u{2192} {action_name} on {a} ({lag} days)",
                        pm.from
                    )
                })
                .collect();
            let mut evidence_v = vec![inst.evidence.clone()];
            for (pm, _, _, ev) in &hits {
                evidence_v.push(pm.evidence.clone());
                evidence_v.push((*ev).clone());
            }
            ctx.raise(Draft {
                kind: Kind::Precedent,
                date: m.from,
                subject: format!("{name} \u{2014} {}", t.name),
                p,
                summary: format!(
                    "{} on {} ({}); {} of the {n} earlier such meetings were followed by {a_action} within {} days: {}.",
                    meeting_title(&inst, &name), t.name, m.from, hits.len(), ctx.cfg.precedent_max_lag, lags.join("; ")
                ),
                evidence: evidence_v,
                baseline: json!({
                    "summary": format!("Earlier meetings of this kind on {}: {n}; followed by {a_action} within {} days: {}. Such an action falls on {:.3} of all days.", t.name, ctx.cfg.precedent_max_lag, hits.len(), rate),
                    "topic": t.id,
                    "action": action,
                    "lags": hits.iter().map(|(pm, a, lag, _)| json!({"meeting": pm.from, "date": a, "lag_days": lag})).collect::<Vec<_>>(),
                    "earlier_meetings": n,
                    "action_rate_per_day": (rate * 10000.0).round() / 10000.0,
                }),
            });
        }
        k.held.push(inst);
    }

    /// At the start of a month: meetings held in this month in each of the last years.
    pub fn month_start(
        &mut self,
        ctx: &mut Ctx<'_>,
        start: NaiveDate,
        deadlines: &mut BTreeMap<NaiveDate, Vec<Due>>,
    ) {
        for (kind, k) in &mut self.kinds {
            let run = k.run(start.year(), start.month());
            if run.len() < 2 {
                continue;
            }
            let end = month_end(start);
            let covered = k.expected.iter().any(|e| e.from <= end && start <= e.to)
                || k.held.iter().any(|m| m.from >= start && m.from <= end);
            if covered {
                continue;
            }
            let p = run_p(&run);
            k.expected.push(Expect {
                from: start,
                to: end,
                run: run.clone(),
                announced: None,
                p,
                closed: false,
                outcome: None,
            });
            schedule(
                deadlines,
                end + Duration::days(WINDOW_SLACK),
                Due::Overdue {
                    kind: kind.clone(),
                    from: start,
                    to: end,
                },
            );
            let name = ctx.meeting_name(kind);
            ctx.raise(Draft {
                kind: Kind::MeetingExpected,
                date: start,
                subject: name.clone(),
                p,
                summary: format!(
                    "A {name} is expected in {}: one was held in this month in each of the last {} years ({}).",
                    start.format("%B %Y"),
                    run.len(),
                    run_dates(&run).join(", ")
                ),
                evidence: run_evidence(&run).collect(),
                baseline: json!({
                    "summary": format!("Held in {} of {} consecutive years.", start.format("%B"), run.len()),
                    "window": {"from": start, "to": end},
                    "precedents": run_dates(&run),
                    "announced": false,
                }),
            });
        }
    }

    pub fn overdue_due(
        &mut self,
        ctx: &mut Ctx<'_>,
        coverage: &Coverage,
        due: NaiveDate,
        kind: &str,
        from: NaiveDate,
        to: NaiveDate,
    ) {
        let name = ctx.meeting_name(kind);
        let Some(k) = self.kinds.get_mut(kind) else {
            return;
        };
        let Some(e) = k
            .expected
            .iter_mut()
            .find(|e| !e.closed && e.from == from && e.to == to)
        else {
            return;
        };
        e.closed = true;
        let (enough, cov) = coverage.judge(&k.outlets, from, due, ctx.cfg.min_coverage);
        if !enough {
            e.outcome = Some("not judged: the archive has a hole".to_owned());
            return;
        }
        e.outcome = Some("overdue".to_owned());
        let last = k.held.last().map(|m| m.from);
        let mut evidence: Vec<Evidence> = e.announced.iter().cloned().collect();
        evidence.extend(run_evidence(&e.run));
        ctx.raise(Draft {
            kind: Kind::MeetingOverdue,
            date: due,
            subject: name.clone(),
            p: e.p,
            summary: format!(
                "No {name} was reported for {from} to {to}, when one was {}; the last was on {}.",
                if e.announced.is_some() {
                    "announced"
                } else {
                    "expected from precedent"
                },
                last.map_or("no date".to_owned(), |d| d.to_string())
            ),
            evidence,
            baseline: json!({
                "summary": format!("Precedents {}; coverage: {cov}.", run_dates(&e.run).join(", ")),
                "window": {"from": from, "to": to},
                "precedents": run_dates(&e.run),
                "announced": e.announced.is_some(),
                "coverage": cov,
            }),
        });
    }
}
