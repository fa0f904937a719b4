//! Record to document: the checks and defaults shared by every format.
//!
//! Readers turn their input into [`RawRecord`]s (strings as found, nothing
//! checked) and feed them, in file order, to a [`Converter`], which cleans the
//! text, parses dates, places dateline-only records in a year, resolves the
//! outlet and derives the id. A problem with one record becomes a
//! [`Rejection`] and reading goes on.

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime};
use readout_core::{dateline, normalize, Audience, DocId, Document, Published};
use serde_json::{Map, Value};

use crate::mapping::{Field, FieldMap};
use crate::record::{Location, ReadItem, Record, Rejection};
use crate::{ReadConfig, ReadSummary};

/// True for the strings exporters write where a value is missing ("<NA>" from R,
/// "NaN" from pandas...): such a body is no text at all.
fn is_missing_value(s: &str) -> bool {
    matches!(
        s.trim().to_ascii_lowercase().as_str(),
        "<na>" | "na" | "n/a" | "nan" | "null" | "none" | "nil" | "undefined" | "-"
    )
}

/// Longest title kept, in characters; a longer one is a body pasted in the wrong field.
pub(crate) const MAX_TITLE_CHARS: usize = 1000;

/// Most dateline-only records held while waiting for a dated one. A file with
/// no dates at all must not be held in memory whole; past this many, the held
/// records are placed as they would be at the end of the file.
const MAX_HELD: usize = 10_000;

/// Longest piece of a bad value quoted back in a rejection.
const QUOTE_CHARS: usize = 60;

/// A record's fields as a reader found them, before any check.
#[derive(Debug, Default, Clone)]
pub(crate) struct RawRecord {
    pub outlet: Option<String>,
    pub published: Option<String>,
    pub title: Option<String>,
    pub body: Option<String>,
    pub url: Option<String>,
    pub lang: Option<String>,
    pub section: Option<String>,
    pub audience: Option<String>,
    pub id: Option<String>,
    pub attribution: Option<String>,
    /// An outlet the page itself names (HTML's `og:site_name`), weaker than the
    /// configured default.
    pub site_name: Option<String>,
    pub notes: Vec<String>,
}

impl RawRecord {
    fn slot(&mut self, field: Field) -> &mut Option<String> {
        match field {
            Field::Outlet => &mut self.outlet,
            Field::Published => &mut self.published,
            Field::Title => &mut self.title,
            Field::Body => &mut self.body,
            Field::Url => &mut self.url,
            Field::Lang => &mut self.lang,
            Field::Section => &mut self.section,
            Field::Audience => &mut self.audience,
            Field::Id => &mut self.id,
            Field::Attribution => &mut self.attribution,
        }
    }

    /// Reads our fields out of a JSON object (a JSON record or front matter).
    ///
    /// Values must be strings; `null` counts as absent. Ids may also be
    /// integers, since many exports number their records.
    pub(crate) fn from_object(
        obj: &Map<String, Value>,
        map: &FieldMap,
    ) -> Result<RawRecord, String> {
        let mut raw = RawRecord::default();
        for field in Field::ALL {
            let value = match map.lookup(field, obj) {
                None | Some(Value::Null) => continue,
                Some(Value::String(s)) => s.clone(),
                Some(Value::Number(n)) if field == Field::Id && (n.is_i64() || n.is_u64()) => {
                    n.to_string()
                }
                Some(other) => {
                    return Err(format!(
                        "{} must be a string, not {}",
                        describe(field, map),
                        type_name(other)
                    ))
                }
            };
            *raw.slot(field) = Some(value);
        }
        Ok(raw)
    }
}

/// Names a field for a message: `field "title"`, or `field "headline" (title)` when mapped.
fn describe(field: Field, map: &FieldMap) -> String {
    let source = map.source(field);
    if source == field.name() {
        format!("field {source:?}")
    } else {
        format!("field {source:?} ({field})")
    }
}

pub(crate) fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// `s` quoted for a message, cut to a readable length.
pub(crate) fn quote(s: &str) -> String {
    let mut cut: String = s.chars().take(QUOTE_CHARS).collect();
    if cut.len() < s.len() {
        cut.push('…');
    }
    format!("{cut:?}")
}

/// The years a published date may fall in.
pub const MIN_YEAR: i32 = 1800;
pub const MAX_YEAR: i32 = 2200;

/// Parses a published date or date-time as sources write them.
///
/// Accepts ISO dates (`2024-06-20`), ISO and RFC 3339 date-times with or
/// without a zone (`2024-06-20T10:15:00Z`, `…+09:00`, `2024-06-20 10:15`) and
/// RFC 2822 (`Thu, 20 Jun 2024 10:15:00 +0900`). The date and time are kept as
/// the source gives them, in its own zone: a statement dated June 20 in
/// Pyongyang stays June 20 whatever the offset.
pub fn parse_published(s: &str) -> Option<Published> {
    let s = s.trim();
    let with_time = |dt: NaiveDateTime| Published {
        date: dt.date(),
        time: Some(dt.time()),
        guessed: false,
    };
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Some(Published::on(d));
    }
    if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
        return Some(with_time(dt.naive_local()));
    }
    const ZONED: [&str; 4] = [
        "%Y-%m-%dT%H:%M:%S%.f%#z",
        "%Y-%m-%d %H:%M:%S%.f%#z",
        "%Y-%m-%dT%H:%M%#z",
        "%Y-%m-%d %H:%M%#z",
    ];
    for fmt in ZONED {
        if let Ok(dt) = DateTime::parse_from_str(s, fmt) {
            return Some(with_time(dt.naive_local()));
        }
    }
    // A trailing `Z` is UTC, which for our purpose is the same as no zone.
    let naive = s.strip_suffix(['Z', 'z']).unwrap_or(s);
    const NAIVE: [&str; 4] = [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
    ];
    for fmt in NAIVE {
        if let Ok(dt) = NaiveDateTime::parse_from_str(naive, fmt) {
            return Some(with_time(dt));
        }
    }
    if let Ok(dt) = DateTime::parse_from_rfc2822(s) {
        return Some(with_time(dt.naive_local()));
    }
    None
}

fn month_day(month: u32, day: u32) -> String {
    let name = dateline::MONTH_NAMES
        .get(month.wrapping_sub(1) as usize)
        .copied()
        .unwrap_or("month ?");
    format!("{name} {day}")
}

/// Text cleaned for storage and folded onto one line, for short fields.
fn one_line(s: &str) -> String {
    normalize::clean_text(s)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn non_empty(s: String) -> Option<String> {
    (!s.is_empty()).then_some(s)
}

/// Everything of a document but its date.
struct Prepared {
    location: Location,
    notes: Vec<String>,
    id: DocId,
    outlet: String,
    audience: Audience,
    title: String,
    body: String,
    url: Option<String>,
    lang: Option<String>,
    section: Option<String>,
    attribution: Option<String>,
    content_hash: [u8; 32],
}

impl Prepared {
    fn into_record(self, published: Published) -> Record {
        Record {
            doc: Document {
                id: self.id,
                outlet: self.outlet,
                published,
                title: self.title,
                body: self.body,
                url: self.url,
                lang: self.lang,
                section: self.section,
                audience: self.audience,
                attribution: self.attribution,
            },
            location: self.location,
            notes: self.notes,
            content_hash: self.content_hash,
        }
    }
}

/// Where a record's date comes from.
enum When {
    Given(Published),
    /// A dateline's month and day, the year still to find.
    Dateline {
        month: u32,
        day: u32,
    },
}

/// Turns one file's raw records into documents, in file order.
///
/// Holds the state that crosses records: the last dated record, which places
/// the next dateline-only ones in a year, and dateline-only records that came
/// before any dated one.
pub(crate) struct Converter<'a> {
    cfg: &'a ReadConfig,
    sink: &'a mut dyn FnMut(ReadItem),
    /// Date and line of the last record with a stated date.
    last_dated: Option<(NaiveDate, u64)>,
    held: Vec<(Prepared, u32, u32)>,
    summary: ReadSummary,
}

impl<'a> Converter<'a> {
    pub(crate) fn new(cfg: &'a ReadConfig, sink: &'a mut dyn FnMut(ReadItem)) -> Converter<'a> {
        Converter {
            cfg,
            sink,
            last_dated: None,
            held: Vec::new(),
            summary: ReadSummary::default(),
        }
    }

    pub(crate) fn cfg(&self) -> &'a ReadConfig {
        self.cfg
    }

    pub(crate) fn reject(&mut self, location: Location, reason: impl Into<String>) {
        self.summary.rejected += 1;
        (self.sink)(Err(Rejection {
            location,
            reason: reason.into(),
        }));
    }

    fn emit(&mut self, record: Record) {
        self.summary.records += 1;
        (self.sink)(Ok(record));
    }

    /// Converts one record read at `location`.
    pub(crate) fn push(&mut self, location: Location, raw: RawRecord) {
        match self.prepare(location.clone(), raw) {
            Err(reason) => self.reject(location, reason),
            Ok((prepared, When::Given(published))) => {
                let line = prepared.location.line;
                for (held, month, day) in std::mem::take(&mut self.held) {
                    self.place(held, month, day, Some((published.date, line)));
                }
                self.last_dated = Some((published.date, line));
                self.emit(prepared.into_record(published));
            }
            Ok((prepared, When::Dateline { month, day })) => {
                if self.last_dated.is_some() {
                    self.place(prepared, month, day, self.last_dated);
                } else {
                    if self.held.len() >= MAX_HELD {
                        self.release_held();
                    }
                    self.held.push((prepared, month, day));
                }
            }
        }
    }

    /// Places the records still held; call at the end of the file.
    pub(crate) fn finish(mut self) -> ReadSummary {
        self.release_held();
        self.summary
    }

    fn release_held(&mut self) {
        for (held, month, day) in std::mem::take(&mut self.held) {
            self.place(held, month, day, None);
        }
    }

    /// Gives a dateline-only record its year, from `reference` (a nearby dated
    /// record's date and line) or else the default year.
    fn place(
        &mut self,
        mut p: Prepared,
        month: u32,
        day: u32,
        reference: Option<(NaiveDate, u64)>,
    ) {
        let date = match (reference, self.cfg.default_year) {
            (Some((near, line)), _) => match dateline::resolve_year(month, day, near) {
                Some(date) => {
                    p.notes.push(format!(
                        "year {} guessed from the record at line {line}",
                        chrono::Datelike::year(&date)
                    ));
                    date
                }
                None => {
                    let reason = format!(
                        "dateline gives {}, which is not a date",
                        month_day(month, day)
                    );
                    return self.reject(p.location, reason);
                }
            },
            (None, Some(year)) => match NaiveDate::from_ymd_opt(year, month, day) {
                Some(date) => {
                    p.notes
                        .push(format!("year {year} taken from the default year"));
                    date
                }
                None => {
                    let reason = format!(
                        "dateline gives {} but {year} has no such day",
                        month_day(month, day)
                    );
                    return self.reject(p.location, reason);
                }
            },
            (None, None) => {
                let reason = format!(
                    "dateline gives {} but no year: add a published field or pass --year",
                    month_day(month, day)
                );
                return self.reject(p.location, reason);
            }
        };
        let published = Published {
            date,
            time: None,
            guessed: true,
        };
        self.emit(p.into_record(published));
    }

    /// Checks and cleans a record's fields; the date may still lack a year.
    fn prepare(&self, location: Location, raw: RawRecord) -> Result<(Prepared, When), String> {
        let cfg = self.cfg;
        let mut notes = raw.notes;

        let Some(body) = raw.body else {
            return Err(format!(
                "no body: the record has no {}",
                describe(Field::Body, &cfg.map)
            ));
        };
        let body = normalize::clean_text(&body);
        if body.is_empty() {
            return Err("body is empty".to_owned());
        }
        if is_missing_value(&body) {
            return Err(format!(
                "body is {:?}, a placeholder for a missing value",
                body.trim()
            ));
        }
        let mut title = one_line(raw.title.as_deref().unwrap_or(""));
        if let Some((cut, _)) = title.char_indices().nth(MAX_TITLE_CHARS) {
            title.truncate(cut);
            notes.push(format!("title cut to {MAX_TITLE_CHARS} characters"));
        }

        let found = dateline::find(&body);
        let when = match raw
            .published
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            Some(s) => {
                let p = parse_published(s).ok_or_else(|| {
                    format!(
                        "unparseable date {}: expected a date like 2024-06-20, 2024-06-20T10:15:00Z \
                         or an RFC 2822 date",
                        quote(s)
                    )
                })?;
                // Dates far outside any archive are typos or hostile: a
                // statement dated 9999 would head every newest-first list
                // and stretch every per-day count of the archive.
                if !(MIN_YEAR..=MAX_YEAR).contains(&p.date.year()) {
                    return Err(format!(
                        "date {} is outside the years {MIN_YEAR} to {MAX_YEAR}",
                        quote(s)
                    ));
                }
                When::Given(p)
            }
            None => match &found {
                Some(d) => When::Dateline {
                    month: d.month,
                    day: d.day,
                },
                None => {
                    return Err(format!(
                        "no date: the record has no {} and its text starts with no dateline",
                        describe(Field::Published, &cfg.map)
                    ))
                }
            },
        };

        let outlet = [
            raw.outlet.as_deref().map(one_line),
            found.and_then(|d| d.outlet).map(|o| one_line(&o)),
            cfg.default_outlet.as_deref().map(one_line),
            raw.site_name.as_deref().map(one_line),
        ]
        .into_iter()
        .flatten()
        .find(|o| !o.is_empty())
        .unwrap_or_else(|| "unknown".to_owned());
        let known = cfg.pack.outlet(&outlet);
        let outlet = known.map_or(outlet, |o| o.name.clone());

        let given_audience = match raw
            .audience
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            None => None,
            Some(s) => match s.parse::<Audience>() {
                Ok(a) => Some(a),
                Err(msg) => {
                    notes.push(format!("{msg}; audience ignored"));
                    None
                }
            },
        };
        let audience = given_audience
            .or(known.map(|o| o.audience))
            .unwrap_or(Audience::Unknown);

        let content_hash = normalize::content_hash(&title, &body);
        let id = match raw.id.as_deref().map(str::trim) {
            Some(s) => DocId::parse(s).map_err(|e| e.to_string())?,
            None => DocId::from_content_hash(&content_hash),
        };

        let prepared = Prepared {
            location,
            notes,
            content_hash,
            id,
            outlet,
            audience,
            title,
            body,
            url: raw.url.map(|u| one_line(&u)).and_then(non_empty),
            lang: raw
                .lang
                .map(|l| one_line(&l).to_lowercase())
                .and_then(non_empty),
            section: raw
                .section
                .map(|s| one_line(&s).to_lowercase())
                .and_then(non_empty),
            attribution: raw.attribution.map(|a| one_line(&a)).and_then(non_empty),
        };
        Ok((prepared, when))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_date(input: &str, expected: Option<&str>) {
        let got = parse_published(input).map(|p| match p.time {
            Some(t) => format!("{} {t}", p.date),
            None => p.date.to_string(),
        });
        assert_eq!(got.as_deref(), expected, "for {input:?}");
    }

    #[test]
    fn published_formats() {
        check_date("2024-06-20", Some("2024-06-20"));
        check_date(" 2024-06-20 ", Some("2024-06-20"));
        check_date("2024-06-20T10:15:00Z", Some("2024-06-20 10:15:00"));
        check_date("2024-06-20T23:15:00+09:00", Some("2024-06-20 23:15:00"));
        check_date("2024-06-20T01:15:00-05:00", Some("2024-06-20 01:15:00"));
        check_date("2024-06-20T10:15:00.250Z", Some("2024-06-20 10:15:00.250"));
        check_date("2024-06-20T10:15:00", Some("2024-06-20 10:15:00"));
        check_date("2024-06-20T10:15", Some("2024-06-20 10:15:00"));
        check_date("2024-06-20 10:15", Some("2024-06-20 10:15:00"));
        check_date("2024-06-20 10:15:30+0900", Some("2024-06-20 10:15:30"));
        check_date(
            "Thu, 20 Jun 2024 10:15:00 +0900",
            Some("2024-06-20 10:15:00"),
        );
        check_date("June 20, 2024", None);
        check_date("2024-13-01", None);
        check_date("yesterday", None);
        check_date("", None);
    }

    #[test]
    fn quotes_are_cut() {
        assert_eq!(quote("abc"), "\"abc\"");
        let long = "x".repeat(100);
        assert_eq!(quote(&long), format!("\"{}…\"", "x".repeat(60)));
    }

    #[test]
    fn month_names() {
        assert_eq!(month_day(6, 24), "June 24");
        assert_eq!(month_day(12, 1), "December 1");
    }
}
