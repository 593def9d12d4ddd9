//! `adsk-audit ingest`: files → store.

use std::io::IsTerminal as _;
use std::path::PathBuf;

use anyhow::{Context as _, bail};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::{Exit, ReadTexts, check_tenant, options, summary_line};
use crate::cli::IngestArgs;
use crate::ingest::{self, Options};
use crate::output;
use crate::store::{self, Batch, BatchFile, Entry, IngestOutcome, PartWriter, Reread, Store, StoreError, StreamedFile};

/// The store folder from `--store`, `ADSK_AUDIT_STORE` or the platform default.
pub fn store_root(store: Option<&PathBuf>) -> anyhow::Result<PathBuf> {
    match store {
        Some(path) => Ok(path.clone()),
        None => store::default_root().context("no --store given and no platform data directory found"),
    }
}

fn progress(total_bytes: u64) -> ProgressBar {
    let bar = ProgressBar::with_draw_target(Some(total_bytes), ProgressDrawTarget::stderr());
    if !std::io::stderr().is_terminal() {
        bar.set_draw_target(ProgressDrawTarget::hidden());
    }
    bar.set_style(
        ProgressStyle::with_template("{spinner} {bytes}/{total_bytes} {wide_msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar
}

pub fn run(args: &IngestArgs, quiet: bool) -> anyhow::Result<Exit> {
    let root = store_root(args.store.store.as_ref())?;
    let store = Store::open(&root)?;
    if args.rebuild {
        return rebuild(&store, quiet);
    }
    if args.input.paths.is_empty() {
        bail!("ingest needs at least one PATH (or --rebuild)");
    }
    let (options, texts) = options(&args.input)?;
    let read_options = store::manifest::ReadOptions {
        kind: args.input.kind,
        date_order: args.input.date_order,
        month: args.month.clone(),
        synonyms: texts.synonyms,
        catalog: texts.catalog,
    };
    let files = ingest::expand(&args.input.paths, args.input.tenant.as_deref()).map_err(anyhow::Error::msg)?;
    let manifest = store.manifest()?;
    let total: u64 = files.iter().filter_map(|(path, _, _)| fs_err::metadata(path).ok()).map(|m| m.len()).sum();
    let bar = progress(total);
    let (mut batch, mut errors, mut rejected) = (Batch::default(), 0usize, 0usize);
    let mut compacted = 0;
    let known: std::collections::HashMap<(&str, &str), &Entry> =
        manifest.entries.iter().map(|e| ((e.sha256.as_str(), e.tenant.as_str()), e)).collect();
    let stream_bytes = args.input.stream_mb.saturating_mul(1_048_576);
    // Files are read on every core; what follows sees them one at a time, in order.
    let load = |(path, tenant, explicit): (PathBuf, String, bool)| -> anyhow::Result<Loaded> {
        check_tenant(&tenant).with_context(|| format!("tenant of {}", path.display()))?;
        let size = if path.is_dir() { 0 } else { fs_err::metadata(&path)?.len() };
        if size > 0 && size >= stream_bytes {
            return Ok(Loaded::Huge { path, tenant, explicit, size });
        }
        let bytes = ingest::load_bytes(&path)?;
        let sha = ingest::sha256_hex(&bytes);
        if let Some(entry) = known.get(&(sha.as_str(), tenant.as_str())) {
            return Ok(Loaded::Known { message: already(&path, entry), size: bytes.len() as u64 });
        }
        let display = path.display().to_string();
        Ok(Loaded::Read(Box::new(read_whole(&display, bytes, &tenant, explicit, &options, read_options.clone()))))
    };
    ingest::parallel::map_in_order(files, ingest::parallel::threads(), load, |loaded| -> anyhow::Result<()> {
        match loaded? {
            Loaded::Known { message, size } => {
                bar.inc(size);
                if !quiet {
                    bar.suspend(|| output::message(&message));
                }
            }
            Loaded::Huge { path, tenant, explicit, size } => {
                bar.set_message(path.display().to_string());
                let sha = ingest::stream::sha256_file(&path)?;
                if let Some(entry) = known.get(&(sha.as_str(), tenant.as_str())) {
                    if !quiet {
                        bar.suspend(|| output::message(&already(&path, entry)));
                    }
                    bar.inc(size);
                    return Ok(());
                }
                let display = path.display().to_string();
                let source = StreamSource { path: &path, display: &display, sha: &sha, tenant: &tenant };
                let streamed = stream(&store, &source, &options, read_options.clone(), args.stream_batch_kib)?;
                bar.inc(size);
                let file = match streamed {
                    Streamed::File(file) => file,
                    Streamed::Failed(report) => {
                        if !quiet {
                            bar.suspend(|| output::message(&summary_line(&report)));
                        }
                        errors += 1;
                        return Ok(());
                    }
                    Streamed::NotStreamable => {
                        // Not a Seat Usage CSV in a streaming encoding: read it whole.
                        let bytes = ingest::load_bytes(&path)?;
                        let file = read_whole(&display, bytes, &tenant, explicit, &options, read_options.clone());
                        take(file, &mut batch, &mut errors, &mut rejected, &bar, quiet);
                        return Ok(());
                    }
                };
                if !quiet {
                    bar.suspend(|| output::message(&summary_line(&file.report)));
                }
                rejected += file.report.rejected();
                batch.streamed.push(*file);
            }
            Loaded::Read(file) => {
                bar.inc(file.bytes.len() as u64);
                take(*file, &mut batch, &mut errors, &mut rejected, &bar, quiet);
                if batch.files.len() - compacted >= COMPACT_EVERY {
                    compact(&mut batch.files[compacted..])?;
                    compacted = batch.files.len();
                }
            }
        }
        Ok(())
    })?;
    compact(&mut batch.files[compacted..])?;
    bar.finish_and_clear();
    let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let outcome = store::ingest(&store, batch, &now)?;
    if !quiet {
        say(&outcome, &root);
    }
    if errors > 0 {
        bail!("{errors} input files could not be read (see above); the others were ingested");
    }
    if args.input.strict && rejected > 0 {
        output::message(&format!("{rejected} rows rejected and --strict is set"));
        return Ok(Exit::Failed);
    }
    Ok(Exit::Success)
}

/// A file as a reading thread leaves it.
enum Loaded {
    /// Already in the store: the message saying so.
    Known {
        message: String,
        size: u64,
    },
    /// At least `--stream-mb`: streamed by the thread that writes the store.
    Huge {
        path: PathBuf,
        tenant: String,
        explicit: bool,
        size: u64,
    },
    Read(Box<BatchFile>),
}

/// Reads a file's bytes whole into what the store keeps of it: report, raw bytes, frames and
/// the options they were read with.
fn read_whole(
    display: &str,
    bytes: Vec<u8>,
    tenant: &str,
    explicit: bool,
    options: &Options,
    read_options: store::manifest::ReadOptions,
) -> BatchFile {
    let (report, frames) = ingest::read_bytes(display, bytes.clone(), tenant, explicit, options);
    BatchFile { report, bytes, frames: frames.into_iter().collect(), options: read_options, ingested_at: None }
}

/// Adds a file read whole to the batch, or counts its error; says what was read.
fn take(file: BatchFile, batch: &mut Batch, errors: &mut usize, rejected: &mut usize, bar: &ProgressBar, quiet: bool) {
    if !quiet {
        bar.suspend(|| output::message(&summary_line(&file.report)));
    }
    if file.report.error.is_some() {
        *errors += 1;
    } else if !file.report.parts.is_empty() {
        *rejected += file.report.rejected();
        batch.files.push(file);
    }
}

/// Files read before their frames are compacted ([`compact`]).
const COMPACT_EVERY: usize = 256;

/// Gives a run of files' frames one shared, compact buffer per table: each file keeps a
/// zero-copy slice of it. A small file's frame otherwise holds buffers far larger than its rows
/// (kilobytes for a few strings), which for 30,000 one-machine scans came to gigabytes.
fn compact(files: &mut [BatchFile]) -> anyhow::Result<()> {
    let tables: std::collections::BTreeSet<crate::model::Table> =
        files.iter().flat_map(|f| f.frames.keys().copied()).collect();
    for table in tables {
        let mut stacked: Option<polars::prelude::DataFrame> = None;
        let mut spans = Vec::new();
        for (index, file) in files.iter().enumerate() {
            let Some(frame) = file.frames.get(&table) else { continue };
            let offset = stacked.as_ref().map_or(0, polars::prelude::DataFrame::height);
            spans.push((index, offset, frame.height()));
            match &mut stacked {
                Some(rows) => {
                    rows.vstack_mut(frame)?;
                }
                None => stacked = Some(frame.clone()),
            }
        }
        let Some(mut stacked) = stacked else { continue };
        if spans.len() < 2 {
            continue;
        }
        stacked.rechunk_mut();
        for (index, offset, height) in spans {
            files[index].frames.insert(table, stacked.slice(i64::try_from(offset).unwrap_or(i64::MAX), height));
        }
    }
    Ok(())
}

fn already(path: &std::path::Path, entry: &Entry) -> String {
    format!(
        "{}: already in the store (ingested as {} on {}), nothing to do",
        path.display(),
        entry.original_path,
        entry.ingested_at.get(..10).unwrap_or(&entry.ingested_at)
    )
}

/// What streaming a file gave.
enum Streamed {
    File(Box<StreamedFile>),
    /// A file-level error: nothing staged is kept.
    Failed(ingest::FileReport),
    /// Not a Seat Usage CSV in a streaming encoding: read it whole.
    NotStreamable,
}

/// A file to stream: where it is, the name its rows carry, its hash and tenant.
struct StreamSource<'a> {
    path: &'a std::path::Path,
    display: &'a str,
    sha: &'a str,
    tenant: &'a str,
}

/// Reads a huge Seat Usage CSV in batches, staging its rows in the store as it goes.
fn stream(
    store: &Store,
    source: &StreamSource<'_>,
    options: &Options,
    read_options: store::manifest::ReadOptions,
    batch_kib: usize,
) -> anyhow::Result<Streamed> {
    let StreamSource { path, display, sha, tenant } = *source;
    let mut writer = PartWriter::new(store, tenant);
    let batch_bytes = batch_kib.max(1).saturating_mul(1024);
    let report = ingest::stream::read(path, display, sha, tenant, options, batch_bytes, |batch| {
        writer.write(batch.rows.as_ref(), &batch.rejects).map_err(|e| format!("writing the store: {e}"))
    })?;
    match report {
        None => {
            writer.discard()?;
            Ok(Streamed::NotStreamable)
        }
        Some(report) if report.error.is_some() => {
            writer.discard()?;
            Ok(Streamed::Failed(report))
        }
        Some(report) => {
            Ok(Streamed::File(Box::new(writer.finish(report, path.to_path_buf(), read_options, batch_kib)?)))
        }
    }
}

fn say(outcome: &IngestOutcome, root: &std::path::Path) {
    for (older, month, newer) in &outcome.replaced {
        output::message(&format!("{newer} replaces {older} for {month}"));
    }
    if outcome.added.is_empty() {
        output::message("nothing new to ingest: the store is unchanged");
    } else {
        output::message(&format!(
            "ingested {} file{} into {} ({} partition{} written)",
            outcome.added.len(),
            if outcome.added.len() == 1 { "" } else { "s" },
            root.display(),
            outcome.partitions_written,
            if outcome.partitions_written == 1 { "" } else { "s" },
        ));
    }
}

fn rebuild(store: &Store, quiet: bool) -> anyhow::Result<Exit> {
    let reread = |entry: &Entry| -> Result<Reread, StoreError> {
        let texts = ReadTexts { synonyms: entry.options.synonyms.clone(), catalog: entry.options.catalog.clone() };
        let origin = Some(format!("options recorded for {}", entry.original_path));
        let invalid = |e: anyhow::Error| StoreError::Invalid(e.to_string());
        let options = Options {
            synonyms: texts.synonyms(origin.clone()).map_err(invalid)?,
            catalog: texts.catalog(origin).map_err(invalid)?,
            kind: entry.options.kind,
            tenant: Some(entry.tenant.clone()),
            date_order: entry.options.date_order,
            max_workbook_bytes: crate::ingest::DEFAULT_MAX_WORKBOOK_MB * 1_048_576,
            stream_bytes: u64::MAX,
        };
        let raw = store.root().join(&entry.raw);
        let failed = |error: &str| StoreError::Invalid(format!("{} (raw {}): {error}", entry.original_path, entry.raw));
        if let Some(batch_kib) = entry.streamed_batch_kib {
            let mut options = options;
            options.kind = Some(crate::model::InputKind::SeatUsage);
            let source =
                StreamSource { path: &raw, display: &entry.original_path, sha: &entry.sha256, tenant: &entry.tenant };
            let result = stream(store, &source, &options, entry.options.clone(), batch_kib)
                .map_err(|e| StoreError::Invalid(e.to_string()))?;
            let file = match result {
                Streamed::File(file) => file,
                Streamed::Failed(report) => return Err(failed(report.error.as_deref().unwrap_or("unreadable"))),
                Streamed::NotStreamable => return Err(failed("no longer reads as a Seat Usage CSV")),
            };
            return Ok(Reread::Streamed(*file));
        }
        let bytes = fs_err::read(&raw)?;
        let file = read_whole(&entry.original_path, bytes, &entry.tenant, true, &options, entry.options.clone());
        if let Some(error) = &file.report.error {
            return Err(failed(error));
        }
        Ok(Reread::Whole(file))
    };
    let outcome = store::rebuild(store, reread)?;
    if !quiet {
        output::message(&format!(
            "rebuilt {} file{} from raw: {} partition{} written",
            outcome.added.len(),
            if outcome.added.len() == 1 { "" } else { "s" },
            outcome.partitions_written,
            if outcome.partitions_written == 1 { "" } else { "s" },
        ));
    }
    Ok(Exit::Success)
}
