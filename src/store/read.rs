//! Reading canonical tables out of the store for one tenant as of one month.
//!
//! `usage_days` is history: every month up to the chosen one. Every other table is a snapshot:
//! the newest month, up to the chosen one, that has it (a Users export from November still
//! describes December until a newer one arrives).

use std::collections::BTreeMap;

use polars::prelude::*;

use super::{Store, StoreError};
use crate::model::Table;

/// Which tenant and month to read.
#[derive(Debug, Clone, Default)]
pub struct StoreSelection {
    pub tenant: Option<String>,
    /// `YYYY-MM`; the newest month in the store when absent.
    pub month: Option<String>,
}

/// The tables read, lazily, with the tenant and month they are for.
pub struct StoreTables {
    pub tenant: String,
    pub month: String,
    pub tables: BTreeMap<Table, LazyFrame>,
}

fn months_of(store: &Store, tenant: &str) -> Result<Vec<String>, StoreError> {
    let folder = store.path(&format!("tables/tenant={tenant}"));
    let mut months = Vec::new();
    if folder.exists() {
        for entry in fs_err::read_dir(&folder)? {
            let name = entry?.file_name().to_string_lossy().into_owned();
            if let Some(month) = name.strip_prefix("month=") {
                months.push(month.to_owned());
            }
        }
    }
    months.sort();
    Ok(months)
}

/// Reads one partition, eagerly: polars 0.55's lazy `scan_parquet`/`concat` plans fail
/// `COUNT(*)` with a "casting from `UInt32` to `UInt128` not supported" error; a partition is one month.
fn read_partition(path: &std::path::Path) -> Result<DataFrame, StoreError> {
    let file = fs_err::File::open(path)?.into_parts().0;
    Ok(ParquetReader::new(file).finish()?)
}

/// A history table's part files for one month (streamed files), in ingest order.
fn parts(
    store: &Store,
    tenant: &str,
    month: &str,
    table: Table,
    order: &[String],
) -> Result<Vec<std::path::PathBuf>, StoreError> {
    let folder = store.path(&format!("tables/tenant={tenant}/month={month}/{}", table.name()));
    if !folder.is_dir() {
        return Ok(Vec::new());
    }
    let mut found = Vec::new();
    for entry in fs_err::read_dir(&folder)? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "parquet") {
            let sha = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
            found.push((order.iter().position(|o| *o == sha).unwrap_or(usize::MAX), sha, path));
        }
    }
    found.sort();
    Ok(found.into_iter().map(|(_, _, path)| path).collect())
}

/// Reads every canonical table for the selection.
pub fn read_tables(store: &Store, selection: &StoreSelection) -> Result<StoreTables, StoreError> {
    let tenants = store.manifest()?.tenants();
    let tenant = match (&selection.tenant, tenants.as_slice()) {
        (Some(tenant), _) if tenants.contains(tenant) => tenant.clone(),
        (Some(tenant), _) => {
            return Err(StoreError::Invalid(format!(
                "tenant `{tenant}` is not in store {}\nhint: it holds {}",
                store.root().display(),
                if tenants.is_empty() { "no tenant yet".to_owned() } else { tenants.join(", ") }
            )));
        }
        (None, [only]) => only.clone(),
        (None, []) => {
            return Err(StoreError::Invalid(format!(
                "store {} is empty\nhint: run `adsk-audit ingest PATH --store {}` first",
                store.root().display(),
                store.root().display()
            )));
        }
        (None, many) => {
            return Err(StoreError::Invalid(format!(
                "store {} holds several tenants ({})\nhint: pass --tenant",
                store.root().display(),
                many.join(", ")
            )));
        }
    };
    let months = months_of(store, &tenant)?;
    let month = match &selection.month {
        Some(month) => month.clone(),
        None => months.last().cloned().unwrap_or_default(),
    };
    let order: Vec<String> = store.manifest()?.entries.into_iter().map(|e| e.sha256).collect();
    let mut tables = BTreeMap::new();
    for table in Table::ALL {
        let path_for = |m: &String| store.path(&format!("tables/tenant={tenant}/month={m}/{}.parquet", table.name()));
        let mut frame = table.empty_frame();
        if table.is_history() {
            for month in months.iter().filter(|m| **m <= month) {
                if path_for(month).exists() {
                    frame.vstack_mut_owned(read_partition(&path_for(month))?)?;
                }
                for part in parts(store, &tenant, month, *table, &order)? {
                    frame.vstack_mut_owned(read_partition(&part)?)?;
                }
            }
        } else if let Some(month) = months.iter().rfind(|m| **m <= month && path_for(m).exists()) {
            frame.vstack_mut_owned(read_partition(&path_for(month))?)?;
        }
        frame.rechunk_mut();
        tables.insert(*table, frame.lazy());
    }
    Ok(StoreTables { tenant, month, tables })
}
