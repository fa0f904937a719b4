//! A signal: what changed, when, how surprising, with evidence and baseline.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The kinds of signal, one per detector outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    FirstUse,
    RareUse,
    TitleChange,
    NewPostHolder,
    PostVacated,
    MeetingExpected,
    MeetingOverdue,
    MeetingEarly,
    Precedent,
    ActivityPaused,
    ActivityResumed,
    TreatyEvidence,
    CopyOf,
}

impl Kind {
    pub const ALL: [Kind; 13] = [
        Kind::FirstUse,
        Kind::RareUse,
        Kind::TitleChange,
        Kind::NewPostHolder,
        Kind::PostVacated,
        Kind::MeetingExpected,
        Kind::MeetingOverdue,
        Kind::MeetingEarly,
        Kind::Precedent,
        Kind::ActivityPaused,
        Kind::ActivityResumed,
        Kind::TreatyEvidence,
        Kind::CopyOf,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::FirstUse => "first_use",
            Kind::RareUse => "rare_use",
            Kind::TitleChange => "title_change",
            Kind::NewPostHolder => "new_post_holder",
            Kind::PostVacated => "post_vacated",
            Kind::MeetingExpected => "meeting_expected",
            Kind::MeetingOverdue => "meeting_overdue",
            Kind::MeetingEarly => "meeting_early",
            Kind::Precedent => "precedent",
            Kind::ActivityPaused => "activity_paused",
            Kind::ActivityResumed => "activity_resumed",
            Kind::TreatyEvidence => "treaty_evidence",
            Kind::CopyOf => "copy_of",
        }
    }
}

impl std::str::FromStr for Kind {
    type Err = String;
    fn from_str(s: &str) -> Result<Kind, String> {
        let s = s.trim().to_ascii_lowercase().replace('-', "_");
        Kind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| {
                let all: Vec<&str> = Kind::ALL.iter().map(|k| k.as_str()).collect();
                format!(
                    "unknown signal kind {s:?}; the kinds are {}",
                    all.join(", ")
                )
            })
    }
}

impl std::fmt::Display for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A quoted span of a document that shows the signal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    pub doc: String,
    pub outlet: String,
    pub published: NaiveDate,
    pub quote: String,
}

/// One signal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Signal {
    pub kind: Kind,
    /// The day the change happened or was due.
    pub date: NaiveDate,
    /// What changed: a formulation and counterpart, a person, a meeting kind.
    pub subject: String,
    /// 0 to 1; see [`score`].
    pub score: f64,
    /// One sentence a person can read.
    pub summary: String,
    pub evidence: Vec<Evidence>,
    /// What the history looked like: always a `summary` sentence, then the
    /// figures behind it (counts, prior titles, precedent dates, coverage).
    pub baseline: Value,
    /// The probability of the observation under the baseline: what the score is made of.
    pub p: f64,
    /// The archive day being processed when the signal was raised.
    pub noticed: NaiveDate,
}

/// The score of an observation whose probability under the baseline is `p`:
/// `L / (1 + L)` with `L = -log10 p`, so p = 0.1 scores 0.5, p = 0.01 0.67,
/// p = 0.001 0.75. Rounded to three places so that reports are stable.
pub fn score(p: f64) -> f64 {
    let l = -p.clamp(1e-15, 1.0).log10();
    ((l / (1.0 + l)) * 1000.0).round() / 1000.0
}

/// How much a signal's rank suffers for each signal of its kind ranked above it.
pub const SAME_KIND_PENALTY: f64 = 0.04;

/// Orders a report. Signals are taken greedily by score, each less
/// [`SAME_KIND_PENALTY`] for every signal of its kind already placed, so that
/// a burst of one kind (twenty first uses in a young archive) does not push
/// every other kind off the first screen; ties go to the newest, then by
/// kind and subject. The scores themselves are not changed.
pub fn rank(signals: &mut [Signal]) {
    signals.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(b.date.cmp(&a.date))
            .then(a.kind.cmp(&b.kind))
            .then(a.subject.cmp(&b.subject))
            .then_with(|| first_doc(a).cmp(first_doc(b)))
    });
    // Greedy re-ranking: within each kind the order is already by score, so
    // only the heads of the kinds compete.
    let mut placed: std::collections::HashMap<Kind, u32> = std::collections::HashMap::new();
    for i in 0..signals.len() {
        let mut best = i;
        let mut best_eff = f64::NEG_INFINITY;
        let mut heads: Vec<Kind> = Vec::new();
        for (j, s) in signals.iter().enumerate().skip(i) {
            if heads.contains(&s.kind) {
                continue;
            }
            heads.push(s.kind);
            let eff = s.score - SAME_KIND_PENALTY * f64::from(*placed.get(&s.kind).unwrap_or(&0));
            if eff > best_eff + 1e-12 {
                best_eff = eff;
                best = j;
            }
        }
        signals[i..=best].rotate_right(1);
        *placed.entry(signals[i].kind).or_default() += 1;
    }
}

fn first_doc(s: &Signal) -> &str {
    s.evidence.first().map_or("", |e| e.doc.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn score_is_monotonic_and_bounded() {
        assert_eq!(score(1.0), 0.0);
        assert_eq!(score(0.1), 0.5);
        assert!(score(0.01) > score(0.1));
        assert!(score(1e-30) < 1.0);
        assert_eq!(score(0.0), score(1e-15));
    }

    fn sig(kind: Kind, score: f64) -> Signal {
        Signal {
            kind,
            date: NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(),
            subject: format!("{kind} {score}"),
            score,
            summary: String::new(),
            evidence: Vec::new(),
            baseline: Value::Null,
            p: 0.0,
            noticed: NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(),
        }
    }

    #[test]
    fn ranking_is_by_score_with_a_penalty_for_repeating_a_kind() {
        let mut v = vec![
            sig(Kind::FirstUse, 0.80),
            sig(Kind::FirstUse, 0.79),
            sig(Kind::FirstUse, 0.78),
            sig(Kind::FirstUse, 0.77),
            sig(Kind::TitleChange, 0.74),
            sig(Kind::CopyOf, 0.30),
        ];
        rank(&mut v);
        let order: Vec<f64> = v.iter().map(|s| s.score).collect();
        // The title change (0.74) beats the third first use (0.78 - 2 x 0.04).
        assert_eq!(order, vec![0.80, 0.79, 0.74, 0.78, 0.77, 0.30]);
    }

    #[test]
    fn kinds_parse_back() {
        for k in Kind::ALL {
            assert_eq!(k.as_str().parse::<Kind>(), Ok(k));
        }
        assert!("first-use".parse::<Kind>().is_ok());
        assert!("nonsense"
            .parse::<Kind>()
            .unwrap_err()
            .contains("first_use"));
    }
}
