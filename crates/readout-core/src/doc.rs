//! The document model: one official statement, story or readout as stored.

use std::fmt;
use std::str::FromStr;

use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

use crate::normalize;

/// A document's stable identifier.
///
/// Derived from the normalised title and body (so the same text always gets the
/// same id) unless the source gives one. Always 1 to 128 printable ASCII
/// characters without spaces, so it is safe in a URL path and a terminal.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DocId(String);

impl DocId {
    /// Length of a derived id, in hex digits (80 bits).
    pub const DERIVED_LEN: usize = 20;
    /// Longest id accepted from a source.
    pub const MAX_LEN: usize = 128;

    /// The id readout derives from a content hash (see [`normalize::content_hash`]).
    pub fn from_content_hash(hash: &[u8; 32]) -> DocId {
        let mut s = String::with_capacity(Self::DERIVED_LEN);
        for b in &hash[..Self::DERIVED_LEN / 2] {
            s.push_str(&format!("{b:02x}"));
        }
        DocId(s)
    }

    /// Validates an id given by a source.
    pub fn parse(s: &str) -> Result<DocId, InvalidDocId> {
        let ok = !s.is_empty()
            && s.len() <= Self::MAX_LEN
            && s.bytes()
                .all(|b| b.is_ascii_graphic() && b != b'/' && b != b'\\');
        if ok {
            Ok(DocId(s.to_owned()))
        } else {
            Err(InvalidDocId(s.chars().take(40).collect()))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for DocId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// An id that a source gave and readout cannot keep.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid document id {0:?}: ids are 1 to 128 printable ASCII characters without spaces or slashes")]
pub struct InvalidDocId(pub String);

/// Who an outlet speaks to. Announcing something at home leaves less room to walk it back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Audience {
    Domestic,
    External,
    Both,
    #[default]
    Unknown,
}

impl Audience {
    pub fn as_str(self) -> &'static str {
        match self {
            Audience::Domestic => "domestic",
            Audience::External => "external",
            Audience::Both => "both",
            Audience::Unknown => "unknown",
        }
    }
}

impl FromStr for Audience {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "domestic" => Ok(Audience::Domestic),
            "external" => Ok(Audience::External),
            "both" => Ok(Audience::Both),
            "unknown" | "" => Ok(Audience::Unknown),
            other => Err(format!(
                "unknown audience {other:?}: expected domestic, external or both"
            )),
        }
    }
}

impl fmt::Display for Audience {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// When a document was published: always a day, sometimes a time of day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Published {
    pub date: NaiveDate,
    pub time: Option<NaiveTime>,
    /// True when the year (or the whole date) was inferred rather than stated.
    pub guessed: bool,
}

impl Published {
    pub fn on(date: NaiveDate) -> Published {
        Published {
            date,
            time: None,
            guessed: false,
        }
    }
}

/// One statement, story or readout, ready to store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    pub id: DocId,
    pub outlet: String,
    pub published: Published,
    pub title: String,
    pub body: String,
    pub url: Option<String>,
    pub lang: Option<String>,
    pub section: Option<String>,
    pub audience: Audience,
    /// Who the text itself says is speaking ("spokesperson for the Foreign Ministry").
    pub attribution: Option<String>,
}

impl Document {
    /// The hash under which exact duplicates collide: normalised title and body.
    pub fn content_hash(&self) -> [u8; 32] {
        normalize::content_hash(&self.title, &self.body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn given_ids_are_validated() {
        assert!(DocId::parse("kcna-2024-06-20-001").is_ok());
        assert!(DocId::parse("").is_err());
        assert!(DocId::parse("has space").is_err());
        assert!(DocId::parse("../etc/passwd").is_err());
        assert!(DocId::parse(&"x".repeat(129)).is_err());
    }

    #[test]
    fn derived_ids_are_hex_of_fixed_length() {
        let id = DocId::from_content_hash(&normalize::content_hash("t", "b"));
        assert_eq!(id.as_str().len(), DocId::DERIVED_LEN);
        assert!(id.as_str().bytes().all(|b| b.is_ascii_hexdigit()));
    }

    #[test]
    fn audience_parses_case_insensitively_and_rejects_junk() {
        assert_eq!("Domestic".parse::<Audience>(), Ok(Audience::Domestic));
        assert!("everyone".parse::<Audience>().is_err());
    }
}
