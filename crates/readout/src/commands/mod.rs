//! One module per subcommand; each has its `Args` and a `run`.

pub mod calendar;
pub mod demo;
pub mod extract;
pub mod ingest;
pub mod person;
pub mod reextract;
pub mod search;
pub mod show;
pub mod signals;
pub mod stats;
pub mod timeline;
pub mod treaty;

use std::path::{Path, PathBuf};

use anyhow::Context as _;
use readout_store::Store;

/// What every subcommand may need from the global options.
#[derive(Debug)]
pub struct Context {
    pub db: Option<PathBuf>,
    pub pack: Option<PathBuf>,
}

impl Context {
    /// The store path: `--db`, `READOUT_DB`, or the platform's data directory.
    pub fn db_path(&self) -> anyhow::Result<PathBuf> {
        if let Some(p) = &self.db {
            return Ok(p.clone());
        }
        let dir = dirs::data_dir()
            .context("no data directory on this platform: pass --db PATH or set READOUT_DB")?;
        Ok(dir.join("readout").join("readout.db"))
    }

    /// Opens the store, creating its folder if needed.
    pub fn open_store(&self) -> anyhow::Result<Store> {
        open_store_at(&self.db_path()?)
    }
}

pub fn open_store_at(path: &Path) -> anyhow::Result<Store> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create the store's folder {}", parent.display()))?;
    }
    Ok(Store::open(path)?)
}
