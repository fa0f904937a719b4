//! The engine: feeds documents day by day, in publication order, through the
//! detectors, and keeps everything they learn in one serialisable [`State`].
//!
//! Time moves with the archive: before a day's documents are read, what fell
//! due on earlier days is checked (a post not seen for too long, an activity
//! gone quiet, an expected meeting not held), and each new month closes the
//! previous one's counts. Fed the same days in the same order, the engine
//! gives the same signals whether it runs once over everything or resumes
//! from a saved state: that is what makes the store's incremental update
//! equal to a full recompute.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate};
use readout_core::pack::Pack;
use serde::{Deserialize, Serialize};

use crate::facts::DocFacts;
use crate::signal::{rank, score, Evidence, Kind, Signal};
use crate::{activity, copies, formulations, meetings, titles, treaty};

/// What the engine refuses.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SignalError {
    /// Days must be fed in order: an earlier one needs a recompute from the start.
    #[error("documents of {day} arrive after {last} was processed; recompute from the start")]
    OutOfOrder { day: NaiveDate, last: NaiveDate },
}

/// The detectors' thresholds. The defaults are the documented ones.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Config {
    /// Days of archive before a formulation's first use counts as new.
    pub warmup_days: i64,
    /// A signal is raised only when its observation has at most this
    /// probability under the baseline.
    pub max_p: f64,
    /// Share of days an outlet must cover for a silence to be read as one.
    pub min_coverage: f64,
    /// Titled appearances a person needs before a new post is a change.
    pub min_person_history: u64,
    /// Sightings of a person in a post before their absence can be a vacancy.
    pub min_post_sightings: u64,
    /// Largest lag from a meeting to an action counted as following it, in days.
    pub precedent_max_lag: i64,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            warmup_days: 365,
            max_p: 0.1,
            min_coverage: 0.8,
            min_person_history: 3,
            min_post_sightings: 5,
            precedent_max_lag: 90,
        }
    }
}

/// Docs per day for each outlet: what tells a silence from a hole in the archive.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Coverage {
    days: BTreeMap<String, BTreeMap<NaiveDate, u32>>,
}

impl Coverage {
    pub(crate) fn add(&mut self, outlet: &str, day: NaiveDate) {
        *self
            .days
            .entry(outlet.to_owned())
            .or_default()
            .entry(day)
            .or_default() += 1;
    }

    /// Days in `[from, to]` on which any of `outlets` published, and the days in all.
    pub fn covered(
        &self,
        outlets: &BTreeSet<String>,
        from: NaiveDate,
        to: NaiveDate,
    ) -> (i64, i64) {
        if to < from {
            return (0, 0);
        }
        let total = (to - from).num_days() + 1;
        let mut days = BTreeSet::new();
        for o in outlets {
            if let Some(d) = self.days.get(o) {
                days.extend(d.range(from..=to).map(|(k, _)| *k));
            }
        }
        (days.len() as i64, total)
    }

    /// "KCNA published on 14 of 15 days".
    pub fn describe(&self, outlets: &BTreeSet<String>, from: NaiveDate, to: NaiveDate) -> String {
        self.judge(outlets, from, to, 0.0).1
    }

    /// Whether `outlets` covered enough of `[from, to]` (a share `min` of its
    /// days) for a silence to mean something, and the coverage in words.
    pub fn judge(
        &self,
        outlets: &BTreeSet<String>,
        from: NaiveDate,
        to: NaiveDate,
        min: f64,
    ) -> (bool, String) {
        let (c, t) = self.covered(outlets, from, to);
        let names: Vec<&str> = outlets.iter().map(String::as_str).collect();
        let text = format!(
            "{} published on {c} of the {t} days from {from} to {to}",
            if names.is_empty() {
                "no outlet".to_owned()
            } else {
                names.join(", ")
            }
        );
        (t > 0 && c as f64 >= min * t as f64, text)
    }
}

/// Something to check once a day has passed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "due", rename_all = "snake_case")]
pub(crate) enum Due {
    Vacated {
        person: String,
        post: String,
        last: NaiveDate,
    },
    Paused {
        activity: String,
        last: NaiveDate,
    },
    Overdue {
        kind: String,
        from: NaiveDate,
        to: NaiveDate,
    },
}

/// Everything the engine has learned: saved by the store after each run.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct State {
    /// The last day fed.
    pub day: Option<NaiveDate>,
    pub first_day: Option<NaiveDate>,
    pub docs: u64,
    pub coverage: Coverage,
    pub(crate) deadlines: BTreeMap<NaiveDate, Vec<Due>>,
    pub(crate) formulations: formulations::Formulations,
    pub(crate) titles: titles::Titles,
    pub(crate) meetings: meetings::Meetings,
    pub(crate) activity: activity::Activities,
    pub(crate) treaty: treaty::Treaties,
    pub(crate) copies: copies::Copies,
}

impl State {
    /// People whose name contains `query`, with their posts over time.
    pub fn people(&self, query: &str) -> Vec<crate::views::PersonView> {
        self.titles.people(query)
    }

    /// Meetings held and expected, by kind.
    pub fn calendar(&self, pack: &Pack) -> Vec<crate::views::MeetingKindView> {
        self.meetings.calendar(pack)
    }

    /// Tracked treaties' articles with their evidence.
    pub fn treaty_articles(&self, pack: &Pack) -> Vec<crate::views::ArticleView> {
        self.treaty.articles(pack)
    }
}

/// What the detectors share while one day is processed.
pub(crate) struct Ctx<'a> {
    pub pack: &'a Pack,
    pub cfg: &'a Config,
    /// The archive day being processed.
    pub day: NaiveDate,
    pub out: Vec<Signal>,
}

/// A signal in the making.
pub(crate) struct Draft {
    pub kind: Kind,
    pub date: NaiveDate,
    pub subject: String,
    pub p: f64,
    pub summary: String,
    pub evidence: Vec<Evidence>,
    pub baseline: serde_json::Value,
}

impl Ctx<'_> {
    /// Raises a signal if its observation is improbable enough under the baseline.
    pub fn raise(&mut self, d: Draft) {
        if d.p.is_nan() || d.p > self.cfg.max_p {
            return;
        }
        self.out.push(Signal {
            kind: d.kind,
            date: d.date,
            subject: d.subject,
            score: score(d.p),
            summary: d.summary,
            evidence: d.evidence,
            baseline: d.baseline,
            p: (d.p * 1e6).round() / 1e6,
            noticed: self.day,
        });
    }

    pub fn country_name(&self, id: &str) -> String {
        name_of(self.pack, id)
    }

    /// A pack event kind's name ("balloon launch").
    pub fn event_name(&self, kind: &str) -> String {
        self.pack
            .event_kinds
            .iter()
            .find(|k| k.id == kind)
            .map_or_else(|| kind.replace('-', " "), |k| k.name.clone())
    }

    /// A pack meeting kind's name.
    pub fn meeting_name(&self, kind: &str) -> String {
        self.pack
            .meeting_kinds
            .iter()
            .find(|k| k.id == kind)
            .map_or_else(|| kind.to_owned(), |k| k.name.clone())
    }
}

/// A readable name for a country or organisation id.
pub(crate) fn name_of(pack: &Pack, id: &str) -> String {
    if let Some(c) = pack.countries.iter().find(|c| c.id == id) {
        return c.name.clone();
    }
    if let Some(o) = pack.organizations.iter().find(|o| o.id == id) {
        return o.name.clone();
    }
    id.rsplit(':').next().unwrap_or(id).replace('-', " ")
}

pub(crate) fn evidence(d: &DocFacts, quote: &str) -> Evidence {
    Evidence {
        doc: d.doc.clone(),
        outlet: d.outlet.clone(),
        published: d.published,
        quote: quote.to_owned(),
    }
}

fn month_start(d: NaiveDate) -> NaiveDate {
    NaiveDate::from_ymd_opt(d.year(), d.month(), 1).expect("day 1 exists")
}

fn next_month(d: NaiveDate) -> NaiveDate {
    month_start(d)
        .checked_add_months(chrono::Months::new(1))
        .expect("dates stay in range")
}

/// The signal engine.
pub struct Engine<'p> {
    pack: &'p Pack,
    cfg: Config,
    state: State,
}

impl<'p> Engine<'p> {
    pub fn new(pack: &'p Pack, cfg: Config) -> Engine<'p> {
        Engine::resume(pack, cfg, State::default())
    }

    /// Carries on from a saved state.
    pub fn resume(pack: &'p Pack, cfg: Config, state: State) -> Engine<'p> {
        Engine { pack, cfg, state }
    }

    pub fn state(&self) -> &State {
        &self.state
    }

    pub fn into_state(self) -> State {
        self.state
    }

    /// Feeds one day's documents. Days must come in order; a day before the
    /// last one fed is refused (the caller recomputes from the start).
    pub fn feed_day(
        &mut self,
        day: NaiveDate,
        docs: &[DocFacts],
    ) -> Result<Vec<Signal>, SignalError> {
        if let Some(last) = self.state.day {
            if day <= last {
                return Err(SignalError::OutOfOrder { day, last });
            }
        }
        let mut ctx = Ctx {
            pack: self.pack,
            cfg: &self.cfg,
            day,
            out: Vec::new(),
        };
        let st = &mut self.state;
        advance(st, &mut ctx);
        st.first_day.get_or_insert(day);
        let mut docs: Vec<&DocFacts> = docs.iter().collect();
        docs.sort_by(|a, b| a.doc.cmp(&b.doc));
        for d in &docs {
            st.coverage.add(&d.outlet, d.published);
        }
        let first_day = st.first_day.unwrap_or(day);
        for d in docs {
            st.formulations.doc(&mut ctx, d, first_day);
            st.titles.doc(&mut ctx, d, &mut st.deadlines);
            st.meetings
                .doc(&mut ctx, d, &st.coverage, first_day, &mut st.deadlines);
            st.activity
                .doc(&mut ctx, d, &st.coverage, &mut st.deadlines);
            st.treaty.doc(&mut ctx, d, st.docs);
            st.copies.doc(&mut ctx, d);
            st.docs += 1;
        }
        st.day = Some(day);
        let mut out = ctx.out;
        rank(&mut out);
        Ok(out)
    }
}

/// Runs what fell due before `ctx.day`: month closings and deadlines, in date order.
fn advance(st: &mut State, ctx: &mut Ctx<'_>) {
    let Some(last) = st.day else {
        return;
    };
    let mut month = next_month(last);
    loop {
        let deadline = st.deadlines.keys().next().copied().filter(|d| *d < ctx.day);
        let month_due = (month <= ctx.day).then_some(month);
        match (deadline, month_due) {
            (Some(d), m) if m.is_none_or(|m| d < m) => {
                let dues = st.deadlines.remove(&d).unwrap_or_default();
                for due in dues {
                    match due {
                        Due::Vacated { person, post, last } => {
                            st.titles
                                .vacated_due(ctx, &st.coverage, d, &person, &post, last)
                        }
                        Due::Paused { activity, last } => {
                            st.activity
                                .paused_due(ctx, &st.coverage, d, &activity, last)
                        }
                        Due::Overdue { kind, from, to } => {
                            st.meetings
                                .overdue_due(ctx, &st.coverage, d, &kind, from, to)
                        }
                    }
                }
            }
            (_, Some(m)) => {
                st.formulations.close_month(ctx, m);
                st.meetings.month_start(ctx, m, &mut st.deadlines);
                month = next_month(m);
            }
            (None, None) => break,
            (Some(_), None) => unreachable!("matched by the first arm"),
        }
    }
}

impl Due {
    /// What the check is about: a later check of the same slot replaces an earlier one.
    fn slot(&self) -> (u8, &str, &str) {
        match self {
            Due::Vacated { person, post, .. } => (0, person, post),
            Due::Paused { activity, .. } => (1, activity, ""),
            Due::Overdue { kind, .. } => (2, kind, ""),
        }
    }
}

/// Schedules `due` at `at`, dropping the check of the same slot scheduled at `before`.
pub(crate) fn reschedule(
    deadlines: &mut BTreeMap<NaiveDate, Vec<Due>>,
    before: Option<NaiveDate>,
    at: NaiveDate,
    due: Due,
) {
    if let Some(b) = before {
        if let Some(v) = deadlines.get_mut(&b) {
            v.retain(|d| d.slot() != due.slot());
            if v.is_empty() {
                deadlines.remove(&b);
            }
        }
    }
    schedule(deadlines, at, due);
}

pub(crate) fn schedule(deadlines: &mut BTreeMap<NaiveDate, Vec<Due>>, at: NaiveDate, due: Due) {
    let v = deadlines.entry(at).or_default();
    if !v.contains(&due) {
        v.push(due);
    }
}

/// Runs the engine over a whole history, grouped by day: a full recompute.
pub fn recompute(pack: &Pack, cfg: Config, docs: &[DocFacts]) -> (Vec<Signal>, State) {
    let mut by_day: BTreeMap<NaiveDate, Vec<DocFacts>> = BTreeMap::new();
    for d in docs {
        by_day.entry(d.published).or_default().push(d.clone());
    }
    let mut engine = Engine::new(pack, cfg);
    let mut out = Vec::new();
    for (day, docs) in by_day {
        out.extend(engine.feed_day(day, &docs).expect("days come in order"));
    }
    rank(&mut out);
    (out, engine.into_state())
}
