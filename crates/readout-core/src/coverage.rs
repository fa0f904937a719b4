//! Archive coverage: the days an outlet has documents, and the holes between them.
//!
//! A silence only means something where the archive is not silent itself, so
//! every later signal about a pause reads coverage first.

use chrono::NaiveDate;
use serde::Serialize;

/// A run of days with no documents, between two days that have some.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Gap {
    /// The first day without documents.
    pub from: NaiveDate,
    /// The last day without documents.
    pub to: NaiveDate,
}

impl Gap {
    pub fn days(&self) -> i64 {
        (self.to - self.from).num_days() + 1
    }
}

/// Summary of one outlet's coverage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Coverage {
    pub first: NaiveDate,
    pub last: NaiveDate,
    /// Days from first to last, both included.
    pub span_days: i64,
    /// Days with at least one document.
    pub days_with_documents: i64,
    pub documents: u64,
    /// Holes of at least `min_gap` days, longest first.
    pub gaps: Vec<Gap>,
}

/// Summarises `(day, documents)` pairs, sorted by day with no repeats, keeping
/// holes of at least `min_gap` days. `None` for no days.
pub fn summarise(days: &[(NaiveDate, u64)], min_gap: i64) -> Option<Coverage> {
    let (first, last) = (days.first()?.0, days.last()?.0);
    let mut gaps: Vec<Gap> = days
        .windows(2)
        .filter_map(|w| {
            let missing = (w[1].0 - w[0].0).num_days() - 1;
            (missing >= min_gap.max(1)).then(|| Gap {
                from: w[0].0.succ_opt().unwrap_or(w[0].0),
                to: w[1].0.pred_opt().unwrap_or(w[1].0),
            })
        })
        .collect();
    gaps.sort_by_key(|g| (std::cmp::Reverse(g.days()), g.from));
    Some(Coverage {
        first,
        last,
        span_days: (last - first).num_days() + 1,
        days_with_documents: days.len() as i64,
        documents: days.iter().map(|d| d.1).sum(),
        gaps,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn finds_holes_longest_first() {
        let days = [
            (d("2024-06-01"), 2),
            (d("2024-06-02"), 1),
            (d("2024-06-05"), 1),
            (d("2024-06-20"), 3),
        ];
        let c = summarise(&days, 2).unwrap();
        assert_eq!(
            (c.span_days, c.days_with_documents, c.documents),
            (20, 4, 7)
        );
        assert_eq!(
            c.gaps,
            [
                Gap {
                    from: d("2024-06-06"),
                    to: d("2024-06-19")
                },
                Gap {
                    from: d("2024-06-03"),
                    to: d("2024-06-04")
                }
            ]
        );
        assert_eq!(summarise(&days, 3).unwrap().gaps.len(), 1);
        assert!(summarise(&[], 1).is_none());
    }
}
