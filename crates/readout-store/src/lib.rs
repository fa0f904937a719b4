//! readout's store: documents, the places they were seen, near-duplicate links
//! and a full-text index, in one SQLite file. This is the only crate that writes SQL.
//!
//! Every write happens in a transaction per batch, so a process killed at any
//! point leaves either the whole batch or none of it; re-inserting the same
//! documents from the same places changes nothing.
//!
//! ```
//! use readout_core::{normalize, query, Audience, DocId, Document, Published};
//! use readout_store::{NewDocument, SearchFilter, Store};
//!
//! let mut store = Store::open_in_memory().unwrap();
//! let body = "Pyongyang, June 20 (KCNA) -- The treaty was signed.".to_owned();
//! let hash = normalize::content_hash("Treaty signed", &body);
//! let doc = Document {
//!     id: DocId::from_content_hash(&hash),
//!     outlet: "KCNA".into(),
//!     published: Published::on(chrono::NaiveDate::from_ymd_opt(2024, 6, 20).unwrap()),
//!     title: "Treaty signed".into(),
//!     body,
//!     url: None, lang: Some("en".into()), section: None,
//!     audience: Audience::External, attribution: None,
//! };
//! store.insert_batch(&[NewDocument::new(&doc, "sample.jsonl", 1)]).unwrap();
//! let q = query::parse("\"treaty was signed\"").unwrap();
//! let hits = store.search(&q, &SearchFilter::default()).unwrap();
//! assert_eq!(hits.total, 1);
//! ```
#![forbid(unsafe_code)]

mod fts;
mod schema;
mod signals;

pub use signals::{AudienceDayCount, SavedState, SignalFilter};

use std::collections::HashMap;
use std::path::Path;

use chrono::{NaiveDate, NaiveTime, Utc};
use readout_core::query::Query;
use readout_core::sketch::Sketch;
use readout_core::{Audience, DocId, Document, Published};
use readout_extract::{EntityType, Extraction, Field};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::Serialize;

/// Everything that can go wrong in the store.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    #[error("cannot open the store at {path}: {source}")]
    Open {
        path: String,
        source: rusqlite::Error,
    },
    #[error("the store at {path} has schema version {found}, newer than this readout understands ({known}); use a newer readout")]
    TooNew {
        path: String,
        found: u32,
        known: u32,
    },
    #[error("the store holds a corrupt value in {what}")]
    Corrupt { what: String },
    #[error("store error: {0}")]
    Sql(#[from] rusqlite::Error),
}

type Result<T> = std::result::Result<T, StoreError>;

/// How the store behaves; the defaults suit an analyst's laptop.
#[derive(Debug, Clone)]
pub struct StoreConfig {
    /// Estimated Jaccard similarity of word shingles at which a new document is
    /// linked to a stored one as its near-duplicate.
    pub near_duplicate_threshold: f64,
}

impl Default for StoreConfig {
    fn default() -> Self {
        StoreConfig {
            near_duplicate_threshold: 0.8,
        }
    }
}

/// A document to insert, with where it was found and its precomputed fingerprints.
#[derive(Debug, Clone)]
pub struct NewDocument<'a> {
    pub doc: &'a Document,
    pub content_hash: [u8; 32],
    pub sketch: Option<Sketch>,
    pub source: &'a str,
    pub line: u64,
    /// What extraction found, encoded, with the fingerprint of the pack it used.
    pub extraction: Option<StoredExtraction<'a>>,
}

impl<'a> NewDocument<'a> {
    /// Computes the fingerprints here; batch callers compute them in parallel
    /// and fill the fields themselves.
    pub fn new(doc: &'a Document, source: &'a str, line: u64) -> NewDocument<'a> {
        NewDocument {
            doc,
            content_hash: doc.content_hash(),
            sketch: Sketch::of_text(&doc.body),
            source,
            line,
            extraction: None,
        }
    }
}

/// An extraction ready to store: the values (for the entity and title
/// indexes) and their encoding from [`encode_extraction`], made by the caller
/// where cores are free, so that the store's thread only writes.
#[derive(Debug, Clone, Copy)]
pub struct StoredExtraction<'a> {
    pub extraction: &'a Extraction,
    pub encoded: &'a [u8],
    /// The fingerprint of the pack extraction used.
    pub pack: &'a str,
    /// The signal detectors' digest of it (readout-signals' `DocFacts`, JSON).
    pub facts: &'a [u8],
}

/// Encodes an extraction for storage: JSON, zlib-compressed (a fifth of the size).
pub fn encode_extraction(x: &Extraction) -> Vec<u8> {
    use std::io::Write;
    let json = serde_json::to_vec(x).unwrap_or_default();
    let mut z = flate2::write::ZlibEncoder::new(
        Vec::with_capacity(json.len() / 4),
        flate2::Compression::fast(),
    );
    // Writing to a Vec cannot fail.
    let _ = z.write_all(&json);
    z.finish().unwrap_or_default()
}

fn decode_extraction(bytes: &[u8], what: &str) -> Result<Extraction> {
    let corrupt = |e: String| StoreError::Corrupt {
        what: format!("extraction of {what}: {e}"),
    };
    let json = flate2::read::ZlibDecoder::new(bytes);
    serde_json::from_reader(json).map_err(|e| corrupt(e.to_string()))
}

/// What happened to one inserted document.
#[derive(Debug, Clone, PartialEq)]
pub enum InsertOutcome {
    /// Stored as a new document; `near_duplicate_of` names the stored document
    /// whose text it nearly repeats, with the estimated similarity.
    New {
        near_duplicate_of: Option<(DocId, f64)>,
    },
    /// The same text was already stored under `of`; this location was added to it.
    ExactDuplicate { of: DocId },
    /// The same text from the same place was already stored: nothing changed.
    AlreadyStored,
    /// The given id is taken by a different text; nothing was stored.
    IdConflict { id: DocId },
}

/// Filters for [`Store::search`].
#[derive(Debug, Clone, Default)]
pub struct SearchFilter {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// Only documents seen in this outlet (exact, case-insensitive).
    pub outlet: Option<String>,
    /// At most this many hits; 0 means the default of 20.
    pub limit: usize,
}

/// Marks the start of a highlighted match in [`SearchHit::snippet`].
pub const HIGHLIGHT_START: char = '\u{2}';
/// Marks the end of a highlighted match in [`SearchHit::snippet`].
pub const HIGHLIGHT_END: char = '\u{3}';

/// One search result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchHit {
    pub id: DocId,
    pub outlet: String,
    pub published: NaiveDate,
    pub title: String,
    pub url: Option<String>,
    /// Text around the best match, with matches between [`HIGHLIGHT_START`] and [`HIGHLIGHT_END`].
    pub snippet: String,
}

/// Search results, newest first, with the number of matches before the limit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchResults {
    pub total: u64,
    pub hits: Vec<SearchHit>,
}

/// A place a document was found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sighting {
    pub source: String,
    pub line: u64,
    pub outlet: String,
    pub published: NaiveDate,
    pub url: Option<String>,
}

/// A near-duplicate link seen from one of its ends.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NearLink {
    pub id: DocId,
    pub outlet: String,
    pub published: NaiveDate,
    pub title: String,
    pub similarity: f64,
}

/// A stored document with everything known about it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoredDocument {
    pub doc: Document,
    pub sightings: Vec<Sighting>,
    /// The earlier-stored document this one nearly repeats.
    pub near_duplicate_of: Option<NearLink>,
    /// Later-stored documents that nearly repeat this one.
    pub near_duplicates: Vec<NearLink>,
}

/// Per-outlet figures in [`Stats`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutletStats {
    pub outlet: String,
    pub documents: u64,
    pub first: NaiveDate,
    pub last: NaiveDate,
}

/// What the store holds.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stats {
    pub schema_version: u32,
    pub documents: u64,
    pub sightings: u64,
    /// Sightings beyond the first of each document: texts found again verbatim.
    pub exact_duplicates: u64,
    /// Documents linked to an earlier one as near-duplicates.
    pub near_duplicates: u64,
    /// Documents whose date (or year) was inferred.
    pub dates_guessed: u64,
    pub first: Option<NaiveDate>,
    pub last: Option<NaiveDate>,
    pub outlets: Vec<OutletStats>,
}

/// Documents an outlet published on one day, as the archive holds them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DayCount {
    pub outlet: String,
    pub date: NaiveDate,
    pub documents: u64,
}

/// The store: one SQLite database.
pub struct Store {
    conn: Connection,
    config: StoreConfig,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("path", &self.conn.path())
            .finish()
    }
}

fn date_sql(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn parse_date(s: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| StoreError::Corrupt {
        what: format!("date {s:?}"),
    })
}

impl Store {
    /// Opens (creating if needed) the store at `path` and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Store> {
        Self::open_with(path, StoreConfig::default())
    }

    /// As [`Store::open`], with a configuration.
    pub fn open_with(path: &Path, config: StoreConfig) -> Result<Store> {
        let shown = path.display().to_string();
        let conn = Connection::open(path).map_err(|source| StoreError::Open {
            path: shown.clone(),
            source,
        })?;
        Self::init(conn, &shown, config)
    }

    /// A store in memory, for tests and one-off runs.
    pub fn open_in_memory() -> Result<Store> {
        let conn = Connection::open_in_memory()?;
        Self::init(conn, ":memory:", StoreConfig::default())
    }

    fn init(conn: Connection, shown: &str, config: StoreConfig) -> Result<Store> {
        let open_err = |source| StoreError::Open {
            path: shown.to_owned(),
            source,
        };
        // WAL with synchronous=NORMAL keeps every committed batch consistent
        // across a crash; a power cut may lose only the last batches, never
        // corrupt the file.
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(open_err)?;
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(open_err)?;
        conn.pragma_update(None, "foreign_keys", "ON")
            .map_err(open_err)?;
        conn.pragma_update(None, "cache_size", -65_536)
            .map_err(open_err)?;
        conn.busy_timeout(std::time::Duration::from_secs(10))
            .map_err(open_err)?;
        let mut store = Store { conn, config };
        store.migrate(shown)?;
        Ok(store)
    }

    fn migrate(&mut self, shown: &str) -> Result<()> {
        let known = schema::MIGRATIONS.len() as u32;
        let found: u32 = self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?;
        if found > known {
            return Err(StoreError::TooNew {
                path: shown.to_owned(),
                found,
                known,
            });
        }
        for (i, sql) in schema::MIGRATIONS.iter().enumerate().skip(found as usize) {
            let tx = self.conn.transaction()?;
            tx.execute_batch(sql)?;
            tx.pragma_update(None, "user_version", i as u32 + 1)?;
            tx.commit()?;
            tracing::info!(version = i + 1, "store schema migrated");
        }
        Ok(())
    }

    /// The schema version this store is at.
    pub fn schema_version(&self) -> Result<u32> {
        Ok(self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?)
    }

    /// Inserts a batch in one transaction and says what happened to each document.
    ///
    /// Near-duplicates are looked for among stored documents and among the
    /// batch's earlier documents, exactly as if the batch were inserted one
    /// document at a time; the band keys of the whole batch are then written in
    /// key order, which keeps the index writes local.
    pub fn insert_batch(&mut self, batch: &[NewDocument<'_>]) -> Result<Vec<InsertOutcome>> {
        let threshold = self.config.near_duplicate_threshold;
        let tx = self.conn.transaction()?;
        let mut outcomes = Vec::with_capacity(batch.len());
        let now = Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string();
        // (position in batch, rowid) of documents stored new, with a sketch.
        let mut sketched: Vec<(usize, i64)> = Vec::new();
        for (i, item) in batch.iter().enumerate() {
            let (outcome, rowid) = insert_one(&tx, item, &now)?;
            if let (Some(rowid), Some(_)) = (rowid, &item.sketch) {
                sketched.push((i, rowid));
            }
            outcomes.push(outcome);
        }
        if !sketched.is_empty() {
            let links = link_near_duplicates(&tx, batch, &sketched, threshold)?;
            for (i, link) in links {
                outcomes[i] = InsertOutcome::New {
                    near_duplicate_of: Some(link),
                };
            }
        }
        tx.commit()?;
        Ok(outcomes)
    }

    /// Full-text search, newest first.
    pub fn search(&self, query: &Query, filter: &SearchFilter) -> Result<SearchResults> {
        let fts = fts::render(query);
        let limit = if filter.limit == 0 { 20 } else { filter.limit };
        let from = filter.from.map(date_sql);
        let to = filter.to.map(date_sql);
        let outlet = filter.outlet.as_deref();
        const WHERE: &str = "documents_fts MATCH ?1
            AND (?2 IS NULL OR d.published >= ?2)
            AND (?3 IS NULL OR d.published <= ?3)
            AND (?4 IS NULL OR EXISTS (SELECT 1 FROM sightings s
                 WHERE s.doc_rowid = d.rowid AND s.outlet = ?4 COLLATE NOCASE))";
        let total: u64 = self.conn.query_row(
            &format!(
                "SELECT count(*) FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid WHERE {WHERE}"
            ),
            params![fts, from, to, outlet],
            |r| r.get(0),
        )?;
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT d.id, d.outlet, d.published, d.title, d.url,
                    snippet(documents_fts, -1, char(2), char(3), '…', 24)
             FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid
             WHERE {WHERE}
             ORDER BY d.published DESC, d.rowid DESC
             LIMIT ?5"
        ))?;
        let rows = stmt.query_map(params![fts, from, to, outlet, limit as i64], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, Option<String>>(4)?,
                r.get::<_, String>(5)?,
            ))
        })?;
        let mut hits = Vec::new();
        for row in rows {
            let (id, outlet, published, title, url, snippet) = row?;
            hits.push(SearchHit {
                id: stored_id(&id)?,
                outlet,
                published: parse_date(&published)?,
                title,
                url,
                snippet,
            });
        }
        Ok(SearchResults { total, hits })
    }

    /// The document with this id, or the only one whose id starts with it.
    ///
    /// Returns `Ok(None)` when nothing matches; an ambiguous prefix is `Ok(None)` too,
    /// with the candidates from [`Store::ids_with_prefix`].
    pub fn document(&self, id_or_prefix: &str) -> Result<Option<StoredDocument>> {
        let rowid: Option<i64> = self
            .conn
            .query_row(
                "SELECT rowid FROM documents WHERE id = ?1",
                [id_or_prefix],
                |r| r.get(0),
            )
            .optional()?;
        let rowid = match rowid {
            Some(r) => r,
            None => {
                let ids = self.ids_with_prefix(id_or_prefix, 2)?;
                if ids.len() != 1 {
                    return Ok(None);
                }
                self.conn.query_row(
                    "SELECT rowid FROM documents WHERE id = ?1",
                    [ids[0].as_str()],
                    |r| r.get(0),
                )?
            }
        };
        self.document_at(rowid).map(Some)
    }

    /// Up to `limit` ids starting with `prefix`, in order.
    pub fn ids_with_prefix(&self, prefix: &str, limit: usize) -> Result<Vec<DocId>> {
        if prefix.is_empty() {
            return Ok(Vec::new());
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT id FROM documents WHERE substr(id, 1, length(?1)) = ?1 ORDER BY id LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![prefix, limit as i64], |r| r.get::<_, String>(0))?;
        rows.map(|r| stored_id(&r?)).collect()
    }

    fn document_at(&self, rowid: i64) -> Result<StoredDocument> {
        let doc = self.conn.query_row(
            "SELECT id, outlet, published, published_time, date_guessed, title, body, url, lang,
                    section, audience, attribution
             FROM documents WHERE rowid = ?1",
            [rowid],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, bool>(4)?,
                    r.get::<_, String>(5)?,
                    r.get::<_, String>(6)?,
                    r.get::<_, Option<String>>(7)?,
                    r.get::<_, Option<String>>(8)?,
                    r.get::<_, Option<String>>(9)?,
                    r.get::<_, String>(10)?,
                    r.get::<_, Option<String>>(11)?,
                ))
            },
        )?;
        let (
            id,
            outlet,
            published,
            time,
            guessed,
            title,
            body,
            url,
            lang,
            section,
            audience,
            attribution,
        ) = doc;
        let time = match time {
            Some(t) => Some(NaiveTime::parse_from_str(&t, "%H:%M:%S").map_err(|_| {
                StoreError::Corrupt {
                    what: format!("time {t:?}"),
                }
            })?),
            None => None,
        };
        let doc = Document {
            id: stored_id(&id)?,
            outlet,
            published: Published {
                date: parse_date(&published)?,
                time,
                guessed,
            },
            title,
            body,
            url,
            lang,
            section,
            audience: audience
                .parse::<Audience>()
                .map_err(|_| StoreError::Corrupt {
                    what: format!("audience {audience:?}"),
                })?,
            attribution,
        };
        let mut stmt = self.conn.prepare_cached(
            "SELECT source, line, outlet, published, url FROM sightings
             WHERE doc_rowid = ?1 ORDER BY published, source, line",
        )?;
        let sightings = stmt
            .query_map([rowid], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, Option<String>>(4)?,
                ))
            })?
            .map(|row| {
                let (source, line, outlet, published, url) = row?;
                Ok(Sighting {
                    source,
                    line: line as u64,
                    outlet,
                    published: parse_date(&published)?,
                    url,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let links = |sql: &str| -> Result<Vec<NearLink>> {
            let mut stmt = self.conn.prepare_cached(sql)?;
            let rows = stmt.query_map([rowid], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, f64>(4)?,
                ))
            })?;
            rows.map(|row| {
                let (id, outlet, published, title, similarity) = row?;
                Ok(NearLink {
                    id: stored_id(&id)?,
                    outlet,
                    published: parse_date(&published)?,
                    title,
                    similarity,
                })
            })
            .collect()
        };
        let near_duplicate_of = links(
            "SELECT d.id, d.outlet, d.published, d.title, n.similarity
             FROM near_duplicates n JOIN documents d ON d.rowid = n.of_rowid
             WHERE n.doc_rowid = ?1",
        )?
        .into_iter()
        .next();
        let near_duplicates = links(
            "SELECT d.id, d.outlet, d.published, d.title, n.similarity
             FROM near_duplicates n JOIN documents d ON d.rowid = n.doc_rowid
             WHERE n.of_rowid = ?1 ORDER BY d.published, d.rowid",
        )?;
        Ok(StoredDocument {
            doc,
            sightings,
            near_duplicate_of,
            near_duplicates,
        })
    }

    /// Counts of what the store holds.
    pub fn stats(&self) -> Result<Stats> {
        let (documents, first, last, dates_guessed): (u64, Option<String>, Option<String>, u64) =
            self.conn.query_row(
                "SELECT count(*), min(published), max(published), coalesce(sum(date_guessed), 0)
                 FROM documents",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )?;
        let sightings: u64 = self
            .conn
            .query_row("SELECT count(*) FROM sightings", [], |r| r.get(0))?;
        let near_duplicates: u64 =
            self.conn
                .query_row("SELECT count(*) FROM near_duplicates", [], |r| r.get(0))?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT outlet, count(DISTINCT doc_rowid), min(published), max(published)
             FROM sightings GROUP BY outlet ORDER BY count(DISTINCT doc_rowid) DESC, outlet",
        )?;
        let outlets = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, u64>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                ))
            })?
            .map(|row| {
                let (outlet, documents, first, last) = row?;
                Ok(OutletStats {
                    outlet,
                    documents,
                    first: parse_date(&first)?,
                    last: parse_date(&last)?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Stats {
            schema_version: self.schema_version()?,
            documents,
            sightings,
            exact_duplicates: sightings.saturating_sub(documents),
            near_duplicates,
            dates_guessed,
            first: first.as_deref().map(parse_date).transpose()?,
            last: last.as_deref().map(parse_date).transpose()?,
            outlets,
        })
    }

    /// Documents per outlet per day (days with none are absent), ordered by outlet and day.
    pub fn coverage(
        &self,
        outlet: Option<&str>,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> Result<Vec<DayCount>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT outlet, published, count(DISTINCT doc_rowid) FROM sightings
             WHERE (?1 IS NULL OR outlet = ?1 COLLATE NOCASE)
               AND (?2 IS NULL OR published >= ?2)
               AND (?3 IS NULL OR published <= ?3)
             GROUP BY outlet, published ORDER BY outlet, published",
        )?;
        let rows = stmt.query_map(params![outlet, from.map(date_sql), to.map(date_sql)], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, u64>(2)?,
            ))
        })?;
        rows.map(|row| {
            let (outlet, date, documents) = row?;
            Ok(DayCount {
                outlet,
                date: parse_date(&date)?,
                documents,
            })
        })
        .collect()
    }

    /// Up to `limit` documents whose extraction is missing or was made with
    /// another pack than `pack`, oldest first.
    pub fn documents_to_extract(&self, pack: &str, limit: usize) -> Result<Vec<ToExtract>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT d.rowid, d.title, d.body, d.outlet, d.published, d.id, d.audience
             FROM documents d LEFT JOIN extractions x ON x.doc_rowid = d.rowid
             WHERE x.pack IS NULL OR x.pack != ?1
             ORDER BY d.rowid LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![pack, limit as i64], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, String>(6)?,
            ))
        })?;
        rows.map(|row| {
            let (rowid, title, body, outlet, published, id, audience) = row?;
            Ok(ToExtract {
                rowid,
                id,
                audience,
                title,
                body,
                outlet,
                published: parse_date(&published)?,
            })
        })
        .collect()
    }

    /// Replaces the stored extractions (and their facts) of these documents, in one transaction.
    pub fn save_extractions(
        &mut self,
        items: &[(i64, &Extraction, &[u8])],
        pack: &str,
    ) -> Result<()> {
        let tx = self.conn.transaction()?;
        for (rowid, x, facts) in items {
            let encoded = encode_extraction(x);
            write_extraction(
                &tx,
                *rowid,
                StoredExtraction {
                    extraction: x,
                    encoded: &encoded,
                    pack,
                    facts,
                },
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// The stored extraction of a document, and the pack fingerprint it was made with.
    pub fn extraction(&self, id: &DocId) -> Result<Option<(Extraction, String)>> {
        let row: Option<(Vec<u8>, String)> = self
            .conn
            .query_row(
                "SELECT x.data, x.pack FROM extractions x JOIN documents d ON d.rowid = x.doc_rowid WHERE d.id = ?1",
                [id.as_str()],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        row.map(|(data, pack)| Ok((decode_extraction(&data, id.as_str())?, pack)))
            .transpose()
    }

    /// The titles a person was given, oldest first: (published, post, country, document id).
    pub fn person_titles(&self, person_entity: &str) -> Result<Vec<PersonTitle>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT d.published, t.post, t.country, d.id, d.outlet
             FROM titles t JOIN documents d ON d.rowid = t.doc_rowid
             WHERE t.person_entity = ?1
             ORDER BY d.published, d.rowid",
        )?;
        let rows = stmt.query_map([person_entity], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
            ))
        })?;
        rows.map(|row| {
            let (published, post, country, id, outlet) = row?;
            Ok(PersonTitle {
                published: parse_date(&published)?,
                post,
                country,
                doc: stored_id(&id)?,
                outlet,
            })
        })
        .collect()
    }

    /// How many documents have an extraction made with `pack`, and how many in all.
    pub fn extraction_counts(&self, pack: &str) -> Result<(u64, u64)> {
        Ok(self.conn.query_row(
            "SELECT (SELECT count(*) FROM extractions WHERE pack = ?1), (SELECT count(*) FROM documents)",
            [pack],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?)
    }

    /// Checks the database file and the full-text index against the documents.
    /// Returns the problems found; empty means consistent.
    pub fn check(&self) -> Result<Vec<String>> {
        let mut problems = Vec::new();
        let integrity: String = self
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        if integrity != "ok" {
            problems.push(format!("integrity_check: {integrity}"));
        }
        if let Err(e) = self.conn.execute(
            "INSERT INTO documents_fts(documents_fts, rank) VALUES ('integrity-check', 1)",
            [],
        ) {
            problems.push(format!("full-text index: {e}"));
        }
        let orphans: u64 = self.conn.query_row(
            "SELECT (SELECT count(*) FROM documents d WHERE NOT EXISTS
                        (SELECT 1 FROM sightings s WHERE s.doc_rowid = d.rowid))
                  + (SELECT count(*) FROM sketches k WHERE NOT EXISTS
                        (SELECT 1 FROM documents d WHERE d.rowid = k.doc_rowid))",
            [],
            |r| r.get(0),
        )?;
        if orphans > 0 {
            problems.push(format!(
                "{orphans} documents without sightings or sketches without documents"
            ));
        }
        let fk: Vec<String> = {
            let mut stmt = self.conn.prepare("PRAGMA foreign_key_check")?;
            let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
            rows.collect::<std::result::Result<_, _>>()?
        };
        if !fk.is_empty() {
            problems.push(format!("foreign keys broken in {}", fk.join(", ")));
        }
        Ok(problems)
    }
}

/// A title a person was given in one document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PersonTitle {
    pub published: NaiveDate,
    pub post: String,
    pub country: Option<String>,
    pub doc: DocId,
    pub outlet: String,
}

/// A stored document waiting for (re-)extraction.
#[derive(Debug, Clone)]
pub struct ToExtract {
    pub rowid: i64,
    pub id: String,
    pub audience: String,
    pub title: String,
    pub body: String,
    pub outlet: String,
    pub published: NaiveDate,
}

fn entity_type_name(t: EntityType) -> &'static str {
    match t {
        EntityType::Person => "person",
        EntityType::Organization => "organization",
        EntityType::Country => "country",
        EntityType::Post => "post",
        EntityType::Meeting => "meeting",
        EntityType::Event => "event",
    }
}

fn field_name(f: Field) -> &'static str {
    match f {
        Field::Title => "title",
        Field::Body => "body",
    }
}

/// Stores one document's extraction, replacing any earlier one.
fn write_extraction(tx: &Transaction<'_>, rowid: i64, stored: StoredExtraction<'_>) -> Result<()> {
    let x = stored.extraction;
    tx.prepare_cached(
        "INSERT OR REPLACE INTO extractions (doc_rowid, pack, data) VALUES (?1, ?2, ?3)",
    )?
    .execute(params![rowid, stored.pack, stored.encoded])?;
    tx.prepare_cached(
        "INSERT OR REPLACE INTO facts (doc_rowid, seq, published, data)
         VALUES (?1, (SELECT COALESCE(MAX(seq), 0) + 1 FROM facts),
                 (SELECT published FROM documents WHERE rowid = ?1), ?2)",
    )?
    .execute(params![rowid, stored.facts])?;
    tx.prepare_cached("DELETE FROM entity_docs WHERE doc_rowid = ?1")?
        .execute([rowid])?;
    tx.prepare_cached("DELETE FROM titles WHERE doc_rowid = ?1")?
        .execute([rowid])?;
    let mut counts: Vec<(&str, &'static str, i64)> = Vec::new();
    for m in &x.mentions {
        match counts.iter_mut().find(|(e, _, _)| *e == m.entity) {
            Some(c) => c.2 += 1,
            None => counts.push((&m.entity, entity_type_name(m.kind), 1)),
        }
    }
    let mut e = tx.prepare_cached(
        "INSERT INTO entity_docs (entity, doc_rowid, type, mentions) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (entity, kind, n) in counts {
        e.execute(params![entity, rowid, kind, n])?;
    }
    let mut t = tx.prepare_cached(
        "INSERT INTO titles (doc_rowid, person_entity, person, role, post, organization_id, organization,
                             country, surface, field, start, end)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?;
    for l in &x.titles {
        t.execute(params![
            rowid,
            l.person_entity,
            l.person,
            l.role,
            l.post,
            l.organization_id,
            l.organization,
            l.country,
            l.surface,
            field_name(l.field),
            l.start as i64,
            l.end as i64
        ])?;
    }
    Ok(())
}

fn stored_id(s: &str) -> Result<DocId> {
    DocId::parse(s).map_err(|_| StoreError::Corrupt {
        what: format!("document id {s:?}"),
    })
}

/// Stores one document (or a sighting of a stored one); returns the rowid of a
/// newly stored document.
fn insert_one(
    tx: &Transaction<'_>,
    item: &NewDocument<'_>,
    now: &str,
) -> Result<(InsertOutcome, Option<i64>)> {
    let doc = item.doc;
    let published = date_sql(doc.published.date);
    let existing: Option<(i64, String)> = tx
        .prepare_cached("SELECT rowid, id FROM documents WHERE content_hash = ?1")?
        .query_row([&item.content_hash[..]], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    if let Some((rowid, id)) = existing {
        let added = add_sighting(tx, rowid, item, &published)?;
        let outcome = if added {
            InsertOutcome::ExactDuplicate {
                of: stored_id(&id)?,
            }
        } else {
            InsertOutcome::AlreadyStored
        };
        return Ok((outcome, None));
    }
    let taken: bool = tx
        .prepare_cached("SELECT 1 FROM documents WHERE id = ?1")?
        .exists([doc.id.as_str()])?;
    if taken {
        return Ok((InsertOutcome::IdConflict { id: doc.id.clone() }, None));
    }
    tx.prepare_cached(
        "INSERT INTO documents (id, content_hash, outlet, published, published_time, date_guessed,
                                title, body, url, lang, section, audience, attribution, ingested_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    )?
    .execute(params![
        doc.id.as_str(),
        &item.content_hash[..],
        doc.outlet,
        published,
        doc.published.time.map(|t| t.format("%H:%M:%S").to_string()),
        doc.published.guessed,
        doc.title,
        doc.body,
        doc.url,
        doc.lang,
        doc.section,
        doc.audience.as_str(),
        doc.attribution,
        now,
    ])?;
    let rowid = tx.last_insert_rowid();
    tx.prepare_cached("INSERT INTO documents_fts (rowid, title, body) VALUES (?1, ?2, ?3)")?
        .execute(params![rowid, doc.title, doc.body])?;
    add_sighting(tx, rowid, item, &published)?;
    if let Some(stored) = item.extraction {
        write_extraction(tx, rowid, stored)?;
    }
    Ok((
        InsertOutcome::New {
            near_duplicate_of: None,
        },
        Some(rowid),
    ))
}

fn add_sighting(
    tx: &Transaction<'_>,
    rowid: i64,
    item: &NewDocument<'_>,
    published: &str,
) -> Result<bool> {
    let n = tx
        .prepare_cached(
            "INSERT OR IGNORE INTO sightings (doc_rowid, source, line, outlet, published, url, section)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?
        .execute(params![
            rowid,
            item.source,
            item.line as i64,
            item.doc.outlet,
            published,
            item.doc.url,
            item.doc.section,
        ])?;
    Ok(n > 0)
}

/// Links each newly stored document of a batch to its most similar earlier
/// document (stored before the batch, or earlier in it) among those sharing an
/// LSH band, when the similarity reaches the threshold; then stores the
/// batch's sketches and band keys. Returns (position in batch, link) pairs.
fn link_near_duplicates(
    tx: &Transaction<'_>,
    batch: &[NewDocument<'_>],
    sketched: &[(usize, i64)],
    threshold: f64,
) -> Result<Vec<(usize, (DocId, f64))>> {
    let sketch_of = |i: usize| {
        batch[i]
            .sketch
            .as_ref()
            .expect("only sketched documents are listed")
    };
    let keys: Vec<[i64; readout_core::sketch::BANDS]> = sketched
        .iter()
        .map(|(i, _)| sketch_of(*i).band_keys())
        .collect();

    // Documents stored before this batch that share a band with any of it.
    let mut all_keys: Vec<i64> = keys.iter().flatten().copied().collect();
    all_keys.sort_unstable();
    all_keys.dedup();
    let mut by_key: HashMap<i64, Vec<i64>> = HashMap::new();
    {
        let mut stmt = tx.prepare_cached(
            "SELECT band_key, doc_rowid FROM lsh_bands
             WHERE band_key IN (SELECT value FROM json_each(?1))",
        )?;
        let rows = stmt.query_map([json_list(&all_keys)], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?))
        })?;
        for row in rows {
            let (key, rowid) = row?;
            by_key.entry(key).or_default().push(rowid);
        }
    }
    let mut stored_rowids: Vec<i64> = by_key.values().flatten().copied().collect();
    stored_rowids.sort_unstable();
    stored_rowids.dedup();
    let mut sketches: HashMap<i64, Sketch> =
        HashMap::with_capacity(stored_rowids.len() + sketched.len());
    {
        let mut stmt = tx.prepare_cached(
            "SELECT doc_rowid, signature FROM sketches
             WHERE doc_rowid IN (SELECT value FROM json_each(?1))",
        )?;
        let rows = stmt.query_map([json_list(&stored_rowids)], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, Vec<u8>>(1)?))
        })?;
        for row in rows {
            let (rowid, bytes) = row?;
            let sketch = Sketch::from_bytes(&bytes).ok_or_else(|| StoreError::Corrupt {
                what: format!("sketch of document row {rowid}"),
            })?;
            sketches.insert(rowid, sketch);
        }
    }

    let mut links = Vec::new();
    let mut link_rows: Vec<(i64, i64, f64)> = Vec::new();
    for ((i, rowid), doc_keys) in sketched.iter().zip(&keys) {
        let sketch = sketch_of(*i);
        let mut candidates: Vec<i64> = doc_keys
            .iter()
            .filter_map(|k| by_key.get(k))
            .flatten()
            .copied()
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        let mut best: Option<(i64, f64)> = None;
        for cand in candidates {
            let Some(other) = sketches.get(&cand) else {
                continue;
            };
            let s = sketch.similarity(other);
            // Ties go to the earliest-stored document: the one nearest the original.
            if s >= threshold && best.is_none_or(|(_, b)| s > b) {
                best = Some((cand, s));
            }
        }
        if let Some((of, similarity)) = best {
            link_rows.push((*rowid, of, similarity));
            links.push((*i, of, similarity));
        }
        // Later documents of the batch see this one as a candidate.
        for k in doc_keys {
            by_key.entry(*k).or_default().push(*rowid);
        }
        sketches.insert(*rowid, sketch.clone());
    }

    let mut insert_link = tx.prepare_cached(
        "INSERT INTO near_duplicates (doc_rowid, of_rowid, similarity) VALUES (?1, ?2, ?3)",
    )?;
    for (rowid, of, similarity) in &link_rows {
        insert_link.execute(params![rowid, of, similarity])?;
    }
    let mut insert_sketch =
        tx.prepare_cached("INSERT INTO sketches (doc_rowid, signature) VALUES (?1, ?2)")?;
    for (i, rowid) in sketched {
        insert_sketch.execute(params![rowid, sketch_of(*i).to_bytes()])?;
    }
    let mut bands: Vec<(i64, i64)> = sketched
        .iter()
        .zip(&keys)
        .flat_map(|((_, rowid), ks)| ks.iter().map(move |k| (*k, *rowid)))
        .collect();
    bands.sort_unstable();
    let mut insert_band =
        tx.prepare_cached("INSERT OR IGNORE INTO lsh_bands (band_key, doc_rowid) VALUES (?1, ?2)")?;
    for (key, rowid) in bands {
        insert_band.execute(params![key, rowid])?;
    }

    let mut id_of = tx.prepare_cached("SELECT id FROM documents WHERE rowid = ?1")?;
    links
        .into_iter()
        .map(|(i, of, similarity)| {
            let id: String = id_of.query_row([of], |r| r.get(0))?;
            Ok((i, (stored_id(&id)?, similarity)))
        })
        .collect()
}

/// A JSON array of integers, for `json_each`: one bound parameter for a whole list.
fn json_list(values: &[i64]) -> String {
    let mut s = String::with_capacity(values.len() * 20 + 2);
    s.push('[');
    for (i, v) in values.iter().enumerate() {
        if i > 0 {
            s.push(',');
        }
        s.push_str(&v.to_string());
    }
    s.push(']');
    s
}
