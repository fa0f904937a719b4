//! Field mapping: which of a source's fields fills each of readout's fields.
//!
//! Sources name their fields as they like (`headline`, `story_text`,
//! `meta.date`); a [`FieldMap`] says where to find each of ours. It is parsed
//! from a command-line spec such as `title=headline,published=meta.date` and
//! applies alike to JSON records and to front-matter keys. A field the spec does
//! not mention is looked up under its own name.

use std::fmt;
use std::str::FromStr;

use serde_json::{Map, Value};

use crate::IngestError;

/// One of readout's record fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Field {
    Outlet,
    Published,
    Title,
    Body,
    Url,
    Lang,
    Section,
    Audience,
    Id,
    Attribution,
}

impl Field {
    /// Every field, in the order the spec's error messages list them.
    pub const ALL: [Field; 10] = [
        Field::Outlet,
        Field::Published,
        Field::Title,
        Field::Body,
        Field::Url,
        Field::Lang,
        Field::Section,
        Field::Audience,
        Field::Id,
        Field::Attribution,
    ];

    /// The field's name, as written in a spec and looked up by default.
    pub fn name(self) -> &'static str {
        match self {
            Field::Outlet => "outlet",
            Field::Published => "published",
            Field::Title => "title",
            Field::Body => "body",
            Field::Url => "url",
            Field::Lang => "lang",
            Field::Section => "section",
            Field::Audience => "audience",
            Field::Id => "id",
            Field::Attribution => "attribution",
        }
    }

    /// The field with this name (exact, lower case), if there is one.
    pub fn from_name(name: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.name() == name)
    }

    fn index(self) -> usize {
        Field::ALL.iter().position(|f| *f == self).unwrap_or(0)
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Where each of readout's fields is found in a source record.
///
/// ```
/// use readout_ingest::{Field, FieldMap};
///
/// let map: FieldMap = "title=headline, published=meta.date".parse().unwrap();
/// assert_eq!(map.source(Field::Title), "headline");
/// assert_eq!(map.source(Field::Published), "meta.date");
/// assert_eq!(map.source(Field::Body), "body");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldMap {
    /// Indexed like [`Field::ALL`]: the source's field name, possibly dotted.
    sources: [String; 10],
}

impl Default for FieldMap {
    /// Every field under its own name.
    fn default() -> FieldMap {
        FieldMap {
            sources: Field::ALL.map(|f| f.name().to_owned()),
        }
    }
}

impl FieldMap {
    /// Parses a spec of comma-separated `ours=theirs` pairs.
    ///
    /// An empty spec maps every field to its own name. `theirs` may be a dotted
    /// path into nested objects (`published=meta.date`).
    pub fn parse(spec: &str) -> Result<FieldMap, IngestError> {
        let bad = |message: String| IngestError::BadMap {
            spec: spec.to_owned(),
            message,
        };
        let mut map = FieldMap::default();
        let mut seen = [false; 10];
        // Empty pieces are allowed so that a trailing comma is not an error.
        for piece in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let Some((ours, theirs)) = piece.split_once('=') else {
                return Err(bad(format!(
                    "{piece:?} is not of the form ours=theirs (as in title=headline)"
                )));
            };
            let (ours, theirs) = (ours.trim(), theirs.trim());
            let Some(field) = Field::from_name(ours) else {
                let valid: Vec<&str> = Field::ALL.iter().map(|f| f.name()).collect();
                return Err(bad(format!(
                    "unknown field {ours:?}: valid fields are {}",
                    valid.join(", ")
                )));
            };
            if std::mem::replace(&mut seen[field.index()], true) {
                return Err(bad(format!("field {ours:?} is mapped more than once")));
            }
            if theirs.is_empty() || theirs.split('.').any(|s| s.trim().is_empty()) {
                return Err(bad(format!(
                    "{piece:?} names no source field (or a dotted path with an empty part)"
                )));
            }
            map.sources[field.index()] = theirs.to_owned();
        }
        Ok(map)
    }

    /// The source field that fills `field`, as given in the spec.
    pub fn source(&self, field: Field) -> &str {
        &self.sources[field.index()]
    }

    /// The value that fills `field` in a source object, if present.
    ///
    /// A key that literally contains the dots wins over the nested path, so a
    /// flat record with a `"meta.date"` key still works.
    pub fn lookup<'v>(&self, field: Field, obj: &'v Map<String, Value>) -> Option<&'v Value> {
        let source = self.source(field);
        if let Some(v) = obj.get(source) {
            return Some(v);
        }
        if !source.contains('.') {
            return None;
        }
        let mut parts = source.split('.');
        let mut value = obj.get(parts.next()?)?;
        for part in parts {
            value = value.as_object()?.get(part)?;
        }
        Some(value)
    }
}

impl FromStr for FieldMap {
    type Err = IngestError;
    fn from_str(s: &str) -> Result<FieldMap, IngestError> {
        FieldMap::parse(s)
    }
}

impl fmt::Display for FieldMap {
    /// The spec that parses back to this map, listing only renamed fields.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut first = true;
        for field in Field::ALL {
            let source = self.source(field);
            if source != field.name() {
                if !first {
                    f.write_str(",")?;
                }
                write!(f, "{field}={source}")?;
                first = false;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn check(spec: &str, expected: Result<&[(Field, &str)], &str>) {
        match (FieldMap::parse(spec), expected) {
            (Ok(map), Ok(pairs)) => {
                for (field, source) in pairs {
                    assert_eq!(map.source(*field), *source, "{field} in {spec:?}");
                }
                assert_eq!(map.to_string().parse::<FieldMap>().unwrap(), map);
            }
            (Err(e), Err(needle)) => {
                let msg = e.to_string();
                assert!(msg.contains(needle), "{msg:?} lacks {needle:?}");
            }
            (got, want) => panic!("for {spec:?}: got {got:?}, want {want:?}"),
        }
    }

    #[test]
    fn specs() {
        check("", Ok(&[(Field::Title, "title"), (Field::Body, "body")]));
        check(
            "title=headline, body = story_text,published=meta.date,",
            Ok(&[
                (Field::Title, "headline"),
                (Field::Body, "story_text"),
                (Field::Published, "meta.date"),
                (Field::Url, "url"),
            ]),
        );
        check(
            "titel=headline",
            Err("unknown field \"titel\": valid fields are outlet, published, title"),
        );
        check("title=a,title=b", Err("\"title\" is mapped more than once"));
        check("title", Err("not of the form ours=theirs"));
        check("title=", Err("names no source field"));
        check("title=meta..x", Err("empty part"));
    }

    #[test]
    fn lookup_follows_dotted_paths_and_prefers_literal_keys() {
        let map = FieldMap::parse("published=meta.date,title=a.b.c").unwrap();
        let obj = json!({"meta": {"date": "2024-06-20"}, "a": {"b": "not an object"}});
        let obj = obj.as_object().unwrap();
        assert_eq!(
            map.lookup(Field::Published, obj),
            Some(&json!("2024-06-20"))
        );
        assert_eq!(map.lookup(Field::Title, obj), None);
        let flat = json!({"meta.date": "flat", "meta": {"date": "nested"}});
        assert_eq!(
            map.lookup(Field::Published, flat.as_object().unwrap()),
            Some(&json!("flat"))
        );
    }
}
