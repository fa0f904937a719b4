//! Reading a pack folder from disk; parsing and validation are the core's.

use std::path::Path;

use readout_core::pack::Pack;

use crate::IngestError;

/// Loads every `.toml` file of a pack folder (in name order) as one pack.
pub fn load_pack(dir: &Path) -> Result<Pack, IngestError> {
    if !dir.exists() {
        return Err(IngestError::NotFound {
            path: dir.to_path_buf(),
        });
    }
    let io = |source| IngestError::Io {
        path: dir.to_path_buf(),
        source,
    };
    let mut names: Vec<_> = std::fs::read_dir(dir)
        .map_err(io)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "toml") && p.is_file())
        .collect();
    names.sort();
    if names.is_empty() {
        return Err(IngestError::EmptyPack {
            path: dir.to_path_buf(),
        });
    }
    let mut files = Vec::with_capacity(names.len());
    for path in &names {
        let text = std::fs::read_to_string(path).map_err(|source| IngestError::Io {
            path: path.clone(),
            source,
        })?;
        files.push((path.display().to_string(), text));
    }
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    Ok(Pack::parse(&refs)?)
}
