//! Keeps the stored signals current: feeds the facts written since the last
//! run through the signal engine, or all of them when that is needed.
//!
//! The engine's state is saved as it was before the last day it read, with
//! the facts sequence number it read up to. New facts dated on or after that
//! day are fed from the saved state (signals noticed from that day on are
//! replaced); new facts dated earlier, or a changed pack or setting, mean a
//! full recompute. Either way the signals and the state are written in one
//! transaction, so a run killed midway changes nothing and a rerun does the
//! same work.

use chrono::NaiveDate;
use readout_core::pack::Pack;
use readout_signals::{Config, Engine, Signal, State};
use readout_store::{SavedState, Store, StoreError};

use crate::pipeline::Observer;
use crate::IngestError;

/// Bumped when the engine's state or its signals change shape, forcing a recompute.
const ENGINE_VERSION: u32 = 3;

/// What a signal update did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignalRun {
    /// Nothing new since the last run.
    UpToDate,
    /// New facts read from `from` on.
    Incremental {
        from: NaiveDate,
        docs: u64,
        raised: usize,
    },
    /// Everything read again.
    Full {
        reason: String,
        docs: u64,
        raised: usize,
    },
    /// No facts stored (nothing extracted yet).
    Empty,
}

fn key(pack: &Pack, cfg: &Config) -> String {
    format!(
        "engine {ENGINE_VERSION}; pack {}; {}",
        pack.fingerprint,
        serde_json::to_string(cfg).expect("settings serialise")
    )
}

/// The engine's state as stored: JSON, zlib-compressed (a tenth of the size to write and read).
fn encode_state(state: &State) -> Result<Vec<u8>, IngestError> {
    use std::io::Write;
    let json = serde_json::to_vec(state).map_err(|e| corrupt(format!("signal state: {e}")))?;
    let mut z = flate2::write::ZlibEncoder::new(
        Vec::with_capacity(json.len() / 8),
        flate2::Compression::fast(),
    );
    z.write_all(&json)
        .and_then(|()| z.finish())
        .map_err(|e| corrupt(format!("signal state: {e}")))
}

fn decode_state(bytes: &[u8]) -> Result<State, String> {
    use std::io::Read;
    let mut json = Vec::with_capacity(bytes.len() * 8);
    flate2::read::ZlibDecoder::new(bytes)
        .read_to_end(&mut json)
        .map_err(|e| e.to_string())?;
    serde_json::from_slice(&json).map_err(|e| e.to_string())
}

fn corrupt(what: String) -> IngestError {
    IngestError::Store(StoreError::Corrupt { what })
}

/// Brings the stored signals up to date with the stored facts.
pub fn update_signals(
    store: &mut Store,
    pack: &Pack,
    cfg: &Config,
    force_full: bool,
    observer: &mut dyn Observer,
) -> Result<SignalRun, IngestError> {
    let key = key(pack, cfg);
    let seq = store.facts_seq()?;
    let saved = store.signal_state()?;
    let since = saved.as_ref().map_or(0, |s| s.seq);
    let (new_min, last_day) = store.facts_dates(since)?;
    let Some(last_day) = last_day else {
        return Ok(SignalRun::Empty);
    };
    let resume: Result<(SavedState, State), String> = match saved {
        None => Err("no signals computed yet".to_owned()),
        Some(_) if force_full => Err("a full recompute was asked for".to_owned()),
        Some(s) if s.key != key => Err("the pack or the signal settings changed".to_owned()),
        Some(s) if s.seq == seq => return Ok(SignalRun::UpToDate),
        Some(s) if new_min.is_some_and(|m| m < s.day) => Err(format!(
            "new documents are dated before {}, the last day read",
            s.day
        )),
        Some(s) => match decode_state(&s.data) {
            Ok(state) => Ok((s, state)),
            Err(e) => Err(format!("the saved signal state does not read back ({e})")),
        },
    };
    let (from, mut engine, reason) = match resume {
        Ok((s, state)) => (Some(s.day), Engine::resume(pack, cfg.clone(), state), None),
        Err(reason) => (None, Engine::new(pack, cfg.clone()), Some(reason)),
    };
    if let Some(r) = &reason {
        tracing::info!("recomputing all signals: {r}");
    }
    let total = store.facts_count_from(from)?;
    let mut docs = 0u64;
    let mut snapshot: Option<State> = None;
    let mut raised: Vec<Signal> = Vec::new();
    store.for_each_facts_day(from, |day, day_docs| {
        if day == last_day {
            snapshot = Some(engine.state().clone());
        }
        raised.extend(engine.feed_day(day, &day_docs).map_err(|e| e.to_string())?);
        docs += day_docs.len() as u64;
        observer.progress(docs, total);
        Ok(())
    })?;
    let snapshot = snapshot.ok_or_else(|| corrupt(format!("no facts read for {last_day}")))?;
    let data = encode_state(&snapshot)?;
    let state = SavedState {
        day: last_day,
        seq,
        key,
        data,
    };
    store.save_signals(from, &raised, &state)?;
    Ok(match (reason, from) {
        (None, Some(from)) => SignalRun::Incremental {
            from,
            docs,
            raised: raised.len(),
        },
        (reason, _) => SignalRun::Full {
            reason: reason.unwrap_or_default(),
            docs,
            raised: raised.len(),
        },
    })
}

/// The engine's state after every stored document: the saved state (kept as
/// it was before the last day) with the last day fed again. `None` when no
/// signals were computed yet.
pub fn current_state(
    store: &Store,
    pack: &Pack,
    cfg: &Config,
) -> Result<Option<State>, IngestError> {
    let Some(saved) = store.signal_state()? else {
        return Ok(None);
    };
    let state: State = decode_state(&saved.data)
        .map_err(|e| corrupt(format!("the saved signal state does not read back ({e})")))?;
    let mut engine = Engine::resume(pack, cfg.clone(), state);
    store.for_each_facts_day(Some(saved.day), |day, docs| {
        engine
            .feed_day(day, &docs)
            .map(|_| ())
            .map_err(|e| e.to_string())
    })?;
    Ok(Some(engine.into_state()))
}
