//! Reading statements from files: JSON Lines, JSON, text, Markdown and HTML.
//!
//! [`discover`] turns the paths a user names into an ordered list of
//! [`SourceFile`]s; [`read_file`] reads one of them and hands each record to a
//! sink as it goes, either a [`Record`] (a [`readout_core::Document`] and where
//! it came from) or a [`Rejection`] saying why a record could not be read.
//! A bad record never stops a file: only whole-input failures (a missing
//! path, an unreadable gzip stream, a JSON file that does not parse) are
//! [`IngestError`]s.
//!
//! Every format goes through the same conversion: fields are found through a
//! [`FieldMap`], text is cleaned, dates are parsed, and a record that has only
//! a dateline ("Pyongyang, June 24 (KCNA) --") takes its year from the nearest
//! dated record in the same file. [`load_pack`] reads a pack folder, whose
//! outlets give canonical names and default audiences ([`ReadConfig::pack`]).
//!
//! ```
//! use std::sync::atomic::AtomicU64;
//! use readout_ingest::{read_reader, Format, ReadConfig};
//!
//! let input = concat!(
//!     r#"{"outlet":"KCNA","published":"2012-01-03","body":"The talks were held."}"#, "\n",
//!     "not json\n",
//!     r#"{"body":"Pyongyang, December 30 (KCNA) -- The delegation left."}"#, "\n",
//! );
//! let mut items = Vec::new();
//! let summary = read_reader(
//!     "kcna.jsonl",
//!     Format::JsonLines,
//!     &mut input.as_bytes(),
//!     &ReadConfig::default(),
//!     &mut |item| items.push(item),
//! )?;
//! assert_eq!((summary.records, summary.rejected), (2, 1));
//!
//! let bad = items[1].as_ref().unwrap_err();
//! assert_eq!(bad.location.to_string(), "kcna.jsonl:2");
//!
//! // The dateline's year is the one nearest the record before it.
//! let guessed = items[2].as_ref().unwrap();
//! assert_eq!(guessed.doc.published.date.to_string(), "2011-12-30");
//! assert!(guessed.doc.published.guessed);
//! assert_eq!(guessed.doc.outlet, "KCNA");
//! # Ok::<(), readout_ingest::IngestError>(())
//! ```
#![forbid(unsafe_code)]

mod convert;
mod discover;
mod html;
mod json;
mod jsonl;
mod lines;
mod mapping;
mod packs;
pub mod pipeline;
pub mod record;
pub mod signals;
mod text;

use std::fs::File;
use std::io::{self, BufReader, Read};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};

use flate2::read::MultiGzDecoder;
use readout_core::pack::Pack;

pub use convert::parse_published;
pub use discover::{discover, format_of, Compression, Format, SourceFile};
pub use mapping::{Field, FieldMap};
pub use packs::load_pack;
pub use record::{Location, ReadItem, Record, Rejection};
pub use signals::{current_state, update_signals, SignalRun};

/// A failure that stops reading a whole input. Problems with single records
/// are [`Rejection`]s instead.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum IngestError {
    #[error("{}: no such file or folder", .path.display())]
    NotFound { path: PathBuf },

    #[error("{}: {source}", .path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },

    #[error("{}: not a readable gzip stream: {source}", .path.display())]
    Gzip {
        path: PathBuf,
        #[source]
        source: io::Error,
    },

    #[error("{}:{line}:{column}: not valid JSON: {message}", .path.display())]
    Json {
        path: PathBuf,
        line: u64,
        column: u64,
        message: String,
    },

    #[error("{}: larger than the limit of {limit} bytes for a file read whole", .path.display())]
    TooLarge { path: PathBuf, limit: u64 },

    #[error(
        "{}: unknown file type: readout reads .jsonl, .ndjson, .json, .txt, .md, .markdown, \
         .html and .htm, optionally gzipped (.gz)",
        .path.display()
    )]
    UnknownFormat { path: PathBuf },

    #[error("bad field map {spec:?}: {message}")]
    BadMap { spec: String, message: String },

    /// A pack file that does not parse or does not fit the rest; names file and line.
    #[error(transparent)]
    Pack(#[from] readout_core::pack::PackError),

    #[error("{}: no pack files (*.toml) in this folder", .path.display())]
    EmptyPack { path: PathBuf },

    /// The store failed; batches committed before the failure stay committed.
    #[error(transparent)]
    Store(#[from] readout_store::StoreError),
}

/// How records are read and converted.
#[derive(Debug, Clone)]
pub struct ReadConfig {
    /// Where each of our fields is found in a source record.
    pub map: FieldMap,
    /// Largest record accepted, in bytes; a JSON Lines line longer than this is
    /// skipped without being held in memory.
    pub max_record_bytes: usize,
    /// Largest file read whole (JSON, text, HTML), in bytes after decompression.
    pub max_file_bytes: usize,
    /// Outlet for records that name none, directly or in a dateline.
    pub default_outlet: Option<String>,
    /// Year for dateline-only records when no record in the same file is dated.
    pub default_year: Option<i32>,
    /// Known outlets: names and aliases are stored under the canonical name, and
    /// give the audience when the record does not.
    pub pack: Pack,
}

impl Default for ReadConfig {
    fn default() -> ReadConfig {
        ReadConfig {
            map: FieldMap::default(),
            max_record_bytes: 8 << 20,
            max_file_bytes: 64 << 20,
            default_outlet: None,
            default_year: None,
            pack: Pack::default(),
        }
    }
}

/// What reading one input gave.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ReadSummary {
    /// Records handed to the sink as documents.
    pub records: u64,
    /// Records handed to the sink as rejections.
    pub rejected: u64,
}

/// Reads one discovered file, handing each record to `sink` as it is read.
///
/// `progress` grows by the bytes consumed from disk (compressed bytes for a
/// gzipped file), so that with [`SourceFile::size`] it drives a progress bar
/// from another thread.
///
/// Items come in file order, except that a dateline-only record met before
/// any dated one waits for the next dated record (or the end of the file) to
/// learn its year. If reading fails part way, the items already handed on
/// stand, waiting records are placed as at the end of the file, and the error
/// is returned.
pub fn read_file(
    file: &SourceFile,
    cfg: &ReadConfig,
    progress: &AtomicU64,
    sink: &mut dyn FnMut(ReadItem),
) -> Result<ReadSummary, IngestError> {
    let ctx = Ctx {
        path: file.path.clone(),
        source: file.display_name(),
        gzip: file.compression == Compression::Gzip,
    };
    let _span =
        tracing::debug_span!("read_file", source = %ctx.source, format = file.format.as_str())
            .entered();
    let summary = if file.is_stdin() {
        let mut input = Counting {
            inner: io::stdin().lock(),
            progress,
        };
        read_stream(&ctx, file.format, &mut input, cfg, sink)?
    } else {
        let f = File::open(&file.path).map_err(|source| match source.kind() {
            io::ErrorKind::NotFound => IngestError::NotFound {
                path: file.path.clone(),
            },
            _ => IngestError::Io {
                path: file.path.clone(),
                source,
            },
        })?;
        // Fail before reading a byte when a whole-file format is plainly too big.
        if file.format != Format::JsonLines && !ctx.gzip {
            let len = f.metadata().map_err(|e| ctx.io(e))?.len();
            if len > cfg.max_file_bytes as u64 {
                return Err(ctx.too_large(cfg.max_file_bytes));
            }
        }
        let mut counted = Counting { inner: f, progress };
        match file.compression {
            Compression::Gzip => read_stream(
                &ctx,
                file.format,
                &mut MultiGzDecoder::new(counted),
                cfg,
                sink,
            )?,
            Compression::None => read_stream(&ctx, file.format, &mut counted, cfg, sink)?,
        }
    };
    tracing::debug!(
        records = summary.records,
        rejected = summary.rejected,
        "read"
    );
    Ok(summary)
}

/// Reads records of `format` from `input`, already decompressed; `source`
/// names it in locations and errors.
pub fn read_reader(
    source: &str,
    format: Format,
    input: &mut dyn Read,
    cfg: &ReadConfig,
    sink: &mut dyn FnMut(ReadItem),
) -> Result<ReadSummary, IngestError> {
    let ctx = Ctx {
        path: PathBuf::from(source),
        source: source.to_owned(),
        gzip: false,
    };
    read_stream(&ctx, format, input, cfg, sink)
}

fn read_stream(
    ctx: &Ctx,
    format: Format,
    input: &mut dyn Read,
    cfg: &ReadConfig,
    sink: &mut dyn FnMut(ReadItem),
) -> Result<ReadSummary, IngestError> {
    let mut conv = convert::Converter::new(cfg, sink);
    let result = match format {
        Format::JsonLines => jsonl::read(ctx, BufReader::with_capacity(64 << 10, input), &mut conv),
        Format::Json => json::read(ctx, input, &mut conv),
        Format::Text => text::read(ctx, input, &mut conv),
        Format::Html => html::read(ctx, input, &mut conv),
    };
    // Records waiting for a year are placed even when reading failed part way,
    // so that nothing read is silently dropped.
    let summary = conv.finish();
    result.map(|()| summary)
}

/// What readers need to know of their input to locate records and report errors.
pub(crate) struct Ctx {
    path: PathBuf,
    source: String,
    gzip: bool,
}

impl Ctx {
    pub(crate) fn at(&self, line: u64) -> Location {
        Location {
            source: self.source.clone(),
            line,
        }
    }

    /// Classifies a read error: the decoder reports a corrupt stream as
    /// invalid data or an early end, which is no fault of the disk.
    pub(crate) fn io(&self, source: io::Error) -> IngestError {
        let path = self.path.clone();
        let corrupt = matches!(
            source.kind(),
            io::ErrorKind::InvalidInput | io::ErrorKind::InvalidData | io::ErrorKind::UnexpectedEof
        );
        if self.gzip && corrupt {
            IngestError::Gzip { path, source }
        } else {
            IngestError::Io { path, source }
        }
    }

    pub(crate) fn json(&self, line: u64, column: u64, message: String) -> IngestError {
        IngestError::Json {
            path: self.path.clone(),
            line,
            column,
            message,
        }
    }

    fn too_large(&self, limit: usize) -> IngestError {
        IngestError::TooLarge {
            path: self.path.clone(),
            limit: limit as u64,
        }
    }
}

/// Reads all of `input` if it is at most `limit` bytes.
pub(crate) fn read_capped(
    ctx: &Ctx,
    input: &mut dyn Read,
    limit: usize,
) -> Result<Vec<u8>, IngestError> {
    let mut buf = Vec::new();
    input
        .take(limit as u64 + 1)
        .read_to_end(&mut buf)
        .map_err(|e| ctx.io(e))?;
    if buf.len() > limit {
        return Err(ctx.too_large(limit));
    }
    Ok(buf)
}

/// Drops serde's " at line L column C", for messages that give the place themselves.
pub(crate) fn strip_position(message: &str) -> String {
    const AT: &str = " at line ";
    fn digits(s: &str) -> usize {
        s.len() - s.trim_start_matches(|c: char| c.is_ascii_digit()).len()
    }
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(at) = rest.find(AT) {
        let after_at = &rest[at + AT.len()..];
        let n = digits(after_at);
        let position_len = after_at[n..]
            .strip_prefix(" column ")
            .map(digits)
            .filter(|m| n > 0 && *m > 0)
            .map(|m| AT.len() + n + " column ".len() + m);
        match position_len {
            Some(len) => {
                out.push_str(&rest[..at]);
                rest = &rest[at + len..];
            }
            None => {
                out.push_str(&rest[..at + AT.len()]);
                rest = after_at;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Counts the bytes read through it, for progress reports.
struct Counting<'a, R> {
    inner: R,
    progress: &'a AtomicU64,
}

impl<R: Read> Read for Counting<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.progress.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strip_position_keeps_the_rest_of_the_message() {
        assert_eq!(
            strip_position("EOF while parsing at line 1 column 5"),
            "EOF while parsing"
        );
        assert_eq!(
            strip_position("did not find key at line 3 column 1, while parsing a map"),
            "did not find key, while parsing a map"
        );
        assert_eq!(strip_position("no position here"), "no position here");
        assert_eq!(strip_position("at line x"), "at line x");
        assert_eq!(
            strip_position("bad ']' at line 4 column 1, in a list at line 2 column 12"),
            "bad ']', in a list"
        );
        assert_eq!(
            strip_position("x at line 3 and at line 4 column 5"),
            "x at line 3 and"
        );
    }
}
