//! The ingest pipeline: read files on one thread, fingerprint records in
//! parallel, and store them in batches, one transaction each.
//!
//! A batch is the unit of crash safety: a process killed mid-ingest leaves the
//! batches committed so far and nothing of the one in flight, and a rerun skips
//! what is stored (same text from the same place) and completes the rest.

use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc;

use std::sync::Arc;

use rayon::prelude::*;
use readout_core::sketch::Sketch;
use readout_extract::{Extraction, Extractor};
use readout_store::{InsertOutcome, NewDocument, Store, StoredExtraction};
use serde::Serialize;

use crate::discover::SourceFile;
use crate::record::{Location, ReadItem, Record, Rejection};
use crate::{read_file, IngestError, ReadConfig};

/// How the pipeline runs.
#[derive(Debug, Clone)]
pub struct IngestConfig {
    pub read: ReadConfig,
    /// Extraction to run on every new record and store with it; `None` stores
    /// documents only (they can be extracted later with the store's queue).
    pub extractor: Option<Arc<Extractor>>,
    /// Most records per transaction. Larger batches index faster (the
    /// full-text index flushes a segment per transaction); a crash loses at
    /// most the batch in flight.
    pub batch_size: usize,
    /// Most text per transaction, in bytes, so that large records do not make
    /// a batch hold gigabytes.
    pub batch_bytes: usize,
}

impl Default for IngestConfig {
    fn default() -> Self {
        IngestConfig {
            read: ReadConfig::default(),
            extractor: None,
            batch_size: 5_000,
            batch_bytes: 32 * 1024 * 1024,
        }
    }
}

/// What an ingest did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct IngestSummary {
    pub files: u64,
    /// Records read, accepted or not.
    pub records: u64,
    /// New documents stored (near-duplicates included).
    pub accepted: u64,
    /// New documents linked to an earlier one as near-duplicates.
    pub near_duplicates: u64,
    /// Records whose text was already stored from elsewhere: a location was added.
    pub exact_duplicates: u64,
    /// Records already stored from the same place: nothing changed.
    pub already_stored: u64,
    pub rejected: u64,
    /// Bytes read from disk (compressed size for compressed files).
    pub bytes: u64,
}

/// Hears about the pipeline's progress and problems as they happen.
pub trait Observer {
    /// Bytes read so far out of the total size of the files.
    fn progress(&mut self, _done: u64, _total: u64) {}
    fn rejected(&mut self, _rejection: &Rejection) {}
    fn note(&mut self, _location: &Location, _note: &str) {}
    fn near_duplicate(&mut self, _location: &Location, _doc: &str, _of: &str, _similarity: f64) {}
}

/// An observer that ignores everything.
pub struct Quiet;
impl Observer for Quiet {}

/// An extraction, its stored encoding and the signal facts digested from it.
type Encoded = (Extraction, Vec<u8>, Vec<u8>);

/// Records read from files, each with the index of its file and, for a
/// record read well, its similarity sketch and extraction (computed on the
/// reading side, in parallel, so that the store's thread only writes).
struct Batch {
    items: Vec<(usize, ReadItem, Option<Sketch>, Option<Encoded>)>,
}

impl Batch {
    fn prepared(items: Vec<(usize, ReadItem)>, extractor: Option<&Extractor>) -> Batch {
        let items = items
            .into_par_iter()
            .map(|(file, item)| {
                let (sketch, extraction) = match &item {
                    Ok(r) => {
                        let d = &r.doc;
                        let extraction = extractor.map(|x| {
                            let e =
                                x.extract_document(&d.title, &d.body, &d.outlet, d.published.date);
                            let encoded = readout_store::encode_extraction(&e);
                            let facts = facts_json(
                                x,
                                &e,
                                d.id.as_str(),
                                &d.outlet,
                                d.audience.as_str(),
                                d.published.date,
                                &d.title,
                                &d.body,
                            );
                            (e, encoded, facts)
                        });
                        (Sketch::of_text(&d.body), extraction)
                    }
                    Err(_) => (None, None),
                };
                (file, item, sketch, extraction)
            })
            .collect();
        Batch { items }
    }
}

/// Reads `files` and stores their records.
///
/// Per-record problems are reported to `observer` and counted; an error is
/// returned only when the store fails, and then every batch committed before
/// it stays committed.
pub fn ingest(
    store: &mut Store,
    files: &[SourceFile],
    config: &IngestConfig,
    observer: &mut dyn Observer,
) -> Result<IngestSummary, IngestError> {
    let total: u64 = files.iter().map(|f| f.size).sum();
    let progress = AtomicU64::new(0);
    let sources: Vec<String> = files.iter().map(source_name).collect();
    let batch_size = config.batch_size.max(1);
    let pack = config
        .extractor
        .as_ref()
        .map_or("", |x| x.pack_fingerprint());
    let mut summary = IngestSummary {
        files: files.len() as u64,
        ..Default::default()
    };

    std::thread::scope(|scope| -> Result<(), IngestError> {
        // Two batches in flight: one being read while one is stored.
        let (tx, rx) = mpsc::sync_channel::<Batch>(2);
        let progress = &progress;
        let batch_bytes = config.batch_bytes.max(1);
        let extractor = config.extractor.as_deref();
        let reader = scope.spawn(move || {
            let mut batch = Vec::new();
            let mut bytes = 0usize;
            for (index, file) in files.iter().enumerate() {
                let mut sink = |item: ReadItem| {
                    if let Ok(r) = &item {
                        bytes += r.doc.body.len() + r.doc.title.len();
                    }
                    batch.push((index, item));
                    if batch.len() >= batch_size || bytes >= batch_bytes {
                        let full = std::mem::take(&mut batch);
                        bytes = 0;
                        // A closed channel means the store side stopped on an
                        // error; the rest of the input is not wanted.
                        let _ = tx.send(Batch::prepared(full, extractor));
                    }
                };
                if let Err(e) = read_file(file, &config.read, progress, &mut sink) {
                    sink(Err(Rejection {
                        location: Location {
                            source: file.display_name(),
                            line: 0,
                        },
                        reason: e.to_string(),
                    }));
                }
            }
            if !batch.is_empty() {
                let _ = tx.send(Batch::prepared(batch, extractor));
            }
        });

        for batch in rx {
            store_batch(store, batch, &sources, pack, &mut summary, observer)?;
            observer.progress(progress.load(Ordering::Relaxed), total);
        }
        reader.join().expect("the reader thread panicked");
        Ok(())
    })?;
    summary.bytes = progress.load(Ordering::Relaxed);
    Ok(summary)
}

/// The name a file's sightings are stored under: its canonical path, so that
/// the same file named from another folder is still the same place.
fn source_name(file: &SourceFile) -> String {
    if file.is_stdin() {
        return file.display_name();
    }
    std::fs::canonicalize(&file.path)
        .unwrap_or_else(|_| Path::new(&file.path).to_path_buf())
        .display()
        .to_string()
}

fn store_batch(
    store: &mut Store,
    batch: Batch,
    sources: &[String],
    pack: &str,
    summary: &mut IngestSummary,
    observer: &mut dyn Observer,
) -> Result<(), IngestError> {
    let mut records: Vec<(usize, Record, Option<Sketch>, Option<Encoded>)> =
        Vec::with_capacity(batch.items.len());
    for (file, item, sketch, extraction) in batch.items {
        summary.records += 1;
        match item {
            Ok(r) => {
                for note in &r.notes {
                    observer.note(&r.location, note);
                }
                records.push((file, r, sketch, extraction));
            }
            Err(rejection) => {
                summary.rejected += 1;
                observer.rejected(&rejection);
            }
        }
    }
    let items: Vec<NewDocument<'_>> = records
        .iter_mut()
        .map(|(file, r, sketch, extraction)| NewDocument {
            doc: &r.doc,
            content_hash: r.content_hash,
            sketch: sketch.take(),
            extraction: extraction
                .as_ref()
                .map(|(x, encoded, facts)| StoredExtraction {
                    extraction: x,
                    encoded,
                    pack,
                    facts,
                }),
            source: &sources[*file],
            line: r.location.line,
        })
        .collect();
    let outcomes = store.insert_batch(&items)?;
    for ((_, record, _, _), outcome) in records.iter().zip(outcomes) {
        match outcome {
            InsertOutcome::New { near_duplicate_of } => {
                summary.accepted += 1;
                if let Some((of, similarity)) = near_duplicate_of {
                    summary.near_duplicates += 1;
                    observer.near_duplicate(
                        &record.location,
                        record.doc.id.as_str(),
                        of.as_str(),
                        similarity,
                    );
                }
            }
            InsertOutcome::ExactDuplicate { .. } => summary.exact_duplicates += 1,
            InsertOutcome::AlreadyStored => summary.already_stored += 1,
            InsertOutcome::IdConflict { id } => {
                summary.rejected += 1;
                observer.rejected(&Rejection {
                    location: record.location.clone(),
                    reason: format!("id {id} is already stored with a different text"),
                });
            }
        }
    }
    Ok(())
}

/// The signal facts of an extraction, as the store keeps them (JSON).
#[allow(clippy::too_many_arguments)]
fn facts_json(
    extractor: &Extractor,
    x: &Extraction,
    id: &str,
    outlet: &str,
    audience: &str,
    published: chrono::NaiveDate,
    title: &str,
    body: &str,
) -> Vec<u8> {
    let meta = readout_signals::DocMeta {
        id,
        outlet,
        audience,
        published,
        title,
        body,
    };
    let facts = readout_signals::facts(meta, x, extractor.pack());
    serde_json::to_vec(&facts).expect("facts serialise")
}

/// Extracts again every stored document whose extraction is missing or was
/// made with another pack; returns how many were extracted. Work is committed
/// per batch, so an interrupted run resumes where it stopped.
pub fn reextract(
    store: &mut Store,
    extractor: &Extractor,
    batch_size: usize,
    observer: &mut dyn Observer,
) -> Result<u64, IngestError> {
    let pack = extractor.pack_fingerprint();
    let (done_before, total) = store.extraction_counts(pack)?;
    let mut done = 0u64;
    loop {
        let todo = store.documents_to_extract(pack, batch_size.max(1))?;
        if todo.is_empty() {
            break;
        }
        let extractions: Vec<(Extraction, Vec<u8>)> = todo
            .par_iter()
            .map(|d| {
                let x = extractor.extract_document(&d.title, &d.body, &d.outlet, d.published);
                let facts = facts_json(
                    extractor,
                    &x,
                    &d.id,
                    &d.outlet,
                    &d.audience,
                    d.published,
                    &d.title,
                    &d.body,
                );
                (x, facts)
            })
            .collect();
        let items: Vec<(i64, &Extraction, &[u8])> = todo
            .iter()
            .zip(extractions.iter())
            .map(|(d, (x, f))| (d.rowid, x, f.as_slice()))
            .collect();
        store.save_extractions(&items, pack)?;
        done += todo.len() as u64;
        observer.progress(done_before + done, total);
    }
    Ok(done)
}
