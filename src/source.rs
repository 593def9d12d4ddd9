//! Where canonical tables come from: input files read directly (nothing written), or the store.
//! [`load`] is the one function every analytical command uses, so nothing downstream cares which.

use std::collections::BTreeMap;
use std::path::PathBuf;

use polars::prelude::{IntoLazy, LazyFrame};

use crate::ingest::{FileReport, Options, read_paths};
use crate::model::Table;
use crate::store::{Store, StoreError, StoreSelection, read_tables};

/// A source of canonical tables.
#[allow(clippy::large_enum_variant)] // built once per command; boxing would only add noise
pub enum Source {
    Paths { paths: Vec<PathBuf>, options: Options },
    Store { root: PathBuf, selection: StoreSelection },
}

/// The canonical tables, lazily, and what was read to get them.
pub struct Loaded {
    pub tables: BTreeMap<Table, LazyFrame>,
    /// Reports of the files read (empty for the store).
    pub files: Vec<FileReport>,
    /// `tenant @ month` for the store, the paths otherwise.
    pub description: String,
}

/// Why a source could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    #[error("{0}")]
    Paths(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Loads every canonical table from a source; inventory installs are merged into scans
/// ([`crate::resolve::merge_installs`]).
pub fn load(source: &Source) -> Result<Loaded, SourceError> {
    let mut loaded = load_raw(source)?;
    if let Some(installs) = loaded.tables.remove(&Table::Installs) {
        // Collected: polars 0.55 fails `COUNT(*)` over a union plan ("casting from UInt32 to
        // UInt128 not supported"), and every rule reads the merged rows anyway.
        let merged = crate::resolve::merge_installs(installs)
            .and_then(LazyFrame::collect)
            .map_err(|e| SourceError::Paths(e.to_string()))?;
        loaded.tables.insert(Table::Installs, merged.lazy());
    }
    Ok(loaded)
}

fn load_raw(source: &Source) -> Result<Loaded, SourceError> {
    match source {
        Source::Paths { paths, options } => {
            let inputs = read_paths(paths, options).map_err(SourceError::Paths)?;
            let tables = Table::ALL.iter().map(|t| (*t, inputs.frame(*t).lazy())).collect();
            let description = paths.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(" ");
            Ok(Loaded { tables, files: inputs.files, description })
        }
        Source::Store { root, selection } => {
            let store = Store::open(root)?;
            let read = read_tables(&store, selection)?;
            let description = format!("store {} · tenant {} · month {}", root.display(), read.tenant, read.month);
            Ok(Loaded { tables: read.tables, files: Vec::new(), description })
        }
    }
}
