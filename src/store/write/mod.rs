//! Ingesting into the store, and rebuilding it from its raw files.
//!
//! Months: `usage_days` and `checkouts` rows go to the month of their `day` (undated ones to the
//! snapshot month); every other row goes to its file's
//! snapshot month: `--month`, else the newest `last_accessed` of a Usage Report ("data"), else the
//! newest usage month among the files ingested together for the tenant ("batch"), else the
//! current month ("ingest date").
//!
//! Replacement: a newer file with the same kinds and scope as an older one replaces the older
//! one's rows in every month both cover; the manifest keeps both and records the replaced months.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate};
use polars::prelude::*;

use super::manifest::{Entry, Manifest, ReadOptions};
use super::{Operation, Store, StoreError};
use crate::ingest::FileReport;
use crate::model::{InputKind, Table};

mod parts;
mod rebuild;
pub use parts::{PartWriter, StreamedFile, part_path};
pub use rebuild::{Reread, rebuild};

/// A file read and ready to store.
#[derive(Debug)]
pub struct BatchFile {
    pub report: FileReport,
    pub bytes: Vec<u8>,
    pub frames: BTreeMap<Table, DataFrame>,
    pub options: ReadOptions,
    /// Kept from the original entry when rebuilding.
    pub ingested_at: Option<String>,
}

/// Files to ingest together, in order.
#[derive(Debug, Default)]
pub struct Batch {
    pub files: Vec<BatchFile>,
    pub streamed: Vec<StreamedFile>,
}

/// What an ingest did.
#[derive(Debug, Default)]
pub struct IngestOutcome {
    /// (path, months) of each file added.
    pub added: Vec<(String, Vec<String>)>,
    /// (path, earlier entry's path) of files already in the store.
    pub already: Vec<(String, String)>,
    /// (older path, month, newer path).
    pub replaced: Vec<(String, String, String)>,
    pub partitions_written: usize,
}

type Key = (String, String, Table);

/// The partitions an ingest changes, loaded from disk on first touch.
struct Pending<'s> {
    store: &'s Store,
    frames: BTreeMap<Key, DataFrame>,
    /// Start from nothing instead of the files on disk (rebuild).
    fresh: bool,
}

fn partition_path(tenant: &str, month: &str, table: Table) -> String {
    format!("tables/tenant={tenant}/month={month}/{}.parquet", table.name())
}

impl Pending<'_> {
    fn frame(&mut self, key: &Key) -> Result<&mut DataFrame, StoreError> {
        if !self.frames.contains_key(key) {
            let path = self.store.path(&partition_path(&key.0, &key.1, key.2));
            let frame = if !self.fresh && path.exists() {
                ParquetReader::new(fs_err::File::open(&path)?.into_parts().0).finish()?
            } else {
                key.2.empty_frame()
            };
            self.frames.insert(key.clone(), frame);
        }
        // Inserted just above when missing.
        self.frames.get_mut(key).ok_or_else(|| StoreError::Invalid("partition vanished".into()))
    }

    /// Drops the rows of `sha256` from every table of a tenant's month.
    fn drop_file(&mut self, tenant: &str, month: &str, sha256: &str) -> Result<(), StoreError> {
        for table in Table::ALL {
            let key = (tenant.to_owned(), month.to_owned(), *table);
            let frame = self.frame(&key)?;
            let keep = frame.column("source_sha256")?.str()?.not_equal(sha256);
            *frame = frame.filter(&keep)?;
        }
        Ok(())
    }

    fn add(&mut self, key: &Key, rows: &DataFrame) -> Result<(), StoreError> {
        self.frame(key)?.vstack_mut(rows)?;
        Ok(())
    }
}

fn month_of(date: NaiveDate) -> String {
    format!("{:04}-{:02}", date.year(), date.month())
}

fn epoch() -> NaiveDate {
    NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default()
}

/// The newest date in a Date column, if any.
fn newest(frame: Option<&DataFrame>, column: &str) -> Option<NaiveDate> {
    let days = frame?.column(column).ok()?.cast(&DataType::Int32).ok()?;
    let newest = days.i32().ok()?.max()?;
    epoch().checked_add_signed(chrono::Duration::days(i64::from(newest)))
}

/// The month of a file's own dated rows (Usage Report `last_accessed`, Seat Usage days).
fn data_month(file: &BatchFile) -> Option<String> {
    newest(file.frames.get(&Table::UsageSummary), "last_accessed")
        .or_else(|| newest(file.frames.get(&Table::UsageDays), "day"))
        .map(month_of)
}

fn kinds(report: &FileReport) -> Vec<InputKind> {
    let mut kinds: Vec<InputKind> = report.parts.iter().map(|p| p.kind).collect();
    kinds.sort();
    kinds.dedup();
    kinds
}

/// What a file is an export of, beyond its kind: a By product page's offering and team, else
/// the teams, machines and licence servers its rows are about (an export filtered to one team
/// does not replace another team's; a scan of one machine does not replace another machine's).
fn scope(report: &FileReport, frames: &BTreeMap<Table, DataFrame>) -> String {
    if let Some(page) = report.parts.iter().find_map(|p| p.page.as_ref()) {
        let offering = page.offering.as_ref().map_or("", |f| f.value.as_str());
        let team = page.team.as_ref().map_or("", |f| f.value.as_str());
        return format!("{offering} | {team}");
    }
    let values = |column: &str| {
        let mut found = BTreeSet::new();
        for frame in frames.values() {
            if let Ok(values) = frame.column(column).and_then(|c| c.str().cloned()) {
                found.extend(values.iter().flatten().map(str::to_owned));
            }
        }
        found.into_iter().collect::<Vec<_>>().join(", ")
    };
    format!("teams: {}; machines: {}; servers: {}", values("team"), values("machine_key"), values("server"))
}

/// Splits a table's rows by month.
fn by_month(table: Table, frame: &DataFrame, snapshot_month: &str) -> Result<Vec<(String, DataFrame)>, StoreError> {
    if !table.is_history() {
        return Ok(vec![(snapshot_month.to_owned(), frame.clone())]);
    }
    let days = frame.column("day")?.cast(&DataType::Int32)?;
    let months: Vec<String> = days
        .i32()?
        .iter()
        .map(|d| {
            d.and_then(|d| epoch().checked_add_signed(chrono::Duration::days(i64::from(d))))
                .map_or_else(|| snapshot_month.to_owned(), month_of)
        })
        .collect();
    let mut split = Vec::new();
    let distinct: BTreeSet<&String> = months.iter().collect();
    for month in distinct {
        let mask: BooleanChunked = months.iter().map(|m| m == month).collect();
        split.push((month.clone(), frame.filter(&mask)?));
    }
    Ok(split)
}

fn rejects_csv(report: &FileReport) -> Result<Vec<u8>, StoreError> {
    let mut bytes = Vec::new();
    crate::export::write_rejects(&mut bytes, report.parts.iter().flat_map(|p| &p.rejects))?;
    Ok(bytes)
}

/// Writes bytes to `relative.<id>.tmp` and returns the rename that puts them in place.
fn stage(store: &Store, relative: &str, bytes: &[u8]) -> Result<Operation, StoreError> {
    let temporary = format!("{relative}.{}.tmp", std::process::id());
    let path = store.path(&temporary);
    if let Some(parent) = path.parent() {
        fs_err::create_dir_all(parent)?;
    }
    let mut file = fs_err::File::create(&path)?;
    std::io::Write::write_all(&mut file, bytes)?;
    // Synced together in `sync_staged`, once everything is written: one file's fsync then flushes
    // the others' data too (measured: per-file fsyncs made the 30,000-scan ingest mostly sys time).
    Ok(Operation::Rename { from: temporary, to: relative.to_owned() })
}

/// Makes every staged file durable before the journal (the commit point) is written.
fn sync_staged(store: &Store, operations: &[Operation]) -> Result<(), StoreError> {
    for operation in operations {
        if let Operation::Rename { from, .. } = operation {
            fs_err::File::open(store.path(from))?.sync_all()?;
        }
    }
    Ok(())
}

fn stage_frame(store: &Store, relative: &str, frame: &mut DataFrame) -> Result<Operation, StoreError> {
    let mut bytes = Vec::new();
    ParquetWriter::new(&mut bytes).with_statistics(StatisticsOptions::full()).finish(frame)?;
    stage(store, relative, &bytes)
}

/// Where an added file's rows went and what of it the store keeps.
struct Placed {
    kinds: Vec<InputKind>,
    scope: String,
    months: BTreeSet<String>,
    snapshot_month: String,
    month_from: &'static str,
    raw: String,
    rejects: Option<String>,
}

/// What an added file carries over from how it was read.
struct Kept {
    options: ReadOptions,
    ingested_at: Option<String>,
    streamed_batch_kib: Option<usize>,
}

struct Ingest<'s> {
    store: &'s Store,
    manifest: Manifest,
    pending: Pending<'s>,
    operations: Vec<Operation>,
    outcome: IngestOutcome,
    /// Entries before this index come from earlier ingests; files ingested together never
    /// replace each other.
    batch_start: usize,
    /// Part files this ingest puts in place (streamed files).
    parts: BTreeSet<String>,
}

impl<'s> Ingest<'s> {
    fn new(store: &'s Store, manifest: Manifest, fresh: bool) -> Self {
        Self {
            store,
            batch_start: manifest.entries.len(),
            manifest,
            pending: Pending { store, frames: BTreeMap::new(), fresh },
            operations: Vec::new(),
            outcome: IngestOutcome::default(),
            parts: BTreeSet::new(),
        }
    }

    /// Older files of the same tenant, kinds and scope lose their rows in `months`.
    fn replace_older(
        &mut self,
        tenant: &str,
        kinds: &[InputKind],
        scope: &str,
        months: &BTreeSet<String>,
        newer: &str,
    ) -> Result<(), StoreError> {
        let batch_start = self.batch_start;
        for older in &mut self.manifest.entries[..batch_start] {
            if older.tenant != tenant || older.kinds != kinds || older.scope != scope {
                continue;
            }
            for month in older
                .months
                .iter()
                .filter(|m| months.contains(*m) && !older.replaced_months.contains(m))
                .cloned()
                .collect::<Vec<_>>()
            {
                self.pending.drop_file(tenant, &month, &older.sha256)?;
                for table in Table::ALL.iter().filter(|t| t.is_history()) {
                    let part = part_path(tenant, &month, *table, &older.sha256);
                    if self.parts.remove(&part) || self.store.path(&part).exists() {
                        self.operations.push(Operation::Delete { path: part });
                    }
                }
                self.outcome.replaced.push((older.original_path.clone(), month.clone(), newer.to_owned()));
                older.replaced_months.push(month);
            }
        }
        Ok(())
    }

    /// Adds a streamed file: its staged parts go in place at commit.
    fn add_streamed(&mut self, file: StreamedFile, now: &str, stage_raw: bool) -> Result<(), StoreError> {
        let tenant = file.report.tenant.clone();
        let sha = file.report.sha256.clone();
        let months: BTreeSet<String> = file.parts.keys().cloned().collect();
        let kinds = kinds(&file.report);
        let teams: Vec<String> = file.teams.iter().cloned().collect();
        let scope = format!("teams: {}; machines: ; servers: ", teams.join(", "));
        self.replace_older(&tenant, &kinds, &scope, &months, &file.report.path)?;
        for (month, temporary) in &file.parts {
            let to = part_path(&tenant, month, Table::UsageDays, &sha);
            self.operations.push(Operation::Rename { from: temporary.clone(), to: to.clone() });
            self.parts.insert(to);
        }
        let raw = format!("raw/{sha}");
        if stage_raw && !self.store.path(&raw).exists() {
            let temporary = format!("{raw}.{}.tmp", std::process::id());
            if let Some(parent) = self.store.path(&temporary).parent() {
                fs_err::create_dir_all(parent)?;
            }
            fs_err::copy(&file.source, self.store.path(&temporary))?;
            self.operations.push(Operation::Rename { from: temporary, to: raw.clone() });
        }
        let rejects = file.rejects.as_ref().map(|temporary| {
            let relative = format!("rejects/{sha}.csv");
            self.operations.push(Operation::Rename { from: temporary.clone(), to: relative.clone() });
            relative
        });
        let snapshot_month =
            file.options.month.clone().or_else(|| months.last().cloned()).unwrap_or_else(|| now[..7].to_owned());
        let month_from = if file.options.month.is_some() { "--month" } else { "data" };
        let placed = Placed { kinds, scope, months, snapshot_month, month_from, raw, rejects };
        let kept =
            Kept { options: file.options, ingested_at: file.ingested_at, streamed_batch_kib: Some(file.batch_kib) };
        self.record(&file.report, placed, kept, now);
        Ok(())
    }

    fn add_file(
        &mut self,
        file: BatchFile,
        batch_month: Option<&String>,
        now: &str,
        stage_raw: bool,
    ) -> Result<(), StoreError> {
        let tenant = file.report.tenant.clone();
        let (snapshot_month, month_from) = match (&file.options.month, data_month(&file), batch_month) {
            (Some(month), _, _) => (month.clone(), "--month"),
            (None, Some(month), _) if file.frames.contains_key(&Table::UsageSummary) => (month, "data"),
            (None, _, Some(month)) => (month.clone(), "batch"),
            (None, Some(month), None) => (month, "data"),
            (None, None, None) => (now[..7].to_owned(), "ingest date"),
        };
        let mut months = BTreeSet::new();
        let mut rows: Vec<(Key, DataFrame)> = Vec::new();
        for (table, frame) in &file.frames {
            for (month, part) in by_month(*table, frame, &snapshot_month)? {
                if part.height() > 0 {
                    months.insert(month.clone());
                    rows.push(((tenant.clone(), month, *table), part));
                }
            }
        }
        let (kinds, scope) = (kinds(&file.report), scope(&file.report, &file.frames));
        self.replace_older(&tenant, &kinds, &scope, &months, &file.report.path)?;
        for (key, part) in &rows {
            self.pending.add(key, part)?;
        }
        let sha = file.report.sha256.clone();
        let raw = format!("raw/{sha}");
        if stage_raw && !self.store.path(&raw).exists() {
            self.operations.push(stage(self.store, &raw, &file.bytes)?);
        }
        let rejected = file.report.rejected();
        let rejects = (rejected > 0).then(|| format!("rejects/{sha}.csv"));
        if let Some(relative) = &rejects {
            self.operations.push(stage(self.store, relative, &rejects_csv(&file.report)?)?);
        }
        let placed = Placed { kinds, scope, months, snapshot_month, month_from, raw, rejects };
        let kept = Kept { options: file.options, ingested_at: file.ingested_at, streamed_batch_kib: None };
        self.record(&file.report, placed, kept, now);
        Ok(())
    }

    /// Records an added file in the manifest and the outcome; counts and names come from its report.
    fn record(&mut self, report: &FileReport, placed: Placed, kept: Kept, now: &str) {
        let months: Vec<String> = placed.months.into_iter().collect();
        self.outcome.added.push((report.path.clone(), months.clone()));
        self.manifest.entries.push(Entry {
            sha256: report.sha256.clone(),
            original_path: report.path.clone(),
            kinds: placed.kinds,
            tenant: report.tenant.clone(),
            months,
            snapshot_month: placed.snapshot_month,
            month_from: placed.month_from.to_owned(),
            scope: placed.scope,
            replaced_months: Vec::new(),
            rows_read: report.rows_read(),
            accepted: report.accepted(),
            rejected: report.rejected(),
            skipped: report.skipped_rows(),
            ingested_at: kept.ingested_at.unwrap_or_else(|| now.to_owned()),
            tool_version: env!("CARGO_PKG_VERSION").to_owned(),
            raw: placed.raw,
            rejects: placed.rejects,
            options: kept.options,
            streamed_batch_kib: kept.streamed_batch_kib,
        });
    }

    fn finish(mut self, existing: &BTreeSet<String>) -> Result<IngestOutcome, StoreError> {
        let mut written = BTreeSet::new();
        for ((tenant, month, table), frame) in &mut self.pending.frames {
            let relative = partition_path(tenant, month, *table);
            if frame.height() == 0 {
                if existing.contains(&relative) {
                    self.operations.push(Operation::Delete { path: relative });
                }
                continue;
            }
            frame.rechunk_mut();
            self.operations.push(stage_frame(self.store, &relative, frame)?);
            written.insert(relative);
        }
        self.outcome.partitions_written = written.len() + self.parts.len();
        written.extend(self.parts.iter().cloned());
        if self.pending.fresh {
            for stale in existing.difference(&written) {
                self.operations.push(Operation::Delete { path: stale.clone() });
            }
        }
        sync_staged(self.store, &self.operations)?;
        self.store.commit(self.operations, self.manifest)?;
        Ok(self.outcome)
    }
}

/// The newest usage month per tenant among a batch's files.
fn batch_months(batch: &Batch) -> BTreeMap<String, String> {
    let mut months: BTreeMap<String, String> = BTreeMap::new();
    for file in &batch.files {
        if let Some(month) = data_month(file) {
            let entry = months.entry(file.report.tenant.clone()).or_default();
            if month > *entry {
                *entry = month;
            }
        }
    }
    for file in &batch.streamed {
        if let Some(month) = file.parts.keys().next_back() {
            let entry = months.entry(file.report.tenant.clone()).or_default();
            if *month > *entry {
                entry.clone_from(month);
            }
        }
    }
    months
}

/// Partition files currently on disk, store-relative.
fn partitions_on_disk(store: &Store) -> Result<BTreeSet<String>, StoreError> {
    let mut found = BTreeSet::new();
    let root = store.path("tables");
    if !root.exists() {
        return Ok(found);
    }
    let mut stack = vec![root];
    while let Some(folder) = stack.pop() {
        for entry in fs_err::read_dir(&folder)? {
            let path = entry?.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "parquet") {
                let relative = path.strip_prefix(store.root()).unwrap_or(&path);
                found.insert(relative.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    Ok(found)
}

/// Adds a batch of new files to the store in one atomic commit. Files already in the manifest
/// (same content, same tenant) are left out and reported.
pub fn ingest(store: &Store, batch: Batch, now: &str) -> Result<IngestOutcome, StoreError> {
    let manifest = store.manifest()?;
    let months = batch_months(&batch);
    let existing = partitions_on_disk(store)?;
    let mut ingest = Ingest::new(store, manifest, false);
    for file in batch.streamed {
        if let Some(entry) = ingest.manifest.find(&file.report.sha256, &file.report.tenant) {
            ingest.outcome.already.push((file.report.path.clone(), entry.original_path.clone()));
            file.discard(store)?;
            continue;
        }
        ingest.add_streamed(file, now, true)?;
    }
    for file in batch.files {
        if let Some(entry) = ingest.manifest.find(&file.report.sha256, &file.report.tenant) {
            ingest.outcome.already.push((file.report.path.clone(), entry.original_path.clone()));
            continue;
        }
        let month = months.get(&file.report.tenant);
        ingest.add_file(file, month, now, true)?;
    }
    if ingest.outcome.added.is_empty() {
        return Ok(ingest.outcome);
    }
    ingest.finish(&existing)
}
