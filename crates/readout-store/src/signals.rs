//! The store's side of signals: facts to feed, signals raised, the engine's saved state.

use std::collections::HashMap;

use chrono::NaiveDate;
use readout_signals::facts::CopyFact;
use readout_signals::{DocFacts, Kind, Signal};
use rusqlite::{params, OptionalExtension};

use crate::{date_sql, parse_date, Result, Store, StoreError};

/// The engine's saved state: as it was before `day` was fed.
#[derive(Debug, Clone)]
pub struct SavedState {
    pub day: NaiveDate,
    /// The facts sequence number read up to.
    pub seq: i64,
    /// The pack and settings the state was made with.
    pub key: String,
    pub data: Vec<u8>,
}

/// Which signals to list.
#[derive(Debug, Clone, Default)]
pub struct SignalFilter {
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
    pub kinds: Vec<Kind>,
    /// Part of the subject, ignoring case.
    pub subject: Option<String>,
}

/// A near-duplicate link, from the document that copies to its original.
struct Link {
    doc: String,
    outlet: String,
    published: NaiveDate,
    similarity: f64,
}

/// A day's count of documents for one outlet, with the outlet's audience.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AudienceDayCount {
    pub day: NaiveDate,
    pub outlet: String,
    pub audience: String,
    pub documents: u64,
}

impl Store {
    /// Documents matching `query` (and naming entity `about`, if given), counted by day and outlet.
    pub fn matching_by_day(
        &self,
        query: &readout_core::query::Query,
        about: Option<&str>,
    ) -> Result<Vec<AudienceDayCount>> {
        let fts = crate::fts::render(query);
        let mut stmt = self.conn.prepare(
            "SELECT d.published, d.outlet, d.audience, count(*)
             FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid
             WHERE documents_fts MATCH ?1
               AND (?2 IS NULL OR EXISTS (SELECT 1 FROM entity_docs e WHERE e.entity = ?2 AND e.doc_rowid = d.rowid))
             GROUP BY d.published, d.outlet, d.audience ORDER BY d.published",
        )?;
        let rows = stmt.query_map(params![fts, about], day_row)?;
        day_counts(rows)
    }

    /// All documents (naming entity `about`, if given), counted by day and outlet.
    pub fn documents_by_day(&self, about: Option<&str>) -> Result<Vec<AudienceDayCount>> {
        let mut stmt = self.conn.prepare(
            "SELECT d.published, d.outlet, d.audience, count(*) FROM documents d
             WHERE (?1 IS NULL OR EXISTS (SELECT 1 FROM entity_docs e WHERE e.entity = ?1 AND e.doc_rowid = d.rowid))
             GROUP BY d.published, d.outlet, d.audience ORDER BY d.published",
        )?;
        let rows = stmt.query_map(params![about], day_row)?;
        day_counts(rows)
    }

    /// The highest facts sequence number, 0 when there are none.
    pub fn facts_seq(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("SELECT COALESCE(MAX(seq), 0) FROM facts", [], |r| r.get(0))?)
    }

    /// The earliest publication date among facts written after `seq`, and the latest of all.
    pub fn facts_dates(&self, seq: i64) -> Result<(Option<NaiveDate>, Option<NaiveDate>)> {
        // Through the sequence index: the planner would otherwise walk the
        // whole archive in date order looking for the few new rows.
        let new: Option<String> = self.conn.query_row(
            "SELECT MIN(published) FROM (SELECT published FROM facts INDEXED BY facts_seq WHERE seq > ?1)",
            [seq],
            |r| r.get(0),
        )?;
        let last: Option<String> =
            self.conn
                .query_row("SELECT MAX(published) FROM facts", [], |r| r.get(0))?;
        Ok((
            new.map(|d| parse_date(&d)).transpose()?,
            last.map(|d| parse_date(&d)).transpose()?,
        ))
    }

    /// How many documents have facts published on or after `from` (all when `None`).
    pub fn facts_count_from(&self, from: Option<NaiveDate>) -> Result<u64> {
        let from = from.map_or_else(|| "0000-00-00".to_owned(), date_sql);
        Ok(self.conn.query_row(
            "SELECT count(*) FROM facts WHERE published >= ?1",
            [from],
            |r| r.get::<_, i64>(0),
        )? as u64)
    }

    /// Near-duplicate links, keyed by the later document's rowid.
    fn copy_links(&self) -> Result<HashMap<i64, Link>> {
        let mut stmt = self.conn.prepare(
            "SELECT n.doc_rowid, a.id, a.outlet, a.published, n.of_rowid, b.id, b.outlet, b.published, n.similarity
             FROM near_duplicates n
             JOIN documents a ON a.rowid = n.doc_rowid
             JOIN documents b ON b.rowid = n.of_rowid",
        )?;
        let mut out = HashMap::new();
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, i64>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, String>(6)?,
                r.get::<_, String>(7)?,
                r.get::<_, f64>(8)?,
            ))
        })?;
        for row in rows {
            let (a, a_id, a_outlet, a_pub, b, b_id, b_outlet, b_pub, sim) = row?;
            let (a_pub, b_pub) = (parse_date(&a_pub)?, parse_date(&b_pub)?);
            // The copy is the later one: ingest order is not publication order.
            let (copy, link) = if (a_pub, a) >= (b_pub, b) {
                (
                    a,
                    Link {
                        doc: b_id,
                        outlet: b_outlet,
                        published: b_pub,
                        similarity: sim,
                    },
                )
            } else {
                (
                    b,
                    Link {
                        doc: a_id,
                        outlet: a_outlet,
                        published: a_pub,
                        similarity: sim,
                    },
                )
            };
            out.insert(copy, link);
        }
        Ok(out)
    }

    /// Calls `f` with each day's facts, in publication order, from `from` on
    /// (or from the start), each document linked to the one it copies.
    pub fn for_each_facts_day(
        &self,
        from: Option<NaiveDate>,
        mut f: impl FnMut(NaiveDate, Vec<DocFacts>) -> std::result::Result<(), String>,
    ) -> Result<()> {
        let links = self.copy_links()?;
        let mut stmt = self.conn.prepare(
            "SELECT doc_rowid, published, data FROM facts WHERE published >= ?1 ORDER BY published, doc_rowid",
        )?;
        let from = from.map_or_else(|| "0000-00-00".to_owned(), date_sql);
        let mut rows = stmt.query([from])?;
        let mut day: Option<NaiveDate> = None;
        let mut docs: Vec<DocFacts> = Vec::new();
        while let Some(r) = rows.next()? {
            let rowid: i64 = r.get(0)?;
            let published = parse_date(&r.get::<_, String>(1)?)?;
            let data: Vec<u8> = r.get(2)?;
            let mut facts: DocFacts =
                serde_json::from_slice(&data).map_err(|e| StoreError::Corrupt {
                    what: format!("facts of document {rowid}: {e}"),
                })?;
            if let Some(l) = links.get(&rowid) {
                facts.copy_of = Some(CopyFact {
                    original: l.doc.clone(),
                    outlet: l.outlet.clone(),
                    published: l.published,
                    how: "near-duplicate".to_owned(),
                    similarity: (l.similarity * 1000.0).round() / 1000.0,
                });
            }
            if day.is_some_and(|d| d != published) {
                f(day.expect("checked"), std::mem::take(&mut docs))
                    .map_err(|what| StoreError::Corrupt { what })?;
            }
            day = Some(published);
            docs.push(facts);
        }
        if let Some(d) = day {
            f(d, docs).map_err(|what| StoreError::Corrupt { what })?;
        }
        Ok(())
    }

    /// The engine's saved state, if any.
    pub fn signal_state(&self) -> Result<Option<SavedState>> {
        let row: Option<(String, i64, String, Vec<u8>)> = self
            .conn
            .query_row(
                "SELECT day, seq, key, data FROM signal_state WHERE id = 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()?;
        row.map(|(day, seq, key, data)| {
            Ok(SavedState {
                day: parse_date(&day)?,
                seq,
                key,
                data,
            })
        })
        .transpose()
    }

    /// Writes a run's signals and the engine's state in one transaction.
    ///
    /// `replace_from`: signals noticed on or after this day are replaced (an
    /// incremental run re-reads its first day); `None` replaces all of them
    /// (a full recompute).
    pub fn save_signals(
        &mut self,
        replace_from: Option<NaiveDate>,
        signals: &[Signal],
        state: &SavedState,
    ) -> Result<()> {
        let tx = self.conn.transaction()?;
        match replace_from {
            Some(d) => {
                tx.execute("DELETE FROM signals WHERE noticed >= ?1", [date_sql(d)])?;
            }
            None => {
                tx.execute("DELETE FROM signals", [])?;
            }
        }
        {
            let mut ins = tx.prepare_cached(
                "INSERT INTO signals (noticed, date, kind, subject, score, data) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            for s in signals {
                let data = serde_json::to_string(s).map_err(|e| StoreError::Corrupt {
                    what: format!("signal {}: {e}", s.subject),
                })?;
                ins.execute(params![
                    date_sql(s.noticed),
                    date_sql(s.date),
                    s.kind.as_str(),
                    s.subject,
                    s.score,
                    data
                ])?;
            }
        }
        tx.execute(
            "INSERT OR REPLACE INTO signal_state (id, day, seq, key, data) VALUES (1, ?1, ?2, ?3, ?4)",
            params![date_sql(state.day), state.seq, state.key, state.data],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Stored signals matching `filter`, in no particular order (rank them to report).
    pub fn signals(&self, filter: &SignalFilter) -> Result<Vec<Signal>> {
        let mut stmt = self.conn.prepare(
            "SELECT data FROM signals
             WHERE (?1 IS NULL OR date >= ?1) AND (?2 IS NULL OR date <= ?2)
               AND (?3 IS NULL OR instr(lower(subject), lower(?3)) > 0)
             ORDER BY id",
        )?;
        let rows = stmt.query_map(
            params![
                filter.since.map(date_sql),
                filter.until.map(date_sql),
                filter.subject.as_deref()
            ],
            |r| r.get::<_, String>(0),
        )?;
        let mut out = Vec::new();
        for row in rows {
            let data = row?;
            let s: Signal = serde_json::from_str(&data).map_err(|e| StoreError::Corrupt {
                what: format!("stored signal: {e}"),
            })?;
            if filter.kinds.is_empty() || filter.kinds.contains(&s.kind) {
                out.push(s);
            }
        }
        Ok(out)
    }

    /// How many signals are stored.
    pub fn signal_count(&self) -> Result<u64> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM signals", [], |r| r.get::<_, i64>(0))?
            as u64)
    }
}

type DayRow = (String, String, String, i64);

fn day_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<DayRow> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
}

fn day_counts(
    rows: impl Iterator<Item = rusqlite::Result<DayRow>>,
) -> Result<Vec<AudienceDayCount>> {
    let mut out = Vec::new();
    for row in rows {
        let (day, outlet, audience, n) = row?;
        out.push(AudienceDayCount {
            day: parse_date(&day)?,
            outlet,
            audience,
            documents: n as u64,
        });
    }
    Ok(out)
}
