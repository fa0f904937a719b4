//! Datelines: "Pyongyang, June 24 (KCNA) --" at the head of a story.
//!
//! A dateline gives a month and a day but no year; [`resolve_year`] places it
//! against a reference date from context (the file's other records).

use chrono::{Datelike, NaiveDate};

/// A dateline found at the head of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dateline {
    pub place: String,
    pub month: u32,
    pub day: u32,
    /// The outlet named in parentheses, as in "(KCNA)".
    pub outlet: Option<String>,
    /// Byte range of the whole dateline, dash included, in the searched text.
    pub start: usize,
    pub end: usize,
}

/// English month names, January first.
pub const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Only the head of a text is searched: a dateline further in is a quotation.
const HEAD: usize = 400;

fn month_number(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    MONTH_NAMES
        .iter()
        .map(|m| m.to_ascii_lowercase())
        .position(|m| m == w || (w.len() == 3 && m.starts_with(&w)) || (w == "sept"))
        .map(|i| if w == "sept" { 9 } else { i as u32 + 1 })
}

/// Finds a dateline at the head of `text`, on its first non-empty line.
///
/// Accepts "Place, Month Day (OUTLET) --" and "Place, Day Month (OUTLET) --";
/// the outlet part is optional, the dash (`--`, `-`, an en or em dash) is not.
pub fn find(text: &str) -> Option<Dateline> {
    let lead = text.len() - text.trim_start().len();
    let head_end = floor_char_boundary(text, (lead + HEAD).min(text.len()));
    let head = &text[lead..head_end];
    let line_end = head.find('\n').unwrap_or(head.len());
    let line = &head[..line_end];

    let comma = line.find(',')?;
    let place = line[..comma].trim();
    if place.is_empty()
        || place.len() > 40
        || !place.starts_with(|c: char| c.is_uppercase())
        || !place
            .chars()
            .all(|c| c.is_alphabetic() || c == ' ' || c == '-' || c == '.')
    {
        return None;
    }
    let rest = &line[comma + 1..];
    let dash_pos = ["--", "\u{2014}", "\u{2013}", " - "]
        .iter()
        .filter_map(|d| rest.find(d).map(|p| (p, d.len())))
        .min()?;
    let middle = rest[..dash_pos.0].trim();
    let (date_part, outlet) = match (middle.find('('), middle.rfind(')')) {
        (Some(o), Some(c)) if c > o && c == middle.len() - 1 => {
            let name = middle[o + 1..c].trim();
            let ok = !name.is_empty() && name.len() <= 30;
            (middle[..o].trim(), ok.then(|| name.to_owned()))
        }
        _ => (middle, None),
    };
    let mut tokens = date_part.split_whitespace();
    let (a, b) = (tokens.next()?, tokens.next()?);
    if tokens.next().is_some() {
        return None;
    }
    let (month, day) = match (
        month_number(a),
        b.parse::<u32>(),
        a.parse::<u32>(),
        month_number(b),
    ) {
        (Some(m), Ok(d), _, _) => (m, d),
        (_, _, Ok(d), Some(m)) => (m, d),
        _ => return None,
    };
    if !(1..=31).contains(&day) {
        return None;
    }
    let end = lead + comma + 1 + dash_pos.0 + dash_pos.1;
    Some(Dateline {
        place: place.to_owned(),
        month,
        day,
        outlet,
        start: lead,
        end,
    })
}

/// The date with this month and day nearest to `reference` (at most a year away).
///
/// A story datelined "December 30" in a file of January records belongs to the
/// previous year. Returns `None` for a day the month does not have in any
/// candidate year (February 30).
pub fn resolve_year(month: u32, day: u32, reference: NaiveDate) -> Option<NaiveDate> {
    let y = reference.year();
    [y - 1, y, y + 1]
        .into_iter()
        .filter_map(|year| NaiveDate::from_ymd_opt(year, month, day))
        .min_by_key(|d| (*d - reference).num_days().abs())
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, expected: Option<(&str, u32, u32, Option<&str>)>) {
        let got = find(text).map(|d| (d.place, d.month, d.day, d.outlet));
        let expected = expected.map(|(p, m, d, o)| (p.to_owned(), m, d, o.map(str::to_owned)));
        assert_eq!(got, expected, "for {text:?}");
    }

    #[test]
    fn kcna_form() {
        check(
            "Pyongyang, June 24 (KCNA) -- The talks",
            Some(("Pyongyang", 6, 24, Some("KCNA"))),
        );
        check(
            "  Moscow, Sept. 13 (KCNA) -- x",
            Some(("Moscow", 9, 13, Some("KCNA"))),
        );
        check(
            "Vladivostok, 13 September (TASS) \u{2014} x",
            Some(("Vladivostok", 9, 13, Some("TASS"))),
        );
        check("Pyongyang, May 2 -- x", Some(("Pyongyang", 5, 2, None)));
    }

    #[test]
    fn not_datelines() {
        check("Kim Jong Un, general secretary -- said", None);
        check("Pyongyang, June 24 (KCNA) The talks", None);
        check("Pyongyang, June 34 (KCNA) -- x", None);
        check("The delegation left.\nPyongyang, June 24 (KCNA) -- x", None);
        check("", None);
    }

    #[test]
    fn span_covers_the_dash() {
        let t = "Pyongyang, June 24 (KCNA) -- The talks";
        let d = find(t).unwrap();
        assert_eq!(&t[d.start..d.end], "Pyongyang, June 24 (KCNA) --");
    }

    #[test]
    fn year_is_the_one_nearest_the_reference() {
        let r = NaiveDate::from_ymd_opt(2012, 1, 3).unwrap();
        assert_eq!(
            resolve_year(12, 30, r),
            NaiveDate::from_ymd_opt(2011, 12, 30)
        );
        assert_eq!(resolve_year(1, 5, r), NaiveDate::from_ymd_opt(2012, 1, 5));
        assert_eq!(resolve_year(2, 30, r), None);
        let leap = NaiveDate::from_ymd_opt(2013, 1, 1).unwrap();
        assert_eq!(
            resolve_year(2, 29, leap),
            NaiveDate::from_ymd_opt(2012, 2, 29)
        );
    }
}
