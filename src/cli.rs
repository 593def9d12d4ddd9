//! The command line (clap derive). Structs only: no I/O here.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::model::{InputKind, Table};
use crate::normalize::dates::DateOrder;

/// Reconcile Autodesk Account seats and usage with workstation licensing and the directory.
///
/// Reads Autodesk Account exports (Usage Report, Seat Usage, Users, Subscriptions, By product
/// pages) and directory exports, detects each file's kind by its content, and normalizes
/// everything into canonical tables.
#[derive(Debug, Parser)]
#[command(name = "adsk-audit", version, propagate_version = true, max_term_width = 100)]
#[command(
    after_long_help = "Examples:\n  adsk-audit inspect examples/\n  adsk-audit inspect exports/usage.csv --format json"
)]
pub struct Cli {
    /// Print no per-file summaries on stderr.
    #[arg(short, long, global = true)]
    pub quiet: bool,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    Inspect(InspectArgs),
    /// Ingest files into the store, idempotent by content hash [not available yet]
    ///
    /// Planned: adsk-audit ingest PATH... [--store DIR] [--tenant T] [--month YYYY-MM]
    Ingest(PlannedArgs),
    /// Evaluate every finding rule [not available yet]
    ///
    /// Planned: adsk-audit reconcile [PATH...] [--store DIR] [--as-of DATE|--month YYYY-MM]
    /// [--policy FILE] [--format table|csv|json|xlsx] [-o FILE] [--fail-on SEVERITY]
    Reconcile(PlannedArgs),
    /// Write the monthly compliance report (HTML + Markdown) [not available yet]
    ///
    /// Planned: adsk-audit report [PATH...] [--store DIR] [--month YYYY-MM] -o DIR
    Report(PlannedArgs),
    /// Run SQL or a named query over the canonical tables [not available yet]
    ///
    /// Planned: adsk-audit query SQL|NAME|FILE.sql [PATH...] [--store DIR] [--format …]
    Query(PlannedArgs),
    /// Collect one workstation's licensing state [not available yet]
    ///
    /// Planned: adsk-audit scan [--root DIR] [--helper-json FILE] [-o FILE]
    Scan(PlannedArgs),
    /// Write per-machine scripts and bulk-assign CSVs [not available yet]
    ///
    /// Planned: adsk-audit remediate [PATH...] [--store DIR] -o DIR
    Remediate(PlannedArgs),
    /// Pull usage from the Autodesk Reporting API into the store [not available yet]
    ///
    /// Planned: adsk-audit pull --tenant T [--since DATE] [--until DATE]
    Pull(PlannedArgs),
    /// Sign in to the Autodesk Reporting API [not available yet]
    ///
    /// Planned: adsk-audit auth login|status|logout
    Auth(PlannedArgs),
}

impl Command {
    /// The subcommand's name as typed.
    pub fn name(&self) -> &'static str {
        match self {
            Command::Inspect(_) => "inspect",
            Command::Ingest(_) => "ingest",
            Command::Reconcile(_) => "reconcile",
            Command::Report(_) => "report",
            Command::Query(_) => "query",
            Command::Scan(_) => "scan",
            Command::Remediate(_) => "remediate",
            Command::Pull(_) => "pull",
            Command::Auth(_) => "auth",
        }
    }
}

/// How input files are read; shared by every command that reads files.
#[derive(Debug, Args, Clone)]
pub struct InputArgs {
    /// Files or folders (read recursively; hidden files skipped).
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Read every file as this kind instead of detecting it.
    #[arg(long, value_enum)]
    pub kind: Option<InputKind>,

    /// Tenant name for the rows read [default: the folder's name, or `default` for files].
    #[arg(long)]
    pub tenant: Option<String>,

    /// Day/month order of slashed dates (03/04/2026), when the data cannot tell.
    #[arg(long, value_enum)]
    pub date_order: Option<DateOrder>,

    /// Extra header synonyms: a TOML file laid out like the built-in table (see README).
    #[arg(long, value_name = "FILE")]
    pub synonyms: Option<PathBuf>,

    /// Exit 1 when any row is rejected.
    #[arg(long)]
    pub strict: bool,
}

/// How `inspect` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum InspectFormat {
    #[default]
    Text,
    Json,
}

/// Show what each input file is and how it reads: kind, header mapping, row and reject counts.
///
/// For each file (folders are read recursively): the detected kind and its confidence, each
/// header and the canonical column it maps to, unknown columns (kept in `extra`), rows read,
/// accepted, rejected and skipped, and the first rejects with line, column, value and reason.
/// Files in a folder that are not a recognised input are listed as passed over; a named file
/// that cannot be read is an error (exit 2).
#[derive(Debug, Args)]
#[command(
    after_long_help = "Examples:\n  adsk-audit inspect examples/northwind\n  adsk-audit inspect usage.xlsx --format json\n  adsk-audit inspect by-product.html --table assignments\n  adsk-audit inspect exports/ --rejects rejects.csv --strict"
)]
pub struct InspectArgs {
    #[command(flatten)]
    pub input: InputArgs,

    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: InspectFormat,

    /// Print this canonical table as CSV instead of the inspection.
    #[arg(long, value_enum, value_name = "TABLE")]
    pub table: Option<Table>,

    /// Write every rejected row (file, line, column, value, reason) to this CSV.
    #[arg(long, value_name = "FILE")]
    pub rejects: Option<PathBuf>,

    /// How many rejects to show per file in text output.
    #[arg(long, default_value_t = 5, value_name = "N")]
    pub show_rejects: usize,
}

/// Not available yet in this version (see README › Status).
#[derive(Debug, Args)]
pub struct PlannedArgs {
    /// Arguments of the planned command.
    #[arg(trailing_var_arg = true, allow_hyphen_values = true, hide = true)]
    pub args: Vec<String>,
}
