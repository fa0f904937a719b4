//! Discovery: turns the paths a user names into an ordered list of files to read.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use crate::IngestError;

/// How a file's records are laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Format {
    /// One JSON object per line (`.jsonl`, `.ndjson`), read as a stream.
    JsonLines,
    /// A JSON array of objects, or a single object (`.json`), read whole.
    Json,
    /// Plain text or Markdown with optional YAML or TOML front matter: one record.
    Text,
    /// An HTML page: one record, its main text extracted.
    Html,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::JsonLines => "jsonl",
            Format::Json => "json",
            Format::Text => "text",
            Format::Html => "html",
        }
    }
}

/// Whether a file must be decompressed before it is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Compression {
    #[default]
    None,
    Gzip,
}

/// A file to read, with what discovery learnt about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// The path, as named or as found under a named folder; `-` for standard input.
    pub path: PathBuf,
    pub format: Format,
    pub compression: Compression,
    /// Size on disk in bytes (0 for standard input), the total for a progress bar.
    pub size: u64,
}

impl SourceFile {
    /// The source standing for standard input, read as JSON Lines.
    pub fn stdin() -> SourceFile {
        SourceFile {
            path: PathBuf::from("-"),
            format: Format::JsonLines,
            compression: Compression::None,
            size: 0,
        }
    }

    pub fn is_stdin(&self) -> bool {
        self.path.as_os_str() == "-"
    }

    /// The name used in locations and messages.
    pub fn display_name(&self) -> String {
        if self.is_stdin() {
            "<stdin>".to_owned()
        } else {
            self.path.display().to_string()
        }
    }
}

/// The format and compression a file name implies, if readout reads it.
///
/// Any format may be gzipped (`.jsonl.gz`, `.json.gz`, even `.md.gz`); the
/// extension is matched without regard to case.
pub fn format_of(path: &Path) -> Option<(Format, Compression)> {
    let name = path.file_name()?.to_str()?.to_ascii_lowercase();
    let (name, compression) = match name.strip_suffix(".gz") {
        Some(inner) => (inner, Compression::Gzip),
        None => (name.as_str(), Compression::None),
    };
    let ext = Path::new(name).extension()?.to_str()?;
    let format = match ext {
        "jsonl" | "ndjson" => Format::JsonLines,
        "json" => Format::Json,
        "txt" | "md" | "markdown" => Format::Text,
        "html" | "htm" => Format::Html,
        _ => return None,
    };
    Some((format, compression))
}

/// Lists the files to read under `paths`, in a deterministic order.
///
/// Files are taken as named; folders are walked recursively in byte order of
/// their entries' names, skipping hidden entries (names starting with `.`) and
/// files whose extension readout does not read. Symbolic links are followed,
/// but a folder already visited is not walked again, which also breaks loops.
/// A file reached twice (named twice, or also inside a named folder) is listed
/// once, where it is first met. `-` stands for standard input.
///
/// A named path that does not exist, or a named file of unknown type, is an
/// error: the user asked for it.
pub fn discover(paths: &[PathBuf]) -> Result<Vec<SourceFile>, IngestError> {
    let mut walk = Walk::default();
    for path in paths {
        if path.as_os_str() == "-" {
            if !walk.seen_stdin {
                walk.seen_stdin = true;
                walk.out.push(SourceFile::stdin());
            }
            continue;
        }
        let meta = match fs::metadata(path) {
            Ok(m) => m,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(IngestError::NotFound { path: path.clone() })
            }
            Err(source) => {
                return Err(IngestError::Io {
                    path: path.clone(),
                    source,
                })
            }
        };
        if meta.is_dir() {
            walk.dir(path)?;
        } else {
            let Some((format, compression)) = format_of(path) else {
                return Err(IngestError::UnknownFormat { path: path.clone() });
            };
            walk.file(path, format, compression, meta.len());
        }
    }
    Ok(walk.out)
}

#[derive(Default)]
struct Walk {
    out: Vec<SourceFile>,
    /// Canonical paths of the folders walked and files listed.
    seen: HashSet<PathBuf>,
    seen_stdin: bool,
}

impl Walk {
    fn file(&mut self, path: &Path, format: Format, compression: Compression, size: u64) {
        let key = fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
        if self.seen.insert(key) {
            self.out.push(SourceFile {
                path: path.to_owned(),
                format,
                compression,
                size,
            });
        }
    }

    fn dir(&mut self, dir: &Path) -> Result<(), IngestError> {
        let io_err = |source| IngestError::Io {
            path: dir.to_owned(),
            source,
        };
        let key = fs::canonicalize(dir).map_err(io_err)?;
        if !self.seen.insert(key) {
            tracing::debug!(path = %dir.display(), "folder already walked (a link loop or a repeat); skipped");
            return Ok(());
        }
        let mut entries = Vec::new();
        for entry in fs::read_dir(dir).map_err(io_err)? {
            let entry = entry.map_err(io_err)?;
            let name = entry.file_name();
            if name.as_encoded_bytes().starts_with(b".") {
                continue;
            }
            entries.push((name, entry.path()));
        }
        entries.sort();
        for (_, path) in entries {
            // `fs::metadata` follows links; a dangling link is not worth failing the walk.
            let meta = match fs::metadata(&path) {
                Ok(m) => m,
                Err(e) => {
                    tracing::debug!(path = %path.display(), error = %e, "cannot stat; skipped");
                    continue;
                }
            };
            if meta.is_dir() {
                self.dir(&path)?;
            } else if let Some((format, compression)) = format_of(&path) {
                self.file(&path, format, compression, meta.len());
            } else {
                tracing::debug!(path = %path.display(), "not a format readout reads; skipped");
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(name: &str, expected: Option<(Format, Compression)>) {
        assert_eq!(format_of(Path::new(name)), expected, "for {name:?}");
    }

    #[test]
    fn formats_by_extension() {
        use Compression::{Gzip, None as Plain};
        check("a/kcna.jsonl", Some((Format::JsonLines, Plain)));
        check("kcna.NDJSON.gz", Some((Format::JsonLines, Gzip)));
        check("kcna.json.gz", Some((Format::Json, Gzip)));
        check("x.json", Some((Format::Json, Plain)));
        check("note.md", Some((Format::Text, Plain)));
        check("note.markdown", Some((Format::Text, Plain)));
        check("note.txt", Some((Format::Text, Plain)));
        check("page.htm", Some((Format::Html, Plain)));
        check("page.HTML", Some((Format::Html, Plain)));
        check("archive.gz", None);
        check("data.csv", None);
        check("README", None);
    }
}
