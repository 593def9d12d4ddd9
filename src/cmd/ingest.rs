//! `adsk-audit ingest`: files → store.

use std::io::IsTerminal as _;
use std::path::PathBuf;

use anyhow::{Context as _, bail};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::{Exit, ReadTexts, check_tenant, options, summary_line};
use crate::cli::IngestArgs;
use crate::ingest::{self, Options};
use crate::output;
use crate::store::{self, Batch, BatchFile, Entry, IngestOutcome, Store, StoreError};

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
    for (path, tenant, explicit) in files {
        check_tenant(&tenant).with_context(|| format!("tenant of {}", path.display()))?;
        bar.set_message(path.display().to_string());
        let bytes = ingest::load_bytes(&path)?;
        bar.inc(bytes.len() as u64);
        let sha = ingest::sha256_hex(&bytes);
        if let Some(entry) = manifest.find(&sha, &tenant) {
            if !quiet {
                output::message(&format!(
                    "{}: already in the store (ingested as {} on {}), nothing to do",
                    path.display(),
                    entry.original_path,
                    entry.ingested_at.get(..10).unwrap_or(&entry.ingested_at)
                ));
            }
            continue;
        }
        let display = path.display().to_string();
        let (report, frames) = ingest::read_bytes(&display, bytes.clone(), &tenant, explicit, &options);
        if !quiet {
            bar.suspend(|| output::message(&summary_line(&report)));
        }
        if report.error.is_some() {
            errors += 1;
            continue;
        }
        if report.parts.is_empty() {
            continue;
        }
        rejected += report.rejected();
        batch.files.push(BatchFile {
            report,
            bytes,
            frames: frames.into_iter().collect(),
            options: read_options.clone(),
            ingested_at: None,
        });
    }
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
    let reread = |entry: &Entry| -> Result<BatchFile, StoreError> {
        let bytes = fs_err::read(store.root().join(&entry.raw))?;
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
        };
        let (report, frames) = ingest::read_bytes(&entry.original_path, bytes.clone(), &entry.tenant, true, &options);
        if let Some(error) = &report.error {
            return Err(StoreError::Invalid(format!("{} (raw {}): {error}", entry.original_path, entry.raw)));
        }
        Ok(BatchFile {
            report,
            bytes,
            frames: frames.into_iter().collect(),
            options: entry.options.clone(),
            ingested_at: None,
        })
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
