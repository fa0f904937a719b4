//! What a reader hands on: a document with its location, or a rejection saying why not.

use std::fmt;

use readout_core::Document;

/// Where a record came from: a file and a line (for JSON Lines and JSON arrays,
/// the line the record starts on; for whole-file formats, line 1).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Location {
    pub source: String,
    pub line: u64,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.source, self.line)
    }
}

/// A document read from a file, ready for the store.
#[derive(Debug, Clone)]
pub struct Record {
    pub doc: Document,
    pub location: Location,
    /// Things a person should know about how the record was read, such as a
    /// year guessed from neighbouring records. Reported, never fatal.
    pub notes: Vec<String>,
    /// [`Document::content_hash`], computed once by the reader.
    pub content_hash: [u8; 32],
}

/// A record that could not be read, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejection {
    pub location: Location,
    pub reason: String,
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location, self.reason)
    }
}

/// One item from a reader.
pub type ReadItem = Result<Record, Rejection>;
