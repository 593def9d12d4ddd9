//! Streamed files in the store: [`PartWriter`] stages a huge Seat Usage CSV's batches as Parquet
//! part files while it is read, and [`StreamedFile`] is what the ingest then puts in place.

use std::collections::{BTreeMap, BTreeSet};

use polars::prelude::*;

use super::super::manifest::ReadOptions;
use super::super::{Store, StoreError};
use super::by_month;
use crate::ingest::FileReport;
use crate::model::Table;

/// A file streamed in batches ([`crate::ingest::stream`]): its rows are already staged as one
/// part file per month under `tables/tenant=T/month=M/usage_days/`, never held in memory.
#[derive(Debug)]
pub struct StreamedFile {
    pub report: FileReport,
    /// Where the file's bytes are (copied to `raw/` on ingest, already there on rebuild).
    pub source: std::path::PathBuf,
    /// Month → staged part file (store-relative).
    pub parts: BTreeMap<String, String>,
    /// Staged rejects CSV (store-relative), when there are rejects.
    pub rejects: Option<String>,
    /// The teams its rows name (its scope, as the ingest finds it for a file read whole).
    pub teams: BTreeSet<String>,
    pub options: ReadOptions,
    pub ingested_at: Option<String>,
    /// The batch size it was read with.
    pub batch_kib: usize,
}

/// Where one file's rows of a history table for one month live when it was streamed.
pub fn part_path(tenant: &str, month: &str, table: Table, sha256: &str) -> String {
    format!("tables/tenant={tenant}/month={month}/{}/{sha256}.parquet", table.name())
}

/// Writes the batches of a streamed file into staged part files, one per month, each a Parquet
/// file of several row groups; memory stays at one batch plus the writers' buffers.
pub struct PartWriter<'s> {
    store: &'s Store,
    tenant: String,
    writers: BTreeMap<String, (polars::io::parquet::write::BatchedWriter<std::fs::File>, String)>,
    rejects: Option<(csv::Writer<std::io::BufWriter<std::fs::File>>, String)>,
    teams: BTreeSet<String>,
}

impl<'s> PartWriter<'s> {
    pub fn new(store: &'s Store, tenant: &str) -> Self {
        Self { store, tenant: tenant.to_owned(), writers: BTreeMap::new(), rejects: None, teams: BTreeSet::new() }
    }

    fn temporary(&self, relative: &str) -> Result<(std::fs::File, String), StoreError> {
        static COUNTER: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let temporary = format!("{relative}.{}-{n}.tmp", std::process::id());
        let path = self.store.path(&temporary);
        if let Some(parent) = path.parent() {
            fs_err::create_dir_all(parent)?;
        }
        Ok((fs_err::File::create(&path)?.into_parts().0, temporary))
    }

    /// Writes one batch's rows (split by month) and rejects.
    pub fn write(&mut self, rows: Option<&DataFrame>, rejects: &[crate::normalize::Reject]) -> Result<(), StoreError> {
        if let Some(rows) = rows {
            if let Ok(teams) = rows.column("team").and_then(|c| c.str().cloned()) {
                self.teams.extend(teams.iter().flatten().map(str::to_owned));
            }
            for (month, mut part) in by_month(Table::UsageDays, rows, "0000-00")? {
                if !self.writers.contains_key(&month) {
                    let folder =
                        format!("tables/tenant={}/month={month}/{}/part", self.tenant, Table::UsageDays.name());
                    let (file, temporary) = self.temporary(&folder)?;
                    let writer = ParquetWriter::new(file)
                        .with_statistics(StatisticsOptions::full())
                        .batched(&Table::UsageDays.empty_frame().schema().clone())?;
                    self.writers.insert(month.clone(), (writer, temporary));
                }
                if let Some((writer, _)) = self.writers.get_mut(&month) {
                    part.rechunk_mut();
                    writer.write_batch(&part)?;
                }
            }
        }
        if !rejects.is_empty() {
            if self.rejects.is_none() {
                let (file, temporary) = self.temporary("rejects/streamed.csv")?;
                let mut writer =
                    csv::WriterBuilder::new().has_headers(false).from_writer(std::io::BufWriter::new(file));
                writer.write_record(["file", "line", "column", "value", "reason"]).map_err(std::io::Error::other)?;
                self.rejects = Some((writer, temporary));
            }
            if let Some((writer, _)) = &mut self.rejects {
                for reject in rejects {
                    writer.serialize(reject).map_err(std::io::Error::other)?;
                }
            }
        }
        Ok(())
    }

    /// Closes the part files; the file is then ready to go into a [`Batch`].
    pub fn finish(
        self,
        report: FileReport,
        source: std::path::PathBuf,
        options: ReadOptions,
        batch_kib: usize,
    ) -> Result<StreamedFile, StoreError> {
        let mut parts = BTreeMap::new();
        for (month, (writer, temporary)) in self.writers {
            writer.finish()?;
            parts.insert(month, temporary);
        }
        let rejects = match self.rejects {
            Some((mut writer, temporary)) => {
                writer.flush()?;
                Some(temporary)
            }
            None => None,
        };
        Ok(StreamedFile { report, source, parts, rejects, teams: self.teams, options, ingested_at: None, batch_kib })
    }

    /// Removes whatever was staged (the file had an error).
    pub fn discard(self) -> Result<(), StoreError> {
        let mut staged: Vec<String> = self.writers.into_values().map(|(_, temporary)| temporary).collect();
        if let Some((_, temporary)) = self.rejects {
            staged.push(temporary);
        }
        for temporary in &staged {
            fs_err::remove_file(self.store.path(temporary))?;
        }
        Ok(())
    }
}

impl StreamedFile {
    /// Removes its staged files (it turned out to be in the store already).
    pub(super) fn discard(&self, store: &Store) -> Result<(), StoreError> {
        for temporary in self.parts.values().chain(&self.rejects) {
            fs_err::remove_file(store.path(temporary))?;
        }
        Ok(())
    }
}
