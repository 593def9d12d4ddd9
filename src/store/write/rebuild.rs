//! Rebuilding the store from its raw files, replaying the manifest.

use std::collections::HashMap;

use super::super::manifest::{Entry, Manifest};
use super::super::{Store, StoreError};
use super::{BatchFile, Ingest, IngestOutcome, StreamedFile, partitions_on_disk};

/// A raw file read again for a rebuild: whole, or streamed as it was first ingested.
#[derive(Debug)]
pub enum Reread {
    Whole(BatchFile),
    Streamed(StreamedFile),
}

/// Re-derives every table from the raw files, replaying the manifest in order. `reread` reads
/// one entry's raw file the way it was first read.
pub fn rebuild(
    store: &Store,
    mut reread: impl FnMut(&Entry) -> Result<Reread, StoreError>,
) -> Result<IngestOutcome, StoreError> {
    let old = store.manifest()?;
    let existing = partitions_on_disk(store)?;
    let mut ingest = Ingest::new(store, Manifest::default(), true);
    // Where each ingest run's files start in the manifest.
    let mut run_starts: HashMap<&str, usize> = HashMap::new();
    for (index, entry) in old.entries.iter().enumerate() {
        run_starts.entry(entry.ingested_at.as_str()).or_insert(index);
    }
    for entry in &old.entries {
        // Replayed one by one, in order, so replacements happen as they first did. Files that
        // were ingested together were not replaced by each other then and are not now.
        ingest.batch_start = run_starts.get(entry.ingested_at.as_str()).copied().unwrap_or(0);
        match reread(entry)? {
            Reread::Whole(mut file) => {
                file.options.month = Some(entry.snapshot_month.clone());
                file.ingested_at = Some(entry.ingested_at.clone());
                ingest.add_file(file, None, &entry.ingested_at, false)?;
            }
            Reread::Streamed(mut file) => {
                file.options.month = Some(entry.snapshot_month.clone());
                file.ingested_at = Some(entry.ingested_at.clone());
                ingest.add_streamed(file, &entry.ingested_at, false)?;
            }
        }
        if let Some(added) = ingest.manifest.entries.last_mut() {
            // The month came from the original ingest, not from a --month flag.
            added.month_from.clone_from(&entry.month_from);
            added.options.month.clone_from(&entry.options.month);
        }
    }
    ingest.outcome.replaced.clear();
    ingest.finish(&existing)
}
