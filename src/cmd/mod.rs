//! One module per subcommand, and what they share: reading inputs with the per-file summary.

pub mod ingest;
pub mod inspect;
pub mod query;
pub mod reconcile;
pub mod scan;

use anyhow::{Context as _, bail};

use crate::catalog::Catalog;
use crate::cli::InputArgs;
use crate::ingest::{FileReport, Inputs, Options, read_paths};
use crate::normalize::synonyms::Synonyms;
use crate::output;

/// How a command ended, when it did its job.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Exit 0.
    Success,
    /// Exit 1: the run finished but `--strict` rejects or `--fail-on` findings matched.
    Failed,
}

/// Checks a tenant name: it becomes a folder name in the store.
pub fn check_tenant(tenant: &str) -> anyhow::Result<()> {
    Ok(crate::store::check_tenant(tenant)?)
}

/// The reading options of a command line, and the `--synonyms` and `--catalog` texts (kept in
/// the store's manifest so that `--rebuild` reads files the same way).
pub fn options(args: &InputArgs) -> anyhow::Result<(Options, ReadTexts)> {
    if let Some(tenant) = &args.tenant {
        check_tenant(tenant)?;
    }
    let texts = ReadTexts {
        synonyms: args.synonyms.as_ref().map(fs_err::read_to_string).transpose()?,
        catalog: args.catalog.as_ref().map(fs_err::read_to_string).transpose()?,
    };
    let options = Options {
        synonyms: texts.synonyms(args.synonyms.as_ref().map(|p| p.display().to_string()))?,
        catalog: texts.catalog(args.catalog.as_ref().map(|p| p.display().to_string()))?,
        kind: args.kind,
        tenant: args.tenant.clone(),
        date_order: args.date_order,
        max_workbook_bytes: args.max_workbook_mb.saturating_mul(1_048_576),
        stream_bytes: args.stream_mb.saturating_mul(1_048_576),
    };
    Ok((options, texts))
}

/// User extension files' texts.
#[derive(Debug, Clone, Default)]
pub struct ReadTexts {
    pub synonyms: Option<String>,
    pub catalog: Option<String>,
}

impl ReadTexts {
    /// The built-in synonyms extended by the user's, `origin` naming them in errors.
    pub fn synonyms(&self, origin: Option<String>) -> anyhow::Result<Synonyms> {
        let mut synonyms = Synonyms::built_in()?;
        if let Some(text) = &self.synonyms {
            synonyms.extend(&origin.unwrap_or_else(|| "recorded synonyms".into()), text)?;
        }
        Ok(synonyms)
    }

    /// The built-in catalog extended by the user's.
    pub fn catalog(&self, origin: Option<String>) -> anyhow::Result<Catalog> {
        let mut catalog = Catalog::built_in()?;
        if let Some(text) = &self.catalog {
            let origin = origin.unwrap_or_else(|| "recorded catalog".into());
            catalog.extend_families(&origin, text)?;
            catalog.extend_offerings(&origin, text)?;
        }
        Ok(catalog)
    }
}

/// The tables' source for an analytical command: the PATHs given, else the store for the tenant
/// as of `month`; then loads them, printing the per-file summary and failing on unreadable files.
pub fn load_source(
    input: &InputArgs,
    store: &crate::cli::StoreArgs,
    month: Option<String>,
    options: &Options,
    quiet: bool,
) -> anyhow::Result<crate::source::Loaded> {
    use crate::source::{Source, load};
    let source = if input.paths.is_empty() {
        let root = ingest::store_root(store.store.as_ref())?;
        Source::Store { root, selection: crate::store::StoreSelection { tenant: input.tenant.clone(), month } }
    } else {
        Source::Paths { paths: input.paths.clone(), options: options.clone() }
    };
    let loaded = load(&source)?;
    if !quiet {
        for file in &loaded.files {
            output::message(&summary_line(file));
        }
    }
    if loaded.files.iter().any(|f| f.error.is_some()) {
        bail!("some input files could not be read (see above)");
    }
    Ok(loaded)
}

/// Reads the inputs named on the command line and prints a summary line per file on stderr.
pub fn read_inputs(args: &InputArgs, quiet: bool) -> anyhow::Result<Inputs> {
    let (options, _) = options(args)?;
    let inputs = read_paths(&args.paths, &options).map_err(anyhow::Error::msg).context("reading inputs")?;
    if !quiet {
        for file in &inputs.files {
            output::message(&summary_line(file));
        }
    }
    Ok(inputs)
}

/// `path: kind · 12 read, 11 accepted, 1 rejected, 0 skipped, 1 unknown column kept`.
pub fn summary_line(file: &FileReport) -> String {
    if let Some(error) = &file.error {
        return format!("error: {}: {}", file.path, error.lines().next().unwrap_or(""));
    }
    if let Some(reason) = &file.skipped {
        return format!("{}: passed over: {reason}", file.path);
    }
    let mut kinds: Vec<&str> = file.parts.iter().map(|p| p.kind.name()).collect();
    kinds.dedup();
    let unknown: usize = file.parts.iter().map(|p| p.unknown_columns.len()).sum();
    format!(
        "{}: {} · {} read, {} accepted, {} rejected, {} skipped, {} unknown column{} kept",
        file.path,
        kinds.join("+"),
        file.rows_read(),
        file.accepted(),
        file.rejected(),
        file.skipped_rows(),
        unknown,
        if unknown == 1 { "" } else { "s" },
    )
}

/// Turns file errors and strict rejects into the command's outcome.
pub fn finish(inputs: &Inputs, strict: bool) -> anyhow::Result<Exit> {
    let failed = inputs.files.iter().filter(|f| f.error.is_some()).count();
    if failed > 0 {
        bail!("{failed} of {} input files could not be read (see above)", inputs.files.len());
    }
    if strict && inputs.rejected() > 0 {
        output::message(&format!("{} rows rejected and --strict is set", inputs.rejected()));
        return Ok(Exit::Failed);
    }
    Ok(Exit::Success)
}
