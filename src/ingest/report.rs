//! What reading inputs reports: per file, per table read, and all files together.

use std::collections::BTreeMap;

use polars::prelude::DataFrame;
use serde::Serialize;

use super::detect::Score;
use crate::model::{Field, InputKind, Table};
use crate::normalize::dates::DateOrder;
use crate::normalize::{PageInfo, Reject};

/// One header column and what it was understood as.
#[derive(Debug, Clone, Serialize)]
pub struct ColumnMapping {
    pub header: String,
    pub field: Option<Field>,
}

/// One table read from a file (a CSV file, a worksheet, an HTML table).
#[derive(Debug, Serialize)]
pub struct PartReport {
    /// `sheet Usage`, `table 2`, or empty for a plain text file.
    pub origin: String,
    pub kind: InputKind,
    /// `detected` or `--kind`.
    pub kind_from: &'static str,
    pub confidence: f64,
    pub runner_up: Option<Score>,
    pub header_line: u64,
    pub columns: Vec<ColumnMapping>,
    pub unknown_columns: Vec<String>,
    /// Read column-wise (a large Seat Usage CSV) rather than row by row.
    pub columnar: bool,
    pub rows_read: usize,
    pub accepted: usize,
    pub rejected: usize,
    pub skipped: usize,
    pub date_order: Option<DateOrder>,
    pub date_order_from: Option<&'static str>,
    pub page: Option<PageInfo>,
    /// Whether there was page text to search (a saved page, or rows above a pasted header).
    #[serde(skip)]
    pub page_searched: bool,
    pub tables: BTreeMap<Table, usize>,
    pub rejects: Vec<Reject>,
    pub skipped_rows: Vec<SkippedRow>,
}

/// A row that holds no data by the format's own rules (a label row in a pasted page).
#[derive(Debug, Clone, Serialize)]
pub struct SkippedRow {
    pub line: u64,
    pub reason: String,
}

/// Everything that happened to one file.
#[derive(Debug, Serialize)]
pub struct FileReport {
    pub path: String,
    /// SHA-256 of the file's bytes (empty when it could not be read).
    pub sha256: String,
    pub tenant: String,
    /// `CSV (UTF-8, comma)`, `workbook`, `HTML (UTF-8)`.
    pub format: String,
    pub parts: Vec<PartReport>,
    /// Worksheets or page tables that hold no recognised table, with why.
    pub ignored: Vec<String>,
    /// Why the file was not read at all (an error: exit 2).
    pub error: Option<String>,
    /// Why a file found in a folder was passed over (not an error).
    pub skipped: Option<String>,
}

impl FileReport {
    pub(super) fn new(path: &str, sha256: String, tenant: &str) -> Self {
        Self {
            path: path.to_owned(),
            sha256,
            tenant: tenant.to_owned(),
            format: String::new(),
            parts: Vec::new(),
            ignored: Vec::new(),
            error: None,
            skipped: None,
        }
    }

    pub fn rows_read(&self) -> usize {
        self.parts.iter().map(|p| p.rows_read).sum()
    }
    pub fn accepted(&self) -> usize {
        self.parts.iter().map(|p| p.accepted).sum()
    }
    pub fn rejected(&self) -> usize {
        self.parts.iter().map(|p| p.rejected).sum()
    }
    pub fn skipped_rows(&self) -> usize {
        self.parts.iter().map(|p| p.skipped).sum()
    }
}

/// All inputs read: reports per file and the canonical frames, concatenated per table.
#[derive(Debug, Default)]
pub struct Inputs {
    pub files: Vec<FileReport>,
    pub frames: BTreeMap<Table, DataFrame>,
}

impl Inputs {
    pub fn has_errors(&self) -> bool {
        self.files.iter().any(|f| f.error.is_some())
    }
    pub fn rejected(&self) -> usize {
        self.files.iter().map(FileReport::rejected).sum()
    }
    /// A table's frame, empty with the right schema when no input yielded it.
    pub fn frame(&self, table: Table) -> DataFrame {
        self.frames.get(&table).cloned().unwrap_or_else(|| table.empty_frame())
    }
}
