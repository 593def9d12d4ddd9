//! The manifest: one entry per ingested file, in ingest order. It is the store's table of
//! contents and the recipe `ingest --rebuild` replays.

use serde::{Deserialize, Serialize};

use crate::model::InputKind;
use crate::normalize::dates::DateOrder;

/// Every ingested file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    pub entries: Vec<Entry>,
}

/// One ingested file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub sha256: String,
    pub original_path: String,
    pub kinds: Vec<InputKind>,
    pub tenant: String,
    /// Months the file has rows in.
    pub months: Vec<String>,
    /// The month of its rows that carry no date of their own (all but `usage_days`).
    pub snapshot_month: String,
    /// How that month was chosen: `data`, `batch`, `--month` or `ingest date`.
    pub month_from: String,
    /// What the file is an export of, beyond kind and month (a By product page's offering and
    /// team); a newer file with the same kinds, scope and month replaces it for that month.
    pub scope: String,
    /// Months in which a newer file replaced this one's rows.
    #[serde(default)]
    pub replaced_months: Vec<String>,
    pub rows_read: usize,
    pub accepted: usize,
    pub rejected: usize,
    pub skipped: usize,
    pub ingested_at: String,
    pub tool_version: String,
    /// Store-relative paths.
    pub raw: String,
    pub rejects: Option<String>,
    /// Options the file was read with, so `--rebuild` reads it the same way.
    #[serde(default)]
    pub options: ReadOptions,
    /// Read in batches of this many KiB (a huge Seat Usage CSV): its rows are part files, one
    /// per month; `--rebuild` reads it the same way.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub streamed_batch_kib: Option<usize>,
}

/// The reading options that change what a file yields.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadOptions {
    pub kind: Option<InputKind>,
    pub date_order: Option<DateOrder>,
    pub month: Option<String>,
    /// The `--synonyms` table's text, when one was given.
    pub synonyms: Option<String>,
    /// The `--catalog` file's text, when one was given.
    #[serde(default)]
    pub catalog: Option<String>,
}

impl Manifest {
    /// The entry of a file already ingested for `tenant`.
    pub fn find(&self, sha256: &str, tenant: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.sha256 == sha256 && e.tenant == tenant)
    }

    /// Tenants in the store, sorted.
    pub fn tenants(&self) -> Vec<String> {
        let mut tenants: Vec<String> = self.entries.iter().map(|e| e.tenant.clone()).collect();
        tenants.sort();
        tenants.dedup();
        tenants
    }
}
