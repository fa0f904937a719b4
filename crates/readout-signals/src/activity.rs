//! `activity_paused` and `activity_resumed`: recurring activities (pack
//! `event_kind.recurring`) that stop and start again.
//!
//! Only reports of the act count: an event whose sentence states its date,
//! or says it halts or resumes; a commentary's passing mention does not.
//! An activity seen on at least three days in the 60 days up to its last
//! sighting happens at a rate lambda (days seen / span); a silence of s days
//! has p = e^(-lambda s). The check falls due when that reaches 0.001 (after
//! at least 7 days) and is raised only if the outlets that reported the
//! activity covered the silence; every such signal states the coverage. A
//! halt announced in words ("decided to temporarily stop") is a pause at
//! once, p = 0.01. A sighting after a pause is a resumption with the pause's
//! p; a sighting after a gap whose p was 0.01 or less, though no pause had
//! been raised yet, is a resumption with that p. Either lists the notable
//! events (pack `event_kind.notable`: summits, visits, treaty signings) and
//! meetings that fell inside the gap.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::engine::{evidence, reschedule, Coverage, Ctx, Draft, Due};
use crate::facts::DocFacts;
use crate::signal::{Evidence, Kind};

const PAUSE_ALPHA: f64 = 0.001;
/// A halt announced in words.
const HALT_P: f64 = 0.01;
/// A gap seen only when the activity resumes.
const GAP_ALPHA: f64 = 0.01;
const RATE_WINDOW: i64 = 60;
const MIN_DAYS_SEEN: usize = 3;
/// How long notable events are remembered, in days.
const NOTABLE_MEMORY: i64 = 365;

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(crate) struct Activities {
    kinds: BTreeMap<String, Activity>,
    /// Recent notable events and meetings: (day, what, evidence).
    notable: VecDeque<(NaiveDate, String, Evidence)>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct Activity {
    /// Days seen, the last [`RATE_WINDOW`] days before the latest kept.
    days: BTreeMap<NaiveDate, Evidence>,
    outlets: BTreeSet<String>,
    paused: Option<Pause>,
    /// When the check of its silence is scheduled.
    #[serde(default)]
    due: Option<NaiveDate>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Pause {
    /// The last day seen before the pause.
    since: NaiveDate,
    /// When the pause was raised: the halt's publication or the silence's due day.
    declared: NaiveDate,
    how: String,
    p: f64,
    evidence: Evidence,
}

impl Activities {
    pub fn doc(
        &mut self,
        ctx: &mut Ctx<'_>,
        d: &DocFacts,
        coverage: &Coverage,
        deadlines: &mut BTreeMap<NaiveDate, Vec<Due>>,
    ) {
        for e in &d.events {
            if ctx
                .pack
                .event_kinds
                .iter()
                .any(|k| k.id == e.kind && k.notable)
            {
                let what = ctx.event_name(&e.kind);
                if !self
                    .notable
                    .iter()
                    .any(|(day, w, _)| *day == e.date && *w == what)
                {
                    self.notable
                        .push_back((e.date, what, evidence(d, &e.quote)));
                }
            }
        }
        for m in d.meetings.iter().filter(|m| !m.announced) {
            let what = ctx.meeting_name(&m.kind);
            if !self
                .notable
                .iter()
                .any(|(day, w, _)| *day == m.from && *w == what)
            {
                self.notable
                    .push_back((m.from, what, evidence(d, &m.quote)));
            }
        }
        while self
            .notable
            .front()
            .is_some_and(|(day, _, _)| (d.published - *day).num_days() > NOTABLE_MEMORY)
        {
            self.notable.pop_front();
        }

        let mut events: Vec<&crate::facts::EventFact> = d
            .events
            .iter()
            .filter(|e| {
                ctx.pack
                    .event_kinds
                    .iter()
                    .any(|k| k.id == e.kind && k.recurring)
            })
            .collect();
        // Halts first: a document announcing a halt also recounts what it halts.
        events.sort_by_key(|e| (e.phase.as_deref() != Some("halt"), e.date));
        for e in events {
            let act = self.kinds.entry(e.kind.clone()).or_default();
            act.outlets.insert(d.outlet.clone());
            let name = ctx.event_name(&e.kind);
            if e.phase.as_deref() == Some("halt") {
                if act.paused.is_none() && !act.days.is_empty() {
                    let since = *act.days.keys().next_back().expect("not empty");
                    let ev = evidence(d, &e.quote);
                    let cov = coverage.describe(&act.outlets, since, d.published);
                    act.paused = Some(Pause {
                        since,
                        declared: d.published,
                        how: "announced".to_owned(),
                        p: HALT_P,
                        evidence: ev.clone(),
                    });
                    ctx.raise(Draft {
                        kind: Kind::ActivityPaused,
                        date: d.published,
                        subject: name.clone(),
                        p: HALT_P,
                        summary: format!(
                            "A halt to {} is announced in {}; last seen on {since}.",
                            plural(&name),
                            d.outlet
                        ),
                        evidence: vec![ev],
                        baseline: json!({
                            "summary": format!("Seen on {} days in the {RATE_WINDOW} days to {since}. Coverage: {cov}.", act.days.len()),
                            "how": "announced",
                            "last_seen": since,
                            "days_seen": act.days.keys().collect::<Vec<_>>(),
                            "coverage": cov,
                        }),
                    });
                }
                continue;
            }
            // A gap improbable at the earlier rate, though no pause was raised in time.
            if act.paused.is_none() {
                if let (Some((lambda, _)), Some(last)) =
                    (rate(&act.days), act.days.keys().next_back().copied())
                {
                    let gap = (e.date - last).num_days();
                    let p = (-lambda * gap as f64).exp();
                    if gap >= 7
                        && p <= GAP_ALPHA
                        && coverage
                            .judge(&act.outlets, last, e.date, ctx.cfg.min_coverage)
                            .0
                    {
                        act.paused = Some(Pause {
                            since: last,
                            declared: last,
                            how: "silence".to_owned(),
                            p,
                            evidence: act.days.get(&last).cloned().expect("last is a day seen"),
                        });
                    }
                }
            }
            if let Some(pause) = &act.paused {
                let after = if pause.how == "announced" {
                    pause.declared
                } else {
                    pause.since
                };
                if e.date > after {
                    let gap_from = pause.since;
                    let in_gap: Vec<&(NaiveDate, String, Evidence)> = self
                        .notable
                        .iter()
                        .filter(|(day, _, _)| *day > gap_from && *day < e.date)
                        .collect();
                    let mut seen_what = BTreeSet::new();
                    let gap_events: Vec<String> = in_gap
                        .iter()
                        .filter(|(day, w, _)| seen_what.insert((*day, w.clone())))
                        .map(|(day, w, _)| format!("{w} on {day}"))
                        .collect();
                    let days = (e.date - gap_from).num_days();
                    let cov = coverage.describe(&act.outlets, gap_from, e.date);
                    let mut ev = vec![evidence(d, &e.quote), pause.evidence.clone()];
                    let mut kinds_seen = BTreeSet::new();
                    for (_, w, x) in &in_gap {
                        if kinds_seen.insert(w.clone()) && ev.len() < 6 {
                            ev.push(x.clone());
                        }
                    }
                    ctx.raise(Draft {
                        kind: Kind::ActivityResumed,
                        date: e.date,
                        subject: name.clone(),
                        p: pause.p,
                        summary: format!(
                            "{} resume on {} after {days} days (pause {} on {}){}.",
                            capitalise(&name),
                            e.date,
                            if pause.how == "announced" { "announced" } else { "seen" },
                            pause.declared,
                            if gap_events.is_empty() {
                                String::new()
                            } else {
                                format!("; in the gap: {}", gap_events.join(", "))
                            }
                        ),
                        evidence: ev,
                        baseline: json!({
                            "summary": format!("Last seen on {gap_from} before the pause. Coverage: {cov}."),
                            "pause": {"since": gap_from, "declared": pause.declared, "how": pause.how},
                            "gap_days": days,
                            "in_gap": gap_events,
                            "coverage": cov,
                        }),
                    });
                    act.paused = None;
                }
            }
            act.days
                .entry(e.date)
                .or_insert_with(|| evidence(d, &e.quote));
            let latest = *act.days.keys().next_back().expect("just inserted");
            act.days = act.days.split_off(&(latest - Duration::days(RATE_WINDOW)));
            if act.paused.is_none() {
                if let Some((lambda, _)) = rate(&act.days) {
                    let wait = ((1.0 / PAUSE_ALPHA).ln() / lambda).max(7.0).ceil() as i64;
                    let at = latest + Duration::days(wait);
                    let before = act.due.replace(at);
                    reschedule(
                        deadlines,
                        before,
                        at,
                        Due::Paused {
                            activity: e.kind.clone(),
                            last: latest,
                        },
                    );
                }
            }
        }
    }

    /// An activity's silence fell due.
    pub fn paused_due(
        &mut self,
        ctx: &mut Ctx<'_>,
        coverage: &Coverage,
        due: NaiveDate,
        kind: &str,
        last: NaiveDate,
    ) {
        let name = ctx.event_name(kind);
        let Some(act) = self.kinds.get_mut(kind) else {
            return;
        };
        if act.paused.is_some() || act.days.keys().next_back() != Some(&last) {
            return;
        }
        let Some((lambda, seen)) = rate(&act.days) else {
            return;
        };
        let from = last.succ_opt().expect("in range");
        let (enough, cov) = coverage.judge(&act.outlets, from, due, ctx.cfg.min_coverage);
        if !enough {
            return;
        }
        let silence = (due - last).num_days();
        let p = (-lambda * silence as f64).exp();
        let ev = act.days.get(&last).cloned().expect("last is a day seen");
        act.paused = Some(Pause {
            since: last,
            declared: due,
            how: "silence".to_owned(),
            p,
            evidence: ev.clone(),
        });
        ctx.raise(Draft {
            kind: Kind::ActivityPaused,
            date: due,
            subject: name.clone(),
            p,
            summary: format!(
                "No {name} reported for {silence} days since {last}, after {seen} days with one in the {RATE_WINDOW} days before; {cov}."
            ),
            evidence: vec![ev],
            baseline: json!({
                "summary": format!("Seen on {seen} days, a rate of {lambda:.2} a day. Coverage: {cov}."),
                "how": "silence",
                "last_seen": last,
                "rate_per_day": (lambda * 100.0).round() / 100.0,
                "days_seen": act.days.keys().collect::<Vec<_>>(),
                "coverage": cov,
            }),
        });
    }
}

/// The rate of an activity over the days kept, if it was seen often enough.
fn rate(days: &BTreeMap<NaiveDate, Evidence>) -> Option<(f64, usize)> {
    if days.len() < MIN_DAYS_SEEN {
        return None;
    }
    let first = *days.keys().next()?;
    let last = *days.keys().next_back()?;
    let span = ((last - first).num_days() + 1).max(7) as f64;
    Some((days.len() as f64 / span, days.len()))
}

/// "balloon launch" as "balloon launches".
fn plural(s: &str) -> String {
    if s.ends_with("ch") || s.ends_with("sh") || s.ends_with('s') || s.ends_with('x') {
        format!("{s}es")
    } else {
        format!("{s}s")
    }
}

/// "Balloon launches".
fn capitalise(s: &str) -> String {
    let p = plural(s);
    let mut c = p.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}
