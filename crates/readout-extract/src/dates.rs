//! Dates in running text: "on May 24", "from June 28 to July 1", ordinals.

use chrono::{Datelike, NaiveDate};
use readout_core::dateline::{resolve_year, MONTH_NAMES};

/// The dates a sentence states.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct When {
    pub date: Option<NaiveDate>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

/// Month-and-day pairs in a text, with their byte offsets.
fn month_days(text: &str) -> Vec<(usize, u32, u32, Option<i32>)> {
    let words: Vec<(usize, &str)> = text
        .split_inclusive(|c: char| !c.is_alphanumeric())
        .scan(0usize, |at, piece| {
            let start = *at;
            *at += piece.len();
            Some((
                start,
                piece.trim_end_matches(|c: char| !c.is_alphanumeric()),
            ))
        })
        .filter(|(_, w)| !w.is_empty())
        .collect();
    let mut out = Vec::new();
    for (i, (at, w)) in words.iter().enumerate() {
        let Some(m) = MONTH_NAMES.iter().position(|m| m == w) else {
            continue;
        };
        let Some(day) = words
            .get(i + 1)
            .and_then(|(_, d)| d.parse::<u32>().ok())
            .filter(|d| (1..=31).contains(d))
        else {
            continue;
        };
        let year = words
            .get(i + 2)
            .and_then(|(_, y)| y.parse::<i32>().ok())
            .filter(|y| (1900..=2200).contains(y));
        out.push((*at, m as u32 + 1, day, year));
    }
    out
}

fn resolve(
    month: u32,
    day: u32,
    year: Option<i32>,
    published: Option<NaiveDate>,
) -> Option<NaiveDate> {
    match (year, published) {
        (Some(y), _) => NaiveDate::from_ymd_opt(y, month, day),
        (None, Some(p)) => resolve_year(month, day, p),
        (None, None) => None,
    }
}

/// The date or range a sentence states, resolved against the publication date.
pub fn find(sentence: &str, published: Option<NaiveDate>) -> When {
    let found = month_days(sentence);
    let Some(&(at, m, d, y)) = found.first() else {
        return When::default();
    };
    let before = &sentence[..at];
    if before.trim_end().ends_with("from") {
        if let Some(&(_, m2, d2, y2)) = found.get(1) {
            return When {
                date: None,
                from: resolve(m, d, y, published),
                to: resolve(m2, d2, y2.or(y), published),
            };
        }
        // "from June 15 to 18": the end in the same month.
        let rest = &sentence[at..];
        let mut words = rest
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty());
        let _month = words.next();
        let _day = words.next();
        if let (Some("to" | "till" | "until"), Some(d2)) = (words.next(), words.next()) {
            if let Some(d2) = d2
                .parse::<u32>()
                .ok()
                .filter(|d2| (1..=31).contains(d2) && *d2 > d)
            {
                return When {
                    date: None,
                    from: resolve(m, d, y, published),
                    to: resolve(m, d2, y, published),
                };
            }
        }
    }
    When {
        date: resolve(m, d, y, published),
        from: None,
        to: None,
    }
}

/// The window a text announces: "in late June" (21st to the month's end),
/// "in mid-June", "in early June", "in June"; the month's next occurrence on
/// or after the publication month.
pub fn month_window(text: &str, published: Option<NaiveDate>) -> Option<(NaiveDate, NaiveDate)> {
    let published = published?;
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect();
    for (i, w) in words.iter().enumerate() {
        let Some(m) = MONTH_NAMES.iter().position(|m| m == w) else {
            continue;
        };
        let month = m as u32 + 1;
        let before = |k: usize| i.checked_sub(k).map(|j| words[j].to_ascii_lowercase());
        let part = match before(1).as_deref() {
            Some("of") => before(2),
            _ => before(1),
        };
        let mut year = published.year();
        if month < published.month() {
            year += 1;
        }
        let first = NaiveDate::from_ymd_opt(year, month, 1)?;
        let last = first
            .checked_add_months(chrono::Months::new(1))?
            .pred_opt()?;
        let day = |d: u32| NaiveDate::from_ymd_opt(year, month, d);
        return match part.as_deref() {
            Some("late" | "end") => Some((day(21)?, last)),
            Some("mid") => Some((day(11)?, day(20)?)),
            Some("early") => Some((first, day(10)?)),
            _ => Some((first, last)),
        };
    }
    None
}

/// "Tenth" or "10th" as 10.
pub fn ordinal(word: &str) -> Option<u32> {
    const WORDS: [&str; 20] = [
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "eleventh",
        "twelfth",
        "thirteenth",
        "fourteenth",
        "fifteenth",
        "sixteenth",
        "seventeenth",
        "eighteenth",
        "nineteenth",
        "twentieth",
    ];
    let lower = word.to_ascii_lowercase();
    if let Some(i) = WORDS.iter().position(|w| *w == lower) {
        return Some(i as u32 + 1);
    }
    let digits = lower.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    if digits.len() < lower.len() && ["st", "nd", "rd", "th"].contains(&&lower[digits.len()..]) {
        return digits.parse().ok();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn ranges_single_days_and_years() {
        let p = Some(d("2024-07-02"));
        assert_eq!(
            find("The meeting was held from June 28 to July 1.", p),
            When {
                date: None,
                from: Some(d("2024-06-28")),
                to: Some(d("2024-07-01"))
            }
        );
        assert_eq!(find("It met on May 24.", p).date, Some(d("2024-05-24")));
        assert_eq!(
            find("The meeting was held from June 15 to 18 in Pyongyang.", p),
            When {
                date: None,
                from: Some(d("2024-06-15")),
                to: Some(d("2024-06-18"))
            }
        );
        assert_eq!(
            find(
                "Signed on June 19, 2024 in Pyongyang.",
                Some(d("2025-01-01"))
            )
            .date,
            Some(d("2024-06-19"))
        );
        assert_eq!(find("No date here.", p), When::default());
    }

    #[test]
    fn announced_windows() {
        let p = Some(d("2024-05-25"));
        assert_eq!(
            month_window("the Tenth Plenary Meeting in late June to sum up", p),
            Some((d("2024-06-21"), d("2024-06-30")))
        );
        assert_eq!(
            month_window("in mid-June", p),
            Some((d("2024-06-11"), d("2024-06-20")))
        );
        assert_eq!(
            month_window("at the end of February", Some(d("2024-11-02"))),
            Some((d("2025-02-21"), d("2025-02-28")))
        );
        assert_eq!(month_window("in due course", p), None);
    }

    #[test]
    fn ordinals_in_words_and_digits() {
        assert_eq!(ordinal("Tenth"), Some(10));
        assert_eq!(ordinal("8th"), Some(8));
        assert_eq!(ordinal("22nd"), Some(22));
        assert_eq!(ordinal("Plenary"), None);
        assert_eq!(ordinal("8"), None);
    }
}
