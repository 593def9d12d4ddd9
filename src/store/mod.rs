//! The store (SPEC §7): a folder that keeps the history Autodesk deletes after 14 days.
//!
//! ```text
//! STORE/
//!   manifest.json                                   every ingested file (written last: the commit)
//!   raw/<sha256>.<ext>                              the input files, content-addressed
//!   rejects/<sha256>.csv                            each ingested file's rejected rows
//!   tables/tenant=<t>/month=<YYYY-MM>/<table>.parquet   canonical tables, plain Parquet types
//!   journal.json                                    only while an ingest commits (see below)
//!   .lock                                           held (OS advisory lock) by the running command
//! ```
//!
//! Changes are atomic: new Parquet files are written under temporary names; then the list of
//! renames and deletions, and the new manifest, are written to `journal.json` (the commit point);
//! then the journal is applied and removed. A run killed before the journal exists leaves only
//! temporary files, which the next run deletes; a run killed after it is finished by the next
//! run. Every command opening the store takes the lock first, so a second concurrent command gets
//! a clear error instead of a half-written store.

pub mod manifest;
mod read;
mod write;

use std::fs::{File, TryLockError};
use std::path::{Path, PathBuf};

pub use manifest::{Entry, Manifest};
pub use read::{StoreSelection, StoreTables, read_tables};
pub use write::{Batch, BatchFile, IngestOutcome, PartWriter, Reread, StreamedFile, ingest, part_path, rebuild};

use serde::{Deserialize, Serialize};

/// Errors of the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(transparent)]
    Io(#[from] std::io::Error),
    #[error(
        "store {path} is in use by another adsk-audit command\nhint: wait for it to finish; the lock is released when that process exits"
    )]
    Busy { path: String },
    #[error("{path}: {message}")]
    Corrupt { path: String, message: String },
    #[error(transparent)]
    Polars(#[from] polars::prelude::PolarsError),
    #[error("{0}")]
    Invalid(String),
}

/// One step of a commit.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
enum Operation {
    Rename { from: String, to: String },
    Delete { path: String },
}

#[derive(Debug, Serialize, Deserialize)]
struct Journal {
    operations: Vec<Operation>,
    manifest: Manifest,
}

/// An open, locked store.
#[derive(Debug)]
pub struct Store {
    root: PathBuf,
    _lock: File,
}

const JOURNAL: &str = "journal.json";
const MANIFEST: &str = "manifest.json";

/// Test hook: `ADSK_AUDIT_FAIL_AT=<step>` aborts the process at a named step of a commit, the way
/// a power cut or `kill -9` would. Steps: `before-journal`, `after-journal`, `mid-apply`.
fn fail_point(step: &str) {
    if std::env::var("ADSK_AUDIT_FAIL_AT").is_ok_and(|wanted| wanted == step) {
        std::process::abort();
    }
}

impl Store {
    /// Opens (creating if needed) and locks the store at `root`, finishing or undoing any
    /// interrupted commit.
    pub fn open(root: &Path) -> Result<Self, StoreError> {
        fs_err::create_dir_all(root)?;
        let lock = fs_err::OpenOptions::new().create(true).truncate(false).write(true).open(root.join(".lock"))?;
        let lock = lock.into_parts().0;
        match lock.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => return Err(StoreError::Busy { path: root.display().to_string() }),
            Err(TryLockError::Error(error)) => return Err(StoreError::Io(error)),
        }
        let store = Self { root: root.to_path_buf(), _lock: lock };
        store.recover()?;
        Ok(store)
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    fn path(&self, relative: &str) -> PathBuf {
        self.root.join(relative)
    }

    /// The manifest (empty for a new store).
    pub fn manifest(&self) -> Result<Manifest, StoreError> {
        let path = self.path(MANIFEST);
        if !path.exists() {
            return Ok(Manifest::default());
        }
        let text = fs_err::read_to_string(&path)?;
        serde_json::from_str(&text)
            .map_err(|e| StoreError::Corrupt { path: path.display().to_string(), message: e.to_string() })
    }

    fn recover(&self) -> Result<(), StoreError> {
        let journal = self.path(JOURNAL);
        if journal.exists() {
            let text = fs_err::read_to_string(&journal)?;
            let journal: Journal = serde_json::from_str(&text)
                .map_err(|e| StoreError::Corrupt { path: JOURNAL.to_owned(), message: e.to_string() })?;
            self.apply(&journal)?;
        }
        remove_temporaries(&self.root)?;
        Ok(())
    }

    /// Commits: journal first (the commit point), then renames and deletions, then the manifest.
    fn commit(&self, operations: Vec<Operation>, manifest: Manifest) -> Result<(), StoreError> {
        let journal = Journal { operations, manifest };
        fail_point("before-journal");
        let text = serde_json::to_string_pretty(&journal).map_err(|e| StoreError::Invalid(e.to_string()))?;
        write_atomically(&self.path(JOURNAL), text.as_bytes())?;
        fail_point("after-journal");
        self.apply(&journal)
    }

    fn apply(&self, journal: &Journal) -> Result<(), StoreError> {
        for (index, operation) in journal.operations.iter().enumerate() {
            if index == journal.operations.len() / 2 {
                fail_point("mid-apply");
            }
            match operation {
                // A rename already done by an interrupted run has no source left: skip it.
                Operation::Rename { from, to } => {
                    let (from, to) = (self.path(from), self.path(to));
                    if from.exists() {
                        if let Some(parent) = to.parent() {
                            fs_err::create_dir_all(parent)?;
                        }
                        fs_err::rename(from, to)?;
                    }
                }
                Operation::Delete { path } => {
                    let path = self.path(path);
                    if path.exists() {
                        fs_err::remove_file(path)?;
                    }
                }
            }
        }
        let text = serde_json::to_string_pretty(&journal.manifest).map_err(|e| StoreError::Invalid(e.to_string()))?;
        write_atomically(&self.path(MANIFEST), text.as_bytes())?;
        fs_err::remove_file(self.path(JOURNAL))?;
        Ok(())
    }
}

/// Temporary files end in `.tmp`; none survives a finished command.
fn remove_temporaries(folder: &Path) -> std::io::Result<()> {
    for entry in fs_err::read_dir(folder)? {
        let entry = entry?;
        let path = entry.path();
        if entry.file_type()?.is_dir() {
            remove_temporaries(&path)?;
        } else if path.extension().is_some_and(|e| e == "tmp") {
            fs_err::remove_file(&path)?;
        }
    }
    Ok(())
}

/// Writes `bytes` to a temporary sibling, syncs it, and renames it over `path`.
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    crate::export::atomic_write(path, |out| out.write_all(bytes))
}

/// A tenant name, checked: it becomes a folder name.
pub fn check_tenant(tenant: &str) -> Result<(), StoreError> {
    let bad = tenant.is_empty()
        || tenant == "."
        || tenant == ".."
        || tenant
            .chars()
            .any(|c| c.is_control() || matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' | '='));
    if bad {
        return Err(StoreError::Invalid(format!(
            "tenant `{}` is not a safe folder name\nhint: use letters, digits, `-`, `_` or `.`",
            tenant.escape_debug()
        )));
    }
    Ok(())
}

/// The default store folder: the platform's data directory.
pub fn default_root() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "adsk-audit").map(|dirs| dirs.data_dir().join("store"))
}
