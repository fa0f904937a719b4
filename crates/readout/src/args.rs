//! Argument types shared by several subcommands: date bounds and output formats.

use chrono::{Datelike, NaiveDate};

/// Output format for commands that print records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Aligned text for a person
    Table,
    /// JSON Lines, one record a line
    Json,
}

/// Parses the start of a date range: `2024`, `2024-06` or `2024-06-19`.
pub fn date_from(s: &str) -> Result<NaiveDate, String> {
    parse_bound(s, false)
}

/// Parses the end of a date range: `2024` means 2024-12-31, `2024-06` means 2024-06-30.
pub fn date_to(s: &str) -> Result<NaiveDate, String> {
    parse_bound(s, true)
}

fn parse_bound(s: &str, end: bool) -> Result<NaiveDate, String> {
    let bad = || format!("{s:?} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD");
    let parts: Vec<&str> = s.trim().split('-').collect();
    let num = |p: &str| p.parse::<u32>().map_err(|_| bad());
    match parts.as_slice() {
        [y] if y.len() == 4 => {
            let y = num(y)? as i32;
            NaiveDate::from_ymd_opt(y, if end { 12 } else { 1 }, if end { 31 } else { 1 })
                .ok_or_else(bad)
        }
        [y, m] if y.len() == 4 => {
            let first = NaiveDate::from_ymd_opt(num(y)? as i32, num(m)?, 1).ok_or_else(bad)?;
            if !end {
                return Ok(first);
            }
            let next = if first.month() == 12 {
                NaiveDate::from_ymd_opt(first.year() + 1, 1, 1)
            } else {
                NaiveDate::from_ymd_opt(first.year(), first.month() + 1, 1)
            };
            next.and_then(|n| n.pred_opt()).ok_or_else(bad)
        }
        [_, _, _] => NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| bad()),
        _ => Err(bad()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_expand_to_the_whole_period() {
        let d = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(date_from("2024"), Ok(d("2024-01-01")));
        assert_eq!(date_to("2024"), Ok(d("2024-12-31")));
        assert_eq!(date_to("2024-02"), Ok(d("2024-02-29")));
        assert_eq!(date_to("2023-12"), Ok(d("2023-12-31")));
        assert_eq!(date_from("2024-06-19"), Ok(d("2024-06-19")));
        assert!(date_from("2024-13").is_err());
        assert!(date_from("June 2024").is_err());
        assert!(date_to("2024-02-30").is_err());
    }
}
